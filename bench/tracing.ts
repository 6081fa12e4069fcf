/**
 * Tracing: (1) chain assembly as Remnant does it (one query per table, chains ordered in
 * TypeScript, with breaks, requests and holders) against a recursive CTE that only walks the hops
 * in SQL, for many short chains (a findings scope) and for one long chain; (2) the overdue list over
 * many trace requests with the partial index `trace_requests_awaiting` against the same query with
 * index scans disabled (a sequential scan).
 */
import { sql } from 'kysely';
import { SYSTEM_ACTOR } from '../src/access/index.js';
import { loadChains, overdueRequests } from '../src/tracing/index.js';
import type { DB } from '../src/db/index.js';
import { freshDatabase, log, round, timePair } from './support.js';
import type { BenchOptions, Metric } from './metric.js';

const SYS = SYSTEM_ACTOR.id;
const HOPS_PER_CHAIN = 5;
const DISTRIBUTORS = 500;

/**
 * The baseline: each component's chain walked in SQL from the maker, returning the ordered hop
 * rows (the same columns Remnant returns) and nothing else: no requests, holders or breaks.
 */
async function chainsByCte(db: DB, componentIds: string[]): Promise<number> {
  const r = await sql<Record<string, unknown>>`
    WITH RECURSIVE walk AS (
      SELECT hc.component_id, h.id, h.buyer_id, 1 AS depth, ARRAY[h.seller_id, h.buyer_id] AS path
        FROM components c
        JOIN trace_hop_components hc ON hc.component_id = c.id
        JOIN trace_hops h ON h.id = hc.trace_hop_id AND h.seller_id = c.maker_id
       WHERE c.id = ANY(${componentIds}::uuid[])
      UNION ALL
      SELECT w.component_id, h.id, h.buyer_id, w.depth + 1, w.path || h.buyer_id
        FROM walk w
        JOIN trace_hops h ON h.seller_id = w.buyer_id
        JOIN trace_hop_components hc ON hc.trace_hop_id = h.id AND hc.component_id = w.component_id
       WHERE NOT h.buyer_id = ANY(w.path))
    SELECT w.component_id, w.depth, h.* FROM walk w JOIN trace_hops h ON h.id = w.id ORDER BY w.component_id, w.depth`.execute(db);
  return r.rows.length;
}

async function seedShortChains(db: DB, components: number): Promise<{ componentIds: string[] }> {
  await sql`INSERT INTO organisations (name, kind, country, created_by, updated_by) VALUES ('Bench Maker', 'manufacturer', 'US', ${SYS}, ${SYS})`.execute(db);
  await sql`INSERT INTO organisations (name, kind, country, created_by, updated_by)
    SELECT 'Bench Distributor ' || lpad(g::text, 4, '0'), 'distributor', (ARRAY['HK','CN','SG','TW','MY'])[1 + g % 5], ${SYS}, ${SYS}
      FROM generate_series(1, ${DISTRIBUTORS}) g`.execute(db);
  await sql`INSERT INTO items (label, recovered_on, created_by, updated_by) VALUES ('Bench item', '2024-01-03', ${SYS}, ${SYS})`.execute(db);
  await sql`INSERT INTO components (item_id, marking_raw, part_number, maker_id, created_by, updated_by)
    SELECT (SELECT id FROM items LIMIT 1), 'BENCH' || g, 'BENCH' || g, (SELECT id FROM organisations WHERE kind = 'manufacturer' LIMIT 1), ${SYS}, ${SYS}
      FROM generate_series(1, ${components}) g`.execute(db);
  // Each chain: maker → five distinct distributors, drawn so that chains share intermediaries.
  await sql`
    WITH d AS (SELECT array_agg(id ORDER BY name) AS a FROM organisations WHERE kind = 'distributor'),
         m AS (SELECT id FROM organisations WHERE kind = 'manufacturer' LIMIT 1),
         c AS (SELECT id, row_number() OVER (ORDER BY id) AS rn FROM components),
         gen AS MATERIALIZED (SELECT gen_random_uuid() AS hid, c.id AS cid, c.rn, k FROM c, generate_series(0, ${HOPS_PER_CHAIN - 1}) k),
         ins AS (
           INSERT INTO trace_hops (id, seller_id, buyer_id, transfer_date, assessment, created_by, updated_by)
           SELECT hid, CASE WHEN k = 0 THEN m.id ELSE d.a[((rn * 7 + k) % ${DISTRIBUTORS}) + 1] END, d.a[((rn * 7 + k + 1) % ${DISTRIBUTORS}) + 1],
                  date '2021-01-01' + k * 30, CASE WHEN k < 3 THEN 'legal' ELSE 'unknown' END, ${SYS}, ${SYS}
             FROM gen, d, m
           RETURNING id)
    INSERT INTO trace_hop_components (trace_hop_id, component_id) SELECT hid, cid FROM gen`.execute(db);
  await sql`ANALYZE`.execute(db);
  const ids = await sql<{ id: string }>`SELECT id FROM components ORDER BY id`.execute(db);
  return { componentIds: ids.rows.map((r) => r.id) };
}

