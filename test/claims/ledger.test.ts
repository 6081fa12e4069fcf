import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, testUser } from '../support/app.js';
import { SYSTEM_ACTOR, type Actor } from '../../src/access/index.js';
import type { App } from '../../src/http/app.js';

/** The ledger through the API: topics, filing, conflicts, rulings by role, comparison with findings. */
let app: App;
let as: Actor | null = SYSTEM_ACTOR;
const users: Record<string, Actor> = {};

beforeAll(async () => {
  const t = await testApp({ resolveActor: async () => as });
  app = t.app;
  for (const role of ['reviewer', 'analyst'] as const) users[role] = await testUser(t.database, role);
});

async function call(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) {
  const res = await app.inject({ method, url, ...(payload === undefined ? {} : { payload: payload as object }) });
  return { status: res.statusCode, body: res.statusCode === 204 ? null : res.json(), type: res.headers['content-type'] };
}

let source: string;
const claims: Record<string, string> = {};
let topic: string;
let dateTopic: string;
let item: string;

describe('claims ledger', () => {
  it('sets up sources, claims and an item with components', async () => {
    source = (await call('POST', '/api/sources', { kind: 'news_report', title: 'A report', visibility: 'public' })).body.id;
    const mk = async (name: string, body: Record<string, unknown>) => {
      const r = await call('POST', '/api/claims', { sourceId: source, visibility: 'public', ...body });
      expect(r.status).toBe(201);
      claims[name] = r.body.id;
    };
    await mk('wood', { speaker: 'Wood', saidOn: '2024-02-06', quantity: 9, quantityQualifier: 'at_least', countsWhat: 'occasions' });
    await mk('hwang', { speaker: 'Hwang', saidOn: '2024-02-01', quantity: 3, quantityQualifier: 'exact', countsWhat: 'times' });
    await mk('cherniak', { speaker: 'Cherniak', saidOn: '2024-12-01', quantity: 60, quantityQualifier: 'at_least' });
    await mk('june', { speakerOrganisation: 'Outlet B', eventFrom: '2024-06-01', eventTo: '2024-06-30' });
    await mk('july', { speakerOrganisation: 'Outlet A', eventFrom: '2024-07-28', eventTo: '2024-07-28' });
    await mk('parts', { speakerOrganisation: 'CAR', quantity: 2, quantityQualifier: 'more_than', countsWhat: 'components' });
    item = (await call('POST', '/api/items', { label: 'Remnant', visibility: 'public' })).body.id;
    for (let i = 0; i < 3; i++) {
      const r = await call('POST', '/api/components', { itemId: item, markingRaw: `PART${i}`, partNumber: `PART${i}`, visibility: 'public' });
      expect(r.status).toBe(201);
    }
  });

  it('creates topics and refuses a metric that does not suit the topic, naming the field', async () => {
    const bad = await call('POST', '/api/claim-topics', { title: 'x', kind: 'quantity', findingMetric: 'noEarlierThan' });
    expect(bad.status).toBe(400);
    expect(bad.type).toContain('application/problem+json');
    expect(bad.body.errors[0].field).toBe('findingMetric');
    const unknown = await call('POST', '/api/claim-topics', { title: 'x', kind: 'quantity', findingMetric: 'bogus' });
    expect(unknown.body.errors[0].field).toBe('findingMetric');
    const statement = await call('POST', '/api/claim-topics', { title: 'x', kind: 'statement', cumulative: true });
    expect(statement.status).toBe(400);
    expect(statement.body.errors[0].field).toBe('kind');
    const r = await call('POST', '/api/claim-topics', { title: 'DPRK missiles launched', kind: 'quantity', unit: 'launches', cumulative: true, visibility: 'public' });
    expect(r.status).toBe(201);
    topic = r.body.id;
    dateTopic = (await call('POST', '/api/claim-topics', { title: 'Date of first briefing', kind: 'date', visibility: 'public' })).body.id;
  });

  it('files claims and shows conflicts side by side with speaker, date said and source', async () => {
    const filed = await call('POST', `/api/claim-topics/${topic}/claims`, { claimIds: [claims.wood, claims.hwang, claims.cherniak] });
    expect(filed.status).toBe(200);
    expect(filed.body.claims).toHaveLength(3);
    const hwang = filed.body.claims.find((c: { id: string }) => c.id === claims.hwang);
    expect(hwang.source.title).toBe('A report');
    expect(hwang.said).toBe('1 February 2024');
    // Read as said on 1 February, Hwang's 3 precedes Wood's "at least 9" of 6 February: a running
    // total that grew, no conflict.
    expect(filed.body.conflicts).toEqual([]);
    // Hwang spoke "in February", not on the 1st: the two statements are now simultaneous and clash.
    const precise = await call('PATCH', `/api/claims/${claims.hwang}/ledger`, { saidOnPrecision: 'month' });
    expect(precise.status).toBe(200);
    expect(precise.body.said).toBe('February 2024');
    const now = await call('GET', `/api/claim-topics/${topic}`);
    expect(now.body.conflicts).toHaveLength(1);
    expect(now.body.conflicts[0].reason).toContain('Hwang: 3 launches (as of February 2024) vs Wood: at least 9 launches (as of 6 February 2024)');
    expect(now.body.conflicts[0].caveat).toContain('occasions');
    await call('POST', `/api/claim-topics/${dateTopic}/claims`, { claimIds: [claims.june, claims.july] });
    const ledger = await call('GET', '/api/ledger');
    expect(ledger.status).toBe(200);
    expect(ledger.body.conflictCount).toBe(2);
    expect(ledger.body.unfiled.map((c: { id: string }) => c.id)).toEqual([claims.parts]);
  });

  it('refuses filing an unknown claim, naming its position, and changes nothing', async () => {
    const r = await call('POST', `/api/claim-topics/${topic}/claims`, { claimIds: [claims.parts, '00000000-0000-4000-8000-000000000000'] });
    expect(r.status).toBe(400);
    expect(r.body.errors[0].field).toBe('claimIds.1');
    const ledger = await call('GET', `/api/claim-topics/${topic}`);
    expect(ledger.body.claims).toHaveLength(3);
  });

  it('lets reviewers rule with a reason, keeps every ruling, and refuses others', async () => {
    as = users.analyst!;
    const denied = await call('POST', `/api/claims/${claims.july}/rulings`, { status: 'refuted', reason: 'three reports say June' });
    expect(denied.status).toBe(403);
    as = users.reviewer!;
    const noReason = await call('POST', `/api/claims/${claims.july}/rulings`, { status: 'disputed', reason: ' ' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors[0].field).toBe('reason');
    const first = await call('POST', `/api/claims/${claims.july}/rulings`, { status: 'disputed', reason: 'three reports say June' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ fromStatus: 'unverified', toStatus: 'disputed', decidedBy: users.reviewer!.id, decidedByName: 'Test reviewer' });
    const second = await call('POST', `/api/claims/${claims.july}/rulings`, { status: 'refuted', reason: 'UN records date the meeting in June' });
    expect(second.status).toBe(201);
    const flip = await call('POST', `/api/claims/${claims.july}/rulings`, { status: 'corroborated', reason: 'changed my mind' });
    expect(flip.status).toBe(409);
    const history = await call('GET', `/api/claims/${claims.july}/rulings`);
    expect(history.body.data.map((r: { toStatus: string }) => r.toStatus)).toEqual(['disputed', 'refuted']);
    const claim = await call('GET', `/api/claims/${claims.july}`);
    expect(claim.body).toMatchObject({ status: 'refuted', statusReason: 'UN records date the meeting in June', statusBy: users.reviewer!.id });
    const audit = await call('GET', `/api/claims/${claims.july}/history`);
    expect(audit.body.data.filter((h: { action: string }) => h.action === 'rule')).toHaveLength(2);
    // The public sees what was decided and why, not who decided.
    as = null;
    const pub = await call('GET', `/api/claims/${claims.july}/rulings`);
    expect(pub.body.data[1]).toMatchObject({ reason: 'UN records date the meeting in June', decidedBy: null, decidedByName: null });
    as = SYSTEM_ACTOR;
  });

  it('sets a claim against a computed finding', async () => {
    const t = await call('POST', '/api/claim-topics', {
      title: 'Components documented in the remnant', kind: 'quantity', unit: 'components', findingMetric: 'components', findingItemId: item, visibility: 'public',
    });
    expect(t.status).toBe(201);
    const filed = await call('POST', `/api/claim-topics/${t.body.id}/claims`, { claimIds: [claims.parts] });
    expect(filed.body.finding).toMatchObject({ metric: 'components', value: '3 components', illustrative: false });
    expect(filed.body.finding.comparisons[0]).toMatchObject({ verdict: 'matches', text: 'claimed more than 2 components; documented here: 3 components' });
    await call('POST', '/api/components', { itemId: item, markingRaw: 'HIDDEN', partNumber: 'HIDDEN', visibility: 'internal' });
    const admin = await call('GET', `/api/claim-topics/${t.body.id}`);
    expect(admin.body.finding.value).toBe('4 components');
    as = null;
    const pub = await call('GET', `/api/claim-topics/${t.body.id}`);
    expect(pub.body.finding.value).toBe('3 components');
    as = SYSTEM_ACTOR;
  });
});

describe('cases', () => {
  let kase: string;
  it('opens a case with members, adds and removes members, and 400s on unknown ids', async () => {
    const r = await call('POST', '/api/cases', { title: 'DPRK missiles', sourceIds: [source], visibility: 'public' });
    expect(r.status).toBe(201);
    kase = r.body.id;
    const added = await call('POST', `/api/cases/${kase}/members`, { itemIds: [item], claimIds: [claims.wood, claims.hwang] });
    expect(added.status).toBe(200);
    expect(added.body.itemIds).toEqual([item]);
    expect(added.body.claimIds.sort()).toEqual([claims.wood, claims.hwang].sort());
    const bad = await call('POST', `/api/cases/${kase}/members`, { itemIds: [item, '00000000-0000-4000-8000-000000000000'] });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('itemIds.1');
    const badKind = await call('DELETE', `/api/cases/${kase}/members/widgets/${item}`);
    expect(badKind.status).toBe(400);
    const removed = await call('DELETE', `/api/cases/${kase}/members/claims/${claims.hwang}`);
    expect(removed.body.claimIds).toEqual([claims.wood]);
    const again = await call('DELETE', `/api/cases/${kase}/members/claims/${claims.hwang}`);
    expect(again.status).toBe(404);
  });

  it('gives the case ledger and case findings', async () => {
    const ledger = await call('GET', `/api/ledger?caseId=${kase}`);
    expect(ledger.status).toBe(200);
    expect(ledger.body.topics.map((t: { topic: { id: string } }) => t.topic.id)).toEqual([topic]);
    const f = await call('GET', `/api/cases/${kase}/findings`);
    expect(f.status).toBe(200);
    expect(f.body.components.units).toBe(4);
    expect(f.body.items.ids).toEqual([item]);
  });

  it('refuses deleting an item a case still holds, as a conflict', async () => {
    const r = await call('DELETE', `/api/items/${item}`);
    expect(r.status).toBe(409);
  });

  it('deletes a case but not its members', async () => {
    expect((await call('DELETE', `/api/cases/${kase}`)).status).toBe(204);
    expect((await call('GET', `/api/cases/${kase}`)).status).toBe(404);
    expect((await call('GET', `/api/claims/${claims.wood}`)).status).toBe(200);
  });
});
