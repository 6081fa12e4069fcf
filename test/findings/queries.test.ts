import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../support/db.js';
import { SYSTEM_ACTOR, type Actor } from '../../src/access/index.js';
import { computeFindings, drillComponents, metricValue, type Findings } from '../../src/findings/index.js';

/**
 * Hand-built fixtures with answers worked out by hand:
 *
 * item A (public, incident X): 10 public components + 1 restricted + 1 internal
 *   US maker "SubCo" (parent "ParentCo", DE): 6 units (one record of quantity 3, three of 1)
 *   JP maker "NipponCo": 2 units
 *   unknown maker: 2 units
 *   restricted component (US, 100 units, dated 2030) — must never show in public figures
 *   internal component (JP, 1 unit) — counted for signed-in users, not for the public
 * item B (public, in case K directly): near copy of A's public parts
 * item C (restricted): 5 units, never counted for the public
 */
let t: TestDatabase;
const S = SYSTEM_ACTOR.id;
const ids = {
  parent: randomUUID(), sub: randomUUID(), nippon: randomUUID(),
  incident: randomUUID(), a: randomUUID(), b: randomUUID(), c: randomUUID(), kase: randomUUID(),
};
const analyst: Actor = { id: randomUUID(), username: 'ana', role: 'analyst' };

type Comp = { item: string; pn: string | null; maker: string | null; country: string | null; from?: string; to?: string; qty?: number; tier?: string; vis?: 'public' | 'internal' | 'restricted'; pos?: string; ill?: boolean };
const compIds: Record<string, string[]> = {};

async function insertComponents(list: Comp[], tag: string) {
  const rows = list.map((c) => ({
    id: randomUUID(), itemId: c.item, markingRaw: c.pn ?? 'unmarked', partNumber: c.pn, makerId: c.maker, makerCountry: c.country,
    productionFrom: c.from ?? null, productionTo: c.to ?? null, quantity: c.qty ?? 1, chplTier: c.tier ?? null, position: c.pos ?? null,
    visibility: c.vis ?? 'public', illustrative: c.ill ?? false, createdBy: S, updatedBy: S,
  }));
  await t.db.insertInto('components').values(rows).execute();
  compIds[tag] = rows.map((r) => r.id);
}

