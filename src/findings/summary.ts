import { sql, type RawBuilder } from 'kysely';
import type { DB } from '../db/index.js';
import type { Actor } from '../access/index.js';
import { asAggregateRow, countableBy, listedBuckets, scopeBaseCtes, type AggregateRow, type FeatureRow, type ScopeQueryOptions } from './queries.js';
import type { Scope } from './types.js';

/**
 * Findings figures from the maintained aggregates (`findings_item_summary`, migration 0026): a
 * case dashboard sums per-item rows instead of scanning every component of the case. The rows are
 * kept by triggers in the same transaction as every component write; `verifySummary` recounts
 * them from the components for operators (`remnant findings verify`) and tests.
 *
 * What stays exact per audience: summary rows carry the component visibility as a key, so each
 * audience reads the visibilities it may read without a grant (`visible_classes`, decided by
 * `countableBy` itself on a row with no author and no grant); components it may read only as
 * their author or grantee (restricted ones, few) are counted row by row through the same
 * bucketing function the triggers use (`remnant_findings_facts`). Item visibility, the scope,
 * organisations (maker visibility, HQ and parent countries) and tracing are joined at read time.
 */

/**
 * `visible_classes`: the visibilities `actor` may count without being a record's author or grantee,
 * decided by `countableBy` itself on a row with no author and no grant.
 */
function visibleClasses(actor: Actor | null): RawBuilder<unknown> {
  return sql`visible_classes AS (
      SELECT v.visibility FROM (SELECT x AS visibility, NULL::uuid AS created_by, NULL::uuid AS id
                                  FROM unnest(enum_range(NULL::visibility)) x) v
       WHERE ${countableBy(actor, 'v')}
    )`;
}

/** Summary rows of the scope as `actor` counts them, plus the components counted one by one. */
function scopeFacts(actor: Actor | null, opts: ScopeQueryOptions): RawBuilder<unknown> {
  const illustrative = opts.includeIllustrative ? sql`true` : sql`NOT s.illustrative`;
  return sql`
    ${visibleClasses(actor)},
    facts AS (
      SELECT s.item_id, s.illustrative, s.dim, s.key, s.key2, s.units, s.records, s.ambiguous_records, s.unconfirmed_records, s.newest_from, s.newest_from_c
        FROM findings_item_summary s JOIN scope_items si ON si.id = s.item_id
       WHERE s.visibility = ANY (ARRAY(SELECT visibility FROM visible_classes)) AND ${illustrative}
      UNION ALL
      -- Restricted components the actor may read as author or grantee (the only visibility a
      -- reader may be granted row by row): few, found from the actor's side (restrictedReadable).
      SELECT c.item_id, c.illustrative, f.dim, f.key, f.key2, c.quantity, 1, f.ambiguous::int, f.unconfirmed::int, f.newest_from, f.newest_from_c
        FROM ${restrictedReadable(actor, opts)} r JOIN components c ON c.id = r.id CROSS JOIN LATERAL remnant_findings_facts(c) f
    )`;
}

/**
 * Ids of the scope's restricted components `actor` may count only as their author or grantee
 * (none for the public and admins, whose visible classes settle every row). Candidates come from
 * the actor's side — the restricted rows they wrote (index components_restricted_author, migration
 * 0121) and the records granted to them — rather than from every restricted row of the scope;
 * `countableBy` still decides on each.
 */
function restrictedReadable(actor: Actor | null, opts: ScopeQueryOptions, items: RawBuilder<unknown> = sql`scope_items`): RawBuilder<unknown> {
  if (!actor) return sql`(SELECT NULL::uuid AS id WHERE false)`;
  const illustrativeC = opts.includeIllustrative ? sql`true` : sql`NOT c.illustrative`;
  return sql`(SELECT c.id FROM components c JOIN ${items} si ON si.id = c.item_id
       WHERE c.visibility = 'restricted' AND 'restricted' NOT IN (SELECT visibility FROM visible_classes)
         AND c.id IN (SELECT a.id FROM components a WHERE a.created_by = ${actor.id}::uuid AND a.visibility = 'restricted'
                      UNION ALL SELECT g.record_id FROM record_grants g WHERE g.user_id = ${actor.id}::uuid)
         AND ${countableBy(actor, 'c')} AND ${illustrativeC})`;
}

