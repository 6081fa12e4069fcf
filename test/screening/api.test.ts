import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, testUser } from '../support/app.js';
import { buildApp, type App } from '../../src/http/app.js';
import { loadConfig } from '../../src/config.js';
import type { TestDatabase } from '../support/db.js';
import { SYSTEM_ACTOR } from '../../src/access/index.js';
import { importList, sanctionedOrganisations, screenOrganisations } from '../../src/screening/index.js';

const fixture = (name: string) => new URL(`../fixtures/lists/${name}`, import.meta.url).pathname;

let app: App;
let database: TestDatabase;
const ids = {} as { komid: string; ryonbong: string; innocent: string; greenPine: string };

async function call(method: 'GET' | 'POST', url: string, payload?: unknown, on: App = app) {
  const res = await on.inject({ method, url, ...(payload !== undefined ? { payload: payload as object } : {}) });
  return { status: res.statusCode, type: String(res.headers['content-type'] ?? ''), body: res.json() };
}

async function appAs(role: 'viewer' | 'analyst' | 'reviewer' | 'public'): Promise<App> {
  const actor = role === 'public' ? null : await testUser(database, role);
  const a = await buildApp({ db: database.db, config: { ...loadConfig({}), maxUploadBytes: 1024 * 1024 }, resolveActor: async () => actor });
  await a.ready();
  return a;
}

beforeAll(async () => {
  ({ app, database } = await testApp());
  const org = async (name: string, kind: string, country: string, aliases: string[] = []) => {
    const r = await call('POST', '/api/organisations', { name, kind, country, aliases });
    expect(r.status).toBe(201);
    return r.body.id as string;
  };
  ids.komid = await org('KOREA MINING DEVELOPMENT TRADING CO., LTD', 'distributor', 'KP');
  ids.ryonbong = await org('Korea Ryongbong General Corp', 'manufacturer', 'KP');
  ids.innocent = await org('Example Semiconductor Inc.', 'manufacturer', 'US');
  ids.greenPine = await org('Pine Tree Associates LLC', 'broker', 'US', ['Green Pine Associated Corp']);
  await importList(database.db, { file: fixture('un-consolidated.xml'), actor: SYSTEM_ACTOR });
});

