import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, testUser } from '../support/app.js';
import type { TestDatabase } from '../support/db.js';
import { buildApp, type App } from '../../src/http/app.js';
import { loadConfig } from '../../src/config.js';
import { SYSTEM_ACTOR, type Actor } from '../../src/access/index.js';
import { computeFindings, metricValue } from '../../src/findings/index.js';
import { decideMatch, importList, listMatches, screenOrganisations } from '../../src/screening/index.js';

/**
 * The "sanctioned parties" figure, over a hand-built item (answers worked out by hand):
 *
 * item A (public): 2 public components by Ryonbong (confirmed KPe.002), 1 by Example Semiconductor
 * (a pending match only, so not sanctioned), 1 by Namchongang (confirmed KPe.004, but the
 * organisation is restricted: an analyst without a grant cannot count it).
 * Example Semiconductor's part travels Example → Example Trading HK (legal) → KOMID (confirmed
 * KPe.001, diversion suspected) → a government end user (confirmed too, but not an intermediary).
 * So for the system admin: 2 makers (Ryonbong, Namchongang) and 1 intermediary (KOMID);
 * for an analyst: 1 maker and 1 intermediary; for the public: no figure at all.
 */
const fixture = (name: string) => new URL(`../fixtures/lists/${name}`, import.meta.url).pathname;
let app: App;
let database: TestDatabase;
let analyst: Actor;
const S = SYSTEM_ACTOR.id;
const ids = {
  ryonbong: randomUUID(), example: randomUUID(), namchongang: randomUUID(), trading: randomUUID(), komid: randomUUID(), ministry: randomUUID(),
  item: randomUUID(), hop1: randomUUID(), hop2: randomUUID(), hop3: randomUUID(),
};
const comps = { r1: randomUUID(), r2: randomUUID(), ex: randomUUID(), nam: randomUUID() };

async function appAs(actor: Actor | null): Promise<App> {
  const a = await buildApp({ db: database.db, config: { ...loadConfig({}), maxUploadBytes: 1024 * 1024 }, resolveActor: async () => actor });
  await a.ready();
  return a;
}

beforeAll(async () => {
  ({ app, database } = await testApp());
  const db = database.db;
  analyst = await testUser(database, 'analyst');
  const org = (id: string, name: string, kind: string, country: string, visibility: 'public' | 'restricted' = 'public') => ({ id, name, kind, country, visibility, createdBy: S, updatedBy: S });
  await db.insertInto('organisations').values([
    org(ids.ryonbong, 'Korea Ryonbong General Corporation', 'manufacturer', 'KP'),
    org(ids.example, 'Example Semiconductor Inc.', 'manufacturer', 'US'),
    org(ids.namchongang, 'Namchongang Trading Corporation', 'manufacturer', 'KP', 'restricted'),
    org(ids.trading, 'Example Trading HK Ltd', 'distributor', 'HK'),
    org(ids.komid, 'Korea Mining Development Trading Corporation', 'distributor', 'KP'),
    org(ids.ministry, 'Green Pine Associated Corporation', 'government', 'KP'),
  ]).execute();
  await db.insertInto('items').values({ id: ids.item, label: 'Item A', visibility: 'public', createdBy: S, updatedBy: S }).execute();
  const comp = (id: string, maker: string, pn: string) => ({ id, itemId: ids.item, markingRaw: pn, partNumber: pn, makerId: maker, quantity: 1, visibility: 'public' as const, createdBy: S, updatedBy: S });
  await db.insertInto('components').values([
    comp(comps.r1, ids.ryonbong, 'R1'), comp(comps.r2, ids.ryonbong, 'R2'), comp(comps.ex, ids.example, 'EX1'), comp(comps.nam, ids.namchongang, 'N1'),
  ]).execute();
  const hop = (id: string, sellerId: string, buyerId: string, transferDate: string, assessment: string) =>
    ({ id, sellerId, buyerId, transferDate, assessment, visibility: 'public' as const, createdBy: S, updatedBy: S });
  await db.insertInto('traceHops').values([
    hop(ids.hop1, ids.example, ids.trading, '2022-01-10', 'legal'),
    hop(ids.hop2, ids.trading, ids.komid, '2022-03-01', 'diversion_suspected'),
    hop(ids.hop3, ids.komid, ids.ministry, '2022-05-01', 'unknown'),
  ]).execute();
  await db.insertInto('traceHopComponents').values([ids.hop1, ids.hop2, ids.hop3].map((h) => ({ traceHopId: h, componentId: comps.ex }))).execute();

  await importList(db, { file: fixture('un-consolidated.xml'), actor: SYSTEM_ACTOR });
  await screenOrganisations(db);
  const queue = await listMatches(db, SYSTEM_ACTOR, { status: 'pending', limit: 100, offset: 0 });
  const byOrg = new Map(queue.data.map((m) => [m.organisationId, m]));
  for (const o of [ids.ryonbong, ids.namchongang, ids.komid, ids.ministry]) {
    expect(byOrg.get(o), o).toBeDefined();
    // The admin: a reviewer without a grant cannot open the restricted organisation's match.
    await decideMatch(db, SYSTEM_ACTOR, byOrg.get(o)!.id, { decision: 'confirmed', reason: 'same name, country and address as the listing' });
  }
  // Example Semiconductor must not match anything confirmable: it stays out of the figure either way.
  expect(byOrg.get(ids.example)?.status ?? 'none').not.toBe('confirmed');
});