/**
 * Every breakdown of the scope, in the shape of `aggregateScopeByScan` (queries.ts), from the
 * maintained aggregates. Rows of one (dim, key) are summed; the total row also collects the dated,
 * ambiguous and unconfirmed counts from the year rows of the chosen window basis, the units without
 * a part number from the part rows, and the traced components (few; tracing tables joined directly).
 */
export async function aggregateScope(
  db: DB, actor: Actor | null, scope: Scope, opts: ScopeQueryOptions & { bucketLimit: number; traces: boolean },
): Promise<AggregateRow[]> {
  const conservative = opts.windows === 'conservative';
  const yearDim = conservative ? 'year_c' : 'year';
  const newest = conservative ? sql`newest_from_c` : sql`newest_from`;
  const illustrativeC = opts.includeIllustrative ? sql`true` : sql`NOT c.illustrative`;
  const traced = opts.traces
    ? sql`UNION ALL
      SELECT 'total', NULL, 0, 0, 0, count(DISTINCT c.id), NULL::date, 0, 0, 0, 0, NULL::date, 0
        FROM trace_hop_components hc JOIN trace_hops h ON h.id = hc.trace_hop_id
        JOIN components c ON c.id = hc.component_id JOIN scope_items si ON si.id = c.item_id
       WHERE ${countableBy(actor, 'h')} AND ${countableBy(actor, 'c')} AND ${illustrativeC}`
    : sql``;
  const r = await sql<AggregateRow>`WITH RECURSIVE ${scopeBaseCtes(actor, scope, opts)}, ${scopeFacts(actor, opts)},
    -- One pass over the rows: items are kept apart only where a figure needs them (totals per item).
    g AS (
      SELECT CASE WHEN dim = 'total' THEN item_id END AS item_id, illustrative, dim, key, key2, sum(units) AS units, sum(records) AS records,
             sum(ambiguous_records) AS ambiguous_records, sum(unconfirmed_records) AS unconfirmed_records,
             max(newest_from) AS newest_from, max(newest_from_c) AS newest_from_c
        FROM facts GROUP BY 1, 2, 3, 4, 5
    ),
    makers AS (
      SELECT f.*, mo.id AS maker_id, coalesce(f.key2, mo.country) AS hq
        FROM g f LEFT JOIN orgs mo ON mo.id::text = f.key WHERE f.dim = 'maker'
    ),
    parts (dim, key, units, records, illustrative_records, traced_records, newest_from, dated_units, dated_records,
           ambiguous_records, unconfirmed_records, newest_from_conservative, unidentified_units) AS (
      SELECT 'total', NULL, units, records, CASE WHEN illustrative THEN records ELSE 0 END, 0, ${newest}, 0, 0, 0, 0, newest_from_c, 0
        FROM g WHERE dim = 'total'
      UNION ALL
      SELECT 'item', item_id::text, units, records, CASE WHEN illustrative THEN records ELSE 0 END, 0, ${newest}, 0, 0, 0, 0, newest_from_c, 0
        FROM g WHERE dim = 'total'
      UNION ALL
      SELECT 'total', NULL, 0, 0, 0, 0, NULL::date, units, records, ambiguous_records, unconfirmed_records, NULL::date, 0
        FROM g WHERE dim = ${yearDim} AND key IS NOT NULL
      UNION ALL
      SELECT 'year', key, units, records, 0, 0, NULL::date, 0, 0, 0, 0, NULL::date, 0 FROM g WHERE dim = ${yearDim}
      UNION ALL
      SELECT 'total', NULL, 0, 0, 0, 0, NULL::date, 0, 0, 0, 0, NULL::date, units FROM g WHERE dim = 'part' AND key IS NULL
      UNION ALL
      SELECT 'part', key, units, records, 0, 0, NULL::date, 0, 0, 0, 0, NULL::date, 0 FROM g WHERE dim = 'part'
      UNION ALL
      SELECT 'tier', key, units, records, 0, 0, NULL::date, 0, 0, 0, 0, NULL::date, 0 FROM g WHERE dim = 'tier'
      UNION ALL
      SELECT 'maker', maker_id::text, units, records, 0, 0, NULL::date, 0, 0, 0, 0, NULL::date, 0 FROM makers
      UNION ALL
      SELECT 'hq', hq, units, records, 0, 0, NULL::date, 0, 0, 0, 0, NULL::date, 0 FROM makers
      UNION ALL
      SELECT 'parent', coalesce(r.root_country, m.hq), units, records, 0, 0, NULL::date, 0, 0, 0, 0, NULL::date, 0
        FROM makers m LEFT JOIN roots r ON r.maker_id = m.maker_id
      ${traced}
    ),
    agg AS (
      SELECT dim, key, sum(units) AS units, sum(records)::int AS records, sum(illustrative_records)::int AS illustrative_records,
             sum(traced_records)::int AS traced_records, max(newest_from) AS newest_from, sum(dated_units) AS dated_units,
             sum(dated_records)::int AS dated_records, sum(ambiguous_records)::int AS ambiguous_records,
             sum(unconfirmed_records)::int AS unconfirmed_records, max(newest_from_conservative) AS newest_from_conservative,
             sum(unidentified_units) AS unidentified_units
        FROM parts GROUP BY dim, key
       -- A scope with nothing counted has no total row, as a GROUP BY over no rows has none.
      HAVING dim <> 'total' OR sum(records) > 0
    )
    ${listedBuckets(opts.bucketLimit)}`.execute(db);
  return r.rows.map(asAggregateRow);
}