describe('POST /api/match (yente shape)', () => {
  it('answers each query with scored FtM-style results carrying the list reference', async () => {
    const r = await call('POST', '/api/match', {
      queries: {
        q1: { schema: 'Company', properties: { name: ['Korea Mining Development Trading Corp.'], country: ['kp'] } },
        q2: { schema: 'Person', properties: { name: ['Lee Je Son'] } },
        q3: { schema: 'Company', properties: { name: 'Example Semiconductor Inc.' } },
      },
    });
    expect(r.status).toBe(200);
    const top = r.body.responses.q1.results[0];
    expect(top).toMatchObject({
      // yente: the entity's own id on its list; the list is in datasets.
      id: 'KPe.001',
      caption: 'KOREA MINING DEVELOPMENT TRADING CORPORATION',
      schema: 'Organization',
      reference: 'KPe.001',
      datasets: ['un_sc_sanctions'],
      match: true,
      target: true,
    });
    expect(top.score).toBeGreaterThanOrEqual(0.95);
    expect(top.properties.unscId).toEqual(['KPe.001']);
    expect(top.properties.alias).toContain('KOMID');
    expect(top.features.name_match).toBe(1);
    expect(top.explanations.country_match.detail).toContain('kp');
    expect(r.body.responses.q2.results[0]).toMatchObject({ reference: 'KPi.002', match: true });
    expect(r.body.responses.q3.results).toEqual([]);
    expect(r.body.responses.q1.query.schema).toBe('Company');
    expect(r.body.matcher.features).toHaveProperty('name_match');
    expect(r.body.limit).toBe(5);
  });

  it('sets match by the threshold and drops results below the cutoff', async () => {
    const body = { queries: { q: { schema: 'Company', properties: { name: ['Korea Ryongbong General'] } } } };
    const strict = await call('POST', '/api/match?threshold=0.99&cutoff=0.5', body);
    const hit = strict.body.responses.q.results[0];
    expect(hit.reference).toBe('KPe.002');
    expect(hit.match).toBe(false);
    const none = await call('POST', '/api/match?threshold=0.99&cutoff=0.99', body);
    expect(none.body.responses.q.results).toEqual([]);
  });

  it('answers the OpenSanctions quickstart request unchanged at /match/default: firstName, lastName and birthDate', async () => {
    // The shape of the request in OpenSanctions' matching API quickstart (a Person by firstName, lastName, birthDate).
    const query = (birthDate: string) => ({ queries: { q: { schema: 'Person', properties: { firstName: ['Ho Jin'], lastName: ['Yun'], birthDate: [birthDate] } } } });
    const same = await call('POST', '/api/match/default', query('1944'));
    expect(same.status).toBe(200);
    const [hit] = same.body.responses.q.results;
    expect(hit).toMatchObject({ id: 'KPi.001', caption: expect.any(String), datasets: ['un_sc_sanctions'], match: true });
    expect(hit.features.birth_date_match).toBe(1);
    expect(hit.properties.birthDate).toEqual(['1944-10-13']);
    expect(typeof hit.first_seen).toBe('string');
    expect(typeof hit.last_seen).toBe('string');
    expect(typeof hit.last_change).toBe('string');
    // Another birth decade: the same name is another person.
    const other = await call('POST', '/api/match/default?cutoff=0.1', query('1962'));
    const [vetoed] = other.body.responses.q.results;
    expect(vetoed.match).toBe(false);
    expect(vetoed.explanations.birth_date_mismatch.detail).toContain('1962 vs listed 1944-10-13');
    // A dataset in the path that is not "default" is one list; an unknown one finds nothing.
    const elsewhere = await call('POST', '/api/match/us_ofac_sdn', query('1944'));
    expect(elsewhere.body.responses.q.results).toEqual([]);
  });

  it('changed_since keeps only entries changed since then', async () => {
    const body = { queries: { q: { schema: 'Company', properties: { name: ['Korea Mining Development Trading'] } } } };
    const past = await call('POST', '/api/match?changed_since=2000-01-01', body);
    expect(past.body.responses.q.results[0].id).toBe('KPe.001');
    const future = await call('POST', '/api/match?changed_since=2999-01-01', body);
    expect(future.body.responses.q.results).toEqual([]);
    const bad = await call('POST', '/api/match?changed_since=yesterday', body);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('changed_since');
  });

  it('GET /api/entities/:id gives the entity by its own id; /api/search/default finds it by name in any script', async () => {
    const e = await call('GET', '/api/entities/KPe.001');
    expect(e.status).toBe(200);
    expect(e.body).toMatchObject({ id: 'KPe.001', schema: 'Organization', datasets: ['un_sc_sanctions'], target: true });
    expect((await call('GET', '/api/entities/NOPE.1')).status).toBe(404);
    const s = await call('GET', '/api/search/default?q=' + encodeURIComponent('리제선') + '&limit=3');
    expect(s.status).toBe(200);
    expect(s.body.results[0]).toMatchObject({ id: 'KPi.002' });
    expect(s.body).toMatchObject({ limit: 3, offset: 0 });
    expect((await call('GET', '/api/search/default')).status).toBe(400);
  });

  it('rejects bad input as problem+json naming the field', async () => {
    const r = await call('POST', '/api/match', { queries: { q: { schema: 'Dragon', properties: { name: ['x'] } } } });
    expect(r.status).toBe(400);
    expect(r.type).toContain('application/problem+json');
    expect(JSON.stringify(r.body)).toContain('schema');
    expect((await call('POST', '/api/match', { queries: {} })).status).toBe(400);
  });

  it('needs an account', async () => {
    const anon = await appAs('public');
    expect((await call('POST', '/api/match', { queries: { q: { schema: 'Company', properties: { name: ['x'] } } } }, anon)).status).toBe(401);
    await anon.close();
  });
});

