/**
 * Public read API: the real built server (`node bin/remnant.js serve`) on the synthetic data set,
 * 50 keep-alive connections (autocannon) on `GET /api/components?limit=50` as the public, against
 * the bare `GET /api/health` (one `SELECT 1`) on the same server, rounds interleaved so that noise
 * on a shared machine falls on both. Requests/s and p99 latency.
 */
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CamelCasePlugin, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { TypedDB } from '../src/db/index.js';
import { list } from '../src/evidence/store.js';
import { components as componentsSpec } from '../src/evidence/specs.js';
import type { BenchOptions, Metric } from './metric.js';
import { datasetSize, loadTest, log, packageRoot, round, startServer, syntheticDataset, tempDir, type HttpLoad } from './support.js';

const CONNECTIONS = 50;
export const READ_ROUTE = '/api/components?limit=50';
export const BARE_ROUTE = '/api/health';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * Waits until the server has worked off requests still queued from a round (autocannon stops
 * sending at the deadline, but the server finishes what it accepted): the next round must not
 * start behind them. Drained = two quick answers from the bare route in a row.
 */
async function drain(baseUrl: string, quickMs: number): Promise<number> {
  const t0 = performance.now();
  let streak = 0;
  while (streak < 2 && performance.now() - t0 < 180_000) {
    const t = performance.now();
    await fetch(baseUrl + BARE_ROUTE).then((r) => r.arrayBuffer());
    streak = performance.now() - t < quickMs ? streak + 1 : 0;
    if (streak < 2) await new Promise((r) => setTimeout(r, 50));
  }
  return performance.now() - t0;
}

interface Statement { sql: string; parameters: unknown[] }

/**
 * The SQL statements the public component list runs for `?limit=50`, as `list()` itself issues
 * them (Kysely's query log): the page, the capped count and, above the cap, the estimate.
 */
async function listStatements(url: string): Promise<Statement[]> {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const seen: Statement[] = [];
  const db: TypedDB = new Kysely({
    dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()],
    log: (e) => { if (e.level === 'query') seen.push({ sql: e.query.sql, parameters: [...e.query.parameters] }); },
  });
  try {
    await list(db, null, componentsSpec, { limit: 50, offset: 0, filters: {} });
  } finally {
    await db.destroy();
  }
  // The page first, then the count it runs beside, then the estimate (EXPLAIN) that follows them.
  const rank = (x: Statement) => (/keyset_value/.test(x.sql) ? 0 : /^EXPLAIN/.test(x.sql) ? 2 : 1);
  return seen.sort((a, b) => rank(a) - rank(b));
}

/** The bare route (bench/bare-list-server.ts) in its own process, on the same database. */
async function startBareServer(databaseUrl: string, statements: Statement[]): Promise<{ baseUrl: string; stop(): Promise<void> }> {
  const file = path.join(await tempDir('bare'), 'statements.json');
  await writeFile(file, JSON.stringify(statements));
  const child = spawn(process.execPath, [path.join(packageRoot, 'dist', 'bench', 'bare-list-server.js'), file], {
    env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => { stderr = (stderr + d.toString()).slice(-2000); });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    void exited.then(() => reject(new Error(`the bare list server exited: ${stderr.trim()}`)));
  });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

