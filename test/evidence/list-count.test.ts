import { beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';
import type { TestDatabase } from '../support/db.js';
import type { App } from '../../src/http/app.js';
import { COUNT_CAP } from '../../src/evidence/store.js';
import { SYSTEM_ACTOR } from '../../src/access/index.js';

/**
 * Lists count exactly up to COUNT_CAP matches and estimate above it, so that a page over a million
 * components does not cost a scan of all of them. The page itself must stay exact either way.
 */
let app: App;
let database: TestDatabase;

beforeAll(async () => {
  ({ app, database } = await testApp({ as: 'public' }));
  const item = await database.pool.query(
    `INSERT INTO items (label, visibility, created_by, updated_by) VALUES ('count test', 'public', $1, $1) RETURNING id`,
    [SYSTEM_ACTOR.id],
  );
  // COUNT_CAP + 500 public rows and 300 internal ones the public must not count.
  await database.pool.query(
    `INSERT INTO components (item_id, marking_raw, part_number, visibility, created_by, updated_by)
     SELECT $1, 'LM358 ' || g, CASE WHEN g % 1000 = 0 THEN 'RARE' || g ELSE 'LM358' END,
            CASE WHEN g <= $2 THEN 'public'::visibility ELSE 'internal'::visibility END, $3, $3
     FROM generate_series(1, $2 + 300) g`,
    [item.rows[0].id, COUNT_CAP + 500, SYSTEM_ACTOR.id],
  );
  await database.pool.query('ANALYZE components');
});

describe('list totals', () => {
  it('estimates a total above the cap and says so', async () => {
    const page = (await app.inject({ method: 'GET', url: '/api/components?limit=50' })).json();
    expect(page.data).toHaveLength(50);
    expect(page.totalExact).toBe(false);
    expect(page.total).toBeGreaterThan(COUNT_CAP);
  });

  it('counts exactly below the cap, filters and visibility included', async () => {
    const page = (await app.inject({ method: 'GET', url: '/api/components?limit=5&q=RARE' })).json();
    expect(page.totalExact).toBe(true);
    // RARE1000 … RARE10000 are public; RARE11000 is past the public range (internal).
    expect(page.total).toBe(10);
    expect(page.data).toHaveLength(5);
  });

  it('pages past the cap with exact rows', async () => {
    const page = (await app.inject({ method: 'GET', url: `/api/components?limit=50&offset=${COUNT_CAP + 480}` })).json();
    expect(page.data).toHaveLength(20);
  });
});