/** Polls until `check` passes; the test's own timeout bounds the wait (no timing assertion). */
async function eventually<T>(probe: () => Promise<T>, check: (v: T) => boolean): Promise<T> {
  for (;;) {
    const v = await probe();
    if (check(v)) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('automatic screening', () => {
  it('screens a new organisation, and again when it is renamed, without anyone asking', async () => {
    const r = await call('POST', '/api/organisations', { name: 'Tanchon Commercial Bank', kind: 'other', country: 'KP' });
    expect(r.status).toBe(201);
    const matchesOf = () => call('GET', `/api/screening/matches?organisationId=${r.body.id}`);
    const first = await eventually(matchesOf, (m) => m.body.data.length > 0);
    expect(first.body.data[0]).toMatchObject({ entityReference: 'KPe.003', status: 'pending' });
    const renamed = await app.inject({ method: 'PATCH', url: `/api/organisations/${r.body.id}`, payload: { name: 'Korea Ryonbong General Corp' } });
    expect(renamed.statusCode).toBe(200);
    const after = await eventually(matchesOf, (m) => m.body.data.some((x: { entityReference: string }) => x.entityReference === 'KPe.002'));
    // The old match is kept, marked as no longer found.
    expect(after.body.data.map((x: { entityReference: string }) => x.entityReference)).toEqual(['KPe.002']);
    const all = await call('GET', `/api/screening/matches?organisationId=${r.body.id}&includeStale=true`);
    expect(all.body.data).toContainEqual(expect.objectContaining({ entityReference: 'KPe.003', stale: true }));
    await app.inject({ method: 'DELETE', url: `/api/organisations/${r.body.id}` });
  });
});

describe('screening and the review queue', () => {
  it('screens every organisation and queues matches above the threshold', async () => {
    const r = await call('POST', '/api/screening/run', {});
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ organisations: 4, lists: 1 });
    const queue = await call('GET', '/api/screening/matches?status=pending');
    const byOrg = new Map(queue.body.data.map((m: { organisationId: string }) => [m.organisationId, m]));
    expect(byOrg.get(ids.komid)).toMatchObject({ entityReference: 'KPe.001', listSlug: 'un_sc_sanctions', listVersionDate: '2024-03-19', status: 'pending' });
    expect(byOrg.get(ids.ryonbong)).toMatchObject({ entityReference: 'KPe.002' });
    // matched through the organisation's alias
    expect(byOrg.get(ids.greenPine)).toMatchObject({ entityReference: 'KPe.010' });
    expect(byOrg.has(ids.innocent)).toBe(false);
    const m = byOrg.get(ids.komid) as { explanation: { features: Record<string, number> } };
    expect(m.explanation.features).toHaveProperty('name_match');
  });

  it('a reviewer confirms or dismisses with a reason; others may not', async () => {
    const queue = await call('GET', '/api/screening/matches?status=pending');
    const komid = queue.body.data.find((m: { organisationId: string }) => m.organisationId === ids.komid);
    const green = queue.body.data.find((m: { organisationId: string }) => m.organisationId === ids.greenPine);

    const analyst = await appAs('analyst');
    const denied = await call('POST', `/api/screening/matches/${komid.id}/review`, { decision: 'confirmed', reason: 'same company' }, analyst);
    expect(denied.status).toBe(403);
    await analyst.close();

    const reviewer = await appAs('reviewer');
    const noReason = await call('POST', `/api/screening/matches/${komid.id}/review`, { decision: 'confirmed', reason: '' }, reviewer);
    expect(noReason.status).toBe(400);
    const ok = await call('POST', `/api/screening/matches/${komid.id}/review`, { decision: 'confirmed', reason: 'Same name and address in Pyongyang (KPe.001)' }, reviewer);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'confirmed', lastReview: { decision: 'confirmed', reason: 'Same name and address in Pyongyang (KPe.001)' } });
    const dismissed = await call('POST', `/api/screening/matches/${green.id}/review`, { decision: 'dismissed', reason: 'US furniture importer, unrelated' }, reviewer);
    expect(dismissed.body.status).toBe('dismissed');
    await reviewer.close();

    const viewer = await appAs('viewer');
    const seen = await call('GET', `/api/screening/organisations/${ids.komid}`, undefined, viewer);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ sanctioned: true, confirmed: [expect.objectContaining({ entityReference: 'KPe.001' })] });
    await viewer.close();
  });

  it('decisions survive re-screening; the face reports sanctioned organisations for findings', async () => {
    const again = await screenOrganisations(database.db);
    expect(again.newMatches).toBe(0);
    const confirmed = await call('GET', '/api/screening/matches?status=confirmed');
    expect(confirmed.body.data.map((m: { organisationId: string }) => m.organisationId)).toEqual([ids.komid]);
    const sanctioned = await sanctionedOrganisations(database.db, [ids.komid, ids.innocent]);
    expect([...sanctioned.keys()]).toEqual([ids.komid]);
    expect(sanctioned.get(ids.komid)![0]).toMatchObject({ listSlug: 'un_sc_sanctions', entityReference: 'KPe.001', programmes: ['DPRK'] });
  });

  it('screens a new organisation when it is due, and lists the imported lists', async () => {
    const r = await call('POST', '/api/organisations', { name: 'Namchongang Trading', kind: 'distributor', country: 'KP' });
    // The automatic round may have screened it already (notified by the insert); either way at most it is due.
    const due = await call('POST', '/api/screening/run', { due: true });
    expect(due.body.organisations).toBeLessThanOrEqual(1);
    const m = await call('GET', `/api/screening/matches?organisationId=${r.body.id}`);
    expect(m.body.data[0]).toMatchObject({ entityReference: 'KPe.004' });
    expect((await call('POST', '/api/screening/run', { due: true })).body.organisations).toBe(0);
    const lists = await call('GET', '/api/screening/lists');
    expect(lists.body.data).toEqual([expect.objectContaining({ slug: 'un_sc_sanctions', versionDate: '2024-03-19', entityCount: 7 })]);
  });
});