/** Items read per part key when looking for similar items (see `similarCandidates`). */
export const POSTINGS_PER_PART = 200;
/** Part keys of the item probed, rarest first. */
export const PROBE_KEYS = 40;

/**
 * Other items sharing part numbers with `itemId`, most shared first, with their features, and the
 * item's own features. Like a search engine skipping stop-words, it probes only the item's
 * PROBE_KEYS rarest part keys — rarity read from PostgreSQL's own column statistics
 * (`pg_stats.most_common_vals` of `part_key`; a key not listed there is rare) — and reads at most
 * POSTINGS_PER_PART items per key, in item order. The postings are the items' maintained part rows
 * (migrations 0026 and 0028): one index entry per item rather than one heap row per component
 * carrying the key. A part found in thousands of items says little about which of them is a twin;
 * the rare parts a twin shares are read in full. Features come from each item's maintained
 * signature (`findings_item_signature`, migration 0120: one row per visibility instead of a row per
 * component), plus the restricted components the actor may read only by grant, row by row; the
 * caller ranks the candidates exactly with `compareComponentSets`.
 */
export async function similarCandidates(
  db: DB, actor: Actor | null, itemId: string, opts: ScopeQueryOptions & { limit: number },
): Promise<{ own: FeatureRow[]; candidates: { itemId: string; label: string; features: FeatureRow[] }[] }> {
  const illustrativeI = opts.includeIllustrative ? sql`true` : sql`NOT i.illustrative`;
  const illustrativeS = opts.includeIllustrative ? sql`true` : sql`NOT s.illustrative`;
  const r = await sql<{ itemId: string; label: string; partKeys: string[]; positions: (string | null)[]; units: string[] }>`
    WITH ${visibleClasses(actor)},
    -- The signature rows and granted restricted components of the given items, as the actor counts them.
    mine AS (
      SELECT DISTINCT k.part_key FROM findings_item_signature s CROSS JOIN LATERAL unnest(s.part_keys) k(part_key)
       WHERE s.item_id = ${itemId}::uuid AND s.visibility = ANY (ARRAY(SELECT visibility FROM visible_classes)) AND ${illustrativeS}
      UNION
      SELECT c.part_key FROM ${restrictedReadable(actor, opts, sql`(SELECT ${itemId}::uuid AS id)`)} r JOIN components c ON c.id = r.id
       WHERE c.part_key IS NOT NULL
    ),
    common AS (
      SELECT v.part_key, v.freq FROM pg_stats s,
             LATERAL unnest(s.most_common_vals::text::text[], s.most_common_freqs) AS v(part_key, freq)
       WHERE s.schemaname = current_schema() AND s.tablename = 'components' AND s.attname = 'part_key'
    ),
    probe AS (
      SELECT m.part_key FROM mine m LEFT JOIN common f ON f.part_key = m.part_key
       ORDER BY coalesce(f.freq, 0), m.part_key LIMIT ${PROBE_KEYS}::int
    ),
    hits AS (
      SELECT p.item_id FROM probe m
       CROSS JOIN LATERAL (
         SELECT DISTINCT s.item_id FROM findings_item_summary s
          WHERE s.dim = 'part' AND s.key = m.part_key AND s.item_id <> ${itemId}::uuid
            AND s.visibility = ANY (ARRAY(SELECT visibility FROM visible_classes)) AND ${illustrativeS}
          ORDER BY s.item_id LIMIT ${POSTINGS_PER_PART}::int) p
    ),
    cand AS (
      SELECT h.item_id, count(*) AS shared FROM hits h JOIN items i ON i.id = h.item_id
       WHERE ${countableBy(actor, 'i')} AND ${illustrativeI}
       GROUP BY h.item_id ORDER BY shared DESC, h.item_id LIMIT ${opts.limit}::int
    ),
    wanted AS (
      SELECT i.id, i.label FROM items i
       WHERE i.id IN (SELECT item_id FROM cand UNION ALL SELECT ${itemId}::uuid) AND ${countableBy(actor, 'i')} AND ${illustrativeI}
    )
    SELECT w.id AS item_id, w.label, s.part_keys, s.positions, s.units::text[] AS units
      FROM wanted w JOIN findings_item_signature s ON s.item_id = w.id
     WHERE s.visibility = ANY (ARRAY(SELECT visibility FROM visible_classes)) AND ${illustrativeS}
    UNION ALL
    SELECT w.id, w.label, ARRAY[c.part_key], ARRAY[c.position], ARRAY[c.quantity::text]
      FROM ${restrictedReadable(actor, opts, sql`wanted`)} r JOIN components c ON c.id = r.id JOIN wanted w ON w.id = c.item_id
     WHERE c.part_key IS NOT NULL`.execute(db);
  const own: FeatureRow[] = [];
  const byItem = new Map<string, { itemId: string; label: string; features: FeatureRow[] }>();
  for (const row of r.rows) {
    let features = own;
    if (row.itemId !== itemId) {
      const e = byItem.get(row.itemId) ?? { itemId: row.itemId, label: row.label, features: [] };
      byItem.set(row.itemId, e);
      features = e.features;
    }
    row.partKeys.forEach((partKey, i) => features.push({ itemId: row.itemId, partKey, position: row.positions[i] ?? null, units: Number(row.units[i]) }));
  }
  return { own, candidates: [...byItem.values()].filter((c) => c.features.length > 0) };
}