beforeAll(async () => {
  t = await freshDatabase();
  const db = t.db;
  await db.insertInto('users').values({ id: analyst.id, username: 'ana', displayName: 'Ana', role: 'analyst' }).execute();
  await db.insertInto('organisations').values([
    { id: ids.parent, name: 'ParentCo', kind: 'manufacturer', country: 'DE', visibility: 'public', createdBy: S, updatedBy: S },
    { id: ids.sub, name: 'SubCo', kind: 'manufacturer', country: 'US', parentId: ids.parent, parentFrom: '2015-01-01', visibility: 'public', createdBy: S, updatedBy: S },
    { id: ids.nippon, name: 'NipponCo', kind: 'manufacturer', country: 'JP', visibility: 'public', createdBy: S, updatedBy: S },
  ]).execute();
  await db.insertInto('incidents').values({ id: ids.incident, title: 'Strike X', occurredFrom: '2024-01-02', visibility: 'public', createdBy: S, updatedBy: S }).execute();
  await db.insertInto('items').values([
    { id: ids.a, label: 'Item A', incidentId: ids.incident, usedOn: '2024-01-02', weaponModel: 'KN-23', visibility: 'public', createdBy: S, updatedBy: S },
    { id: ids.b, label: 'Item B', productionMarks: 'Juche 113', weaponModel: 'KN-23', visibility: 'public', illustrative: true, createdBy: S, updatedBy: S },
    { id: ids.c, label: 'Item C', weaponModel: 'KN-23', visibility: 'restricted', createdBy: S, updatedBy: S },
  ]).execute();
  await db.insertInto('cases').values({ id: ids.kase, title: 'Case K', visibility: 'public', createdBy: S, updatedBy: S }).execute();
  await db.insertInto('caseIncidents').values({ caseId: ids.kase, incidentId: ids.incident }).execute();
  await db.insertInto('caseItems').values({ caseId: ids.kase, itemId: ids.b }).execute();

  await insertComponents([
    { item: ids.a, pn: 'LTC1688', maker: ids.sub, country: 'US', qty: 3, from: '2021-03-01', to: '2021-03-31', tier: '1', pos: 'U1' },
    { item: ids.a, pn: 'AD8221', maker: ids.sub, country: 'US', from: '2022-06-06', to: '2022-06-12', tier: '1', pos: 'U2' },
    { item: ids.a, pn: 'AD8221', maker: ids.sub, country: 'US', from: '2023-03-06', to: '2023-03-12', tier: '1', pos: 'U3' },
    { item: ids.a, pn: 'MAX232', maker: ids.sub, country: 'US', from: '2023-03-06', to: '2023-03-31', tier: '1', pos: 'U4' },
    { item: ids.a, pn: 'GRM188', maker: ids.nippon, country: 'JP', qty: 2, tier: '2' },
    { item: ids.a, pn: null, maker: null, country: null, qty: 2 },
  ], 'aPublic');
  await insertComponents([{ item: ids.a, pn: 'SECRET1', maker: ids.sub, country: 'US', qty: 100, from: '2030-01-01', to: '2030-01-31', vis: 'restricted' }], 'aRestricted');
  await insertComponents([{ item: ids.a, pn: 'INT1', maker: ids.nippon, country: 'JP', vis: 'internal' }], 'aInternal');
  await insertComponents([
    { item: ids.b, pn: 'LTC1688', maker: ids.sub, country: 'US', qty: 3, pos: 'U1', ill: true },
    { item: ids.b, pn: 'AD8221', maker: ids.sub, country: 'US', pos: 'U2', ill: true },
    { item: ids.b, pn: 'AD8221', maker: ids.sub, country: 'US', pos: 'U3', ill: true },
    { item: ids.b, pn: 'MAX232', maker: ids.sub, country: 'US', pos: 'U4', ill: true, from: '2023-11-01', to: '2023-11-30' },
    { item: ids.b, pn: 'GRM188', maker: ids.nippon, country: 'JP', qty: 2, ill: true },
  ], 'b');
  await insertComponents([{ item: ids.c, pn: 'C1', maker: ids.nippon, country: 'JP', qty: 5, vis: 'public' }], 'c');
});

const tenths = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) * 10);
const bucket = (f: Findings['makerCountries'], key: string | null) => f.buckets.find((b) => b.key === key);

