import { expressionBuilder, sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import type { DB } from '../db/index.js';
import { readableBy, type Actor } from '../access/index.js';
import { NotFound } from '../problems.js';
import type { Scope, ScopeInfo } from './types.js';

/**
 * The SQL side of findings: every count, sum and grouping runs in PostgreSQL over the records in a
 * scope, and comes back with the ids of the records behind it. One scan of the scope's components
 * answers every breakdown at once (GROUPING SETS), so a case of a million components costs one
 * pass, not one per figure.
 */

/**
 * SEAM (access): the records a figure may count for `actor`. Today this is exactly what the actor
 * may read (`readableBy`): the public counts published records only, so a restricted component can
 * never move a public figure. When "published aggregates" land (a reviewer releasing a figure over
 * records that stay unpublished), this is the one function to change; every query below goes
 * through it.
 */
export function countableBy(actor: Actor | null, alias: string): Expression<SqlBool> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return readableBy(actor, alias)(expressionBuilder<any, any>());
}

export interface ScopeQueryOptions {
  includeIllustrative: boolean;
}

/** Resolves a scope to a label, refusing (404) what does not exist or the actor may not see. */
export async function describeScope(db: DB, actor: Actor | null, scope: Scope): Promise<ScopeInfo> {
  switch (scope.kind) {
    case 'all':
      return { kind: 'all', id: null, label: 'whole database' };
    case 'weaponModel':
      return { kind: 'weaponModel', id: scope.model, label: `weapon model ${scope.model}` };
    case 'item': {
      const r = await db.selectFrom('items as i').select('i.label').where('i.id', '=', scope.id).where(countableBy(actor, 'i')).executeTakeFirst();
      if (!r) throw new NotFound('item', scope.id);
      return { kind: 'item', id: scope.id, label: r.label as string };
    }
    case 'incident': {
      const r = await db.selectFrom('incidents as i').select('i.title').where('i.id', '=', scope.id).where(countableBy(actor, 'i')).executeTakeFirst();
      if (!r) throw new NotFound('incident', scope.id);
      return { kind: 'incident', id: scope.id, label: r.title as string };
    }
    case 'case': {
      const r = await db.selectFrom('cases as k').select('k.title').where('k.id', '=', scope.id).where(countableBy(actor, 'k')).executeTakeFirst();
      if (!r) throw new NotFound('case', scope.id);
      return { kind: 'case', id: scope.id, label: r.title as string };
    }
  }
}

function scopeCondition(scope: Scope): RawBuilder<unknown> {
  switch (scope.kind) {
    case 'item':
      return sql`i.id = ${scope.id}::uuid`;
    case 'incident':
      return sql`i.incident_id = ${scope.id}::uuid`;
    case 'weaponModel':
      return sql`lower(i.weapon_model) = lower(${scope.model})`;
    case 'case':
      // A case holds items directly and through its incidents.
      return sql`(i.id IN (SELECT item_id FROM case_items WHERE case_id = ${scope.id}::uuid)
               OR i.incident_id IN (SELECT incident_id FROM case_incidents WHERE case_id = ${scope.id}::uuid))`;
    case 'all':
      return sql`true`;
  }
}

/**
 * The common table expressions every findings query starts from:
 * - `scope_items`: items in scope the actor may count;
 * - `orgs`: organisations the actor may see (a maker the actor cannot see is "unattributed");
 * - `comp`: the scope's countable components with the maker's HQ country;
 * - `chain`/`roots`: each maker's chain of parents (links still in force), walked recursively;
 * - `flat`: one row per component with every key a figure groups by.
 */
