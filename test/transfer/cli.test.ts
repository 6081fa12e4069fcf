import fs from 'node:fs/promises';
import { runRemnant, type CliResult } from '../support/cli.js';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { freshDatabase, type TestDatabase } from '../support/db.js';

/** `remnant import | export | backup | restore`, run in this process against test databases (DATABASE_URL). */
let a: TestDatabase;
let dir: string;
beforeAll(async () => {
  a = await freshDatabase();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'remnant-cli-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});
afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

async function remnant(db: TestDatabase, ...args: string[]): Promise<CliResult> {
  return runRemnant(db.url, ...args);
}

describe('remnant import / export / backup / restore', () => {
  it('dry-runs, reports, imports with a saved profile, exports and backs up into a restorable archive', async () => {
    const csv = path.join(dir, 'c.csv');
    await fs.writeFile(csv, 'Weapon;Chip marking;Maker\nKN-23 A;TI 7805;Texas Instruments\nKN-23 A;;Texas Instruments\n');
    const report = path.join(dir, 'problems.csv');
    const dry = await remnant(a, 'import', csv, '--dry-run', '--resource', 'components', '--map', 'markingRaw=Chip marking', '--report', report);
    expect(dry.exitCode).toBe(1);
    expect(dry.out).toMatch(/dry run: c\.csv/);
    expect(dry.out).toMatch(/ERROR row 3, Chip marking: is required/);
    expect(await fs.readFile(report, 'utf8')).toBe('row,column,value,reason,severity\n3,Chip marking,,is required,error\n');

    await fs.writeFile(csv, 'Weapon;Chip marking;Maker\nKN-23 A;TI 7805;Texas Instruments\n');
    const ok = await remnant(a, 'import', csv, '--resource', 'components', '--map', 'markingRaw=Chip marking', '--save-profile', 'chips');
    expect(ok.exitCode, ok.out + ok.err).toBe(0);
    expect(ok.out).toMatch(/imported: c\.csv/);
    expect(ok.out).toMatch(/1 new/);
    const again = await remnant(a, 'import', csv, '--profile', 'chips');
    expect(again.out).toMatch(/0 new, 0 updated, 1 unchanged/);
    expect((await remnant(a, 'import-profiles')).out).toMatch(/chips \(components\): .*markingRaw ← "Chip marking"/);

    const out = path.join(dir, 'components.jsonl');
    const exp = await remnant(a, 'export', 'components', '--format', 'jsonl', '--out', out);
    expect(exp.err).toMatch(/1 records exported/);
    expect(JSON.parse((await fs.readFile(out, 'utf8')).trim()).markingRaw).toBe('TI 7805');
    const pub = await remnant(a, 'export', 'components', '--format', 'csv', '--public');
    expect(pub.out.trim().split('\n')).toHaveLength(1);

    const archive = path.join(dir, 'backup.tar');
    const b = await remnant(a, 'backup', archive);
    expect(b.exitCode, b.err).toBe(0);
    expect(b.out).toMatch(/backup written to .*backup\.tar/);
    const target = await freshDatabase();
    const r = await remnant(target, 'restore', archive);
    expect(r.exitCode, r.err).toBe(0);
    expect(r.out).toMatch(/every SHA-256 verified; audit chain intact/);
    const n = await target.pool.query(`SELECT count(*)::int AS n FROM components`);
    expect(n.rows[0].n).toBe(1);
    const refused = await remnant(target, 'restore', archive);
    expect(refused.exitCode).toBe(1);
    expect(refused.err).toMatch(/restore needs an empty instance/);
  });
});