describe('item findings', () => {
  it('counts what the public may see, with the ids behind each figure', async () => {
    const f = await computeFindings(t.db, null, { kind: 'item', id: ids.a });
    expect(f.audience).toBe('public');
    expect(f.components.units).toBe(10);
    expect(f.components.records.count).toBe(6);
    expect(new Set(f.components.records.ids)).toEqual(new Set(compIds.aPublic));
    expect(f.components.partNumbers.count).toBe(4);
    expect(f.components.unidentifiedUnits).toBe(2);
    expect(f.makers.distinct).toBe(2);
    expect(f.makerCountries.distinct).toBe(2);
    expect(bucket(f.makerCountries, 'US')).toMatchObject({ units: 6, share: 60, records: 4 });
    expect(bucket(f.makerCountries, 'JP')).toMatchObject({ units: 2, share: 20 });
    expect(bucket(f.makerCountries, null)).toMatchObject({ units: 2, share: 20 });
    expect(tenths(f.makerCountries.buckets.map((b) => b.share))).toBe(1000);
    // The restricted 2030 component would have moved every one of these.
    expect(f.noEarlierThan?.date).toBe('2023-03-06');
    expect(new Set(f.noEarlierThan?.refs.ids)).toEqual(new Set([compIds.aPublic![2], compIds.aPublic![3]]));
    expect(JSON.stringify(f)).not.toContain(compIds.aRestricted![0]);
    expect(JSON.stringify(f)).not.toContain('SECRET1');
  });

  it('counts internal records for a signed-in analyst but never restricted ones created by others', async () => {
    const f = await computeFindings(t.db, analyst, { kind: 'item', id: ids.a });
    expect(f.components.units).toBe(11);
    expect(bucket(f.makerCountries, 'JP')?.units).toBe(3);
    expect(f.noEarlierThan?.date).toBe('2023-03-06');
    const admin = await computeFindings(t.db, SYSTEM_ACTOR, { kind: 'item', id: ids.a });
    expect(admin.components.units).toBe(111);
    expect(admin.noEarlierThan?.date).toBe('2030-01-01');
  });

  it('attributes countries by ultimate parent through the parent chain', async () => {
    const f = await computeFindings(t.db, null, { kind: 'item', id: ids.a });
    expect(bucket(f.makerCountriesByParent, 'DE')?.units).toBe(6);
    expect(bucket(f.makerCountriesByParent, 'US')).toBeUndefined();
    expect(tenths(f.makerCountriesByParent.buckets.map((b) => b.share))).toBe(1000);
  });

  it('gives date-code shares and years over dated units', async () => {
    const f = await computeFindings(t.db, null, { kind: 'item', id: ids.a });
    expect(f.dateCodes.datedUnits).toBe(6);
    expect(f.dateCodes.share).toBe(60);
    expect(f.dateCodes.byYear.buckets.map((b) => [b.key, b.units])).toEqual([['2021', 3], ['2022', 1], ['2023', 2]]);
    expect(tenths(f.dateCodes.byYear.buckets.map((b) => b.share))).toBe(1000);
    expect(metricValue(f, 'yearShare:2022-2023')).toMatchObject({ kind: 'number', value: 50 });
    expect(f.chplTiers.buckets.map((b) => [b.key, b.units])).toEqual([['1', 6], ['2', 2], [null, 2]]);
  });

  it('computes the production-to-use interval from the newest part and the use date', async () => {
    const f = await computeFindings(t.db, null, { kind: 'item', id: ids.a });
    expect(f.timelines).toHaveLength(1);
    expect(f.timelines[0]!.interval).toMatchObject({ production: { from: '2023-03-06', to: '2024-01-02' }, minDays: 0, maxDays: 302 });
    const b = await computeFindings(t.db, null, { kind: 'item', id: ids.b });
    // B has a Juche mark (2024) but no use date: no interval, the mark is still read.
    expect(b.timelines[0]!.mark?.window.from).toBe('2024-01-01');
    expect(b.timelines[0]!.interval).toBeNull();
  });

  it('finds the near-identical item, symmetrically, and never a restricted one for the public', async () => {
    const fa = await computeFindings(t.db, null, { kind: 'item', id: ids.a });
    const fb = await computeFindings(t.db, null, { kind: 'item', id: ids.b });
    expect(fa.similarity.similarItems.map((s) => s.itemId)).toEqual([ids.b]);
    expect(fb.similarity.similarItems.map((s) => s.itemId)).toEqual([ids.a]);
    expect(fa.similarity.similarItems[0]!.similarity.score).toBe(fb.similarity.similarItems[0]!.similarity.score);
    // A has 2 unidentified units without part number, otherwise the same parts at the same positions.
    expect(fa.similarity.similarItems[0]!.similarity.verdict).toBe('identical');
    expect(metricValue(fa, 'identicalItems')).toMatchObject({ value: 1 });
  });

  it('refuses an item the public may not see as not found', async () => {
    await expect(computeFindings(t.db, null, { kind: 'item', id: ids.c })).rejects.toMatchObject({ status: 404 });
  });
});

