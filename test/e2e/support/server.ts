import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freshDatabase } from '../../support/db.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export interface RunningServer {
  url: string;
  env: NodeJS.ProcessEnv;
  /** Runs the built CLI against the same database, e.g. `user add`. */
  cli: (args: string[], input?: string) => { status: number | null; stdout: string; stderr: string };
  stop: () => Promise<void>;
}

/**
 * The real built server (`node bin/remnant.js serve`, as `npm start` runs it) on a free port, on a
 * fresh database of the test run's PostgreSQL, with its own data directory. The demo case loads on
 * its first start as it would for a new user.
 */
export async function startServer(): Promise<RunningServer> {
  const database = await freshDatabase();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'remnant-e2e-'));
  const port = await freePort();
  const env = { ...process.env, DATABASE_URL: database.url, REMNANT_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' };
  const child: ChildProcess = spawn(process.execPath, [path.join(root, 'bin/remnant.js'), 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start within 60 s:\n${output}`)), 60_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
    child.stdout!.on('data', () => {
      if (output.includes('Remnant is running')) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  return {
    url,
    env,
    cli: (args, input) => {
      const r = spawnSync(process.execPath, [path.join(root, 'bin/remnant.js'), ...args], { env, input, encoding: 'utf8', timeout: 60_000 });
      return { status: r.status, stdout: r.stdout, stderr: r.stderr };
    },
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
