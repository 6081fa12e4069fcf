import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { DB } from '../db/index.js';
import type { Actor } from '../access/index.js';
import { Conflict, NotFound, Problem } from '../problems.js';
import { importFile, type ImportOptions, type ImportPhase, type ImportReport } from './import.js';
import type { RowProblem } from './validate.js';

/**
 * Import jobs for the web app: an upload is dry-run in the background, the client polls its
 * progress and problems, then asks to commit (which re-reads the file and commits all or nothing).
 * Jobs live in this process's memory with their uploaded file in a temporary directory; a restart
 * forgets them (the client uploads again), and they expire after a day.
 */
export type JobState = 'validating' | 'ready' | 'invalid' | 'committing' | 'committed' | 'failed';

export interface ImportJob {
  id: string;
  ownerId: string;
  state: JobState;
  phase: ImportPhase | null;
  fileName: string;
  rowsRead: number;
  bytesRead: number;
  bytesTotal: number | null;
  report: ImportReport | null;
  error: { title: string; detail: string; errors?: unknown } | null;
  createdAt: string;
  /** Not serialised: where the upload sits and how to re-run it. */
  file: string;
  options: Omit<ImportOptions, 'file' | 'dryRun' | 'onProgress'>;
}

const jobs = new Map<string, ImportJob>();
const TTL_MS = 24 * 3600 * 1000;

export async function uploadDir(): Promise<string> {
  const dir = path.join(os.tmpdir(), 'remnant-imports');
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  return dir;
}

async function sweep(): Promise<void> {
  const now = Date.now();
  for (const j of jobs.values()) {
    if (now - Date.parse(j.createdAt) > TTL_MS && j.state !== 'validating' && j.state !== 'committing') {
      jobs.delete(j.id);
      await fs.rm(path.dirname(j.file), { recursive: true, force: true });
    }
  }
  // Uploads a previous process left behind (it was restarted before they expired).
  const dir = await uploadDir();
  for (const name of await fs.readdir(dir)) {
    if (jobs.has(name)) continue;
    const stat = await fs.stat(path.join(dir, name)).catch(() => null);
    if (stat && now - stat.mtimeMs > TTL_MS) await fs.rm(path.join(dir, name), { recursive: true, force: true });
  }
}

function describeError(e: unknown): ImportJob['error'] {
  if (e instanceof Problem) return { title: e.title, detail: e.detail, errors: (e.extra as { errors?: unknown }).errors };
  return { title: 'Import failed', detail: e instanceof Error ? e.message : String(e) };
}

function run(db: DB, actor: Actor, job: ImportJob, dryRun: boolean): void {
  job.state = dryRun ? 'validating' : 'committing';
  void importFile(db, actor, {
    ...job.options,
    file: job.file,
    fileName: job.fileName,
    dryRun,
    onProgress: (p) => {
      job.phase = p.phase;
      job.rowsRead = p.rowsRead;
      job.bytesRead = p.bytesRead;
      job.bytesTotal = p.bytesTotal;
    },
  }).then(
    async (report) => {
      job.report = report;
      if (dryRun) job.state = report.errors > 0 || report.rowsRead === 0 ? 'invalid' : 'ready';
      else {
        job.state = report.committed ? 'committed' : 'invalid';
        if (report.committed) await fs.rm(path.dirname(job.file), { recursive: true, force: true });
      }
    },
    (e: unknown) => {
      job.state = 'failed';
      job.error = describeError(e);
    },
  );
}

/** Starts the dry run of an uploaded file (already written to `file`, inside its own directory). */
export function startJob(db: DB, actor: Actor, file: string, fileName: string, options: ImportJob['options']): ImportJob {
  void sweep().catch(() => {});
  const job: ImportJob = {
    id: path.basename(path.dirname(file)),
    ownerId: actor.id,
    state: 'validating',
    phase: null,
    fileName,
    rowsRead: 0,
    bytesRead: 0,
    bytesTotal: null,
    report: null,
    error: null,
    createdAt: new Date().toISOString(),
    file,
    options,
  };
  jobs.set(job.id, job);
  run(db, actor, job, true);
  return job;
}

export async function newJobFile(fileName: string): Promise<string> {
  const dir = path.join(await uploadDir(), randomUUID());
  await fs.mkdir(dir, { mode: 0o700 });
  // The client's name is only shown, never used as a path.
  const ext = /\.xlsx$/i.test(fileName) ? '.xlsx' : '.csv';
  return path.join(dir, `upload${ext}`);
}

export function getJob(actor: Actor | null, id: string): ImportJob {
  const job = jobs.get(id);
  // Another user's job does not exist, as far as this one can tell.
  if (!job || !actor || (job.ownerId !== actor.id && actor.role !== 'admin')) throw new NotFound('import', id);
  return job;
}

export function commitJob(db: DB, actor: Actor, id: string): ImportJob {
  const job = getJob(actor, id);
  if (job.state === 'committed') return job;
  if (job.state !== 'ready') {
    const why = job.state === 'invalid' ? `the dry run found ${job.report?.errors ?? 0} errors; fix the file and upload it again` : `the import is ${job.state}`;
    throw new Conflict(`cannot commit: ${why}`);
  }
  run(db, actor, job, false);
  return job;
}

export async function discardJob(actor: Actor | null, id: string): Promise<void> {
  const job = getJob(actor, id);
  if (job.state === 'validating' || job.state === 'committing') throw new Conflict(`the import is ${job.state}; wait until it ends`);
  jobs.delete(id);
  await fs.rm(path.dirname(job.file), { recursive: true, force: true });
}

/** The job as the API shows it: at most `limit` problems (errors first). */
export function jobView(job: ImportJob) {
  const r = job.report;
  return {
    id: job.id,
    state: job.state,
    phase: job.phase,
    fileName: job.fileName,
    resource: r?.resource ?? null,
    rowsRead: r?.rowsRead ?? job.rowsRead,
    rowsTotal: null as number | null,
    bytesRead: job.bytesRead,
    bytesTotal: job.bytesTotal,
    mapping: r?.mapping ?? null,
    unmappedHeaders: r?.unmappedHeaders ?? [],
    errors: r?.errors ?? 0,
    warnings: r?.warnings ?? 0,
    problems: (r?.problems ?? []) as RowProblem[],
    problemsTruncated: r?.problemsTruncated ?? false,
    counts: r?.counts ?? null,
    committed: job.state === 'committed',
    error: job.error,
    createdAt: job.createdAt,
  };
}
