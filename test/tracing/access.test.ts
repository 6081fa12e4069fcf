import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, testUser } from '../support/app.js';
import { buildApp, type App } from '../../src/http/app.js';
import { loadConfig } from '../../src/config.js';
import type { Actor } from '../../src/access/index.js';
import type { TestDatabase } from '../support/db.js';

let alice: App;
let database: TestDatabase;
const apps: Record<string, App> = {};
const ids: Record<string, string> = {};

async function as(actor: Actor): Promise<App> {
  const app = await buildApp({ db: database.db, config: { ...loadConfig({}), maxUploadBytes: 1024 * 1024 }, resolveActor: async () => actor });
  await app.ready();
  return app;
}

async function call(app: App, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) {
  const res = await app.inject({ method, url, ...(payload ? { payload } : {}) });
  return { status: res.statusCode, body: res.json() };
}

beforeAll(async () => {
  ({ app: alice, database } = await testApp({ as: 'analyst' }));
  apps.bob = await as(await testUser(database, 'analyst', 'bob-analyst'));
  apps.field = await as(await testUser(database, 'field'));
  apps.viewer = await as(await testUser(database, 'viewer'));
  const maker = await call(alice, 'POST', '/api/organisations', { name: 'Access Test Maker', kind: 'manufacturer', country: 'US' });
  const item = await call(alice, 'POST', '/api/items', { label: 'access item' });
  const comp = await call(alice, 'POST', '/api/components', { itemId: item.body.id, markingRaw: 'ACC1', partNumber: 'ACC1', makerId: maker.body.id });
  ids.maker = maker.body.id;
  ids.comp = comp.body.id;
  const r = await call(alice, 'POST', '/api/trace-requests', { organisationId: ids.maker, componentIds: [ids.comp] });
  ids.restricted = r.body.id;
  await call(alice, 'POST', `/api/trace-requests/${ids.restricted}/transition`, { to: 'sent', on: '2024-01-02' });
});

afterAll(async () => {
  for (const app of Object.values(apps)) await app.close();
});

describe('who sees and changes trace requests', () => {
  it('hides a restricted request from another analyst everywhere, as if it did not exist', async () => {
    expect((await call(apps.bob!, 'GET', `/api/trace-requests/${ids.restricted}`)).status).toBe(404);
    expect((await call(apps.bob!, 'GET', '/api/trace-requests')).body.total).toBe(0);
    expect((await call(apps.bob!, 'GET', '/api/trace-requests/overdue?on=2024-06-01')).body.data).toEqual([]);
    expect((await call(apps.bob!, 'POST', `/api/trace-requests/${ids.restricted}/transition`, { to: 'closed' })).status).toBe(404);
    // Bob's view of the chain does not reveal that the maker was asked.
    const bobChain = (await call(apps.bob!, 'GET', `/api/chains?componentId=${ids.comp}`)).body.data[0];
    expect(bobChain.breaks[0]).toMatchObject({ kind: 'not_asked', requestId: null });
    const aliceChain = (await call(alice, 'GET', `/api/chains?componentId=${ids.comp}`)).body.data[0];
    expect(aliceChain.breaks[0]).toMatchObject({ kind: 'awaiting_reply', requestId: ids.restricted });
  });

  it('shows an internal request to every signed-in user', async () => {
    const r = await call(alice, 'POST', '/api/trace-requests', { organisationId: ids.maker, componentIds: [ids.comp], visibility: 'internal' });
    expect((await call(apps.bob!, 'GET', `/api/trace-requests/${r.body.id}`)).status).toBe(200);
    expect((await call(apps.viewer!, 'GET', `/api/trace-requests/${r.body.id}`)).status).toBe(200);
  });

  it('lets neither viewers nor field investigators open trace requests', async () => {
    const v = await call(apps.viewer!, 'POST', '/api/trace-requests', { organisationId: ids.maker, componentIds: [ids.comp] });
    expect(v.status).toBe(403);
    const f = await call(apps.field!, 'POST', '/api/trace-requests', { organisationId: ids.maker, componentIds: [ids.comp] });
    expect(f.status).toBe(403);
    expect(f.body.detail).toContain('field investigators create');
  });
});
