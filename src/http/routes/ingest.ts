import { z } from 'zod';
import type { App } from '../app.js';
import { id, idParams, isoDate } from '../../fields.js';
import * as evidence from '../../evidence/index.js';
import { acceptBody, acceptCandidate, candidateRow, listCandidates, proposeCandidates, rejectCandidate } from '../../claims/ingest.js';
import { Unauthorized, ValidationProblem } from '../../problems.js';

/** A pasted report: the text and what the page says about it. The publication date is asked for, never guessed: null says "unknown". */
const ingestBody = z.object({
  title: z.string().trim().min(1, 'must not be empty').max(1000),
  text: z.string().max(5_000_000, 'may be at most 5,000,000 characters'),
  kind: evidence.schemas.sourceKind.default('news_report'),
  publishedOn: isoDate.nullable(),
  publisher: z.string().max(500).nullish(),
  author: z.string().max(500).nullish(),
  language: evidence.schemas.sourceCreate.shape.language,
  url: evidence.schemas.sourceCreate.shape.url,
});

/**
 * Reading reports for the claims ledger (issue 21): a pasted report becomes a source with its
 * text (hashed by the database) and candidate claims; an analyst accepts (a claim, status
 * unverified), edits then accepts, or rejects each. The candidates' conflicts and comparisons
 * are the ledger's (`GET /api/ledger`), computed once on the server.
 */
export default async function ingestRoutes(app: App): Promise<void> {
  const tags = ['reading reports'];

  app.post('/api/ingest/text', {
    schema: {
      tags, summary: 'Ingest a pasted report: a source with its text, and its candidate claims', operationId: 'ingest_text', body: ingestBody,
      response: { 201: z.object({ sourceId: id, candidates: z.array(candidateRow) }) },
    },
  }, async (req, reply) => {
    if (!req.actor) throw new Unauthorized();
    const { text, ...meta } = req.body;
    if (!/\p{L}/u.test(text)) throw new ValidationProblem([{ field: 'text', message: 'no text found' }]);
    const source = await evidence.create(app.db, req.actor, evidence.sources, { ...meta, fullText: text }) as { id: string };
    await proposeCandidates(app.db, req.actor, source.id);
    return reply.status(201).send({ sourceId: source.id, candidates: await listCandidates(app.db, req.actor, source.id) });
  });

  // Signed-in readers only: candidates quote the source's full text, which the public's redacted view may not show.
  app.get('/api/sources/:id/candidates', {
    config: { permission: 'read' },
    schema: { tags, summary: "A source's candidate claims with their state", operationId: 'list_source_candidates', params: idParams, response: { 200: z.array(candidateRow) } },
  }, async (req) => listCandidates(app.db, req.actor, req.params.id));

  app.post('/api/sources/:id/candidates', {
    schema: {
      tags, summary: "Re-read the source's text: new candidates are added, decided ones stay as decided", operationId: 'propose_source_candidates',
      params: idParams, response: { 200: z.object({ added: z.number(), candidates: z.array(candidateRow) }) },
    },
  }, async (req) => {
    if (!req.actor) throw new Unauthorized();
    const added = await proposeCandidates(app.db, req.actor, req.params.id);
    return { added, candidates: await listCandidates(app.db, req.actor, req.params.id) };
  });

  app.post('/api/claim-candidates/:id/accept', {
    schema: {
      tags, summary: 'Accept a candidate, with edits: a claim linked to the source, status unverified', operationId: 'accept_candidate',
      params: idParams, body: acceptBody, response: { 200: z.object({ candidate: candidateRow, claimId: id }) },
    },
  }, async (req) => {
    if (!req.actor) throw new Unauthorized();
    return acceptCandidate(app.db, req.actor, req.params.id, req.body);
  });

  app.post('/api/claim-candidates/:id/reject', {
    schema: { tags, summary: 'Reject a candidate; re-reading the source will not bring it back', operationId: 'reject_candidate', params: idParams, response: { 200: candidateRow } },
  }, async (req) => {
    if (!req.actor) throw new Unauthorized();
    return rejectCandidate(app.db, req.actor, req.params.id);
  });
}