describe('sanctioned parties in findings', () => {
  it('counts makers and intermediaries with a confirmed match, each with its components and list references', async () => {
    const f = await computeFindings(database.db, SYSTEM_ACTOR, { kind: 'item', id: ids.item });
    expect(f.sanctioned).toMatchObject({ makers: 2, intermediaries: 1 });
    const parties = new Map(f.sanctioned!.parties.map((p) => [p.organisationId, p]));
    expect([...parties.keys()].sort()).toEqual([ids.ryonbong, ids.namchongang, ids.komid].sort());
    expect(parties.get(ids.ryonbong)).toMatchObject({
      roles: ['maker'],
      components: { table: 'components', count: 2, ids: [comps.r1, comps.r2].sort(), truncated: false },
      matches: [expect.objectContaining({ listSlug: 'un_sc_sanctions', entityReference: 'KPe.002', listVersionDate: '2024-03-19' })],
    });
    // Past the diversion point, and still counted: a listed buyer there is the point.
    expect(parties.get(ids.komid)).toMatchObject({ roles: ['intermediary'], components: { count: 1, ids: [comps.ex] }, matches: [expect.objectContaining({ entityReference: 'KPe.001' })] });
    // The government end user is confirmed too, but is no intermediary.
    expect(parties.has(ids.ministry)).toBe(false);
    expect(parties.get(ids.komid)!.matches[0]!.confirmedAt).toBeTruthy();
    // As metrics a ledger claim can be set against, leading to the organisations.
    expect(metricValue(f, 'sanctionedMakers')).toMatchObject({ value: 2, refs: { table: 'organisations', count: 2 } });
    expect(metricValue(f, 'sanctionedIntermediaries')).toMatchObject({ value: 1, refs: { ids: [ids.komid] } });
  });

  it('a capped makers breakdown still finds every sanctioned maker', async () => {
    const f = await computeFindings(database.db, SYSTEM_ACTOR, { kind: 'item', id: ids.item }, { bucketLimit: 1 });
    expect(f.makers.buckets.filter((b) => b.key !== null && b.label !== 'all others').length).toBeLessThan(3);
    expect(f.sanctioned).toMatchObject({ makers: 2, intermediaries: 1 });
    expect(f.sanctioned!.parties.find((p) => p.organisationId === ids.namchongang)?.components).toMatchObject({ count: 1, ids: [comps.nam] });
  });

  it('counts only organisations the reader may see', async () => {
    const f = await computeFindings(database.db, analyst, { kind: 'item', id: ids.item });
    expect(f.sanctioned).toMatchObject({ makers: 1, intermediaries: 1 });
    expect(f.sanctioned!.parties.map((p) => p.organisationId)).not.toContain(ids.namchongang);
  });

  it('is withheld from the public: screening decisions are not published', async () => {
    const f = await computeFindings(database.db, null, { kind: 'item', id: ids.item });
    expect(f.sanctioned).toBeNull();
    expect(f.notes.join(' ')).toMatch(/screening decisions are not published/);
    expect(metricValue(f, 'sanctionedMakers')).toBeNull();
    const anon = await appAs(null);
    const r = await anon.inject({ method: 'GET', url: `/api/items/${ids.item}/findings` });
    expect(r.statusCode).toBe(200);
    expect(r.json().sanctioned).toBeNull();
    expect(JSON.stringify(r.json())).not.toContain('KPe.');
    await anon.close();
  });

  it('the API returns the figure for signed-in readers, for every scope', async () => {
    const item = await app.inject({ method: 'GET', url: `/api/items/${ids.item}/findings` });
    expect(item.json().sanctioned).toMatchObject({ makers: 2, intermediaries: 1 });
    const all = await app.inject({ method: 'GET', url: '/api/findings' });
    expect(all.json().sanctioned).toMatchObject({ makers: 2, intermediaries: 1 });
  });

  it('a dismissed match leaves the figure', async () => {
    const m = await listMatches(database.db, SYSTEM_ACTOR, { status: 'confirmed', organisationId: ids.ryonbong, limit: 10, offset: 0 });
    await decideMatch(database.db, SYSTEM_ACTOR, m.data[0]!.id, { decision: 'dismissed', reason: 'different company after all' });
    const f = await computeFindings(database.db, SYSTEM_ACTOR, { kind: 'item', id: ids.item });
    expect(f.sanctioned).toMatchObject({ makers: 1, intermediaries: 1 });
  });
});

describe('sanctioned holders in chains', () => {
  it('marks each holder with a confirmed match, for signed-in readers only', async () => {
    const r = await app.inject({ method: 'GET', url: `/api/chains?componentId=${comps.ex}` });
    expect(r.statusCode).toBe(200);
    const holders = new Map((r.json().data[0].holders as { id: string; sanctions: { entityReference: string; listSlug: string }[] }[]).map((h) => [h.id, h.sanctions]));
    expect(holders.get(ids.komid)).toEqual([expect.objectContaining({ listSlug: 'un_sc_sanctions', entityReference: 'KPe.001', listTitle: expect.any(String) })]);
    expect(holders.get(ids.trading)).toEqual([]);
    const anon = await appAs(null);
    const pub = await anon.inject({ method: 'GET', url: `/api/chains?componentId=${comps.ex}` });
    expect(pub.statusCode).toBe(200);
    expect(pub.json().data[0].holders.every((h: { sanctions: unknown[] }) => h.sanctions.length === 0)).toBe(true);
    await anon.close();
  });

  it('marks the same holders in the tracing graph', async () => {
    const r = await app.inject({ method: 'GET', url: `/api/tracing/graph?itemId=${ids.item}` });
    expect(r.statusCode).toBe(200);
    const nodes = new Map((r.json().nodes as { id: string; sanctions: { entityReference: string }[] }[]).map((n) => [n.id, n.sanctions]));
    expect(nodes.get(ids.komid)).toEqual([expect.objectContaining({ entityReference: 'KPe.001' })]);
    expect(nodes.get(ids.trading)).toEqual([]);
  });
});