/** Every maintained row, counted afresh from the components (as the triggers bucket them). */
const RECOUNT = sql`
  SELECT c.item_id, c.visibility, c.illustrative, f.dim, f.key, f.key2, sum(c.quantity) AS units, count(*) AS records,
         count(*) FILTER (WHERE f.ambiguous) AS ambiguous_records, count(*) FILTER (WHERE f.unconfirmed) AS unconfirmed_records,
         max(f.newest_from) AS newest_from, max(f.newest_from_c) AS newest_from_c
    FROM components c CROSS JOIN LATERAL remnant_findings_facts(c) f
   GROUP BY 1, 2, 3, 4, 5, 6`;

/** One maintained row that differs from the recount (`expected` null: a row that should not exist). */
export interface SummaryDifference {
  itemId: string;
  visibility: string;
  illustrative: boolean;
  dim: string;
  key: string | null;
  key2: string | null;
  stored: Record<string, unknown> | null;
  expected: Record<string, unknown> | null;
}

/**
 * Recounts every maintained figure from the component rows — the per-item summary and each item's
 * similarity signature (dimension `signature`) — and lists where the stored rows differ (at most
 * `limit`). Empty: the aggregates are exact. Reads in one snapshot (REPEATABLE READ), so
 * concurrent writes cannot show up as differences.
 */
