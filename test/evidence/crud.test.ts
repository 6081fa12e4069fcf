import { beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';
import type { App } from '../../src/http/app.js';

let app: App;
beforeAll(async () => {
  ({ app } = await testApp());
});

async function post(url: string, payload: unknown) {
  const res = await app.inject({ method: 'POST', url, payload: payload as object });
  return { status: res.statusCode, body: res.json<Record<string, unknown>>(), type: res.headers['content-type'] };
}

describe('evidence CRUD', () => {
  it('creates, reads, lists, updates and deletes a chain of linked records', async () => {
    const src = await post('/api/sources', { kind: 'news_report', title: 'UNSC hears evidence of DPRK missiles', publishedOn: '2024-12-19', fullText: 'Some text' });
    expect(src.status).toBe(201);
    expect(src.body.textSha256).toMatch(/^[0-9a-f]{64}$/);

    const claim = await post('/api/claims', { sourceId: src.body.id, speaker: 'Robert Wood', saidOn: '2024-02-06', quantity: 9, quantityQualifier: 'at_least', countsWhat: 'launches' });
    expect(claim.status).toBe(201);
    expect(claim.body.status).toBe('unverified');

    const inc = await post('/api/incidents', {
      title: 'Strike on Kharkiv', occurredFrom: '2024-01-02', placeName: 'Kharkiv', lat: 49.99, lon: 36.23, locationPrecision: 'locality',
      weaponTypes: ['KN-23'], sourceIds: [src.body.id], claimIds: [claim.body.id],
    });
    expect(inc.status).toBe(201);
    expect(inc.body.sourceIds).toEqual([src.body.id]);

    const item = await post('/api/items', { label: 'KN-23 remnant A', incidentId: inc.body.id, weaponModel: 'KN-23', recoveredOn: '2024-01-03' });
    expect(item.status).toBe(201);

    const org = await post('/api/organisations', { name: 'Example Distribution Ltd', kind: 'distributor', country: 'HK' });
    expect(org.status).toBe(201);

    const got = await app.inject({ method: 'GET', url: `/api/incidents/${inc.body.id}` });
    expect(got.statusCode).toBe(200);
    expect(got.json().claimIds).toEqual([claim.body.id]);

    const listed = await app.inject({ method: 'GET', url: '/api/incidents?q=kharkiv' });
    expect(listed.json().total).toBe(1);
    const none = await app.inject({ method: 'GET', url: '/api/incidents?q=odesa' });
    expect(none.json().total).toBe(0);

    const patched = await app.inject({ method: 'PATCH', url: `/api/items/${item.body.id}`, payload: { weaponModel: 'KN-24' } });
    expect(patched.statusCode).toBe(200);
    expect(patched.json().weaponModel).toBe('KN-24');
    expect(patched.json().label).toBe('KN-23 remnant A');

    // The incident is referenced by the item: deleting it is a conflict that says by what.
    const conflict = await app.inject({ method: 'DELETE', url: `/api/incidents/${inc.body.id}` });
    expect(conflict.statusCode).toBe(409);
    expect(conflict.headers['content-type']).toContain('application/problem+json');
    expect(conflict.json().detail).toContain('1 items');

    const delItem = await app.inject({ method: 'DELETE', url: `/api/items/${item.body.id}` });
    expect(delItem.statusCode).toBe(204);
    const gone = await app.inject({ method: 'GET', url: `/api/items/${item.body.id}` });
    expect(gone.statusCode).toBe(404);

    const history = await app.inject({ method: 'GET', url: `/api/items/${item.body.id}/history` });
    expect(history.json().data.map((h: { action: string }) => h.action)).toEqual(['create', 'update', 'delete']);
  });

  it('sorts and pages lists and refuses unknown sort keys by name', async () => {
    for (const name of ['Zeta Corp', 'Alpha Corp', 'Mid Corp']) await post('/api/organisations', { name, kind: 'manufacturer' });
    const asc = (await app.inject({ method: 'GET', url: '/api/organisations?kind=manufacturer&sort=name&limit=2' })).json();
    expect(asc.data.map((o: { name: string }) => o.name)).toEqual(['Alpha Corp', 'Mid Corp']);
    expect(asc.total).toBeGreaterThanOrEqual(3);
    const desc = (await app.inject({ method: 'GET', url: '/api/organisations?kind=manufacturer&sort=-name&limit=1' })).json();
    expect(desc.data[0].name).toBe('Zeta Corp');
    const bad = await app.inject({ method: 'GET', url: '/api/organisations?sort=password' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('sort');
  });

  it('finds organisations by a misspelt name through trigram similarity', async () => {
    await post('/api/organisations', { name: 'Korea Mining Development Trading Corporation', kind: 'other' });
    const res = (await app.inject({ method: 'GET', url: '/api/organisations?q=Korea%20Minning' })).json();
    expect(res.data.map((o: { name: string }) => o.name)).toContain('Korea Mining Development Trading Corporation');
  });
});
