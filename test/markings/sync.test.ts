import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { freshDatabase, type TestDatabase } from '../support/db.js';
import { syncReferenceData } from '../../src/db/reference-sync.js';
import { MAKERS } from '../../src/reference/makers.js';
import { CHPL } from '../../src/reference/chpl.js';
import { HS_RULES } from '../../src/reference/hs.js';

/** The reference tables on a real PostgreSQL: loaded by prepareSchema, joinable, idempotent. */
let t: TestDatabase;
beforeAll(async () => {
  t = await freshDatabase();
});

const count = async (table: string, where = 'true') =>
  Number((await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(table)} WHERE ${sql.raw(where)}`.execute(t.db)).rows[0]!.n);

describe('syncReferenceData', () => {
  it('has loaded every table when the schema is prepared', async () => {
    expect(await count('ref_countries')).toBeGreaterThanOrEqual(249);
    expect(await count('ref_chpl')).toBe(CHPL.length);
    expect(await count('ref_hs_rules')).toBe(HS_RULES.length);
    expect(await count('ref_makers')).toBe(MAKERS.length);
    expect(await count('ref_makers', 'retired')).toBe(0);
  });

  it('supports the joins the app needs: maker → country → M49 region, category → HS6 → CHPL tier, owner', async () => {
    const rows = await sql<{ name: string; subregion: string; parent: string | null; acquired: number | null }>`
      SELECT m.name, c.m49_subregion AS subregion, p.name AS parent, m.acquired_year AS acquired
        FROM ref_makers m JOIN ref_countries c ON c.alpha2 = m.country LEFT JOIN ref_makers p ON p.id = m.parent_id
       WHERE m.id IN ('linear', 'stmicro', 'gigadevice') ORDER BY m.id`.execute(t.db);
    expect(rows.rows).toEqual([
      { name: 'GigaDevice Semiconductor', subregion: 'Eastern Asia', parent: null, acquired: null },
      { name: 'Linear Technology', subregion: 'Northern America', parent: 'Analog Devices', acquired: 2017 },
      { name: 'STMicroelectronics', subregion: 'Western Europe', parent: null, acquired: null },
    ]);
    const tier = await sql<{ tier: string }>`SELECT c.tier FROM ref_hs_rules r JOIN ref_chpl c ON c.hs6 = r.hs6 WHERE r.category = 'capacitor-tantalum'`.execute(t.db);
    expect(tier.rows[0]?.tier).toBe('2');
  });

  it('finds makers by a misspelt name through the trigram index, and parts by prefix through the view', async () => {
    const fuzzy = await sql<{ id: string }>`SELECT id FROM ref_makers WHERE name % 'Analog Devises' ORDER BY similarity(name, 'Analog Devises') DESC LIMIT 1`.execute(t.db);
    expect(fuzzy.rows[0]?.id).toBe('adi');
    const byPrefix = await sql<{ makerId: string }>`
      SELECT maker_id FROM ref_maker_prefixes WHERE 'STM32F405RGT6' LIKE prefix || '%' ORDER BY length(prefix) DESC LIMIT 1`.execute(t.db);
    expect(byPrefix.rows[0]?.makerId).toBe('stmicro');
  });

  it('does nothing when the files have not changed', async () => {
    const before = await sql<{ name: string; syncedAt: string }>`SELECT name, synced_at FROM ref_versions ORDER BY name`.execute(t.db);
    await syncReferenceData(t.db);
    const after = await sql<{ name: string; syncedAt: string }>`SELECT name, synced_at FROM ref_versions ORDER BY name`.execute(t.db);
    expect(after.rows).toEqual(before.rows);
    expect(before.rows.map((r) => r.name)).toEqual(['ref_chpl', 'ref_countries', 'ref_hs_rules', 'ref_makers']);
  });

  it('repairs edited rows, retires rows no longer in the files, and survives concurrent runs', async () => {
    await sql`UPDATE ref_makers SET name = 'Tampered', country = 'KP' WHERE id = 'ti'`.execute(t.db);
    await sql`INSERT INTO ref_makers (id, name, country, kind) VALUES ('gone-maker', 'Gone Maker', 'US', 'semiconductor')`.execute(t.db);
    await sql`DELETE FROM ref_versions`.execute(t.db);
    await Promise.all([syncReferenceData(t.db), syncReferenceData(t.db)]);
    const ti = await sql<{ name: string; country: string; retired: boolean }>`SELECT name, country, retired FROM ref_makers WHERE id = 'ti'`.execute(t.db);
    expect(ti.rows[0]).toEqual({ name: 'Texas Instruments', country: 'US', retired: false });
    const gone = await sql<{ retired: boolean }>`SELECT retired FROM ref_makers WHERE id = 'gone-maker'`.execute(t.db);
    expect(gone.rows[0]?.retired).toBe(true);
    expect(await count('ref_makers', 'NOT retired')).toBe(MAKERS.length);
    expect(await count('ref_versions')).toBe(4);
  });
});
