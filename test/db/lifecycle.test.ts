import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPostmasterPid } from '../../src/db/embedded.js';

/**
 * The real `remnant serve` on its own embedded PostgreSQL data directory: data survives a
 * restart, a clean stop stops PostgreSQL, and `kill -9` during writes leaves no partial record
 * and no obstacle to the next start. Runs the built CLI (npm test builds it first).
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'bin', 'remnant.js');
let dataDir: string;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

interface Server {
  proc: ChildProcess;
  base: string;
  output: () => string;
}

async function startServer(): Promise<Server> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, REMNANT_DATA_DIR: dataDir, PORT: String(port), REMNANT_DEMO: '0' };
  delete env.DATABASE_URL;
  const proc = spawn(process.execPath, [BIN, 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout.on('data', (d) => (out += d));
  proc.stderr.on('data', (d) => (out += d));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (proc.exitCode !== null) throw new Error(`serve exited early (${proc.exitCode}):\n${out}`);
    try {
      const r = await fetch(`${base}/api/health`);
      if (r.ok) return { proc, base, output: () => out };
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  proc.kill('SIGKILL');
  throw new Error(`serve did not answer within 60 s:\n${out}`);
}

async function stopServer(s: Server, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  const exited = new Promise((r) => s.proc.once('exit', r));
  s.proc.kill(signal);
  await exited;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

beforeAll(async () => {
  if (!existsSync(path.join(ROOT, 'dist', 'src', 'cli', 'main.js'))) throw new Error('build first: npm run build (npm test does this)');
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'remnant-lifecycle-'));
  await fs.chmod(dataDir, 0o755);
});

afterAll(async () => {
  const pm = readPostmasterPid(path.join(dataDir, 'pg'));
  if (pm && alive(pm.pid)) process.kill(pm.pid, 'SIGINT');
  await new Promise((r) => setTimeout(r, 500));
  await fs.rm(dataDir, { recursive: true, force: true });
});

// Writes need an account (issue 6): an admin with a read-write API token, made once with the CLI
// beside the running server.
let token: string | null = null;
async function adminToken(): Promise<string> {
  if (token) return token;
  const { execFileSync } = await import('node:child_process');
  const env: NodeJS.ProcessEnv = { ...process.env, REMNANT_DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  execFileSync(process.execPath, [BIN, 'user', 'add', 'lifecycle', '--admin', '--password-stdin'], { env, input: 'lifecycle-test-password\n' });
  token = execFileSync(process.execPath, [BIN, 'token', 'create', 'lifecycle', '--name', 'lifecycle test', '--scope', 'read-write'], { env, encoding: 'utf8' }).trim();
  return token;
}

async function json(base: string, method: string, url: string, body?: unknown) {
  const headers: Record<string, string> = { authorization: `Bearer ${await adminToken()}` };
  if (body) headers['content-type'] = 'application/json';
  const r = await fetch(base + url, { method, headers, body: body ? JSON.stringify(body) : undefined });
  return { status: r.status, body: (r.status === 204 ? null : await r.json()) as Record<string, unknown> };
}

describe('remnant serve on the embedded server', () => {
  it('keeps data across a clean stop and start, and stops PostgreSQL with it', async () => {
    const s1 = await startServer();
    const created = await json(s1.base, 'POST', '/api/organisations', { name: 'Persisted Trading Co', kind: 'distributor', country: 'CN' });
    expect(created.status).toBe(201);
    const pm = readPostmasterPid(path.join(dataDir, 'pg'));
    expect(pm).not.toBeNull();
    await stopServer(s1);
    await new Promise((r) => setTimeout(r, 300));
    expect(alive(pm!.pid)).toBe(false);

    const s2 = await startServer();
    const read = await json(s2.base, 'GET', `/api/organisations/${created.body.id}`);
    expect(read.body.name).toBe('Persisted Trading Co');
    await stopServer(s2);
  });

  it('survives kill -9 during writes: no partial record, next start succeeds', async () => {
    const s = await startServer();
    const a = await json(s.base, 'POST', '/api/sources', { kind: 'field_note', title: 'A' });
    const b = await json(s.base, 'POST', '/api/sources', { kind: 'field_note', title: 'B' });
    const sourceIds = [a.body.id, b.body.id];
    // Each incident is one transaction: a row, two link rows and an audit entry.
    let stop = false;
    const writers = Array.from({ length: 8 }, async (_, w) => {
      for (let i = 0; !stop && i < 10_000; i++) {
        await json(s.base, 'POST', '/api/incidents', { title: `w${w}-${i}`, occurredFrom: '2024-01-02', sourceIds }).catch(() => {});
      }
    });
    await new Promise((r) => setTimeout(r, 1500));
    s.proc.kill('SIGKILL');
    stop = true;
    await Promise.allSettled(writers);
    // Now also kill PostgreSQL itself, as a power cut would: its pid file is left behind.
    const pm = readPostmasterPid(path.join(dataDir, 'pg'))!;
    process.kill(pm.pid, 'SIGKILL');
    for (let i = 0; i < 600 && alive(pm.pid); i++) await new Promise((r) => setTimeout(r, 50));
    expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(true);

    const s2 = await startServer();
    const all = await json(s2.base, 'GET', '/api/incidents?limit=500');
    const total = all.body.total as number;
    expect(total).toBeGreaterThan(0);
    for (const inc of all.body.data as { sourceIds: string[] }[]) expect(inc.sourceIds.sort()).toEqual([...sourceIds].sort());
    // Every committed incident has its audit entry: the write and its record are one transaction.
    const { createPool, closePool } = await import('../../src/db/index.js');
    const creds = JSON.parse(await fs.readFile(path.join(dataDir, 'credentials.json'), 'utf8'));
    const port = readPostmasterPid(path.join(dataDir, 'pg'))!.port;
    const { db, pool } = createPool(`postgres://${creds.user}:${encodeURIComponent(creds.password)}@127.0.0.1:${port}/remnant`, 1);
    try {
      const { sql } = await import('kysely');
      const r = await sql<{ missing: number }>`SELECT count(*) AS missing FROM incidents i
        WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.record_type = 'incidents' AND a.record_id = i.id::text AND a.action = 'create')`.execute(db);
      expect(r.rows[0]!.missing).toBe(0);
      const { verifyChain } = await import('../../src/audit/index.js');
      expect((await verifyChain(db)).ok).toBe(true);
    } finally {
      await closePool(db, pool);
    }
    await stopServer(s2);
  });

  it('runs CLI commands beside a running server (attach) and without one (start, then stop)', async () => {
    const { execFileSync } = await import('node:child_process');
    const env: NodeJS.ProcessEnv = { ...process.env, REMNANT_DATA_DIR: dataDir };
    delete env.DATABASE_URL;
    const s = await startServer();
    const before = readPostmasterPid(path.join(dataDir, 'pg'))!;
    const out = execFileSync(process.execPath, [BIN, 'migrate'], { env, encoding: 'utf8' });
    expect(out).toMatch(/up to date/);
    // Same server, still running: the command attached instead of starting a second one.
    expect(readPostmasterPid(path.join(dataDir, 'pg'))!.pid).toBe(before.pid);
    expect(alive(before.pid)).toBe(true);
    await stopServer(s);
    for (let i = 0; i < 600 && alive(before.pid); i++) await new Promise((r) => setTimeout(r, 50));

    execFileSync(process.execPath, [BIN, 'migrate'], { env, encoding: 'utf8' });
    // It started PostgreSQL for its own duration and stopped it again.
    const after = readPostmasterPid(path.join(dataDir, 'pg'));
    expect(after === null || !alive(after.pid)).toBe(true);
  });

  it('adopts an orphaned server left by kill -9 of the app and stops it on exit', async () => {
    const s = await startServer();
    s.proc.kill('SIGKILL');
    await new Promise((r) => s.proc.once('exit', r));
    const orphan = readPostmasterPid(path.join(dataDir, 'pg'))!;
    expect(alive(orphan.pid)).toBe(true);
    const s2 = await startServer();
    expect(readPostmasterPid(path.join(dataDir, 'pg'))!.pid).toBe(orphan.pid);
    await stopServer(s2);
    for (let i = 0; i < 600 && alive(orphan.pid); i++) await new Promise((r) => setTimeout(r, 50));
    expect(alive(orphan.pid)).toBe(false);
  }, 120_000);
});
