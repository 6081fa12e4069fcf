import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testApp } from '../support/app.js';
import type { App } from '../../src/http/app.js';
import { freshDatabase, type TestDatabase } from '../support/db.js';
import { loadDemoTraces } from '../../src/demo/traces.js';
import { audited } from '../../src/audit/index.js';

let app: App;
let database: TestDatabase;
const components: string[] = [];

/**
 * Stands in for the demo case (another context loads the real one): illustrative components with
 * known makers on two items. The tracing loader must find them by query alone.
 */
beforeAll(async () => {
  ({ app, database } = await testApp());
  const post = async (url: string, payload: object) => (await app.inject({ method: 'POST', url, payload })).json();
  const makers = [];
  for (const [name, country] of [['Maker Alpha (test)', 'US'], ['Maker Beta (test)', 'DE'], ['Maker Gamma (test)', 'JP'], ['Maker Delta (test)', 'NL'], ['Maker Epsilon (test)', 'CH']]) {
    makers.push((await post('/api/organisations', { name, kind: 'manufacturer', country, illustrative: true })).id);
  }
  const items = [
    (await post('/api/items', { label: 'Demo remnant 1', recoveredOn: '2024-01-03', illustrative: true })).id,
    (await post('/api/items', { label: 'Demo remnant 2', recoveredOn: '2024-08-01', illustrative: true })).id,
  ];
  for (let i = 0; i < 6; i++) {
    const c = await post('/api/components', { itemId: items[i % 2], markingRaw: `DEMO${i}`, partNumber: `DEMO${i}`, makerId: makers[i % 5], illustrative: true });
    components.push(c.id);
  }
  // A documented (not illustrative) component must never be traced with invented replies.
  await post('/api/components', { itemId: items[0], markingRaw: 'REAL1', partNumber: 'REAL1', makerId: makers[0] });
});

describe('illustrative demo traces', () => {
  it('traces demo components through East-Asian distributors, all marked illustrative', async () => {
    const summary = await audited(database.db, (trx) => loadDemoTraces(trx));
    expect(summary).toMatch(/^illustrative traces: \d+ requests, 8 transfers for 5 components$/);
    const notIllustrative = await sql<{ n: number }>`
      SELECT (SELECT count(*) FROM trace_requests WHERE NOT illustrative) + (SELECT count(*) FROM trace_hops WHERE NOT illustrative)
           + (SELECT count(*) FROM organisations o WHERE NOT illustrative AND EXISTS (SELECT 1 FROM trace_hops h WHERE h.buyer_id = o.id)) AS n`.execute(database.db);
    expect(notIllustrative.rows[0]!.n).toBe(0);
    const real = await sql<{ n: number }>`SELECT count(*) AS n FROM trace_request_components rc JOIN components c ON c.id = rc.component_id WHERE NOT c.illustrative`.execute(database.db);
    expect(real.rows[0]!.n).toBe(0);
  });

  it('gives every chain status something to show, and a shared intermediary', async () => {
    const statuses: string[] = [];
    for (const id of components) statuses.push((await app.inject({ method: 'GET', url: `/api/chains?componentId=${id}` })).json().data[0].status);
    expect([...statuses].sort()).toEqual(['broken', 'broken', 'diverted', 'open', 'untraced', 'untraced']);
    const f = (await app.inject({ method: 'GET', url: '/api/tracing/findings' })).json();
    expect(f.byLastIntermediarySubregion[0]).toMatchObject({ key: 'Eastern Asia' });
    expect(f.sharedIntermediaries[0].name).toBe('Harbour Line Components Ltd (illustrative)');
    const overdue = (await app.inject({ method: 'GET', url: '/api/trace-requests/overdue?on=2025-01-01' })).json();
    expect(overdue.data.map((r: { organisationName: string }) => r.organisationName)).toEqual(['Formosa Parts Distribution Co (illustrative)']);
    const letter = (await app.inject({ method: 'GET', url: `/api/trace-requests/${overdue.data[0].id}/letter.txt` })).body;
    expect(letter).toContain('ILLUSTRATIVE EXAMPLE');
  });

  it('does not load twice', async () => {
    const again = await audited(database.db, (trx) => loadDemoTraces(trx));
    expect(again).toBe('illustrative traces already present');
  });
});

describe('with the real demo case', () => {
  let db2: TestDatabase;
  beforeAll(async () => {
    db2 = await freshDatabase();
  });

  it('traces five of its illustrative components on first start, without touching documented records', async () => {
    const { loadDemoIfFirstStart } = await import('../../src/demo/index.js');
    await loadDemoIfFirstStart(db2.db);
    const rows = await sql<{ status: string; n: number }>`
      SELECT status, count(*)::int AS n FROM trace_requests GROUP BY status ORDER BY status`.execute(db2.db);
    const by = Object.fromEntries(rows.rows.map((r) => [r.status, r.n]));
    expect(by).toMatchObject({ declined: 1, no_reply: 2, acknowledged: 1 });
    expect(by.replied).toBeGreaterThanOrEqual(5);
    const traced = await sql<{ n: number; illustrative: number }>`
      SELECT count(DISTINCT c.id)::int AS n, count(DISTINCT c.id) FILTER (WHERE c.illustrative)::int AS illustrative
        FROM trace_request_components rc JOIN components c ON c.id = rc.component_id`.execute(db2.db);
    expect(traced.rows[0]).toEqual({ n: 5, illustrative: 5 });
    const visible = await sql<{ n: number }>`SELECT count(*)::int AS n FROM trace_hops WHERE visibility = 'public' OR NOT illustrative`.execute(db2.db);
    expect(visible.rows[0]!.n).toBe(0);
  });
});
