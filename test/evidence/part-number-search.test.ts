import { beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';
import type { App } from '../../src/http/app.js';
import type { TestDatabase } from '../support/db.js';

/**
 * Part-number fragments and typos find components (migration 0004: through the distinct part
 * numbers, kept up by a statement trigger on every write path).
 */
let app: App;
let database: TestDatabase;
let itemId: string;
beforeAll(async () => {
  ({ app, database } = await testApp());
  itemId = (await app.inject({ method: 'POST', url: '/api/items', payload: { label: 'search item' } })).json().id;
});

async function create(payload: object): Promise<string> {
  const r = await app.inject({ method: 'POST', url: '/api/components', payload: { itemId, ...payload } });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id;
}

async function found(q: string): Promise<string[]> {
  const r = await app.inject({ method: 'GET', url: `/api/components?limit=50&q=${encodeURIComponent(q)}` });
  expect(r.statusCode, r.body).toBe(200);
  const got = r.json().data.map((c: { partNumber: string }) => c.partNumber).sort();
  // The same answer as the test on every component's own part number that the lookup replaced.
  const direct = await database.pool.query(
    `SELECT part_number FROM components WHERE search @@ websearch_to_tsquery('simple', $1) OR part_number ILIKE $2 OR $1::text <% part_number ORDER BY 1`,
    [q, `%${q}%`],
  );
  expect(got).toEqual(direct.rows.map((x) => x.part_number));
  return got;
}

describe('part-number search', () => {
  it('finds fragments and near misses, also after a part number changes', async () => {
    await create({ markingRaw: 'ZZ 1', partNumber: 'AD9361BBCZ' });
    await create({ markingRaw: 'ZZ 2', partNumber: 'AD-9361' });
    const x = await create({ markingRaw: 'ZZ 3', partNumber: 'XC7Z020' });
    expect(await found('9361B')).toContain('AD9361BBCZ');
    expect(await found('AD9361BBCZ')).toContain('AD9361BBCZ');
    expect(await found('D-93')).toEqual(['AD-9361']);
    expect(await found('XC7Z02')).toEqual(['XC7Z020']);
    expect(await found('XC7Z021')).toEqual(['XC7Z020']);
    expect(await found('QQ12345')).toEqual([]);

    const r = await app.inject({ method: 'PATCH', url: `/api/components/${x}`, payload: { partNumber: 'LTC6655' } });
    expect(r.statusCode, r.body).toBe(200);
    expect(await found('TC665')).toEqual(['LTC6655']);
    expect(await found('XC7Z02')).toEqual([]);

    const csv = await app.inject({ method: 'GET', url: '/api/export/components.csv?q=TC665' });
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('LTC6655');
    expect(csv.body).not.toContain('AD9361BBCZ');
  });
});
