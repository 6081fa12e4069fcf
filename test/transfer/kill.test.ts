import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../support/db.js';

/**
 * A process killed (SIGKILL: no cleanup, no ROLLBACK sent) while its import is committing leaves
 * nothing behind: no records, no items or makers it created, no audit entry. The test makes the
 * moment certain instead of racing a clock: it holds the audit log's append lock, so the import
 * stops inside its transaction after every record is written and just before its audit entry and
 * COMMIT; it kills the process there, then lets go.
 */
let database: TestDatabase;
let dir: string;
beforeAll(async () => {
  database = await freshDatabase();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'remnant-kill-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const AUDIT_LOCK = 7235002; // the advisory lock remnant_audit() takes (migration 0030)

async function counts(): Promise<Record<string, number>> {
  const r = await database.pool.query(`SELECT (SELECT count(*) FROM components)::int AS components, (SELECT count(*) FROM items)::int AS items,
    (SELECT count(*) FROM organisations)::int AS organisations, (SELECT count(*) FROM audit_log)::int AS audit`);
  return r.rows[0] as Record<string, number>;
}

describe('a kill during commit', () => {
  it('leaves nothing behind', async () => {
    const rows = ['Item,Marking,Manufacturer,Part No.'];
    for (let i = 0; i < 5000; i++) rows.push(`Sample ${i % 20},MARK ${i},Maker ${i % 7},P${i}`);
    const file = path.join(dir, 'components.csv');
    await fs.writeFile(file, rows.join('\n') + '\n');
    const before = await counts();

    const holder = new pg.Client({ connectionString: database.url });
    await holder.connect();
    await holder.query('SELECT pg_advisory_lock($1)', [AUDIT_LOCK]);
    const require = createRequire(import.meta.url);
    const tsx = require.resolve('tsx');
    const child = spawn(process.execPath, ['--import', tsx, path.join(import.meta.dirname, 'support', 'import-child.ts'), database.url, file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    try {
      // Wait until the import's connection is blocked on the audit lock: every row written, not committed.
      for (;;) {
        if (child.exitCode !== null) throw new Error(`the import ended early: ${out} ${err}`);
        const waiting = await holder.query(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND NOT granted`, [AUDIT_LOCK]);
        if (waiting.rows[0].n > 0) break;
        await new Promise((r) => setTimeout(r, 25));
      }
      expect(out).toContain('phase writing');
      const midway = await holder.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
      expect(midway.rows[0].n).toBe(1);
      child.kill('SIGKILL');
      await exited;
    } finally {
      await holder.query('SELECT pg_advisory_unlock($1)', [AUDIT_LOCK]);
    }
    // The server notices the dead client and rolls its transaction back; wait for that backend to go.
    for (;;) {
      const left = await holder.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend' AND application_name = 'remnant' AND state <> 'idle'`);
      if (left.rows[0].n === 0) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    await holder.end();
    expect(out).not.toContain('committed');
    expect(await counts()).toEqual(before);
  });
});