export async function bench(opts: BenchOptions): Promise<Metric[]> {
  const size = datasetSize(opts.quick);
  const ds = await syntheticDataset(size);
  const server = await startServer({ databaseUrl: ds.database.url });
  const statements = await listStatements(ds.database.url);
  const bareList = await startBareServer(ds.database.url, statements);
  try {
    const bareCheck = (await (await fetch(bareList.baseUrl + '/bare')).json()) as { data: unknown[] };
    if (bareCheck.data.length !== 50) throw new Error(`the bare list route returned ${bareCheck.data.length} rows, not 50`);
    const check = await fetch(server.baseUrl + READ_ROUTE);
    const page = (await check.json()) as { total?: number };
    if (check.status !== 200) throw new Error(`${READ_ROUTE} answered ${check.status}`);
    // Warm-up: a few requests one at a time (a slow route could not complete a timed burst).
    const single: number[] = [];
    const singleBare: number[] = [];
    for (let i = 0; i < 3; i++) {
      let t0 = performance.now();
      await fetch(server.baseUrl + READ_ROUTE).then((r) => r.arrayBuffer());
      single.push(performance.now() - t0);
      t0 = performance.now();
      await fetch(server.baseUrl + BARE_ROUTE).then((r) => r.arrayBuffer());
      singleBare.push(performance.now() - t0);
      await fetch(bareList.baseUrl + '/bare').then((r) => r.arrayBuffer());
    }
    const quickMs = Math.max(20, 5 * Math.min(...singleBare));
    // A window must outlast the queue 50 connections build: when one request alone takes s, the
    // first answers under load come after about 50·s / cores. Shorter windows would count nothing.
    const base = opts.quick ? 3 : 10;
    const cores = Math.max(1, os.availableParallelism());
    const needed = Math.ceil((2.5 * CONNECTIONS * Math.min(...single)) / cores / 1000);
    const seconds = Math.min(Math.max(base, needed), opts.quick ? 20 : 45);
    const rounds = opts.quick || seconds > 15 ? 1 : 2;
    log(`api: ${rounds} interleaved round(s) of ${seconds} s (read route) and ${base} s (bare route), ${CONNECTIONS} connections…`);
    let drained = 0;
    const read: HttpLoad[] = [];
    const bare: HttpLoad[] = [];
    const bareListLoads: HttpLoad[] = [];
    // Bare route first: it leaves nothing queued. The read route's last round is not drained —
    // the server is killed instead of waiting for the queue it built.
    for (let i = 0; i < rounds; i++) {
      bare.push(await loadTest(server.baseUrl + BARE_ROUTE, { connections: CONNECTIONS, seconds: base }));
      // The same SQL through a bare Fastify route and pg, in its own process: the cost of Remnant's layers.
      bareListLoads.push(await loadTest(bareList.baseUrl + '/bare', { connections: CONNECTIONS, seconds }));
      drained += await drain(server.baseUrl, quickMs);
      read.push(await loadTest(server.baseUrl + READ_ROUTE, { connections: CONNECTIONS, seconds }));
      if (i + 1 < rounds) drained += await drain(server.baseUrl, quickMs);
    }
    const rps = median(read.map((r) => r.requestsPerSecond));
    const bareRps = median(bare.map((r) => r.requestsPerSecond));
    const p99 = median(read.map((r) => r.p99));
    const bareP99 = median(bare.map((r) => r.p99));
    const bareListRps = median(bareListLoads.map((r) => r.requestsPerSecond));
    const bareListP99 = median(bareListLoads.map((r) => r.p99));
    const failures = [...read, ...bare, ...bareListLoads].reduce((a, r) => a + r.errors + r.non2xx, 0);
    const context = `${size.components.toLocaleString('en')} components, ${(page.total ?? 0).toLocaleString('en')} of them public; one request alone takes ${round(Math.min(...single), 0)} ms; ${CONNECTIONS} connections, ${rounds}×${seconds} s on the read route and ${rounds}×${base} s on the bare one (${read.reduce((a, r) => a + r.requests, 0).toLocaleString('en')} vs ${bare.reduce((a, r) => a + r.requests, 0).toLocaleString('en')} requests answered), ${rounds > 1 ? `queued work drained between rounds (${round(drained / 1000, 1)} s), ` : ''}bare route first, load generator on the same machine${failures ? `; ${failures} failed requests` : ''}`;
    return [
      {
        name: `GET ${READ_ROUTE} as the public`,
        value: round(rps, 1),
        unit: 'req/s',
        baseline: { name: `GET ${BARE_ROUTE}, same server`, value: round(bareRps, 1) },
        ratio: round(rps / bareRps, 4),
        notes: context,
      },
      {
        name: `GET ${READ_ROUTE} p99 latency`,
        value: round(p99, 1),
        unit: 'ms',
        baseline: { name: `GET ${BARE_ROUTE} p99`, value: round(bareP99, 1) },
        ratio: round(p99 / Math.max(bareP99, 0.001), 2),
        notes: `p50 ${round(median(read.map((r) => r.p50)), 1)} ms vs ${round(median(bare.map((r) => r.p50)), 1)} ms`,
      },
      {
        name: `GET ${READ_ROUTE} as the public vs a bare Fastify route running the same SQL`,
        value: round(rps, 1),
        unit: 'req/s',
        baseline: { name: 'bare Fastify route, same SQL statements through pg, rows returned (own process)', value: round(bareListRps, 1) },
        ratio: round(rps / bareListRps, 3),
        notes: `goal ≥ 0.7; the bare route runs the ${statements.length} statements list() issues for this request (${statements.map((x) => x.sql.split(' ')[0]).join(', ')}) with the same pool size (10) and returns the rows with JSON.stringify; it skips access, validation, ETag and the response schema; ${rounds}×${seconds} s each, interleaved with the read route, ${CONNECTIONS} connections`,
      },
      {
        name: `GET ${READ_ROUTE} p99 vs the bare Fastify route`,
        value: round(p99, 1),
        unit: 'ms',
        baseline: { name: 'bare Fastify route (same SQL) p99', value: round(bareListP99, 1) },
        ratio: round(p99 / Math.max(bareListP99, 0.001), 2),
        notes: `goal p99 < 50 ms at ${CONNECTIONS} connections; bare route p50 ${round(median(bareListLoads.map((r) => r.p50)), 1)} ms`,
      },
    ];
  } finally {
    await bareList.stop();
    await server.stop({ now: true });
  }
}
