import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type pg from 'pg';
import type PgBoss from 'pg-boss';
import { sql, type NotNull } from 'kysely';
import { poolOf, type DB } from '../db/index.js';
import type { Actor, Role } from '../access/index.js';
import { Problem } from '../problems.js';
import { QUEUE, makeBoss, onClient } from './queue.js';
import { dropFiles, expireJobs, fetchFiles, finishJob, loadJob, requeueJob, saveProgress, storeFile, type Job, type JobProblem } from './store.js';

/**
 * Runs jobs on this app server and watches for jobs whose server died.
 *
 * While a job runs, its server holds a session advisory lock on it, on a connection of its own.
 * PostgreSQL drops that lock the moment the server's connections close — a crash, `kill -9`, a
 * lost machine — so any server's sweeper can tell a dead run from a slow one without heartbeats
 * or timeouts: a job marked running (or delivered) whose lock is free has lost its server. The
 * sweeper then fails that delivery in pg-boss, which retries it once elsewhere or fails it, and
 * the job's row says which. The work itself is one transaction, so an interrupted attempt leaves
 * nothing behind.
 */

export interface JobContext {
  id: string;
  input: Record<string, unknown>;
  /** The account that started the job, as it is now (its role may have changed). */
  actor: Actor;
  attempt: number;
  /** Reports progress; written at most every 250 ms (the last report always). */
  progress(p: Record<string, unknown>): void;
  /** The job's uploaded files (or those of `input.filesOf`), copied into a private directory. */
  files(): Promise<Record<string, { path: string; fileName: string }>>;
}
/** Returns the job's result (JSON). A thrown `Problem` fails the job with that problem; any other error is retried once. */
export type JobHandler = (ctx: JobContext) => Promise<unknown>;

interface JobKind {
  handler: JobHandler;
  /** Keep the job's uploaded files after it ends (a later job reads them through `input.filesOf`). */
  keepFiles: boolean;
}
const kinds = new Map<string, JobKind>();

/** Declares what a kind of job does; every server that may run such jobs declares it before starting its runner. */
export function defineJob(kind: string, handler: JobHandler, opts: { keepFiles?: boolean } = {}): void {
  kinds.set(kind, { handler, keepFiles: opts.keepFiles === true });
}

/** How long an ended job (its result, and an uncommitted import's upload) is kept. */
export const KEEP_DAYS = 7;

/** This server, as the `runner` column names it. */
const RUNNER_NAME = `${os.hostname()}:${process.pid}`.slice(0, 300);

/** Arbitrary constant: namespace of the per-job advisory locks (the other key is hashtext(job id)). */
const LOCK_NS = 7_235_071;

export interface RunnerOptions {
  /** Jobs this server runs at once. */
  concurrency?: number;
  /** How often to look for jobs whose server died. */
  sweepSeconds?: number;
}

export interface Runner {
  stop(): Promise<void>;
}

function describe(e: unknown): JobProblem {
  if (e instanceof Problem) return { title: e.title, detail: e.detail, status: e.status, ...((e.extra as { errors?: unknown }).errors !== undefined ? { errors: (e.extra as { errors?: unknown }).errors } : {}) };
  return { title: 'Job failed', detail: e instanceof Error ? e.message : String(e) };
}

async function loadActor(db: DB, id: string): Promise<Actor | null> {
  const u = await db.selectFrom('users').select(['id', 'username', 'role', 'disabled']).where('id', '=', id).executeTakeFirst();
  if (!u || u.disabled) return null;
  return { id: u.id, username: u.username, role: u.role as Role };
}

async function tryLock(client: pg.PoolClient, id: string): Promise<boolean> {
  const r = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, hashtext($2)) AS ok', [LOCK_NS, id]);
  return r.rows[0]!.ok;
}
async function unlock(client: pg.PoolClient, id: string): Promise<void> {
  await client.query('SELECT pg_advisory_unlock($1, hashtext($2))', [LOCK_NS, id]);
}

