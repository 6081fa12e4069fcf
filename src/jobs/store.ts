import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import type pg from 'pg';
import { sql } from 'kysely';
import { poolOf, type DB } from '../db/index.js';
import { canSeeJob, type Actor } from '../access/index.js';
import { NotFound } from '../problems.js';

/** The job as the API shows it (`GET /api/jobs/:id`). */
export type JobState = 'queued' | 'running' | 'succeeded' | 'failed';
export interface JobProblem {
  title: string;
  detail: string;
  status?: number;
  errors?: unknown;
}
export interface Job {
  id: string;
  kind: string;
  ownerId: string;
  state: JobState;
  input: Record<string, unknown>;
  progress: Record<string, unknown> | null;
  result: unknown;
  problem: JobProblem | null;
  attempts: number;
  /** The app server (host:pid) that runs or last ran it. */
  runner: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** Uploads are stored in chunks of this size: streamed in and out, never whole in memory. */
const CHUNK_BYTES = 1024 * 1024;

export function jobUrl(id: string): string {
  return `/api/jobs/${id}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function loadJob(db: DB, id: string): Promise<Job | null> {
  if (!UUID.test(id)) return null;
  const row = await db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
  return (row as Job | undefined) ?? null;
}

/** A job the actor may see; any other (another user's, or none) is the same 404. */
export async function getJob(db: DB, actor: Actor | null, id: string, kind?: string): Promise<Job> {
  const job = await loadJob(db, id);
  if (!job || !canSeeJob(actor, job.ownerId) || (kind !== undefined && job.kind !== kind)) throw new NotFound('job', id);
  return job;
}

/** Writes one uploaded stream into `job_files` on the transaction's connection. */
export async function storeFile(client: pg.PoolClient, jobId: string, field: string, fileName: string, stream: Readable): Promise<number> {
  let seq = 0;
  let size = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const flush = async (all: boolean) => {
    while (pendingBytes >= CHUNK_BYTES || (all && pendingBytes > 0)) {
      const whole = Buffer.concat(pending);
      const chunk = whole.subarray(0, CHUNK_BYTES);
      const rest = whole.subarray(chunk.length);
      pending = rest.length ? [rest] : [];
      pendingBytes = rest.length;
      await client.query('INSERT INTO job_files (job_id, field, file_name, seq, chunk) VALUES ($1, $2, $3, $4, $5)', [jobId, field, fileName, seq++, chunk]);
    }
  };
  for await (const data of stream) {
    const b = data as Buffer;
    pending.push(b);
    pendingBytes += b.length;
    size += b.length;
    if (pendingBytes >= CHUNK_BYTES) await flush(false);
  }
  await flush(true);
  // An empty upload is still a file (the importer reports it as empty).
  if (seq === 0) await client.query('INSERT INTO job_files (job_id, field, file_name, seq, chunk) VALUES ($1, $2, $3, 0, $4)', [jobId, field, fileName, Buffer.alloc(0)]);
  return size;
}

/** A client's file name reduced to something safe to use as a name in our own temporary directory. */
export function safeName(fileName: string): string {
  return path.basename(fileName).replace(/[^\w.-]+/g, '_').replace(/^\.+/, '').slice(0, 200) || 'upload';
}

/**
 * One stored chunk, or null past the last. Read in text mode (bytea as hex, decoded by pg): pg's
 * binary result mode decodes every field as UTF-8 text, so bytes that are not UTF-8 (any photo,
 * XLSX or bundle) came back replaced by U+FFFD.
 */
async function readChunk(pool: pg.Pool, jobId: string, field: string, seq: number): Promise<Buffer | null> {
  const r = await pool.query<{ chunk: Buffer }>('SELECT chunk FROM job_files WHERE job_id = $1 AND field = $2 AND seq = $3', [jobId, field, seq]);
  return r.rows[0]?.chunk ?? null;
}

/**
 * Copies the files stored for `jobId` into `dir` (one chunk at a time) and returns each field's
 * path and the name it was uploaded under.
 */
export async function fetchFiles(db: DB, jobId: string, dir: string): Promise<Record<string, { path: string; fileName: string }>> {
  const pool = poolOf(db);
  const fields = await pool.query<{ field: string; file_name: string }>('SELECT DISTINCT field, file_name FROM job_files WHERE job_id = $1', [jobId]);
  const out: Record<string, { path: string; fileName: string }> = {};
  for (const { field, file_name } of fields.rows) {
    const target = path.join(dir, safeName(file_name));
    const fd = await fs.promises.open(target, 'w', 0o600);
    try {
      for (let seq = 0; ; seq++) {
        const chunk = await readChunk(pool, jobId, field, seq);
        if (!chunk) break;
        await fd.write(chunk);
      }
    } finally {
      await fd.close();
    }
    out[field] = { path: target, fileName: file_name };
  }
  return out;
}

/**
 * Stores a file a job made (a bundle or a PDF to download) under `field`, in one transaction that
 * first drops what an earlier, interrupted attempt stored there. Keep it with `keepFiles`.
 */
export async function saveOutputFile(db: DB, jobId: string, field: string, fileName: string, stream: Readable): Promise<number> {
  const client = await poolOf(db).connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    await client.query('DELETE FROM job_files WHERE job_id = $1 AND field = $2', [jobId, field]);
    const size = await storeFile(client, jobId, field, fileName, stream);
    await client.query('COMMIT');
    return size;
  } catch (e) {
    await client.query('ROLLBACK').catch((r: Error) => (broken = r));
    throw e;
  } finally {
    client.release(broken);
  }
}

/** A job's stored file as a stream read one chunk at a time (never whole in memory), or null. */
export async function openJobFile(db: DB, jobId: string, field: string): Promise<{ fileName: string; size: number; stream: Readable } | null> {
  const pool = poolOf(db);
  const head = await pool.query<{ file_name: string; size: string; chunks: number }>(
    'SELECT min(file_name) AS file_name, sum(length(chunk)) AS size, count(*)::int AS chunks FROM job_files WHERE job_id = $1 AND field = $2', [jobId, field]);
  const h = head.rows[0];
  if (!h || !h.chunks) return null;
  async function* chunks() {
    for (let seq = 0; seq < h!.chunks; seq++) {
      const chunk = await readChunk(pool, jobId, field, seq);
      if (!chunk) throw new Error(`job ${jobId}: chunk ${seq} of ${field} is missing`);
      yield chunk;
    }
  }
  return { fileName: h.file_name, size: Number(h.size), stream: Readable.from(chunks(), { objectMode: false }) };
}

export async function dropFiles(db: DB, jobId: string): Promise<void> {
  await db.deleteFrom('jobFiles').where('jobId', '=', jobId).execute();
}

/** Records progress while the job runs (a late write after the job ended changes nothing). */
export async function saveProgress(db: DB, id: string, progress: Record<string, unknown>): Promise<void> {
  await db.updateTable('jobs')
    .set({ progress: JSON.stringify(progress), updatedAt: sql`now()` })
    .where('id', '=', id).where('state', '=', 'running').execute();
}

/** Ends a job; its uploaded files go in the same transaction unless a later job still needs them. */
export async function finishJob(db: DB, id: string, outcome: { result: unknown } | { problem: JobProblem }, keepFiles = false): Promise<void> {
  const done = 'result' in outcome;
  await db.transaction().execute(async (trx) => {
    if (!keepFiles) await dropFiles(trx, id);
    await trx.updateTable('jobs')
      .set({
        state: done ? 'succeeded' : 'failed',
        result: done ? JSON.stringify(outcome.result ?? null) : null,
        problem: done ? null : JSON.stringify(outcome.problem),
        finishedAt: sql`now()`,
        updatedAt: sql`now()`,
      })
      .where('id', '=', id).execute();
  });
}

/** Back in the queue after an interrupted attempt (pg-boss will deliver it again). */
export async function requeueJob(db: DB, id: string, problem: JobProblem): Promise<void> {
  await db.updateTable('jobs')
    .set({ state: 'queued', problem: JSON.stringify(problem), updatedAt: sql`now()` })
    .where('id', '=', id).where('state', 'in', ['queued', 'running']).execute();
}

/** Jobs that ended more than `days` ago go, with any upload still stored for them (an import never committed). */
export async function expireJobs(db: DB, days: number): Promise<number> {
  const r = await db.deleteFrom('jobs').where('finishedAt', '<', sql<string>`now() - make_interval(days => ${days})`).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** The job as `GET /api/jobs/:id` answers it. */
export function jobView(job: Job) {
  return {
    id: job.id,
    url: jobUrl(job.id),
    kind: job.kind,
    state: job.state,
    progress: job.progress,
    result: job.result ?? null,
    problem: job.problem,
    attempts: job.attempts,
    runner: job.runner,
    createdAt: job.createdAt,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
  };
}
