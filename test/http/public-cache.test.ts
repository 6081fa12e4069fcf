import { beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';
import type { App } from '../../src/http/app.js';
import type { TestDatabase } from '../support/db.js';
import { SYSTEM_ACTOR } from '../../src/access/index.js';
import * as evidence from '../../src/evidence/index.js';

/**
 * HTTP caching of public reads (issue 19): anonymous GETs of the evidence routes carry an ETag from
 * the change counters of the tables they read (migration 0027) and are answered 304 while it holds,
 * without reading the records; signed-in reads are never cached.
 */
let app: App;
let database: TestDatabase;
let itemId: string;
beforeAll(async () => {
  // Requests with `x-test-admin` act as the admin; the rest as the public.
  ({ app, database } = await testApp({ resolveActor: async (req) => (req.headers['x-test-admin'] ? SYSTEM_ACTOR : null) }));
  const item = await evidence.create(database.db, SYSTEM_ACTOR, evidence.items, { label: 'Cached item', visibility: 'public' });
  itemId = item.id as string;
  await evidence.create(database.db, SYSTEM_ACTOR, evidence.components, { itemId, markingRaw: 'TI 7805', partNumber: 'UA7805', visibility: 'public' });
});

describe('public HTTP caching', () => {
  it('answers an anonymous list with an ETag, then 304 while nothing changed, then 200 with a new tag after a write', async () => {
    const first = await app.inject({ method: 'GET', url: '/api/components?limit=50' });
    expect(first.statusCode).toBe(200);
    const tag = first.headers.etag as string;
    expect(tag).toMatch(/^W\/"c\d+"$/);
    expect(first.headers['cache-control']).toBe('public, max-age=0, must-revalidate');
    expect(first.headers.vary).toMatch(/Cookie/);

    const again = await app.inject({ method: 'GET', url: '/api/components?limit=50', headers: { 'if-none-match': tag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');

    await evidence.create(database.db, SYSTEM_ACTOR, evidence.components, { itemId, markingRaw: 'ADI AD9361', partNumber: 'AD9361', visibility: 'public' });
    const changed = await app.inject({ method: 'GET', url: '/api/components?limit=50', headers: { 'if-none-match': tag } });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(tag);
    expect(changed.json().data).toHaveLength(2);
  });

  it('answers the 304 without reading the rows: it completes while the components table is locked', async () => {
    const tag = (await app.inject({ method: 'GET', url: '/api/components' })).headers.etag as string;
    const client = await database.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('LOCK TABLE components IN ACCESS EXCLUSIVE MODE');
      const answer = app.inject({ method: 'GET', url: '/api/components', headers: { 'if-none-match': tag } });
      const timeout = new Promise<'blocked'>((r) => setTimeout(() => r('blocked'), 3000));
      const r = await Promise.race([answer, timeout]);
      expect(r === 'blocked' ? r : r.statusCode).toBe(304);
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });

  it('never tags or keeps a signed-in answer, nor a refusal', async () => {
    const signedIn = await app.inject({ method: 'GET', url: '/api/components', headers: { 'x-test-admin': '1' } });
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.headers.etag).toBeUndefined();
    expect(signedIn.headers['cache-control']).toBe('private, no-store');
    const missing = await app.inject({ method: 'GET', url: '/api/components/00000000-0000-4000-8000-000000000000' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers.etag).toBeUndefined();
  });

  it('counts changes on every table a cached evidence route reads', async () => {
    const tables = new Set(evidence.RESOURCES.flatMap((s) => [s.table, ...(s.links ?? []).map((l) => l.table)]).map((t) => t.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)));
    const r = await database.pool.query<{ t: string }>(`SELECT c.relname AS t FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid WHERE g.tgname = c.relname || '_count_change'`);
    const counted = new Set(r.rows.map((x) => x.t));
    expect([...tables].filter((t) => !counted.has(t))).toEqual([]);
  });
});
