import { z } from 'zod';
import type { App } from '../app.js';
import { id, idParams, isoDate } from '../../fields.js';
import * as evidence from '../../evidence/index.js';
import { acceptBody, acceptCandidate, candidateRow, ingestReport, listCandidates, proposeCandidates, readReport, rejectCandidate } from '../../claims/index.js';
import { readSingleFile } from '../multipart.js';
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
    const sourceId = await ingestReport(app.db, req.actor, { source: meta, text });
    return reply.status(201).send({ sourceId, candidates: await listCandidates(app.db, req.actor, sourceId) });
  });

  app.post('/api/ingest/file', {
    schema: {
      tags, operationId: 'ingest_file', consumes: ['multipart/form-data'],
      summary: 'Ingest a report file (multipart: "file" = .html, .pdf or .txt; optional title, kind, publishedOn = YYYY-MM-DD or "unknown" when the file does not say)',
      response: { 201: z.object({ sourceId: id, candidates: z.array(candidateRow) }) },
    },
  }, async (req, reply) => {
    if (!req.actor) throw new Unauthorized();
    const { file, fields } = await readSingleFile(req);
    const report = await readReport(file.content, file.name, null);
    // The page's own date, else the one sent; never guessed from the text.
    const given = fields.publishedOn === 'unknown' ? null : fields.publishedOn;
    const publishedOn = given !== undefined && given !== '' ? given : report.meta.publishedOn;
    if (publishedOn === undefined || (publishedOn === null && fields.publishedOn !== 'unknown')) {
      throw new ValidationProblem([{ field: 'publishedOn', message: 'the file gives no publication date: send publishedOn as YYYY-MM-DD, or "unknown"' }]);
    }
    const language = report.meta.language?.toLowerCase().match(/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/)?.[0] ?? null;
    const parsed = ingestBody.omit({ text: true }).safeParse({
      title: fields.title || report.meta.title || file.name, kind: fields.kind || undefined, publishedOn,
      publisher: report.meta.publisher, author: report.meta.author, language, url: report.meta.url?.match(/^https?:\/\//i) ? report.meta.url : null,
    });
    if (!parsed.success) throw new ValidationProblem(parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'form', message: i.message })));
    const sourceId = await ingestReport(app.db, req.actor, { source: parsed.data, text: report.text, file });
    return reply.status(201).send({ sourceId, candidates: await listCandidates(app.db, req.actor, sourceId) });
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