export function scopeCtes(actor: Actor | null, scope: Scope, opts: ScopeQueryOptions): RawBuilder<unknown> {
  const illustrative = opts.includeIllustrative ? sql`true` : sql`NOT i.illustrative`;
  const illustrativeC = opts.includeIllustrative ? sql`true` : sql`NOT c.illustrative`;
  return sql`WITH RECURSIVE
    scope_items AS (
      SELECT i.id, i.label, i.illustrative FROM items i
       WHERE ${scopeCondition(scope)} AND ${countableBy(actor, 'i')} AND ${illustrative}
    ),
    orgs AS (
      SELECT o.id, o.name, o.parent_id, o.parent_to, o.country FROM organisations o WHERE ${countableBy(actor, 'o')}
    ),
    comp AS (
      SELECT c.id, c.item_id, c.quantity AS units, remnant_part_key(c.part_number) AS part_key, c.position,
             mo.id AS maker_id, coalesce(c.maker_country, mo.country) AS hq,
             c.production_from, c.production_to, c.chpl_tier, c.illustrative
        FROM components c
        JOIN scope_items s ON s.id = c.item_id
        LEFT JOIN orgs mo ON mo.id = c.maker_id
       WHERE ${countableBy(actor, 'c')} AND ${illustrativeC}
    ),
    chain AS (
      SELECT o.id AS start_id, o.id, o.parent_id, o.parent_to, o.country, 0 AS depth
        FROM orgs o WHERE o.id IN (SELECT DISTINCT maker_id FROM comp)
      UNION ALL
      -- Depth is capped: parent links are data, and a loop (A → B → A) must not run forever.
      SELECT ch.start_id, p.id, p.parent_id, p.parent_to, p.country, ch.depth + 1
        FROM chain ch JOIN orgs p ON p.id = ch.parent_id
       WHERE ch.depth < 16 AND (ch.parent_to IS NULL OR ch.parent_to >= current_date)
    ),
    roots AS (
      SELECT DISTINCT ON (start_id) start_id AS maker_id, id AS root_id, country AS root_country
        FROM chain ORDER BY start_id, depth DESC
    ),
    flat AS (
      SELECT comp.*, coalesce(r.root_country, comp.hq) AS parent_country,
             (comp.production_from IS NOT NULL AND comp.production_to IS NOT NULL) AS dated,
             CASE WHEN comp.production_from IS NULL OR comp.production_to IS NULL THEN NULL
                  WHEN date_part('year', comp.production_from) = date_part('year', comp.production_to) THEN to_char(comp.production_from, 'YYYY')
                  ELSE to_char(comp.production_from, 'YYYY') || '–' || to_char(comp.production_to, 'YYYY') END AS year_key
        FROM comp LEFT JOIN roots r ON r.maker_id = comp.maker_id
    )`;
}

export type Dim = 'total' | 'hq' | 'parent' | 'maker' | 'year' | 'tier' | 'part' | 'item';

export interface AggregateRow {
  dim: Dim;
  key: string | null;
  units: number;
  records: number;
  illustrativeRecords: number;
  newestFrom: string | null;
  datedUnits: number;
  datedRecords: number;
  unidentifiedUnits: number;
  ids: string[] | null;
  /** Distinct known keys in this dimension (before capping). */
  nKeys: number;
}

/**
 * Every breakdown of the scope in one pass. Makers, part numbers and items are capped at
 * `bucketLimit` rows each (largest first); countries, years and tiers are few and never capped.
 * With `idLimit` 0 no ids are collected, which is what a dashboard over millions of rows wants.
 */
export async function aggregateScope(
  db: DB, actor: Actor | null, scope: Scope, opts: ScopeQueryOptions & { idLimit: number; bucketLimit: number },
): Promise<AggregateRow[]> {
  const ids = opts.idLimit > 0 ? sql`(array_agg(id ORDER BY id))[1:${opts.idLimit}::int]` : sql`NULL::uuid[]`;
  const r = await sql<AggregateRow>`${scopeCtes(actor, scope, opts)},
    agg AS (
      SELECT CASE WHEN grouping(hq) = 0 THEN 'hq' WHEN grouping(parent_country) = 0 THEN 'parent'
                  WHEN grouping(maker_id) = 0 THEN 'maker' WHEN grouping(year_key) = 0 THEN 'year'
                  WHEN grouping(chpl_tier) = 0 THEN 'tier' WHEN grouping(part_key) = 0 THEN 'part'
                  WHEN grouping(item_id) = 0 THEN 'item' ELSE 'total' END AS dim,
             -- In each grouping set only its own column is non-null, so this is that set's key.
             coalesce(hq, parent_country, maker_id::text, year_key, chpl_tier, part_key, item_id::text) AS key,
             sum(units) AS units,
             count(*) AS records,
             count(*) FILTER (WHERE illustrative) AS illustrative_records,
             max(production_from) AS newest_from,
             coalesce(sum(units) FILTER (WHERE dated), 0) AS dated_units,
             count(*) FILTER (WHERE dated) AS dated_records,
             coalesce(sum(units) FILTER (WHERE part_key IS NULL), 0) AS unidentified_units,
             ${ids} AS ids
        FROM flat
       GROUP BY GROUPING SETS ((), (hq), (parent_country), (maker_id), (year_key), (chpl_tier), (part_key), (item_id))
    )
    SELECT dim, key, units, records, illustrative_records, newest_from, dated_units, dated_records, unidentified_units, ids, n_keys
      FROM (SELECT agg.*,
                   count(key) OVER (PARTITION BY dim) AS n_keys,
                   row_number() OVER (PARTITION BY dim ORDER BY (key IS NULL), units DESC, key) AS rn
              FROM agg) x
     WHERE dim IN ('total', 'hq', 'parent', 'year', 'tier') OR key IS NULL OR rn <= ${opts.bucketLimit}::int`.execute(db);
  return r.rows.map((row) => ({ ...row, units: Number(row.units ?? 0), datedUnits: Number(row.datedUnits ?? 0), unidentifiedUnits: Number(row.unidentifiedUnits ?? 0) }));
}