/** One delivery of a job by pg-boss to this server. */
async function runDelivery(db: DB, delivery: PgBoss.JobWithMetadata<{ jobId: string }>): Promise<void> {
  const id = delivery.data.jobId;
  const lock = await poolOf(db).connect();
  let broken: Error | undefined;
  try {
    // A sweeper holding the lock for a moment is waited for; a live run elsewhere (a duplicate
    // delivery after pg-boss's expiry) keeps it, and this delivery then leaves the job to it.
    await lock.query(`SET lock_timeout = '15s'`);
    let locked = true;
    try {
      await lock.query('SELECT pg_advisory_lock($1, hashtext($2))', [LOCK_NS, id]);
    } catch {
      locked = false;
    }
    // The connection goes back to the pool: it must not keep this session's timeout.
    await lock.query('RESET lock_timeout');
    if (!locked) return;
    try {
      await runLocked(db, id, delivery);
    } finally {
      await unlock(lock, id).catch((e: Error) => (broken = e));
    }
  } finally {
    lock.release(broken);
  }
}

async function runLocked(db: DB, id: string, delivery: PgBoss.JobWithMetadata<{ jobId: string }>): Promise<void> {
  const job = await loadJob(db, id);
  // Gone (discarded) or already ended (an earlier attempt finished but pg-boss was not told).
  if (!job || job.state === 'succeeded' || job.state === 'failed') return;
  await db.updateTable('jobs')
    .set({ state: 'running', attempts: sql`attempts + 1`, startedAt: sql`now()`, updatedAt: sql`now()`, queueId: delivery.id, runner: RUNNER_NAME })
    .where('id', '=', id).execute();
  const actor = await loadActor(db, job.ownerId);
  const kind = kinds.get(job.kind);
  if (!actor || !kind) {
    await finishJob(db, id, { problem: actor ? { title: 'Job failed', detail: `no server knows how to run a "${job.kind}" job` } : { title: 'Forbidden', status: 403, detail: 'the account that started this job is disabled' } });
    return;
  }
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'remnant-job-'));
  let last: Record<string, unknown> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let writing: Promise<void> = Promise.resolve();
  const write = () => {
    timer = null;
    const p = last;
    if (p) writing = writing.then(() => saveProgress(db, id, p)).catch(() => {});
  };
  const ctx: JobContext = {
    id,
    input: job.input,
    actor,
    attempt: job.attempts + 1,
    progress(p) {
      last = p;
      if (!timer) timer = setTimeout(write, 250);
    },
    files: () => fetchFiles(db, typeof job.input.filesOf === 'string' ? job.input.filesOf : id, dir),
  };
  try {
    const result = await kind.handler(ctx);
    if (timer) clearTimeout(timer);
    write();
    await writing;
    await finishJob(db, id, { result }, kind.keepFiles);
  } catch (e) {
    if (timer) clearTimeout(timer);
    write();
    await writing;
    if (e instanceof Problem) {
      await finishJob(db, id, { problem: describe(e) }, kind.keepFiles);
    } else if (delivery.retryCount < delivery.retryLimit) {
      await requeueJob(db, id, { ...describe(e), detail: `${describe(e).detail} (it will run again)` });
      throw e;
    } else {
      await finishJob(db, id, { problem: describe(e) }, kind.keepFiles);
    }
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/**
 * One pass of the sweeper: every job that is queued or running, whose delivery pg-boss holds as
 * active, but whose lock is free, lost its server. A delivery younger than `graceSeconds` is left
 * alone: its server may not have taken the lock yet.
 */
export async function sweep(db: DB, graceSeconds = 5): Promise<number> {
  const boss = queueClient(db);
  const candidates = await db.selectFrom('jobs').select(['id', 'queueId']).where('state', 'in', ['queued', 'running']).where('queueId', 'is not', null).$narrowType<{ queueId: NotNull }>().execute();
  let swept = 0;
  for (const c of candidates) {
    const client = await poolOf(db).connect();
    try {
      if (!(await tryLock(client, c.id))) continue;
      try {
        const job = await loadJob(db, c.id);
        if (!job || (job.state !== 'queued' && job.state !== 'running')) continue;
        const delivery = await boss.getJobById(QUEUE, c.queueId);
        // Waiting for a server (first delivery or a retry): nothing is wrong.
        if (delivery && (delivery.state === 'created' || delivery.state === 'retry')) continue;
        if (delivery?.state === 'active') {
          if (Date.now() - new Date(delivery.startedOn).getTime() < graceSeconds * 1000) continue;
          await boss.fail(QUEUE, c.queueId, { message: 'the server running this job stopped' });
        }
        // Otherwise pg-boss has given up on it (a server stopping gracefully fails what it could
        // not finish) or no longer knows it: the row is all that is left to settle.
        const after = delivery?.state === 'active' ? await boss.getJobById(QUEUE, c.queueId) : delivery;
        const problem = { title: 'Interrupted', detail: 'the server running this job stopped' };
        if (after && (after.state === 'retry' || after.state === 'created')) await requeueJob(db, c.id, { ...problem, detail: `${problem.detail}; it will run again on another server` });
        else {
          await finishJob(db, c.id, { problem }, kinds.get(job.kind)?.keepFiles);
        }
        swept++;
      } finally {
        await unlock(client, c.id);
      }
    } finally {
      client.release();
    }
  }
  return swept;
}

/** Starts running jobs on this server (and sweeping) until `stop`. */
export async function startRunner(db: DB, opts: RunnerOptions = {}, log: (msg: string, extra?: object) => void = () => {}): Promise<Runner> {
  const boss = makeBoss(poolOf(db), { supervise: true });
  boss.on('error', (e: Error) => log('job queue error', { err: e.message }));
  await boss.start();
  const concurrency = opts.concurrency ?? 2;
  for (let i = 0; i < concurrency; i++) {
    await boss.work<{ jobId: string }>(QUEUE, { pollingIntervalSeconds: 1, batchSize: 1, includeMetadata: true }, async ([delivery]) => {
      if (delivery) await runDelivery(db, delivery);
    });
  }
  let sweeping: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    sweeping = sweep(db).then(
      (n) => n && log('jobs whose server stopped were sent back to the queue or failed', { count: n }),
      (e: Error) => log('job sweep failed', { err: e.message }),
    );
  }, (opts.sweepSeconds ?? 5) * 1000);
  timer.unref();
  // Ended jobs are kept a week (as pg-boss keeps its deliveries), then go with their uploads.
  const hourly = setInterval(() => {
    expireJobs(db, KEEP_DAYS).catch((e: Error) => log('job expiry failed', { err: e.message }));
  }, 3600_000);
  hourly.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      clearInterval(hourly);
      await sweeping;
      // Running jobs get time to finish; what is still running after that is retried elsewhere.
      await boss.stop({ graceful: true, wait: true, timeout: 20_000, close: false });
    },
  };
}

