import fs from 'node:fs/promises';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../support/db.js';
import { testUser } from '../support/app.js';
import * as jobs from '../../src/jobs/index.js';
import { ValidationProblem } from '../../src/problems.js';
import type { Actor } from '../../src/access/index.js';

let database: TestDatabase;
let owner: Actor;
let other: Actor;
let runner: Awaited<ReturnType<typeof jobs.startRunner>>;
const flaky = new Map<string, number>();

async function settled(id: string, timeoutMs = 20_000): Promise<jobs.Job> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const job = (await jobs.loadJob(database.db, id))!;
    if (job.state === 'succeeded' || job.state === 'failed') return job;
    if (Date.now() > until) throw new Error(`job ${id} still ${job.state}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  database = await freshDatabase();
  owner = await testUser(database, 'analyst');
  other = await testUser(database, 'reviewer');
  jobs.defineJob('test-count-bytes', async (ctx) => {
    const files = await ctx.files();
    const text = await fs.readFile(files.file!.path, 'utf8');
    ctx.progress({ step: 'read', bytes: text.length });
    return { bytes: text.length, fileName: files.file!.fileName, lines: text.split('\n').length, by: ctx.actor.username };
  });
  jobs.defineJob('test-refuse', async () => {
    throw new ValidationProblem([{ field: 'file', message: 'is not a table' }]);
  });
  // Fails on its first attempt only, as a run cut short by a lost connection would.
  jobs.defineJob('test-flaky', async (ctx) => {
    const n = (flaky.get(ctx.id) ?? 0) + 1;
    flaky.set(ctx.id, n);
    if (n === 1) throw new Error('connection lost');
    return { attempt: ctx.attempt };
  });
  jobs.defineJob('test-broken', async () => {
    throw new Error('always breaks');
  });
  runner = await jobs.startRunner(database.db, { sweepSeconds: 3600 });
});
afterAll(async () => {
  await runner.stop();
});

describe('jobs', () => {
  it('stores the upload in PostgreSQL, runs the job and keeps its result', async () => {
    const draft = await jobs.draftJob(database.db, 'test-count-bytes', owner);
    const big = 'x'.repeat(1024 * 1024 + 10) + '\nend';
    await draft.addFile('file', 'table.csv', Readable.from([Buffer.from(big)]));
    const queued = await draft.commit({ note: 'hello' });
    expect(queued.state).toBe('queued');
    const chunks = await database.db.selectFrom('jobFiles').select('seq').where('jobId', '=', draft.id).execute();
    expect(chunks.length).toBe(2);
    const done = await settled(draft.id);
    expect(done.state).toBe('succeeded');
    expect(done.result).toEqual({ bytes: big.length, fileName: 'table.csv', lines: 2, by: owner.username });
    expect(done.progress).toEqual({ step: 'read', bytes: big.length });
    expect(done.attempts).toBe(1);
    expect(done.input).toEqual({ note: 'hello' });
    // The upload is not kept once the job has ended.
    expect(await database.db.selectFrom('jobFiles').select('seq').where('jobId', '=', draft.id).execute()).toEqual([]);
  });

  it('shows a job only to its owner and admins', async () => {
    const job = await jobs.enqueue(database.db, 'test-refuse', owner, {});
    await expect(jobs.getJob(database.db, other, job.id)).rejects.toMatchObject({ status: 404 });
    await expect(jobs.getJob(database.db, null, job.id)).rejects.toMatchObject({ status: 404 });
    await expect(jobs.getJob(database.db, owner, 'not-a-uuid')).rejects.toMatchObject({ status: 404 });
    expect((await jobs.getJob(database.db, owner, job.id)).id).toBe(job.id);
  });

  it('fails a job whose work refuses its input, without retrying it', async () => {
    const job = await jobs.enqueue(database.db, 'test-refuse', owner, {});
    const done = await settled(job.id);
    expect(done.state).toBe('failed');
    expect(done.problem).toMatchObject({ title: 'Invalid input', status: 400, errors: [{ field: 'file', message: 'is not a table' }] });
    expect(done.attempts).toBe(1);
  });

  it('retries a job once after an unexpected error, then fails it', async () => {
    const flakyJob = await jobs.enqueue(database.db, 'test-flaky', owner, {});
    const brokenJob = await jobs.enqueue(database.db, 'test-broken', owner, {});
    const ok = await settled(flakyJob.id);
    expect(ok).toMatchObject({ state: 'succeeded', attempts: 2, result: { attempt: 2 } });
    const failed = await settled(brokenJob.id);
    expect(failed).toMatchObject({ state: 'failed', attempts: 2, problem: { detail: 'always breaks' } });
  });

  it('expires jobs that ended long ago, with their uploads, and keeps the rest', async () => {
    const draft = await jobs.draftJob(database.db, 'test-count-bytes', owner);
    await draft.addFile('file', 'old.csv', Readable.from([Buffer.from('a\n')]));
    const old = await draft.commit({});
    await settled(old.id);
    const recent = await jobs.enqueue(database.db, 'test-refuse', owner, {});
    await settled(recent.id);
    await database.db.insertInto('jobFiles').values({ jobId: old.id, field: 'file', fileName: 'old.csv', seq: 0, chunk: Buffer.from('a\n') }).execute();
    await database.pool.query(`UPDATE jobs SET finished_at = now() - interval '8 days' WHERE id = $1`, [old.id]);
    expect(await jobs.expireJobs(database.db, jobs.KEEP_DAYS)).toBe(1);
    expect(await jobs.loadJob(database.db, old.id)).toBeNull();
    expect(await database.db.selectFrom('jobFiles').select('seq').where('jobId', '=', old.id).execute()).toEqual([]);
    expect((await jobs.loadJob(database.db, recent.id))?.state).toBe('failed');
  });

  it('aborting a draft leaves no job and no file', async () => {
    const draft = await jobs.draftJob(database.db, 'test-count-bytes', owner);
    await draft.addFile('file', 'a.csv', Readable.from([Buffer.from('a,b\n')]));
    await draft.abort();
    expect(await jobs.loadJob(database.db, draft.id)).toBeNull();
    expect(await database.db.selectFrom('jobFiles').select('seq').where('jobId', '=', draft.id).execute()).toEqual([]);
  });

  it('sends a job whose server died back to the queue, and another server runs it', async () => {
    // A delivery taken by a "server" that then vanished: pg-boss holds it as active, the row says
    // running, and nobody holds the job's lock.
    await runner.stop();
    const job = await jobs.enqueue(database.db, 'test-count-bytes', owner, { filesOf: null });
    const [delivery] = (await jobs.queueClient(database.db).fetch<{ jobId: string }>(jobs.QUEUE)) ?? [];
    expect(delivery?.data).toEqual({ jobId: job.id });
    runner = await jobs.startRunner(database.db, { sweepSeconds: 3600 });
    await database.db.updateTable('jobs').set({ state: 'running', attempts: 1 }).where('id', '=', job.id).execute();
    expect(await jobs.sweep(database.db, 0)).toBe(1);
    const requeued = (await jobs.loadJob(database.db, job.id))!;
    expect(requeued.state === 'queued' || requeued.state === 'running' || requeued.state === 'failed').toBe(true);
    const done = await settled(job.id);
    // It had no file: the second attempt runs and fails cleanly on that, and is not retried again.
    expect(done.attempts).toBe(2);
    expect(done.state).toBe('failed');
  });
});