async function seedLongChain(db: DB, hops: number): Promise<string> {
  await sql`INSERT INTO organisations (name, kind, created_by, updated_by)
    SELECT 'Long chain holder ' || lpad(g::text, 6, '0'), CASE WHEN g = 0 THEN 'manufacturer' ELSE 'distributor' END, ${SYS}, ${SYS}
      FROM generate_series(0, ${hops}) g`.execute(db);
  const comp = await sql<{ id: string }>`INSERT INTO components (item_id, marking_raw, maker_id, created_by, updated_by)
    SELECT (SELECT id FROM items LIMIT 1), 'LONG', (SELECT id FROM organisations WHERE name = 'Long chain holder 000000'), ${SYS}, ${SYS} RETURNING id`.execute(db);
  const cid = comp.rows[0]!.id;
  await sql`
    WITH o AS (SELECT array_agg(id ORDER BY name) AS a FROM organisations WHERE name LIKE 'Long chain holder %'),
         gen AS MATERIALIZED (SELECT gen_random_uuid() AS hid, g FROM generate_series(1, ${hops}) g),
         ins AS (
           INSERT INTO trace_hops (id, seller_id, buyer_id, transfer_date, created_by, updated_by)
           SELECT hid, o.a[g], o.a[g + 1], date '2000-01-01' + g, ${SYS}, ${SYS} FROM gen, o RETURNING id)
    INSERT INTO trace_hop_components (trace_hop_id, component_id) SELECT hid, ${cid}::uuid FROM gen`.execute(db);
  await sql`ANALYZE`.execute(db);
  return cid;
}

async function seedRequests(db: DB, n: number): Promise<void> {
  // Status mix of a working archive: most requests answered long ago, two in ten still waiting.
  await sql`
    INSERT INTO trace_requests (organisation_id, status, sent_on, acknowledged_on, replied_on, closed_on, reply_due, right_of_reply_due, created_by, updated_by)
    SELECT o.id, s.status, s.sent, CASE WHEN s.status = 'acknowledged' THEN s.sent + 2 END,
           CASE WHEN s.status = 'replied' THEN s.sent + 20 END, CASE WHEN s.status = 'closed' THEN s.sent + 60 END,
           s.sent + 28, s.sent + 56, ${SYS}, ${SYS}
      FROM generate_series(1, ${n}) g
      CROSS JOIN LATERAL (SELECT id FROM organisations ORDER BY id OFFSET (g % 100) LIMIT 1) o
      CROSS JOIN LATERAL (SELECT (ARRAY['sent','acknowledged','replied','replied','replied','replied','replied','closed','closed','closed'])[1 + g % 10] AS status,
                                 date '2020-01-01' + (g % 1800) AS sent) s`.execute(db);
  await sql`ANALYZE trace_requests`.execute(db);
}

