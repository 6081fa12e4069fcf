import { beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';
import type { App } from '../../src/http/app.js';

/**
 * "What still refers to this record?" (GET /api/<resource>/:id/references) is the same rule as the
 * delete's 409: the dialog's answer and the refusal cannot disagree.
 */
let app: App;
beforeAll(async () => {
  ({ app } = await testApp());
});

const post = async (url: string, payload: Record<string, unknown>) => {
  const r = await app.inject({ method: 'POST', url, payload });
  expect(r.statusCode, r.body).toBe(201);
  return r.json<{ id: string }>();
};

describe('references before a delete', () => {
  it('names what refers to an incident (items, cases), refuses its deletion with the same list, and allows it once they are gone', async () => {
    const incident = await post('/api/incidents', { title: 'Strike', occurredFrom: '2024-01-02' });
    const item = await post('/api/items', { label: 'Debris', incidentId: incident.id });
    const kase = await post('/api/cases', { title: 'Case', incidentIds: [incident.id] });

    const refs = await app.inject({ method: 'GET', url: `/api/incidents/${incident.id}/references` });
    expect(refs.statusCode).toBe(200);
    expect(refs.json().references).toEqual([{ label: 'items', count: 1 }, { label: 'cases', count: 1 }]);

    const del = await app.inject({ method: 'DELETE', url: `/api/incidents/${incident.id}` });
    expect(del.statusCode).toBe(409);
    expect(del.json().references).toEqual(refs.json().references);
    expect(del.json().detail).toContain('1 items, 1 cases');

    expect((await app.inject({ method: 'PATCH', url: `/api/cases/${kase.id}`, payload: { incidentIds: [] } })).statusCode).toBe(200);
    expect((await app.inject({ method: 'PATCH', url: `/api/items/${item.id}`, payload: { incidentId: null } })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: `/api/incidents/${incident.id}/references` })).json().references).toEqual([]);
    expect((await app.inject({ method: 'DELETE', url: `/api/incidents/${incident.id}` })).statusCode).toBe(204);
  });

  it('counts a source\'s claims and cases, answers for cases too, and 404s for an unknown id', async () => {
    const source = await post('/api/sources', { kind: 'news_report', title: 'Report' });
    await post('/api/claims', { sourceId: source.id, speaker: 'An official' });
    const kase = await post('/api/cases', { title: 'Case', sourceIds: [source.id] });
    expect((await app.inject({ method: 'GET', url: `/api/sources/${source.id}/references` })).json().references)
      .toEqual([{ label: 'claims', count: 1 }, { label: 'cases', count: 1 }]);
    expect((await app.inject({ method: 'GET', url: `/api/cases/${kase.id}/references` })).json().references).toEqual([]);
    expect((await app.inject({ method: 'GET', url: '/api/sources/00000000-0000-4000-8000-000000000000/references' })).statusCode).toBe(404);
  });
});
