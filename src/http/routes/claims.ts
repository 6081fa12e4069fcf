import { z } from 'zod';
import type { App } from '../app.js';
import { id, idParams, pageOf, pageQuery } from '../../fields.js';
import * as evidence from '../../evidence/index.js';
import {
  buildLedger, claimLedgerFields, claimTopics, fileClaims, ledgerClaim, ledgerSchema, ledgerTopic, ruleOnClaim, rulingBody, rulingRow, rulingsOf,
  setClaimLedgerFields, topicCreate, topicFilters, topicRow, unfileClaim,
} from '../../claims/index.js';
import { Unauthorized } from '../../problems.js';
import { localiseLedger } from '../../messages/index.js';
import { requestLanguage } from '../language.js';

type TopicRow = z.infer<typeof topicRow>;
// The store is generic over resources (rows as records); the response schema re-checks the shape.
const asTopic = (r: Record<string, unknown>) => r as TopicRow;

/**
 * The claims ledger: topics (what claims are about), claims filed under them with conflicts side by
 * side and comparisons with computed findings, and reviewers' rulings with reasons.
 */
export default async function claimRoutes(app: App): Promise<void> {
  const tags = ['claims ledger'];

  app.get('/api/ledger', {
    schema: {
      tags, summary: 'The claims ledger: topics, claims, conflicts, rulings and comparisons with findings', operationId: 'ledger',
      querystring: z.object({ caseId: id.optional(), topicId: id.optional() }), response: { 200: ledgerSchema },
    },
  }, async (req) => localiseLedger(await buildLedger(app.db, req.actor, req.query), () => requestLanguage(req)));

  const listQuery = pageQuery.extend(topicFilters.shape);
  app.get('/api/claim-topics', {
    schema: {
      tags, summary: 'List claim topics', operationId: 'list_claim_topics', querystring: listQuery,
      response: { 200: pageOf(topicRow) },
    },
  }, async (req) => {
    const { q, limit, offset, sort, ...filters } = req.query;
    const page = await evidence.list(app.db, req.actor, claimTopics, { q, limit, offset, sort, filters });
    return { ...page, data: page.data.map(asTopic) };
  });

  app.get('/api/claim-topics/:id', {
    schema: { tags, summary: 'One topic with its claims, conflicts and comparison', operationId: 'get_claim_topics', params: idParams, response: { 200: ledgerTopic } },
  }, async (req) => localiseLedger((await buildLedger(app.db, req.actor, { topicId: req.params.id })).topics[0]!, () => requestLanguage(req)));

  app.post('/api/claim-topics', {
    schema: { tags, summary: 'Create a claim topic', operationId: 'create_claim_topics', body: topicCreate, response: { 201: topicRow } },
  }, async (req, reply) => {
    if (!req.actor) throw new Unauthorized();
    return reply.status(201).send(asTopic(await evidence.create(app.db, req.actor, claimTopics, req.body)));
  });

  app.patch('/api/claim-topics/:id', {
    schema: { tags, summary: 'Change a claim topic', operationId: 'update_claim_topics', params: idParams, body: topicCreate.partial(), response: { 200: topicRow } },
  }, async (req) => {
    if (!req.actor) throw new Unauthorized();
    return asTopic(await evidence.update(app.db, req.actor, claimTopics, req.params.id, req.body));
  });

  app.delete('/api/claim-topics/:id', {
    schema: { tags, summary: 'Delete a claim topic (unfile its claims first)', operationId: 'delete_claim_topics', params: idParams, response: { 204: z.null() } },
  }, async (req, reply) => {
    if (!req.actor) throw new Unauthorized();
    await evidence.remove(app.db, req.actor, claimTopics, req.params.id);
    return reply.status(204).send(null);
  });

  app.post('/api/claim-topics/:id/claims', {
    schema: {
      tags, summary: 'File claims under a topic (moving them from any other)', operationId: 'file_claims', params: idParams,
      body: z.object({ claimIds: z.array(id).min(1).max(1000) }), response: { 200: ledgerTopic },
    },
  }, async (req) => {
    if (!req.actor) throw new Unauthorized();
    await fileClaims(app.db, req.actor, req.params.id, req.body.claimIds);
    return localiseLedger((await buildLedger(app.db, req.actor, { topicId: req.params.id })).topics[0]!, () => requestLanguage(req));
  });

  app.delete('/api/claim-topics/:id/claims/:claimId', {
    schema: { tags, summary: 'Take a claim out of a topic', operationId: 'unfile_claim', params: z.object({ id, claimId: id }), response: { 204: z.null() } },
  }, async (req, reply) => {
    if (!req.actor) throw new Unauthorized();
    await unfileClaim(app.db, req.actor, req.params.id, req.params.claimId);
    return reply.status(204).send(null);
  });

  app.patch('/api/claims/:id/ledger', {
    schema: {
      tags, summary: "Set a claim's topic, how precisely its date is known, and its statement in the ledger's words", operationId: 'claim_ledger_fields', params: idParams,
      body: claimLedgerFields, response: { 200: ledgerClaim },
    },
  }, async (req) => {
    if (!req.actor) throw new Unauthorized();
    return setClaimLedgerFields(app.db, req.actor, req.params.id, req.body);
  });

  app.post('/api/claims/:id/rulings', {
    config: { permission: 'review' },
    schema: {
      tags, summary: 'Rule on a claim: corroborated, disputed, refuted or back to unverified, with a reason (reviewers and admins)', operationId: 'rule_on_claim',
      params: idParams, body: rulingBody, response: { 201: rulingRow },
    },
  }, async (req, reply) => reply.status(201).send(await ruleOnClaim(app.db, req.actor, req.params.id, req.body)));

  app.get('/api/claims/:id/rulings', {
    schema: { tags, summary: 'Every ruling on a claim, in order', operationId: 'claim_rulings', params: idParams, response: { 200: z.object({ data: z.array(rulingRow) }) } },
  }, async (req) => ({ data: await rulingsOf(app.db, req.actor, req.params.id) }));
}
