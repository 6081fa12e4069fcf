import { beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';
import type { App } from '../../src/http/app.js';
import { SYSTEM_ACTOR } from '../../src/access/index.js';
import * as evidence from '../../src/evidence/index.js';

/** Keyset paging of the lists (issue 19): following nextCursor visits exactly the rows offset paging visits, in the same order. */
let app: App;
beforeAll(async () => {
  const t = await testApp({ resolveActor: async (req) => (req.headers['x-test-admin'] ? SYSTEM_ACTOR : null) });
  app = t.app;
  const item = await evidence.create(t.database.db, SYSTEM_ACTOR, evidence.items, { label: 'Paged item', visibility: 'public' });
  // Parts repeat and some are missing, so that ties and NULLs of the sort column meet page edges.
  const parts = ['LM358', null, 'AD9361', 'LM358', null, 'NE555', 'LM358', 'AD9361', null, 'XC7Z020', 'NE555'];
  for (const [i, p] of parts.entries()) {
    await evidence.create(t.database.db, SYSTEM_ACTOR, evidence.components, { itemId: item.id, markingRaw: `M${i}`, ...(p ? { partNumber: p } : {}), visibility: i === 4 ? 'internal' : 'public' });
  }
});

async function allByCursor(url: string, headers: Record<string, string> = {}): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null | undefined;
  for (let n = 0; n < 20; n++) {
    const r = await app.inject({ method: 'GET', url: `${url}&limit=3${cursor ? `&cursor=${cursor}` : ''}`, headers });
    expect(r.statusCode, r.body).toBe(200);
    const page = r.json<{ data: { id: string }[]; nextCursor: string | null }>();
    ids.push(...page.data.map((x) => x.id));
    cursor = page.nextCursor;
    if (!cursor) return ids;
  }
  throw new Error('cursor paging did not end');
}

async function allByOffset(url: string, headers: Record<string, string> = {}): Promise<string[]> {
  const r = await app.inject({ method: 'GET', url: `${url}&limit=500`, headers });
  return r.json<{ data: { id: string }[] }>().data.map((x) => x.id);
}

describe('keyset paging', () => {
  for (const sort of ['createdAt', '-createdAt', 'partNumber', '-partNumber']) {
    it(`visits every row once, in order, sorted by ${sort}, as the public and as an admin`, async () => {
      const asWho: Record<string, string>[] = [{}, { 'x-test-admin': '1' }];
      for (const headers of asWho) {
        const url = `/api/components?sort=${sort}`;
        const expected = await allByOffset(url, headers);
        expect(expected.length).toBeGreaterThan(5);
        expect(await allByCursor(url, headers)).toEqual(expected);
      }
    });
  }

  it('refuses a forged cursor, a cursor of another sort, and cursor with offset (400 naming cursor)', async () => {
    const first = (await app.inject({ method: 'GET', url: '/api/components?limit=2&sort=partNumber' })).json<{ nextCursor: string }>();
    for (const url of [
      '/api/components?cursor=not-a-cursor',
      `/api/components?sort=-partNumber&cursor=${first.nextCursor}`,
      `/api/components?sort=partNumber&offset=2&cursor=${first.nextCursor}`,
    ]) {
      const r = await app.inject({ method: 'GET', url });
      expect(r.statusCode, url).toBe(400);
      expect(r.headers['content-type']).toMatch(/problem\+json/);
      expect(JSON.stringify(r.json())).toMatch(/cursor/);
    }
  });
});
