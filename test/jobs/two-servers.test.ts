import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../support/db.js';
import { createToken, createUser } from '../../src/access/accounts.js';
import { freePort } from '../../bench/support.js';

/**
 * Two `remnant serve` processes (the built CLI) on one PostgreSQL, a mixed read/write load
 * against both, and one of them killed with SIGKILL mid-way while it runs a job:
 * - no acknowledged write is lost, and `remnant audit verify` passes;
 * - a list imported by one server's job is found by the other's matcher (whose index was built before);
 * - the job the killed server was running is picked up by the other and completes.
 * The killed server's job is held at a known point: the test holds the advisory lock a list import
 * takes inside its transaction, so the job waits there, mid-transaction, until the kill.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixture = (name: string) => path.join(root, 'test/fixtures/lists', name);
const KILL_LIST = 'kill_test';

interface Server {
  name: string;
  url: string;
  child: ChildProcess;
  output: () => string;
}

let database: TestDatabase;
let token: string;
let dataDir: string;
const servers: Server[] = [];

function env(): NodeJS.ProcessEnv {
  return { ...process.env, DATABASE_URL: database.url, REMNANT_DATA_DIR: dataDir, REMNANT_DEMO: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' };
}

async function startServer(name: string): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(root, 'bin/remnant.js'), 'serve', '--port', String(port)], { env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start within 30 s:\n${output}`)), 30_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code}:\n${output}`));
    });
    child.stdout.on('data', () => {
      if (output.includes('Remnant is running')) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  const s = { name, url: `http://127.0.0.1:${port}`, child, output: () => output };
  servers.push(s);
  return s;
}

async function call(s: Server, method: string, url: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(s.url + url, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

async function uploadList(s: Server, file: string, fields: Record<string, string>): Promise<{ id: string; url: string }> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', new Blob([readFileSync(fixture(file))]), file);
  const res = await fetch(s.url + '/api/lists/import', { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  expect(res.status, await res.clone().text()).toBe(202);
  const job = (await res.json()) as { id: string; url: string };
  expect(res.headers.get('location')).toBe(job.url);
  return job;
}

async function settle(s: Server, url: string, timeoutMs = 40_000): Promise<any> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const r = await call(s, 'GET', url);
    expect(r.status).toBe(200);
    if (r.body.state === 'succeeded' || r.body.state === 'failed') return r.body;
    if (Date.now() > until) throw new Error(`job still ${r.body.state}: ${JSON.stringify(r.body)}`);
    await new Promise((res) => setTimeout(res, 200));
  }
}

const matchBody = { queries: { q: { schema: 'Company', properties: { name: ['Korea Mining Development Trading Corporation'] } } } };
const matched = (r: { body: any }) => (r.body.responses.q.results as { id: string }[]).map((x) => x.id);

beforeAll(async () => {
  database = await freshDatabase();
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'remnant-two-'));
  const { user } = await createUser(database.db, { id: '00000000-0000-0000-0000-000000000001', username: 'system', role: 'admin' }, {
    username: 'loadtester', role: 'reviewer', password: 'pw-loadtester-0123456789', displayName: 'Load tester',
  });
  token = (await createToken(database.db, { id: user.id, username: user.username, role: 'reviewer' }, { name: 'two servers', scope: 'read-write' })).secret;
});

afterAll(async () => {
  for (const s of servers) {
    if (s.child.exitCode === null && s.child.signalCode === null) {
      const exited = new Promise((r) => s.child.once('exit', r));
      s.child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (s.child.exitCode === null) s.child.kill('SIGKILL');
    }
  }
  rmSync(dataDir, { recursive: true, force: true });
});

describe('two app servers on one PostgreSQL', () => {
  it('lose no acknowledged write when one is killed, share list imports, and finish the dead one\'s job', { timeout: 90_000 }, async () => {
    const holder = new pg.Client({ connectionString: database.url });
    await holder.connect();
    let held = true;
    const release = async () => {
      if (held) await holder.query('SELECT pg_advisory_unlock(hashtext($1))', [`screening-import:${KILL_LIST}`]);
      held = false;
    };
    try {
      // 1. Server A alone takes the job, which stops inside its transaction on the held lock.
      const a = await startServer('A');
      await holder.query('SELECT pg_advisory_lock(hashtext($1))', [`screening-import:${KILL_LIST}`]);
      const killJob = await uploadList(a, 'sdn.xml', { list: KILL_LIST, screen: 'false' });
      for (let i = 0; ; i++) {
        const waiting = await holder.query(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`);
        if (waiting.rows[0].n > 0) break;
        if (i > 300) throw new Error(`the job never reached its transaction: ${JSON.stringify((await call(a, 'GET', killJob.url)).body)}\n${a.output()}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      const running = await call(a, 'GET', killJob.url);
      expect(running.body).toMatchObject({ state: 'running', attempts: 1, runner: `${os.hostname()}:${a.child.pid}` });

      // 2. Server B; both matchers build their index before any list exists.
      const b = await startServer('B');
      for (const s of [a, b]) expect(matched(await call(s, 'POST', '/api/match', matchBody))).toEqual([]);
      // B reports A's job (it lives in PostgreSQL).
      expect((await call(b, 'GET', killJob.url)).body).toMatchObject({ state: 'running' });

      // 3. A list imported by one server's job is found by the other's matcher.
      const listJob = await uploadList(a, 'un-consolidated.xml', { screen: 'false' });
      const listDone = await settle(b, listJob.url);
      expect(listDone.state, JSON.stringify(listDone.problem)).toBe('succeeded');
      const ranOn = listDone.runner === `${os.hostname()}:${a.child.pid}` ? a : b;
      const other = ranOn === a ? b : a;
      expect(matched(await call(other, 'POST', '/api/match', matchBody))).toContain('KPe.001');

      // 4. Mixed load on both; A is killed mid-way.
      const acked: string[] = [];
      const answers = { A: { ok: 0, failed: 0, fiveHundreds: 0 }, B: { ok: 0, failed: 0, fiveHundreds: 0 } };
      let killedAt = 0;
      const started = Date.now();
      const worker = async (w: number) => {
        for (let i = 0; Date.now() - started < 6_000; i++) {
          const s = (w + i) % 2 === 0 ? a : b;
          const tally = answers[s.name as 'A' | 'B'];
          try {
            if (i % 3 === 0) {
              const r = await call(s, 'POST', '/api/incidents', { title: `load ${w}-${i}`, occurredFrom: '2024-05-01' });
              if (r.status === 201) acked.push(r.body.id as string);
              else if (r.status >= 500) tally.fiveHundreds++;
              if (r.status === 201) tally.ok++;
            } else {
              const r = await call(s, 'GET', i % 3 === 1 ? '/api/incidents?limit=5' : killJob.url);
              if (r.status >= 500) tally.fiveHundreds++;
              if (r.status === 200) tally.ok++;
            }
          } catch {
            // A refused or cut connection: never acknowledged, so never counted as written.
            tally.failed++;
          }
        }
      };
      const load = Promise.all(Array.from({ length: 8 }, (_, w) => worker(w)));
      await new Promise((r) => setTimeout(r, 2_500));
      const aDied = new Promise((r) => a.child.once('exit', r));
      a.child.kill('SIGKILL');
      killedAt = Date.now();
      await aDied;
      await release();
      await load;
      expect(killedAt).toBeGreaterThan(0);
      expect(answers.A.ok).toBeGreaterThan(0);
      expect(answers.A.failed).toBeGreaterThan(0);
      expect(answers.B.ok).toBeGreaterThan(20);
      expect(answers.B.failed).toBe(0);
      expect(answers.A.fiveHundreds + answers.B.fiveHundreds).toBe(0);

      console.info(`two servers: ${acked.length} acknowledged writes; A answered ${answers.A.ok} (${answers.A.failed} refused after the kill), B answered ${answers.B.ok}; killed ${killedAt - started} ms into the load`);
      // 5. No acknowledged write is lost.
      const found = await database.pool.query('SELECT count(*)::int AS n FROM incidents WHERE id = ANY($1::uuid[])', [acked]);
      expect(found.rows[0].n).toBe(acked.length);
      expect(acked.length).toBeGreaterThan(10);

      // 6. The job A was running is taken up by B and completes; nothing of A's attempt remains.
      const killDone = await settle(b, killJob.url);
      console.info(`two servers: the killed server's job completed on the other ${Date.now() - killedAt} ms after the kill`);
      expect(killDone, JSON.stringify(killDone)).toMatchObject({ state: 'succeeded', attempts: 2, runner: `${os.hostname()}:${b.child.pid}` });
      expect(killDone.result.import).toMatchObject({ slug: KILL_LIST, format: 'ofac-xml' });
      const imports = await database.pool.query(`SELECT count(*)::int AS n FROM sanctions_list_imports i JOIN sanctions_lists l ON l.id = i.list_id WHERE l.slug = $1`, [KILL_LIST]);
      expect(imports.rows[0].n).toBe(1);

      // 7. The audit chain verifies (the built CLI, as an operator runs it).
      const verify = spawnSync(process.execPath, [path.join(root, 'bin/remnant.js'), 'audit', 'verify'], { env: env(), encoding: 'utf8', timeout: 60_000 });
      expect(verify.status, verify.stdout + verify.stderr).toBe(0);
    } finally {
      await release().catch(() => {});
      await holder.end();
    }
  });
});
