import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { z } from 'zod';
import type { DB } from '../db/index.js';
import type { Actor } from '../access/index.js';
import { assertCanWrite } from '../access/index.js';
import { recordWrite, audited } from '../audit/index.js';
import * as evidence from '../evidence/index.js';
import { Conflict, NotFound, ValidationProblem } from '../problems.js';
import { readFile } from 'node:fs/promises';
import type { JobContext } from '../jobs/index.js';
import { isoDate } from '../fields.js';
import { extractClaims, readReport, type Candidate } from './extract/index.js';
import { saidWindow } from './values.js';

/**
 * A report goes in as a source; its candidate claims are stored with a state. The extractor is
 * pure (./extract); this file keeps its proposals per source, so that re-running it adds only
 * what is new (a rejected candidate stays rejected), and turns an accepted one into a claim
 * linked to the source (status unverified). Access follows the source: who may read the source
 * reads its candidates; who may change the source decides on them.
 */
export const candidateState = z.enum(['pending', 'accepted', 'rejected']);
export const candidateProposal = z.object({
  kind: z.enum(['quantity', 'statement']),
  quantity: z.number().nullable(), quantityQualifier: z.string().nullable(), quantityKind: z.string().nullable(),
  figure: z.object({ text: z.string(), start: z.number(), end: z.number() }).nullable(),
  speaker: z.string().nullable(), speakerOrg: z.string().nullable(), dateSaid: z.string().nullable(),
  weapon: z.string().nullable(), place: z.string().nullable(), eventDate: z.string().nullable(),
  confidence: z.number(), notes: z.array(z.string()),
});
export const candidateRow = z.object({
  id: z.string(), sourceId: z.string(), start: z.number(), end: z.number(), text: z.string(),
  state: candidateState, claimId: z.string().nullable(), proposal: candidateProposal,
  decidedAt: z.string().nullable(),
});
export type CandidateRow = z.infer<typeof candidateRow>;

/** What an analyst may change before accepting; absent fields keep the proposal. */
export const acceptBody = z.object({
  speaker: z.string().max(500).nullish(), speakerOrganisation: z.string().max(500).nullish(),
  quantity: z.number().min(0).max(1e12).nullish(), quantityQualifier: evidence.schemas.quantityQualifier.nullish(),
  countsWhat: z.string().max(500).nullish(), weaponType: z.string().max(200).nullish(), place: z.string().max(500).nullish(),
  saidOn: evidence.schemas.claimCreate.shape.saidOn, saidOnPrecision: evidence.schemas.saidOnPrecision.optional(),
});

/** Same span, same figure, same words counted: the same proposal, whatever its other fields. */
function fingerprint(c: Candidate): string {
  return createHash('sha256').update(JSON.stringify([c.start, c.end, c.quantity, c.quantityKind, c.figure?.start ?? null])).digest('hex').slice(0, 32);
}

async function readableSource(db: DB, actor: Actor | null, sourceId: string) {
  return evidence.get(db, actor, evidence.sources, sourceId) as Promise<{ id: string; fullText: string | null; publishedOn: string | null; publisher?: string | null; createdBy: string; visibility: 'public' | 'internal' | 'restricted' }>;
}

/** A report's source fields as sent with pasted text or a file: the publication date is asked for, never guessed (null: "unknown"). */
export const reportSource = z.object({
  title: z.string().trim().min(1, 'must not be empty').max(1000),
  kind: evidence.schemas.sourceKind.default('news_report'),
  publishedOn: isoDate.nullable(),
  publisher: z.string().max(500).nullish(),
  author: z.string().max(500).nullish(),
  language: evidence.schemas.sourceCreate.shape.language,
  url: evidence.schemas.sourceCreate.shape.url,
});

/**
 * Files up to this size are read while the request waits; larger ones go to a job
 * (`INGEST_FILE_JOB`). Extraction costs some 45 µs a word on a loaded machine (bench/claims.ts:
 * 92 ms for 2,034 words), so 128 KB of plain text (some 20,000 words) is about a second; a page or
 * PDF of this size holds less text than its bytes.
 */
export const INLINE_REPORT_BYTES = 128 * 1024;
export const INGEST_FILE_JOB = 'claims-ingest-file';

/** Refuses, before any parsing, a file whose content is not a PDF or text (HTML is text): an image or archive renamed .pdf/.html. */
export async function checkReportFile(file: { content: Buffer; name: string }): Promise<void> {
  if (file.content.byteLength === 0) throw new ValidationProblem([{ field: 'file', message: 'is empty' }]);
  const type = await evidence.sniffMediaType(file.content);
  if (type !== 'application/pdf' && type !== 'text/plain') {
    throw new ValidationProblem([{ field: 'file', message: `${type ? `is ${type}` : 'is not a PDF, HTML page or text file'} by its content; send a PDF, a saved HTML page or plain text` }]);
  }
}