export interface ScopeItemsSummary {
  count: number;
  illustrative: number;
  ids: string[];
}

export async function scopeItems(db: DB, actor: Actor | null, scope: Scope, opts: ScopeQueryOptions & { idLimit: number }): Promise<ScopeItemsSummary> {
  const r = await sql<{ n: number; illustrative: number; ids: string[] | null }>`${scopeCtes(actor, scope, opts)}
    SELECT count(*) AS n, count(*) FILTER (WHERE illustrative) AS illustrative,
           (array_agg(id ORDER BY label, id))[1:${opts.idLimit}::int] AS ids
      FROM scope_items`.execute(db);
  const row = r.rows[0]!;
  return { count: row.n, illustrative: row.illustrative, ids: row.ids ?? [] };
}

/** The components whose production lower bound equals `date` (the newest parts of the scope). */
export async function componentsProducedFrom(
  db: DB, actor: Actor | null, scope: Scope, date: string, opts: ScopeQueryOptions & { idLimit: number },
): Promise<{ count: number; ids: string[] }> {
  const r = await sql<{ n: number; ids: string[] | null }>`${scopeCtes(actor, scope, opts)}
    SELECT count(*) AS n, (array_agg(id ORDER BY id))[1:${opts.idLimit}::int] AS ids FROM flat WHERE production_from = ${date}::date`.execute(db);
  return { count: r.rows[0]!.n, ids: r.rows[0]!.ids ?? [] };
}

export interface ItemRow {
  id: string;
  label: string;
  productionMarks: string | null;
  usedOn: string | null;
  occurredFrom: string | null;
  occurredTo: string | null;
}

/** Items with what the timeline needs: own mark, use date, and the incident's dates as a fallback. */
export async function itemDetails(db: DB, actor: Actor | null, ids: readonly string[]): Promise<ItemRow[]> {
  if (ids.length === 0) return [];
  return (await db
    .selectFrom('items as i')
    .leftJoin('incidents as n', (j) => j.onRef('n.id', '=', 'i.incidentId').on(countableBy(actor, 'n')))
    .select(['i.id', 'i.label', 'i.productionMarks', 'i.usedOn', 'n.occurredFrom', 'n.occurredTo'])
    .where('i.id', 'in', ids)
    .where(countableBy(actor, 'i'))
    .execute()) as ItemRow[];
}

export interface FeatureRow {
  itemId: string;
  partKey: string;
  position: string | null;
  units: number;
}

/** Part numbers and positions per item in scope, for similarity (items without parts are absent). */
export async function scopeFeatures(db: DB, actor: Actor | null, scope: Scope, opts: ScopeQueryOptions): Promise<FeatureRow[]> {
  const r = await sql<FeatureRow>`${scopeCtes(actor, scope, opts)}
    SELECT item_id, part_key, position, sum(units) AS units FROM flat WHERE part_key IS NOT NULL
     GROUP BY item_id, part_key, position ORDER BY item_id, part_key, position`.execute(db);
  return r.rows;
}

export async function scopeItemCountWithParts(db: DB, actor: Actor | null, scope: Scope, opts: ScopeQueryOptions): Promise<number> {
  const r = await sql<{ n: number }>`${scopeCtes(actor, scope, opts)} SELECT count(DISTINCT item_id) AS n FROM flat WHERE part_key IS NOT NULL`.execute(db);
  return r.rows[0]!.n;
}

/**
 * Other items sharing part numbers with `itemId`, most shared first, with their features. The
 * candidate search uses the `remnant_part_key` index, so it does not scan every component.
 */
