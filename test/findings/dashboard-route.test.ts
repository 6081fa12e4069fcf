import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { testApp } from '../support/app.js';
import { buildApp } from '../../src/http/app.js';
import { loadConfig } from '../../src/config.js';

/** GET /api/dashboard: the first screen in one answer, scoped to the chosen case, as the actor may see it (issue 18). */
describe('GET /api/dashboard', () => {
  it('answers cases, the chosen case, its findings, incidents and claims; all records on request; the public sees published ones', async () => {
    const { app, database } = await testApp();
    const post = async (url: string, payload: object) => {
      const r = await app.inject({ method: 'POST', url, payload });
      expect(r.statusCode, r.body).toBe(201);
      return r.json().id as string;
    };
    const source = await post('/api/sources', { kind: 'news_report', title: 'A report', visibility: 'public' });
    const inCase = await post('/api/incidents', { title: 'Strike A', occurredFrom: '2024-01-02', placeName: 'Kharkiv', lat: 49.99, lon: 36.23, locationPrecision: 'exact', visibility: 'public', locationSensitive: true });
    await post('/api/incidents', { title: 'Strike B (not in the case)', occurredFrom: '2024-02-02', visibility: 'public' });
    const claim = await post('/api/claims', { sourceId: source, speaker: 'An official', saidOn: '2024-01-05', quantity: 3, countsWhat: 'missiles', visibility: 'public' });
    const item = await post('/api/items', { label: 'remnant', incidentId: inCase, visibility: 'public' });
    await post('/api/components', { itemId: item, markingRaw: 'EXQ1', partNumber: 'EXQ1', quantity: 2, visibility: 'public' });
    const caseId = await post('/api/cases', { title: 'A case', incidentIds: [inCase], claimIds: [claim], itemIds: [item], visibility: 'public' });

    const d = (await app.inject({ method: 'GET', url: '/api/dashboard' })).json();
    expect(d.cases).toEqual([{ id: caseId, title: 'A case', illustrative: false }]);
    expect(d.case).toMatchObject({ id: caseId, title: 'A case' });
    expect(d.incidents.map((i: { title: string }) => i.title)).toEqual(['Strike A']);
    expect(d.incidents[0]).toMatchObject({ lat: 49.99, lon: 36.23 });
    expect(d.claims.map((c: { id: string }) => c.id)).toEqual([claim]);
    expect(d.findings.components.units).toBe(2);
    expect(d.findings.sanctioned.summary).toBe('not screened: no sanctions list loaded');
    expect([d.incidentsTotal, d.claimsTotal]).toEqual([1, 1]);

    const all = (await app.inject({ method: 'GET', url: '/api/dashboard?case=all' })).json();
    expect(all.case).toBeNull();
    expect(all.incidentsTotal).toBe(2);

    const publicApp = await buildApp({ db: database.db, config: loadConfig({}), resolveActor: async () => null });
    const pub = (await publicApp.inject({ method: 'GET', url: '/api/dashboard' })).json();
    expect(pub.incidents[0]).toMatchObject({ title: 'Strike A', lat: 50, lon: 36.2, locationPrecision: 'region' });
    expect(pub.findings.sanctioned).toBeNull();
    const missing = await app.inject({ method: 'GET', url: `/api/dashboard?case=${randomUUID()}` });
    expect(missing.statusCode).toBe(404);
    const bad = await app.inject({ method: 'GET', url: '/api/dashboard?case=nope' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('case');
  });
});
