import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, chmodSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, type Database } from '../src/db/index.js';

/**
 * One scratch Remnant for the reliability suite: the built `remnant serve` on a loopback port with
 * its own embedded PostgreSQL in a temporary data directory (the demo case loaded), an account and a
 * read-write API token per role made with the CLI, and a superuser connection to the same database
 * for the checks (and the tampering). Nothing leaves 127.0.0.1.
 */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BIN = path.join(ROOT, 'bin', 'remnant.js');
export const ROLES = ['viewer', 'field', 'analyst', 'reviewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface CliRun { status: number | null; stdout: string; stderr: string }

export interface Instance {
  url: string;
  dataDir: string;
  env: NodeJS.ProcessEnv;
  /** Bearer tokens: one account per role, and a second analyst (`analyst2`) who owns nothing. */
  tokens: Record<Role | 'analyst2', string>;
  database: Database;
  cli(args: string[], input?: string, extraEnv?: NodeJS.ProcessEnv): CliRun;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

export async function startInstance(): Promise<Instance> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'remnant-reliability-'));
  chmodSync(dataDir, 0o755);
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, REMNANT_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  const child: ChildProcess = spawn(process.execPath, [BIN, 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`remnant serve did not start within 180 s:\n${output}`)), 180_000);
    child.once('exit', (code) => reject(new Error(`remnant serve exited with ${code}:\n${output}`)));
    child.stdout!.on('data', () => {
      if (output.includes('Remnant is running')) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  const cli = (args: string[], input?: string, extraEnv: NodeJS.ProcessEnv = {}): CliRun => {
    const r = spawnSync(process.execPath, [BIN, ...args], { env: { ...env, ...extraEnv }, input, encoding: 'utf8', timeout: 300_000, maxBuffer: 64 * 1024 * 1024 });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  const tokens = {} as Record<Role | 'analyst2', string>;
  for (const role of [...ROLES, 'analyst2'] as const) {
    const name = `rel-${role}`;
    const add = cli(['user', 'add', name, '--role', role === 'analyst2' ? 'analyst' : role, '--password-stdin'], 'reliability password 0123456789\n');
    if (add.status !== 0) throw new Error(`user add ${name}: ${add.stderr}`);
    const tok = cli(['token', 'create', name, '--name', 'reliability', '--scope', 'read-write']);
    if (tok.status !== 0) throw new Error(`token create ${name}: ${tok.stderr}`);
    tokens[role] = tok.stdout.trim();
  }
  // Attaches to the server `serve` owns (not ours to stop); its user is the cluster's superuser.
  const database = await openDatabase({ dataDir, databaseUrl: undefined });
  return {
    url: `http://127.0.0.1:${port}`,
    dataDir,
    env,
    tokens,
    database,
    cli,
    stop: async () => {
      await database.close();
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** One row of the suite's table. */
export interface PartResult {
  part: string;
  trials: number;
  failures: number;
  /** What was counted as a failure, and other figures worth keeping. */
  detail: string;
  /** The first few failures, to act on. */
  examples: string[];
  seconds?: number;
}

export function api(inst: Instance, token: string | null) {
  return async (method: string, url: string, body?: unknown) => {
    const r = await fetch(inst.url + url, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await r.text();
    return { status: r.status, text, json: () => JSON.parse(text) as Record<string, unknown>, contentType: r.headers.get('content-type') ?? '' };
  };
}

/** Runs `fn` over `jobs` with at most `concurrency` at a time (a bounded pool of clients). */
export async function eachConcurrently<T>(jobs: readonly T[], concurrency: number, fn: (job: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) await fn(jobs[next++]!);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/** A 1×1 PNG: the smallest file the evidence store accepts. */
const TINY_PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c6360000000000500010d0a2db40000000049454e44ae426082', 'hex');

/** Uploads a tiny PNG as an evidence file (`query`: caption, visibility, one link id); returns the answer. */
export async function uploadPng(inst: Instance, token: string, query: string, fileName = 'evidence.png'): Promise<Response> {
  const boundary = 'RELIABILITYUPLOAD';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: image/png\r\n\r\n`),
    TINY_PNG,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return fetch(`${inst.url}/api/evidence-files${query ? `?${query}` : ''}`, {
    method: 'POST', body: payload, headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
}
