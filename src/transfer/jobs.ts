import { sql } from 'kysely';
import type { DB } from '../db/index.js';
import type { Actor } from '../access/index.js';
import * as jobs from '../jobs/index.js';
import { Conflict, ValidationProblem } from '../problems.js';
import { importFile, type ImportOptions, type ImportReport } from './import.js';

/**
 * Table imports started from the web app, as two jobs in PostgreSQL (src/jobs/): the upload is
 * stored and dry-run by a `table-import-check` job; the client follows its progress and problems,
 * then asks to commit, which queues a `table-import-commit` job that reads the same stored file and
 * commits all or nothing. Any app server runs them and reports them; a restart forgets nothing.
 * The import's id is the check job's. `remnant import` runs the same `importFile` in the foreground.
 */
export const CHECK_JOB = 'table-import-check';
export const COMMIT_JOB = 'table-import-commit';

export type ImportState = 'validating' | 'ready' | 'invalid' | 'committing' | 'committed' | 'failed';
/** What the upload route stores as the check job's input. */
export type ImportJobOptions = Omit<ImportOptions, 'file' | 'dryRun' | 'onProgress' | 'onProblem'> & { fileName: string };

function run(db: DB, dryRun: boolean) {
  return async (ctx: jobs.JobContext): Promise<ImportReport> => {
    const options = ctx.input.options as ImportJobOptions;
    const files = await ctx.files();
    if (!files.file) throw new ValidationProblem([{ field: 'file', message: 'the uploaded table is no longer stored; upload it again' }]);
    const report = await importFile(db, ctx.actor, {
      ...options,
      file: files.file.path,
      dryRun,
      onProgress: (p) => ctx.progress({ ...p }),
    });
    // Committed: the stored upload has done its work.
    if (report.committed && typeof ctx.input.filesOf === 'string') await jobs.dropFiles(db, ctx.input.filesOf);
    return report;
  };
}

/** Declares both kinds of job; the routes call it once per app. */
export function defineImportJobs(db: DB): void {
  jobs.defineJob(CHECK_JOB, run(db, true), { keepFiles: true });
  jobs.defineJob(COMMIT_JOB, run(db, false));
}

async function latestCommit(db: DB, checkId: string): Promise<jobs.Job | null> {
  const row = await db.selectFrom('jobs').selectAll()
    .where('kind', '=', COMMIT_JOB).where(sql<string>`input->>'checkJob'`, '=', checkId)
    .orderBy('createdAt', 'desc').limit(1).executeTakeFirst();
  return (row as jobs.Job | undefined) ?? null;
}

const working = (j: jobs.Job) => j.state === 'queued' || j.state === 'running';

/** The import's state, read from its two jobs (pure). */
export function importState(check: jobs.Job, commit: jobs.Job | null): ImportState {
  const current = commit ?? check;
  if (working(current)) return commit ? 'committing' : 'validating';
  if (current.state === 'failed') return 'failed';
  const report = current.result as ImportReport;
  if (commit) return report.committed ? 'committed' : 'invalid';
  return report.errors > 0 || report.rowsRead === 0 ? 'invalid' : 'ready';
}

/** The import as the API shows it: at most the first 1000 problems (errors first). */
export function importView(check: jobs.Job, commit: jobs.Job | null) {
  const current = commit ?? check;
  const options = check.input.options as ImportJobOptions;
  // While the commit runs, the dry run's report still describes the file.
  const report = (current.state === 'succeeded' ? current.result : check.state === 'succeeded' ? check.result : null) as ImportReport | null;
  const progress = (working(current) ? current.progress : null) as { phase?: string; rowsRead?: number; bytesRead?: number; bytesTotal?: number | null } | null;
  const state = importState(check, commit);
  return {
    id: check.id,
    jobUrl: jobs.jobUrl(current.id),
    state,
    phase: progress?.phase ?? (working(current) ? null : report ? 'done' : null),
    fileName: options.fileName,
    resource: report?.resource ?? null,
    rowsRead: progress?.rowsRead ?? report?.rowsRead ?? 0,
    rowsTotal: null as number | null,
    bytesRead: progress?.bytesRead ?? 0,
    bytesTotal: progress?.bytesTotal ?? null,
    mapping: report?.mapping ?? null,
    unmappedHeaders: report?.unmappedHeaders ?? [],
    errors: report?.errors ?? 0,
    warnings: report?.warnings ?? 0,
    problems: (report?.problems ?? []),
    problemsTruncated: report?.problemsTruncated ?? false,
    counts: report?.counts ?? null,
    committed: state === 'committed',
    error: current.state === 'failed' && current.problem
      ? { title: current.problem.title, detail: current.problem.detail, ...(current.problem.errors !== undefined ? { errors: current.problem.errors } : {}) }
      : null,
    createdAt: check.createdAt,
  };
}

export async function getImport(db: DB, actor: Actor | null, id: string) {
  const check = await jobs.getJob(db, actor, id, CHECK_JOB);
  return importView(check, await latestCommit(db, id));
}

export async function commitImport(db: DB, actor: Actor, id: string) {
  const check = await jobs.getJob(db, actor, id, CHECK_JOB);
  const commit = await latestCommit(db, id);
  const state = importState(check, commit);
  if (state === 'committed' || state === 'committing') return importView(check, commit);
  if (state !== 'ready') {
    const errors = (check.result as ImportReport | null)?.errors ?? 0;
    const why = state === 'invalid' ? `the dry run found ${errors} errors; fix the file and upload it again` : `the import is ${state}`;
    throw new Conflict(`cannot commit: ${why}`);
  }
  try {
    const next = await jobs.enqueue(db, COMMIT_JOB, actor, { options: check.input.options, filesOf: id, checkJob: id });
    return importView(check, next);
  } catch (e) {
    // Another request queued the commit first (jobs_one_commit_per_import): answer with that one.
    if ((e as { code?: string }).code !== '23505') throw e;
    return importView(check, await latestCommit(db, id));
  }
}

/** Drops the import, its jobs and its stored upload. */
export async function discardImport(db: DB, actor: Actor | null, id: string): Promise<void> {
  const check = await jobs.getJob(db, actor, id, CHECK_JOB);
  const state = importState(check, await latestCommit(db, id));
  if (state === 'validating' || state === 'committing') throw new Conflict(`the import is ${state}; wait until it ends`);
  await db.deleteFrom('jobs')
    .where((eb) => eb.or([eb('id', '=', id), eb.and([eb('kind', '=', COMMIT_JOB), eb(sql<string>`input->>'checkJob'`, '=', id)])]))
    .execute();
}
