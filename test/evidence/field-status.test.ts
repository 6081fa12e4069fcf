import fs from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../support/db.js';

/**
 * A component's field status is stored packed (migration 0003): a suggestion time, a bit per field
 * confirmed by one person at one time, and anything else spelt out. Whatever the document, packing
 * and rebuilding it must give it back exactly — the API shows the rebuilt one.
 */
let database: TestDatabase;
beforeAll(async () => {
  database = await freshDatabase();
});

const A = '00000000-0000-0000-0000-00000000000a';
const B = '00000000-0000-0000-0000-00000000000b';
const T0 = '2026-11-22T01:02:03.004Z';
const T1 = '2026-11-22T05:06:07.890Z';
const sug = (at = T0) => ({ state: 'suggested', by: null, at });
const conf = (by: string, at: string) => ({ state: 'confirmed', by, at });
const FIELDS = ['partNumber', 'makerId', 'makerCountry', 'dateCodeText', 'productionFrom', 'productionTo', 'lot', 'category', 'hs6', 'chplTier'];
const all = (f: (name: string) => object) => Object.fromEntries(FIELDS.map((n) => [n, f(n)]));

async function roundTrip(doc: object): Promise<{ back: unknown; packed: Record<string, unknown> }> {
  const r = await database.pool.query(
    `SELECT p.*, remnant_field_status(p.field_status_extra, p.suggested_at, p.confirmed_fields, p.confirmed_by, p.confirmed_at) AS back
       FROM remnant_pack_field_status($1::jsonb) p`,
    [JSON.stringify(doc)],
  );
  const { back, ...packed } = r.rows[0];
  return { back, packed };
}

describe('packed field status', () => {
  it('stores an import\'s status (all suggested, some confirmed by the importer) without a document', async () => {
    const doc = all((n) => (['partNumber', 'makerId', 'makerCountry'].includes(n) ? conf(A, T1) : sug()));
    const { back, packed } = await roundTrip(doc);
    expect(back).toEqual(doc);
    expect(packed.field_status_extra).toEqual({});
    expect(packed.confirmed_fields).toBe(0b111);
    expect(packed.confirmed_by).toBe(A);
  });

  it('gives back every other shape exactly', async () => {
    const docs: object[] = [
      {},
      { partNumber: conf(A, T0) },
      all(() => sug()),
      all((n) => (n === 'lot' ? conf(B, T0) : n === 'hs6' || n === 'category' ? conf(A, T1) : sug())),
      { ...all(() => sug()), lot: sug(T1) },
      { partNumber: sug(), makerId: conf(A, T1) },
      { partNumber: { state: 'confirmed', by: A, at: 'now' }, lot: conf(A.toUpperCase(), T1), other: { anything: 1 } },
      { partNumber: { state: 'suggested', by: null, at: T0, note: 'extra key' }, makerId: sug() },
    ];
    for (const doc of docs) expect((await roundTrip(doc)).back, JSON.stringify(doc)).toEqual(doc);
  });

  it('migration 0003 moves existing rows to the packed form without touching them otherwise', async () => {
    const pool = database.pool;
    const SYSTEM = '00000000-0000-0000-0000-000000000001';
    // The columns as they were before 0003, then rows written the old way.
    await pool.query(`ALTER TABLE components ADD COLUMN suggestion jsonb, ADD COLUMN field_status jsonb NOT NULL DEFAULT '{}'`);
    const item = (await pool.query(`INSERT INTO items (label, created_by, updated_by) VALUES ('old item', $1, $1) RETURNING id`, [SYSTEM])).rows[0].id;
    const docs = [
      all((n) => (n === 'partNumber' ? conf(SYSTEM, T1) : sug())),
      {},
      { lot: conf(A, T0), other: 1 },
    ];
    const proposal = { partNumber: 'AD9361', makerName: 'Analog Devices', warnings: ['x'] };
    for (const [i, doc] of docs.entries()) {
      await pool.query(
        `INSERT INTO components (item_id, marking_raw, suggestion, field_status, updated_at, created_by, updated_by) VALUES ($1, $2, $3, $4, '2020-01-01', $5, $5)`,
        [item, `marking ${i}`, i === 2 ? null : JSON.stringify(proposal), JSON.stringify(doc), SYSTEM],
      );
    }
    const stamps = async () => (await pool.query(`SELECT updated_at FROM components WHERE item_id = $1 ORDER BY marking_raw`, [item])).rows.map((r) => r.updated_at);
    const before = await stamps();
    const migration = await fs.readFile(new URL('../../src/db/migrations/0003_compact_components.sql', import.meta.url), 'utf8');
    await pool.query(migration.slice(migration.indexOf('INSERT INTO component_suggestions')));
    const rows = (await pool.query(`SELECT marking_raw, (SELECT suggestion FROM component_suggestions s WHERE s.id = c.suggestion_id) AS suggestion,
        remnant_field_status(field_status_extra, suggested_at, confirmed_fields, confirmed_by, confirmed_at) AS field_status
      FROM components c WHERE item_id = $1 ORDER BY marking_raw`, [item])).rows;
    expect(rows.map((r) => r.field_status)).toEqual(docs);
    expect(rows.map((r) => r.suggestion)).toEqual([proposal, proposal, null]);
    expect(await stamps()).toEqual(before);
    expect((await pool.query(`SELECT count(*)::int AS n FROM component_suggestions`)).rows[0].n).toBeGreaterThanOrEqual(1);
  });
});