export async function similarCandidates(
  db: DB, actor: Actor | null, itemId: string, opts: ScopeQueryOptions & { limit: number },
): Promise<{ itemId: string; label: string; features: FeatureRow[] }[]> {
  const illustrative = opts.includeIllustrative ? sql`true` : sql`NOT c.illustrative AND NOT i.illustrative`;
  const r = await sql<FeatureRow & { label: string }>`
    WITH mine AS (
      SELECT DISTINCT remnant_part_key(c.part_number) AS part_key FROM components c
       WHERE c.item_id = ${itemId}::uuid AND c.part_number IS NOT NULL AND ${countableBy(actor, 'c')}
    ),
    cand AS (
      SELECT c.item_id, count(DISTINCT remnant_part_key(c.part_number)) AS shared
        FROM components c JOIN items i ON i.id = c.item_id
       WHERE remnant_part_key(c.part_number) IN (SELECT part_key FROM mine) AND c.item_id <> ${itemId}::uuid
         AND ${countableBy(actor, 'c')} AND ${countableBy(actor, 'i')} AND ${illustrative}
       GROUP BY c.item_id ORDER BY shared DESC, c.item_id LIMIT ${opts.limit}::int
    )
    SELECT c.item_id, i.label, remnant_part_key(c.part_number) AS part_key, c.position, sum(c.quantity) AS units
      FROM cand JOIN components c ON c.item_id = cand.item_id JOIN items i ON i.id = c.item_id
     WHERE c.part_number IS NOT NULL AND remnant_part_key(c.part_number) IS NOT NULL AND ${countableBy(actor, 'c')} AND ${illustrative}
     GROUP BY c.item_id, i.label, remnant_part_key(c.part_number), c.position`.execute(db);
  const byItem = new Map<string, { itemId: string; label: string; features: FeatureRow[] }>();
  for (const row of r.rows) {
    const e = byItem.get(row.itemId) ?? { itemId: row.itemId, label: row.label, features: [] };
    e.features.push(row);
    byItem.set(row.itemId, e);
  }
  return [...byItem.values()];
}

export async function labelsOf(db: DB, table: 'items' | 'organisations', ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const col = table === 'items' ? 'label' : 'name';
  const rows = await db.selectFrom(table).select(['id', col]).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id as string, r[col] as string]));
}

/** Dimensions a drill-down can filter on, and the `flat` column each reads. */
export const DRILL_DIMENSIONS = {
  makerCountry: 'hq',
  parentCountry: 'parent_country',
  maker: 'maker_id::text',
  year: 'year_key',
  chplTier: 'chpl_tier',
  partNumber: 'part_key',
  item: 'item_id::text',
  producedFrom: 'production_from::text',
  all: null,
} as const;
export type DrillDimension = keyof typeof DRILL_DIMENSIONS;

/**
 * The component ids behind one bucket of one figure, paged: the way from any number on screen to
 * the records it counted. `key` null selects the "unknown" bucket.
 */
export async function drillComponents(
  db: DB, actor: Actor | null, scope: Scope, dimension: DrillDimension, key: string | null,
  opts: ScopeQueryOptions & { limit: number; offset: number },
): Promise<{ total: number; ids: string[] }> {
  const column = DRILL_DIMENSIONS[dimension];
  const cond = column === null ? sql`true` : key === null ? sql`${sql.raw(column)} IS NULL` : sql`${sql.raw(column)} = ${key}`;
  const r = await sql<{ id: string; total: number }>`${scopeCtes(actor, scope, opts)}
    SELECT id, count(*) OVER () AS total FROM flat WHERE ${cond} ORDER BY id LIMIT ${opts.limit}::int OFFSET ${opts.offset}::int`.execute(db);
  if (r.rows.length === 0 && opts.offset > 0) {
    const c = await sql<{ n: number }>`${scopeCtes(actor, scope, opts)} SELECT count(*) AS n FROM flat WHERE ${cond}`.execute(db);
    return { total: c.rows[0]!.n, ids: [] };
  }
  return { total: r.rows[0]?.total ?? 0, ids: r.rows.map((x) => x.id) };
}

/**
 * How many of the scope's countable components have a documented transfer (a trace hop). Counted
 * in SQL first so that a scope without traces — or with a million components — never loads chains.
 */
export async function tracedComponentCount(db: DB, actor: Actor | null, scope: Scope, opts: ScopeQueryOptions): Promise<number> {
  const exists = await sql<{ ok: boolean }>`SELECT to_regclass('trace_hop_components') IS NOT NULL AS ok`.execute(db);
  if (!exists.rows[0]!.ok) return 0;
  const r = await sql<{ n: number }>`${scopeCtes(actor, scope, opts)}
    SELECT count(*) AS n FROM flat
     WHERE EXISTS (SELECT 1 FROM trace_hop_components hc JOIN trace_hops h ON h.id = hc.trace_hop_id
                    WHERE hc.component_id = flat.id AND ${countableBy(actor, 'h')})`.execute(db);
  return r.rows[0]!.n;
}