describe('intermediaries', () => {
  it('are absent until something is traced, then come by country and M49 sub-region from the chains', async () => {
    const before = await computeFindings(t.db, SYSTEM_ACTOR, { kind: 'item', id: ids.a });
    expect(before.intermediaries).toBeNull();
    const dist = randomUUID();
    await t.db.insertInto('organisations').values({ id: dist, name: 'DistCo', kind: 'distributor', country: 'HK', visibility: 'public', createdBy: S, updatedBy: S }).execute();
    const hop = randomUUID();
    await t.db.insertInto('traceHops').values({ id: hop, sellerId: ids.sub, buyerId: dist, transferDate: '2022-01-10', assessment: 'legal', createdBy: S, updatedBy: S }).execute();
    await t.db.insertInto('traceHopComponents').values({ traceHopId: hop, componentId: compIds.aPublic![1]! }).execute();
    const after = await computeFindings(t.db, SYSTEM_ACTOR, { kind: 'item', id: ids.a });
    expect(after.intermediaries?.tracedComponents).toBe(1);
    expect(after.intermediaries?.byCountry.buckets.map((b) => [b.key, b.units, b.share])).toEqual([['HK', 1, 100]]);
    expect(after.intermediaries?.byRegion.buckets.map((b) => [b.key, b.label])).toEqual([["030", "Eastern Asia"]]);
    // The hop is restricted (tracing's default): the public sees no intermediaries at all.
    const pub = await computeFindings(t.db, null, { kind: 'item', id: ids.a });
    expect(pub.intermediaries).toBeNull();
  });
});

describe('group findings', () => {
  it('a case counts items held directly and through its incidents', async () => {
    const f = await computeFindings(t.db, null, { kind: 'case', id: ids.kase });
    expect(f.items.count).toBe(2);
    expect(new Set(f.items.ids)).toEqual(new Set([ids.a, ids.b]));
    expect(f.components.units).toBe(10 + 8);
    expect(f.illustrative.components).toBe(5);
    expect(f.notes.join(' ')).toMatch(/illustrative/);
    expect(f.similarity.pairs).toHaveLength(1);
    expect(f.timelines.map((x) => x.label)).toEqual(['Item A', 'Item B']);
    // The newest component in the case is B's MAX232 (2023-11-01).
    expect(f.noEarlierThan?.date).toBe('2023-11-01');
  });

  it('can leave illustrative records out', async () => {
    const f = await computeFindings(t.db, null, { kind: 'case', id: ids.kase }, { includeIllustrative: false });
    expect(f.items.count).toBe(1);
    expect(f.components.units).toBe(10);
    expect(f.illustrative.components).toBe(0);
  });

  it('a weapon model and the whole database exclude what the public may not see', async () => {
    const model = await computeFindings(t.db, null, { kind: 'weaponModel', model: 'kn-23' });
    expect(model.items.count).toBe(2);
    expect(model.components.units).toBe(18);
    const all = await computeFindings(t.db, null, { kind: 'all' });
    expect(all.components.units).toBe(18);
    const allAdmin = await computeFindings(t.db, SYSTEM_ACTOR, { kind: 'all' }, { idLimit: 0 });
    expect(allAdmin.components.units).toBe(18 + 100 + 1 + 5);
    expect(allAdmin.components.records.ids).toEqual([]);
    expect(allAdmin.components.records.truncated).toBe(true);
  });

  it('drill-down returns exactly the ids a bucket counted', async () => {
    const f = await computeFindings(t.db, null, { kind: 'case', id: ids.kase });
    const us = bucket(f.makerCountries, 'US')!;
    const drilled = await drillComponents(t.db, null, { kind: 'case', id: ids.kase }, 'makerCountry', 'US', { includeIllustrative: true, limit: 100, offset: 0 });
    expect(drilled.total).toBe(us.records);
    expect(new Set(drilled.ids)).toEqual(new Set(us.ids));
    const unknown = await drillComponents(t.db, null, { kind: 'case', id: ids.kase }, 'makerCountry', null, { includeIllustrative: true, limit: 100, offset: 0 });
    expect(unknown.ids).toEqual([compIds.aPublic![5]]);
  });
});