/**
 * A report file (.html, .pdf, .txt) becomes a source: its text and metadata read from the file,
 * the form's fields (title, kind, publishedOn = YYYY-MM-DD or "unknown") over the page's own. A
 * file that gives no publication date needs one sent, or "unknown". Used by the upload route and its job.
 */
export async function ingestReportFile(db: DB, actor: Actor, file: { content: Buffer; name: string }, fields: Record<string, string>, progress?: (phase: string) => void): Promise<string> {
  await checkReportFile(file);
  progress?.('reading');
  const report = await readReport(file.content, file.name, null);
  const given = fields.publishedOn === 'unknown' ? null : fields.publishedOn;
  const publishedOn = given !== undefined && given !== '' ? given : report.meta.publishedOn;
  if (publishedOn === undefined || (publishedOn === null && fields.publishedOn !== 'unknown')) {
    throw new ValidationProblem([{ field: 'publishedOn', message: 'the file gives no publication date: send publishedOn as YYYY-MM-DD, or "unknown"' }]);
  }
  const language = report.meta.language?.toLowerCase().match(/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/)?.[0] ?? null;
  const parsed = reportSource.safeParse({
    title: fields.title || report.meta.title || file.name, kind: fields.kind || undefined, publishedOn,
    publisher: report.meta.publisher, author: report.meta.author, language, url: report.meta.url?.match(/^https?:\/\//i) ? report.meta.url : null,
  });
  if (!parsed.success) throw new ValidationProblem(parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'form', message: i.message })));
  progress?.('extracting');
  return ingestReport(db, actor, { source: parsed.data, text: report.text, file });
}

/** The job behind a large upload: the same reading as inline, with its phase as progress; its result is `{sourceId}`. */
export async function runIngestFileJob(db: DB, ctx: JobContext): Promise<{ sourceId: string }> {
  const files = await ctx.files();
  const f = files.file;
  if (!f) throw new ValidationProblem([{ field: 'file', message: 'is required' }]);
  const fields = (ctx.input.fields ?? {}) as Record<string, string>;
  const sourceId = await ingestReportFile(db, ctx.actor, { content: await readFile(f.path), name: f.fileName }, fields, (phase) => ctx.progress({ phase }));
  return { sourceId };
}

export interface ReportInput {
  /** The source's fields (title, kind, publishedOn, publisher…), validated by the caller's schema. */
  source: Record<string, unknown>;
  text: string;
  /** The original file, kept as an evidence file linked to the source. */
  file?: { content: Buffer; name: string };
}

/**
 * A report becomes a source with its text (hashed by the database) and, for a file, the original
 * kept as a hashed evidence file; then its candidates are proposed. Inputs are checked before
 * anything is written; if keeping the file fails, the new source is removed again.
 */
export async function ingestReport(db: DB, actor: Actor, input: ReportInput): Promise<string> {
  if (input.file && !(await evidence.sniffMediaType(input.file.content))) {
    throw new ValidationProblem([{ field: 'file', message: 'this type of file cannot be kept as evidence; send a PDF, a saved HTML page or plain text' }]);
  }
  const fileSha256 = input.file ? evidence.sha256Hex(input.file.content) : undefined;
  const source = await evidence.create(db, actor, evidence.sources, { ...input.source, fullText: input.text, ...(fileSha256 ? { fileSha256 } : {}) }) as { id: string };
  if (input.file) {
    try {
      await evidence.storeFile(db, actor, { content: input.file.content, originalName: input.file.name, link: { field: 'sourceId', id: source.id }, slot: 'document' });
    } catch (err) {
      await evidence.remove(db, actor, evidence.sources, source.id);
      throw err;
    }
  }
  await proposeCandidates(db, actor, source.id);
  return source.id;
}

/** Runs the extractor over the source's stored text and keeps every proposal not seen before. Returns how many were new. */
export async function proposeCandidates(db: DB, actor: Actor, sourceId: string): Promise<number> {
  const source = await readableSource(db, actor, sourceId);
  assertCanWrite(actor, 'update', { createdBy: source.createdBy, visibility: source.visibility });
  if (!source.fullText) return 0;
  const found = await extractClaims(source.fullText, { published: source.publishedOn, publisher: source.publisher ?? null });
  if (found.length === 0) return 0;
  return audited(db, async (trx) => {
    const rows = found.map((c) => {
      const { text: _t, start, end, ...proposal } = c;
      return { sourceId, spanStart: start, spanEnd: end, fingerprint: fingerprint(c), proposal: JSON.stringify(proposal) };
    });
    const inserted = await trx.insertInto('claimCandidates').values(rows).onConflict((oc) => oc.columns(['sourceId', 'fingerprint']).doNothing()).returning('id').execute();
    if (inserted.length) await recordWrite(trx, { actorId: actor.id, action: 'propose', recordType: 'source', recordId: sourceId, after: { candidates: inserted.length } });
    return inserted.length;
  });
}

