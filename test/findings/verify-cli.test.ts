import { beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../support/db.js';
import { runRemnant } from '../support/cli.js';
import { withTriggersOff } from '../support/superuser.js';
import { SYSTEM_ACTOR } from '../../src/access/index.js';

/** `remnant findings verify`: 0 when the maintained aggregates equal a recount, 1 with the differences listed otherwise. */
let database: TestDatabase;
beforeAll(async () => {
  database = await freshDatabase();
  const sys = SYSTEM_ACTOR.id;
  await database.pool.query(`INSERT INTO items (id, label, created_by, updated_by) VALUES ('00000000-0000-0000-0000-0000000000e1', 'Item A', $1, $1)`, [sys]);
  await database.pool.query(`INSERT INTO components (item_id, marking_raw, part_number, quantity, production_from, production_to, created_by, updated_by)
    VALUES ('00000000-0000-0000-0000-0000000000e1', 'TI 7805', 'UA7805', 2, '2021-01-01', '2021-12-31', $1, $1),
           ('00000000-0000-0000-0000-0000000000e1', 'ADI', 'AD9361', 1, NULL, NULL, $1, $1)`, [sys]);
});

describe('remnant findings verify', () => {
  it('exits 0 on exact aggregates, 1 listing each difference after a write past the triggers, and --repair rebuilds them', async () => {
    const ok = await runRemnant(database.url, 'findings', 'verify');
    expect(ok.exitCode, ok.err).toBe(0);
    expect(ok.out).toMatch(/0 differences/);

    await withTriggersOff(database.pool, `UPDATE components SET quantity = 5 WHERE part_number = 'UA7805'`);
    const bad = await runRemnant(database.url, 'findings', 'verify', '--json');
    expect(bad.exitCode).toBe(1);
    const report = JSON.parse(bad.out) as { differences: { dim: string; key: string | null; stored: { units: number }; expected: { units: number } }[] };
    const part = report.differences.find((d) => d.dim === 'part' && d.key === 'UA7805');
    expect(part).toMatchObject({ stored: { units: 2 }, expected: { units: 5 } });

    const repaired = await runRemnant(database.url, 'findings', 'verify', '--repair');
    expect(repaired.exitCode).toBe(1);
    expect(repaired.out).toMatch(/rebuilt from the components/);
    const again = await runRemnant(database.url, 'findings', 'verify');
    expect(again.exitCode).toBe(0);
  });

  it('refuses --repair without verify', async () => {
    const r = await runRemnant(database.url, 'findings', 'all', '--repair');
    expect(r.exitCode).not.toBe(0);
    expect(r.err).toMatch(/repair/);
  });
});