/**
 * A pg-boss that is never started: enough to send, look up and fail deliveries (pg-boss only
 * refuses `work` when stopped), so a server that runs no jobs can still queue them.
 */
const clients = new WeakMap<DB, PgBoss>();
export function queueClient(db: DB): PgBoss {
  let boss = clients.get(db);
  if (!boss) {
    boss = makeBoss(poolOf(db), { supervise: false });
    clients.set(db, boss);
  }
  return boss;
}

/**
 * A job being created: files are streamed into PostgreSQL inside one transaction, and the job is
 * queued in the same transaction at `commit` — an aborted upload or a bad form leaves nothing.
 */
export interface JobDraft {
  id: string;
  addFile(field: string, fileName: string, stream: Readable): Promise<number>;
  commit(input: Record<string, unknown>): Promise<Job>;
  abort(): Promise<void>;
}

export async function draftJob(db: DB, kind: string, owner: Actor): Promise<JobDraft> {
  const boss = queueClient(db);
  const client = await poolOf(db).connect();
  let open = true;
  let broken: Error | undefined;
  const end = async (how: 'COMMIT' | 'ROLLBACK') => {
    if (!open) return;
    open = false;
    try {
      await client.query(how);
    } catch (e) {
      broken = e as Error;
      throw e;
    } finally {
      client.release(broken);
    }
  };
  await client.query('BEGIN');
  const row = await client.query<{ id: string }>('INSERT INTO jobs (kind, owner_id) VALUES ($1, $2) RETURNING id', [kind, owner.id]);
  const id = row.rows[0]!.id;
  return {
    id,
    addFile: (field, fileName, stream) => storeFile(client, id, field, fileName, stream),
    commit: async (input) => {
      try {
        await client.query('UPDATE jobs SET input = $2 WHERE id = $1', [id, JSON.stringify(input)]);
        const queueId = await boss.send(QUEUE, { jobId: id }, { db: onClient(client) });
        await client.query('UPDATE jobs SET queue_id = $2 WHERE id = $1', [id, queueId]);
        await end('COMMIT');
      } catch (e) {
        await end('ROLLBACK').catch(() => {});
        throw e;
      }
      return (await loadJob(db, id))!;
    },
    abort: () => end('ROLLBACK').catch(() => {}),
  };
}

/** Queues a job without files. */
export async function enqueue(db: DB, kind: string, owner: Actor, input: Record<string, unknown>): Promise<Job> {
  const draft = await draftJob(db, kind, owner);
  return draft.commit(input);
}

export { dropFiles };
