import { beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';
import type { App } from '../../src/http/app.js';

/** The findings API: scopes, drill-down and comparison, and bad input named field by field. */
let app: App;
let item: string;
let other: string;
const componentIds: string[] = [];

beforeAll(async () => {
  ({ app } = await testApp());
  const post = async (url: string, payload: object) => {
    const r = await app.inject({ method: 'POST', url, payload });
    expect(r.statusCode, r.body).toBe(201);
    return r.json().id as string;
  };
  item = await post('/api/items', { label: 'A', weaponModel: 'KN-23', visibility: 'public' });
  other = await post('/api/items', { label: 'B', weaponModel: 'KN-23', visibility: 'public' });
  for (const [itemId, pn, country] of [[item, 'AD8221', 'US'], [item, 'AD8221', 'US'], [item, 'GRM188', 'JP'], [other, 'AD8221', 'US']] as const) {
    componentIds.push(await post('/api/components', { itemId, markingRaw: pn, partNumber: pn, makerCountry: country, visibility: 'public' }));
  }
});

const get = async (url: string) => {
  const r = await app.inject({ method: 'GET', url });
  return { status: r.statusCode, body: r.json(), type: r.headers['content-type'] };
};

describe('findings API', () => {
  it('serves item, model and whole-database findings, documented in OpenAPI', async () => {
    const f = await get(`/api/items/${item}/findings`);
    expect(f.status).toBe(200);
    expect(f.body.components.units).toBe(3);
    expect(new Set(f.body.components.records.ids)).toEqual(new Set(componentIds.slice(0, 3)));
    const model = await get('/api/findings?weaponModel=KN-23');
    expect(model.body.items.count).toBe(2);
    const all = await get('/api/findings?illustrative=exclude&similarity=false');
    expect(all.body.components.units).toBe(4);
    const doc = (await get('/api/openapi.json')).body;
    for (const path of ['/api/items/{id}/findings', '/api/cases/{id}/findings', '/api/findings', '/api/findings/records', '/api/ledger', '/api/claims/{id}/rulings']) {
      expect(doc.paths[path], path).toBeDefined();
    }
  });

  it('drills from a bucket to its records, paged', async () => {
    const us = await get(`/api/findings/records?itemId=${item}&dimension=makerCountry&key=US&limit=1`);
    expect(us.status).toBe(200);
    expect(us.body.total).toBe(2);
    expect(us.body.ids).toHaveLength(1);
    const next = await get(`/api/findings/records?itemId=${item}&dimension=makerCountry&key=US&limit=1&offset=1`);
    expect(next.body.ids).toHaveLength(1);
    expect(new Set([...us.body.ids, ...next.body.ids])).toEqual(new Set(componentIds.slice(0, 2)));
  });

  it('compares two items and explains why', async () => {
    const c = await get(`/api/findings/compare?a=${item}&b=${other}`);
    expect(c.status).toBe(200);
    expect(c.body.similarity.onlyInA.map((p: { partNumber: string }) => p.partNumber)).toEqual(['GRM188']);
    expect(c.body.similarity.differingCounts).toEqual([{ partNumber: 'AD8221', unitsA: 2, unitsB: 1 }]);
  });

  it('names the field of every bad input and never answers 5xx', async () => {
    const cases: [string, string][] = [
      [`/api/findings?itemId=${item}&caseId=${item}`, 'caseId'],
      [`/api/items/${item}/findings?idLimit=-1`, 'idLimit'],
      [`/api/items/${item}/findings?identicalAt=0.5&sisterAt=0.8`, 'sisterAt'],
      [`/api/items/not-a-uuid/findings`, 'id'],
      [`/api/findings/records?dimension=bogus`, 'dimension'],
      [`/api/findings/records?itemId=${item}&dimension=makerCountry`, 'key'],
      [`/api/findings/compare?a=${item}&b=${item}`, 'b'],
      [`/api/findings?weaponModel=%20`, 'weaponModel'],
    ];
    for (const [url, field] of cases) {
      const r = await get(url);
      expect(r.status, url).toBe(400);
      expect(r.type, url).toContain('application/problem+json');
      expect(r.body.errors.map((e: { field: string }) => e.field), url).toContain(field);
    }
    const missing = await get('/api/items/00000000-0000-4000-8000-000000000000/findings');
    expect(missing.status).toBe(404);
    expect(missing.type).toContain('application/problem+json');
  });
});