export async function bench(opts: BenchOptions): Promise<Metric[]> {
  const metrics: Metric[] = [];
  const components = opts.quick ? 300 : 3000;
  const longHops = opts.quick ? 200 : 2000;
  const requests = opts.quick ? 20_000 : 100_000;
  const repeats = opts.quick ? 5 : 15;
  const database = await freshDatabase();
  const db = database.db;
  try {
    log(`tracing: seeding ${components} chains of ${HOPS_PER_CHAIN} hops`);
    const { componentIds } = await seedShortChains(db, components);
    let checked = false;
    const many = await timePair(
      async () => {
        const r = await loadChains(db, SYSTEM_ACTOR, componentIds);
        if (!checked) {
          checked = true;
          const total = r.chains.reduce((a, c) => a + c.chain.hops.length, 0);
          if (total !== components * HOPS_PER_CHAIN) throw new Error(`chains hold ${total} hops, expected ${components * HOPS_PER_CHAIN}`);
        }
      },
      () => chainsByCte(db, componentIds),
      { repeats, warmup: 1 },
    );
    metrics.push({
      name: `chains for ${components} components × ${HOPS_PER_CHAIN} hops (p50)`, value: round(many.a.p50), unit: 'ms',
      baseline: { name: 'recursive CTE returning the same hops in order', value: round(many.b.p50) }, ratio: round(many.a.p50 / many.b.p50),
      notes: 'Remnant also loads requests and holders and marks breaks, last legal transfer and diversion point',
    });

    log(`tracing: one chain of ${longHops} hops`);
    const longId = await seedLongChain(db, longHops);
    const long = await timePair(() => loadChains(db, SYSTEM_ACTOR, [longId]), () => chainsByCte(db, [longId]), { repeats, warmup: 1 });
    metrics.push({
      name: `one chain of ${longHops} hops (p50)`, value: round(long.a.p50), unit: 'ms',
      baseline: { name: 'recursive CTE with a path array against cycles', value: round(long.b.p50) }, ratio: round(long.a.p50 / long.b.p50),
      notes: 'real chains have 2–6 hops; this shows the orderings scale (the CTE path array is quadratic)',
    });

    log(`tracing: ${requests} trace requests`);
    await seedRequests(db, requests);
    const on = '2024-06-01';
    const conn = db.connection();
    const overdue = await conn.execute(async (c) => {
      const indexed = () => overdueRequests(c, SYSTEM_ACTOR, on, 500);
      const scanned = async () => {
        await sql`SET enable_indexscan = off`.execute(c);
        await sql`SET enable_bitmapscan = off`.execute(c);
        try {
          return await overdueRequests(c, SYSTEM_ACTOR, on, 500);
        } finally {
          await sql`RESET enable_indexscan`.execute(c);
          await sql`RESET enable_bitmapscan`.execute(c);
        }
      };
      const plan = await sql<{ 'QUERY PLAN': string }>`EXPLAIN SELECT id FROM trace_requests WHERE status IN ('sent','acknowledged') AND reply_due < ${on}::date ORDER BY reply_due LIMIT 500`.execute(c);
      log(`tracing: overdue plan: ${plan.rows.map((r) => r['QUERY PLAN'].trim()).join(' | ')}`);
      return timePair(indexed, scanned, { repeats: repeats * 2, warmup: 2 });
    });
    metrics.push({
      name: `overdue list over ${requests} requests (p50, first 500)`, value: round(overdue.a.p50), unit: 'ms',
      baseline: { name: 'same query with index scans off (sequential scan)', value: round(overdue.b.p50) }, ratio: round(overdue.a.p50 / overdue.b.p50),
      notes: 'partial index on reply_due WHERE status IN (sent, acknowledged); 20% of requests are waiting',
    });
  } finally {
    await database.close();
  }
  return metrics;
}
