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
});