export async function listCandidates(db: DB, actor: Actor | null, sourceId: string): Promise<CandidateRow[]> {
  const source = await readableSource(db, actor, sourceId);
  const rows = await db.selectFrom('claimCandidates').selectAll().where('sourceId', '=', sourceId).orderBy('spanStart').orderBy('createdAt').execute();
  return rows.map((r) => toRow(r, source.fullText ?? ''));
}

// Rows from selectAll and returningAll alike, whose generated types say string and any JSON for the
// state and proposal this module wrote (candidateRow, the response schema, describes them): read as they are.
/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-argument */
function toRow(r: Record<string, any>, text: string): CandidateRow {
  return {
    id: r.id, sourceId: r.sourceId, start: r.spanStart, end: r.spanEnd, text: text.slice(r.spanStart, r.spanEnd),
    state: r.state, claimId: r.claimId ?? null, proposal: r.proposal, decidedAt: r.decidedAt ?? null,
  };
}
/* eslint-enable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-argument */

async function pendingCandidate(db: DB, actor: Actor, id: string) {
  const row = await db.selectFrom('claimCandidates').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFound('candidate claim', id);
  const source = await readableSource(db, actor, row.sourceId);
  assertCanWrite(actor, 'update', { createdBy: source.createdBy, visibility: source.visibility });
  if (row.state !== 'pending') throw new Conflict(`this candidate was already ${row.state}`);
  return { row, source };
}

/** A YYYY, YYYY-MM or YYYY-MM-DD date as the ledger's window and precision (saidWindow is the one home of the rule). */
function window(d: string | null): { from: string | null; to: string | null; precision: 'day' | 'month' | 'year' | null } {
  if (!d) return { from: null, to: null, precision: null };
  const precision = d.length === 4 ? 'year' : d.length === 7 ? 'month' : 'day';
  const w = saidWindow(precision === 'year' ? `${d}-01-01` : precision === 'month' ? `${d}-01` : d, precision)!;
  return { ...w, precision };
}

/** Accepts a candidate (with the analyst's edits): a claim linked to the source, status unverified. */
export async function acceptCandidate(db: DB, actor: Actor, id: string, edits: z.infer<typeof acceptBody>): Promise<{ candidate: CandidateRow; claimId: string }> {
  const { row, source } = await pendingCandidate(db, actor, id);
  const p = row.proposal as z.infer<typeof candidateProposal>;
  const said = window(p.dateSaid);
  const event = window(p.eventDate);
  const input: Record<string, unknown> = {
    sourceId: row.sourceId,
    speaker: p.speaker, speakerOrganisation: p.speakerOrg,
    saidOn: said.from, ...(said.precision ? { saidOnPrecision: said.precision } : {}),
    quantity: p.quantity, quantityQualifier: p.quantity === null ? null : p.quantityQualifier,
    countsWhat: p.quantityKind, weaponType: p.weapon, place: p.place, eventFrom: event.from, eventTo: event.to,
    ...Object.fromEntries(Object.entries(edits).filter(([, v]) => v !== undefined)),
  };
  const claim = await evidence.create(db, actor, evidence.claims, evidence.schemas.claimCreate.parse(input)) as { id: string };
  const updated = await db.updateTable('claimCandidates').set({ state: 'accepted', claimId: claim.id, decidedBy: actor.id, decidedAt: sql`now()` })
    .where('id', '=', id).where('state', '=', 'pending').returningAll().executeTakeFirst();
  if (!updated) throw new Conflict('this candidate was decided meanwhile');
  return { candidate: toRow(updated, source.fullText ?? ''), claimId: claim.id };
}

export async function rejectCandidate(db: DB, actor: Actor, id: string): Promise<CandidateRow> {
  const { source } = await pendingCandidate(db, actor, id);
  return audited(db, async (trx) => {
    const updated = await trx.updateTable('claimCandidates').set({ state: 'rejected', decidedBy: actor.id, decidedAt: sql`now()` })
      .where('id', '=', id).where('state', '=', 'pending').returningAll().executeTakeFirst();
    if (!updated) throw new Conflict('this candidate was decided meanwhile');
    await recordWrite(trx, { actorId: actor.id, action: 'reject', recordType: 'claim_candidate', recordId: id, before: { state: 'pending' }, after: { state: 'rejected' } });
    return toRow(updated, source.fullText ?? '');
  });
}
