import { z } from 'zod';
import type { App } from '../app.js';
import { idParams, pageOf, pageQuery } from '../../fields.js';
import * as evidence from '../../evidence/index.js';
import { readableHistory } from '../../access/index.js';
import { Unauthorized } from '../../problems.js';
import { localiseReferenceLabels } from '../../messages/index.js';
import { requestLanguage } from '../language.js';

/**
 * CRUD routes for every evidence resource, generated from its spec so that validation, OpenAPI and
 * behaviour stay identical across resources.
 */
export default async function evidenceRoutes(app: App): Promise<void> {
  for (const spec of evidence.RESOURCES) {
    const base = `/api/${spec.name}`;
    const tags = [spec.name];
    const filters = evidence.filterQuery[spec.name] ?? z.object({});
    const listQuery = pageQuery.extend(filters.shape);
    const pageSchema = pageOf(spec.row);
    // What a list or a record reads, for the public's ETag (src/http/public-cache.ts).
    const cacheTables = [spec.table, ...(spec.links ?? []).map((l) => l.table)].map((t) => t.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`));

    app.get(base, {
      config: { cacheTables },
      schema: { tags, summary: `List ${spec.name}`, operationId: `list_${spec.table}`, querystring: listQuery, response: { 200: pageSchema } },
    }, async (req) => {
      const { q, limit, offset, sort, cursor, ...rest } = req.query;
      return evidence.list(app.db, req.actor, spec, { q, limit, offset, sort, cursor, filters: rest });
    });

    app.get(`${base}/:id`, {
      config: { cacheTables },
      schema: { tags, summary: `Get one ${spec.singular}`, operationId: `get_${spec.table}`, params: idParams, response: { 200: spec.row } },
    }, async (req) => evidence.get(app.db, req.actor, spec, req.params.id));

    app.post(base, {
      schema: { tags, summary: `Create a ${spec.singular}`, operationId: `create_${spec.table}`, body: spec.create, response: { 201: spec.row } },
    }, async (req, reply) => {
      if (!req.actor) throw new Unauthorized();
      // Idempotency-Key (a client-made UUID) makes a retried offline sync return the same record.
      const row = await evidence.create(app.db, req.actor, spec, req.body, evidence.captureFromHeaders(req.headers));
      return reply.status(201).send(row);
    });

    app.patch(`${base}/:id`, {
      schema: { tags, summary: `Change a ${spec.singular}`, operationId: `update_${spec.table}`, params: idParams, body: spec.update, response: { 200: spec.row } },
    }, async (req) => {
      if (!req.actor) throw new Unauthorized();
      return evidence.update(app.db, req.actor, spec, req.params.id, req.body);
    });

    app.delete(`${base}/:id`, {
      schema: { tags, summary: `Delete a ${spec.singular}`, operationId: `delete_${spec.table}`, params: idParams, response: { 204: z.null() } },
    }, async (req, reply) => {
      if (!req.actor) throw new Unauthorized();
      await evidence.remove(app.db, req.actor, spec, req.params.id);
      return reply.status(204).send(null);
    });

    app.get(`${base}/:id/references`, {
      config: { permission: 'read' },
      schema: {
        tags, summary: `What still refers to one ${spec.singular} and would stop its deletion`, operationId: `references_${spec.table}`,
        params: idParams, response: { 200: evidence.referencesSchema },
      },
    }, async (req) => localiseReferenceLabels({ references: await evidence.referencesOf(app.db, req.actor, spec, req.params.id) }, () => requestLanguage(req)));

    app.get(`${base}/:id/history`, {
      config: { permission: 'read' },
      schema: {
        tags, summary: `Audit history of one ${spec.singular}`, operationId: `history_${spec.table}`, params: idParams,
        response: { 200: z.object({ data: z.array(z.object({ seq: z.number(), at: z.string(), actorId: z.string().nullable(), action: z.string(), before: z.unknown(), after: z.unknown(), hash: z.string() })) }) },
      },
    }, async (req) => {
      if (!req.actor) throw new Unauthorized();
      // A deleted record still has a history; it is as closed as the record was (src/access/history.ts).
      return { data: await readableHistory(app.db, req.actor, spec.name, req.params.id) };
    });
  }
}
