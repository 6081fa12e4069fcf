import { z } from 'zod';
import type { App } from '../app.js';
import { id, idParams } from '../../fields.js';
import { Readable } from 'node:stream';
import { acceptBody, acceptCandidate, candidateRow, ingestReport, ingestReportFile, checkReportFile, INGEST_FILE_JOB, INLINE_REPORT_BYTES, listCandidates, proposeCandidates, rejectCandidate, reportSource, runIngestFileJob } from '../../claims/index.js';
import * as jobs from '../../jobs/index.js';
import { jobSchema } from './jobs.js';
import { readSingleFile } from '../multipart.js';
import { Unauthorized, ValidationProblem } from '../../problems.js';
import { localiseNotes } from '../../messages/index.js';
import { requestLanguage } from '../language.js';

/** A pasted report: the text and what the page says about it. The publication date is asked for, never guessed: null says "unknown". */
const ingestBody = reportSource.extend({
  text: z.string().max(5_000_000, 'may be at most 5,000,000 characters'),
});

/**
 * Reading reports for the claims ledger (issue 21): a pasted report becomes a source with its
 * text (hashed by the database) and candidate claims; an analyst accepts (a claim, status
 * unverified), edits then accepts, or rejects each. The candidates' conflicts and comparisons
 * are the ledger's (`GET /api/ledger`), computed once on the server.
 */
export default async function ingestRoutes(app: App): Promise<void> {
  const tags = ['reading reports'];
  // The candidates' notes in the reader's language (issue 24); this plugin's routes only, and only answers with notes look the language up.
  app.addHook('preSerialization', async (req, _reply, payload) => localiseNotes(payload, () => requestLanguage(req)));

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

  jobs.defineJob(INGEST_FILE_JOB, (ctx) => runIngestFileJob(app.db, ctx));

  app.post('/api/ingest/file', {
    schema: {
      tags, operationId: 'ingest_file', consumes: ['multipart/form-data'],
      summary: 'Ingest a report file (multipart: "file" = .html, .pdf or .txt; optional title, kind, publishedOn = YYYY-MM-DD or "unknown" when the file does not say). Up to 128 KB: read at once (201); larger: read by a job (202; its result is {sourceId})',
      response: { 201: z.object({ sourceId: id, candidates: z.array(candidateRow) }), 202: jobSchema },
    },
  }, async (req, reply) => {
    if (!req.actor) throw new Unauthorized();
    const { file, fields } = await readSingleFile(req);
    if (file.content.byteLength <= INLINE_REPORT_BYTES) {
      const sourceId = await ingestReportFile(app.db, req.actor, file, fields);
      return reply.status(201).send({ sourceId, candidates: await listCandidates(app.db, req.actor, sourceId) });
    }
    // Refused before a job is queued: an empty file or one that is not a report by its content.
    await checkReportFile(file);
    const draft = await jobs.draftJob(app.db, INGEST_FILE_JOB, req.actor);
    try {
      await draft.addFile('file', jobs.safeName(file.name || 'report'), Readable.from([file.content]));
      const job = await draft.commit({ fields });
      return reply.status(202).header('location', jobs.jobUrl(job.id)).send(jobs.jobView(job));
    } catch (e) {
      await draft.abort();
      throw e;
    }
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