export async function verifySummary(db: DB, opts: { limit?: number } = {}): Promise<{ rows: number; differences: SummaryDifference[] }> {
  const run = async (trx: DB) => {
    const diff = await sql<SummaryDifference>`
      WITH expected AS (${RECOUNT}),
      stored AS (
        SELECT item_id, visibility, illustrative, dim, key, key2, units, records, ambiguous_records, unconfirmed_records, newest_from, newest_from_c
          FROM findings_item_summary
      )
      SELECT coalesce(s.item_id, e.item_id) AS item_id, coalesce(s.visibility, e.visibility)::text AS visibility,
             coalesce(s.illustrative, e.illustrative) AS illustrative, coalesce(s.dim, e.dim) AS dim,
             coalesce(s.key, e.key) AS key, coalesce(s.key2, e.key2) AS key2,
             CASE WHEN s.item_id IS NULL THEN NULL ELSE to_jsonb(s) - ARRAY['item_id', 'visibility', 'illustrative', 'dim', 'key', 'key2'] END AS stored,
             CASE WHEN e.item_id IS NULL THEN NULL ELSE to_jsonb(e) - ARRAY['item_id', 'visibility', 'illustrative', 'dim', 'key', 'key2'] END AS expected
        FROM stored s FULL JOIN expected e
          ON s.item_id = e.item_id AND s.visibility = e.visibility AND s.illustrative = e.illustrative AND s.dim = e.dim
         AND s.key IS NOT DISTINCT FROM e.key AND s.key2 IS NOT DISTINCT FROM e.key2
       WHERE s.item_id IS NULL OR e.item_id IS NULL
          OR (s.units, s.records, s.ambiguous_records, s.unconfirmed_records) IS DISTINCT FROM (e.units, e.records, e.ambiguous_records, e.unconfirmed_records)
          OR (s.dim = 'total' AND (s.newest_from, s.newest_from_c) IS DISTINCT FROM (e.newest_from, e.newest_from_c))
       ORDER BY 1, 2, 3, 4, 5, 6
       LIMIT ${opts.limit ?? 100}::int`.execute(trx);
    // Each item's similarity signature (migration 0120), listed as dimension `signature`.
    const sig = await sql<SummaryDifference>`
      WITH expected AS (SELECT * FROM remnant_item_signatures(ARRAY(SELECT id FROM items)))
      SELECT coalesce(s.item_id, e.item_id) AS item_id, coalesce(s.visibility, e.visibility)::text AS visibility,
             coalesce(s.illustrative, e.illustrative) AS illustrative, 'signature' AS dim, NULL AS key, NULL AS key2,
             CASE WHEN s.item_id IS NULL THEN NULL ELSE jsonb_build_object('partKeys', s.part_keys, 'positions', s.positions, 'units', s.units) END AS stored,
             CASE WHEN e.item_id IS NULL THEN NULL ELSE jsonb_build_object('partKeys', e.part_keys, 'positions', e.positions, 'units', e.units) END AS expected
        FROM findings_item_signature s FULL JOIN expected e
          ON s.item_id = e.item_id AND s.visibility = e.visibility AND s.illustrative = e.illustrative
       WHERE s.item_id IS NULL OR e.item_id IS NULL OR (s.part_keys, s.positions, s.units) IS DISTINCT FROM (e.part_keys, e.positions, e.units)
       ORDER BY 1, 2, 3
       LIMIT ${opts.limit ?? 100}::int`.execute(trx);
    const n = await sql<{ n: number }>`SELECT (SELECT count(*) FROM findings_item_summary)::int + (SELECT count(*) FROM findings_item_signature)::int AS n`.execute(trx);
    return { rows: n.rows[0]!.n, differences: [...diff.rows, ...sig.rows].slice(0, opts.limit ?? 100) };
  };
  if (db.isTransaction) return run(db);
  return db.transaction().setIsolationLevel('repeatable read').execute(run);
}

/**
 * Recomputes every maintained row from the components, in one transaction (for an operator after
 * `verifySummary` reported differences, e.g. rows written with triggers off).
 */
export async function rebuildSummary(db: DB): Promise<{ rows: number }> {
  const run = async (trx: DB) => {
    await sql`LOCK TABLE components IN SHARE MODE`.execute(trx);
    await sql`DELETE FROM findings_item_summary`.execute(trx);
    const r = await sql`
      INSERT INTO findings_item_summary (item_id, visibility, illustrative, dim, key, key2, units, records,
                                         ambiguous_records, unconfirmed_records, newest_from, newest_from_c)
      ${RECOUNT}`.execute(trx);
    await sql`DELETE FROM findings_item_signature`.execute(trx);
    const g = await sql`INSERT INTO findings_item_signature SELECT * FROM remnant_item_signatures(ARRAY(SELECT id FROM items))`.execute(trx);
    return { rows: Number(r.numAffectedRows ?? 0) + Number(g.numAffectedRows ?? 0) };
  };
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}
