import { z } from 'zod';
import type { App } from '../app.js';
import { id, idParams, pageOf, pageQuery } from '../../fields.js';
import * as evidence from '../../evidence/index.js';
import { addMembers, caseCreate, caseFilters, caseRow, cases, memberKind, removeMember } from '../../cases/index.js';
import { Unauthorized } from '../../problems.js';
import { localiseReferenceLabels } from '../../messages/index.js';
import { requestLanguage } from '../language.js';

type CaseRow = z.infer<typeof caseRow>;
// The store is generic over resources (rows as records); the response schema re-checks the shape.
const asCase = (r: Record<string, unknown>) => r as CaseRow;

/** Cases (investigations): CRUD through the evidence store, plus adding and removing members. */
export default async function caseRoutes(app: App): Promise<void> {
  const tags = ['cases'];
  const listQuery = pageQuery.extend(caseFilters.shape);
  const pageSchema = pageOf(caseRow);
  const memberBody = caseCreate.pick({ incidentIds: true, itemIds: true, sourceIds: true, claimIds: true });

  app.get('/api/cases', {
    schema: { tags, summary: 'List cases', operationId: 'list_cases', querystring: listQuery, response: { 200: pageSchema } },
  }, async (req) => {
    const { q, limit, offset, sort, ...filters } = req.query;
    return (await evidence.list(app.db, req.actor, cases, { q, limit, offset, sort, filters })) as z.infer<typeof pageSchema>;
  });

  app.get('/api/cases/:id', {
    schema: { tags, summary: 'Get one case with its members', operationId: 'get_cases', params: idParams, response: { 200: caseRow } },
  }, async (req) => asCase(await evidence.get(app.db, req.actor, cases, req.params.id)));

  app.post('/api/cases', {
    schema: { tags, summary: 'Open a case', operationId: 'create_cases', body: caseCreate, response: { 201: caseRow } },
  }, async (req, reply) => {
    if (!req.actor) throw new Unauthorized();
    return reply.status(201).send(asCase(await evidence.create(app.db, req.actor, cases, req.body)));
  });

  app.patch('/api/cases/:id', {
    schema: {
      tags, summary: 'Change a case (member lists sent here replace the stored ones)', operationId: 'update_cases',
      params: idParams, body: caseCreate.partial(), response: { 200: caseRow },
    },
  }, async (req) => {
    if (!req.actor) throw new Unauthorized();
    return asCase(await evidence.update(app.db, req.actor, cases, req.params.id, req.body));
  });

  app.delete('/api/cases/:id', {
    schema: { tags, summary: 'Delete a case (its members stay)', operationId: 'delete_cases', params: idParams, response: { 204: z.null() } },
  }, async (req, reply) => {
    if (!req.actor) throw new Unauthorized();
    await evidence.remove(app.db, req.actor, cases, req.params.id);
    return reply.status(204).send(null);
  });

  app.get('/api/cases/:id/references', {
    config: { permission: 'read' },
    schema: { tags, summary: 'What still refers to one case and would stop its deletion', operationId: 'references_cases', params: idParams, response: { 200: evidence.referencesSchema } },
  }, async (req) => localiseReferenceLabels({ references: await evidence.referencesOf(app.db, req.actor, cases, req.params.id) }, () => requestLanguage(req)));

  app.post('/api/cases/:id/members', {
    schema: { tags, summary: 'Add incidents, items, sources or claims to a case', operationId: 'add_case_members', params: idParams, body: memberBody, response: { 200: caseRow } },
  }, async (req) => {
    if (!req.actor) throw new Unauthorized();
    return asCase(await addMembers(app.db, req.actor, req.params.id, req.body));
  });

  app.delete('/api/cases/:id/members/:kind/:memberId', {
    schema: {
      tags, summary: 'Take one record out of a case', operationId: 'remove_case_member',
      params: z.object({ id, kind: memberKind, memberId: id }), response: { 200: caseRow },
    },
  }, async (req) => {
    if (!req.actor) throw new Unauthorized();
    return asCase(await removeMember(app.db, req.actor, req.params.id, req.params.kind, req.params.memberId));
  });
}
