import { beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';
import type { App } from '../../src/http/app.js';
import { scopeFromQuery } from '../../src/scope.js';

// One Scope type for findings and tracing (src/scope.ts): the same parameters mean the same scope,
// and more than one is refused the same way by both.
let app: App;
const ids: Record<string, string> = {};

beforeAll(async () => {
  ({ app } = await testApp());
  const post = async (url: string, body: object) => (await app.inject({ method: 'POST', url, payload: body })).json().id as string;
  ids.maker = await post('/api/organisations', { name: 'Scope Test Semiconductor', kind: 'manufacturer', country: 'US' });
  ids.dist = await post('/api/organisations', { name: 'Scope Test Trading', kind: 'distributor', country: 'HK' });
  ids.itemA = await post('/api/items', { label: 'scope item A', weaponModel: 'KN-23' });
  ids.itemB = await post('/api/items', { label: 'scope item B', weaponModel: 'Kh-101' });
  ids.compA = await post('/api/components', { itemId: ids.itemA, markingRaw: 'ADI AD7606 #2214' });
  ids.compB = await post('/api/components', { itemId: ids.itemB, markingRaw: 'TI LM2596S' });
  for (const c of [ids.compA, ids.compB]) {
    const r = await app.inject({ method: 'POST', url: '/api/trace-hops', payload: { sellerId: ids.maker, buyerId: ids.dist, componentIds: [c], transferDate: '2022-01-10' } });
    expect(r.statusCode, r.body).toBe(201);
  }
});

describe('one scope for findings and tracing', () => {
  it('reads the query parameters into one scope kind', () => {
    expect(scopeFromQuery({})).toEqual({ kind: 'all' });
    expect(scopeFromQuery({ itemId: 'x' })).toEqual({ kind: 'item', id: 'x' });
    expect(scopeFromQuery({ weaponModel: ' KN-23 ' })).toEqual({ kind: 'weaponModel', model: 'KN-23' });
    expect(() => scopeFromQuery({ weaponModel: '  ' })).toThrow();
  });

  it('refuses two scopes in tracing as findings does, naming the second field', async () => {
    for (const url of [`/api/tracing/findings?itemId=${ids.itemA}&caseId=${ids.itemB}`, `/api/findings?itemId=${ids.itemA}&caseId=${ids.itemB}`]) {
      const r = await app.inject({ method: 'GET', url });
      expect(r.statusCode, url).toBe(400);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(JSON.stringify(r.json())).toContain('caseId');
    }
  });

  it('limits tracing findings to the item given, and counts both items with no scope', async () => {
    const one = (await app.inject({ method: 'GET', url: `/api/tracing/findings?itemId=${ids.itemA}` })).json();
    const all = (await app.inject({ method: 'GET', url: '/api/tracing/findings' })).json();
    expect(one.scope).toEqual({ caseId: null, itemId: ids.itemA, incidentId: null });
    expect(one.componentsInScope).toBe(1);
    expect(all.componentsInScope).toBe(2);
  });
});
