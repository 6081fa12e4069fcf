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
  // readableBy's builder is open to any table (see there); a free-standing one is made the same way.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return readableBy(actor, alias)(expressionBuilder<any, any>());
}

export interface ScopeQueryOptions {
  includeIllustrative: boolean;
  /**
   * Which production window of a component whose window is ambiguous (migration 0006) the figures
   * use: the stored (suggested) one, or its envelope over every window the date code allows.
   */
  windows?: WindowBasis;
}

export type WindowBasis = 'suggested' | 'conservative';

/**
 * Whether a person confirmed either end of a component's production window: a bit each in
 * `confirmed_fields` (migration 0003, in DERIVED_FIELDS order), or an entry of `field_status_extra`:
 * `remnant_window_confirmed` (migration 0026), which the maintained aggregates use too.
 */
const windowConfirmed = sql`remnant_window_confirmed(c.confirmed_fields, c.field_status_extra)`;

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
      return { kind: 'item', id: scope.id, label: r.label };
    }
    case 'incident': {
      const r = await db.selectFrom('incidents as i').select('i.title').where('i.id', '=', scope.id).where(countableBy(actor, 'i')).executeTakeFirst();
      if (!r) throw new NotFound('incident', scope.id);
      return { kind: 'incident', id: scope.id, label: r.title };
    }
    case 'case': {
      const r = await db.selectFrom('cases as k').select('k.title').where('k.id', '=', scope.id).where(countableBy(actor, 'k')).executeTakeFirst();
      if (!r) throw new NotFound('case', scope.id);
      return { kind: 'case', id: scope.id, label: r.title };
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
      // One set (a UNION) rather than `IN … OR IN …`: the planner estimates its size from
      // case_items' statistics, and chooses a scan of components rather than one index probe per item
      // when the case holds most of the database.
      return sql`i.id IN (SELECT item_id FROM case_items WHERE case_id = ${scope.id}::uuid
                          UNION
                          SELECT x.id FROM items x JOIN case_incidents ci ON ci.incident_id = x.incident_id WHERE ci.case_id = ${scope.id}::uuid)`;
    case 'all':
      return sql`true`;
  }
}

/**
 * The common table expressions every findings query starts from:
 * - `scope_items`: items in scope the actor may count;
 * - `orgs`: organisations the actor may see (a maker the actor cannot see is "unattributed");
 * - `chain`/`roots`: every visible organisation's chain of parents (links still in force), walked
 *   recursively. Organisations are few, so walking all of them is cheaper than first collecting the
 *   scope's makers — which would force the scope's components to be materialised;
 * - `comp`: the scope's countable components with the maker's HQ country (scanned once, streamed);
 * - `traced`: components with a visible documented transfer, when the tracing tables exist;
 * - `flat`: one row per component with every key a figure groups by.
 */
export function scopeCtes(actor: Actor | null, scope: Scope, opts: ScopeQueryOptions & { traces?: boolean }): RawBuilder<unknown> {
  const illustrativeC = opts.includeIllustrative ? sql`true` : sql`NOT c.illustrative`;
  const traced = opts.traces
    ? sql`traced AS (
      SELECT DISTINCT hc.component_id FROM trace_hop_components hc JOIN trace_hops h ON h.id = hc.trace_hop_id WHERE ${countableBy(actor, 'h')}
    ),`
    : sql``;
  const tracedColumn = opts.traces ? sql`(t.component_id IS NOT NULL)` : sql`false`;
  const tracedJoin = opts.traces ? sql`LEFT JOIN traced t ON t.component_id = comp.id` : sql``;
  return sql`WITH RECURSIVE ${scopeBaseCtes(actor, scope, opts)},
    ${traced}
    comp AS (
      SELECT c.id, c.item_id, c.quantity AS units, c.part_key, c.position,
             mo.id AS maker_id, coalesce(c.maker_country, mo.country) AS hq,
             ${windowColumns(opts.windows ?? 'suggested')}, c.chpl_tier, c.illustrative,
             c.ambiguous, coalesce(c.envelope_from, c.production_from) AS conservative_from, ${windowConfirmed} AS window_confirmed
        FROM components c
        JOIN scope_items s ON s.id = c.item_id
        LEFT JOIN orgs mo ON mo.id = c.maker_id
       WHERE ${countableBy(actor, 'c')} AND ${illustrativeC}
    ),
    flat AS (
      SELECT comp.*, coalesce(r.root_country, comp.hq) AS parent_country,
             (comp.production_from IS NOT NULL AND comp.production_to IS NOT NULL) AS dated,
             ${tracedColumn} AS traced,
             remnant_year_key(comp.production_from, comp.production_to) AS year_key
        FROM comp LEFT JOIN roots r ON r.maker_id = comp.maker_id ${tracedJoin}
    )`;
}

/**
 * The scope's items and the organisations `actor` may count, with each one's ultimate parent
 * (`scope_items`, `orgs`, `chain`, `roots`; see `scopeCtes`). To follow `WITH RECURSIVE`.
 */
export function scopeBaseCtes(actor: Actor | null, scope: Scope, opts: ScopeQueryOptions): RawBuilder<unknown> {
  const illustrative = opts.includeIllustrative ? sql`true` : sql`NOT i.illustrative`;
  return sql`
    scope_items AS (
      SELECT i.id, i.label, i.illustrative FROM items i
       WHERE ${scopeCondition(scope)} AND ${countableBy(actor, 'i')} AND ${illustrative}
    ),
    orgs AS (
      SELECT o.id, o.name, o.parent_id, o.parent_to, o.country FROM organisations o WHERE ${countableBy(actor, 'o')}
    ),
    chain AS (
      SELECT o.id AS start_id, o.id, o.parent_id, o.parent_to, o.country, 0 AS depth FROM orgs o
      UNION ALL
      -- Depth is capped: parent links are data, and a loop (A → B → A) must not run forever.
      SELECT ch.start_id, p.id, p.parent_id, p.parent_to, p.country, ch.depth + 1
        FROM chain ch JOIN orgs p ON p.id = ch.parent_id
       WHERE ch.depth < 16 AND (ch.parent_to IS NULL OR ch.parent_to >= current_date)
    ),
    roots AS (
      SELECT DISTINCT ON (start_id) start_id AS maker_id, id AS root_id, country AS root_country
        FROM chain ORDER BY start_id, depth DESC
    )`;
}

/** The window the figures count: the stored one, or for an ambiguous one its envelope. */
function windowColumns(basis: WindowBasis) {
  return basis === 'conservative'
    ? sql`coalesce(c.envelope_from, c.production_from) AS production_from, coalesce(c.envelope_to, c.production_to) AS production_to`
    : sql`c.production_from, c.production_to`;
}

export type Dim = 'total' | 'hq' | 'parent' | 'maker' | 'year' | 'tier' | 'part' | 'item';

export interface AggregateRow {
  dim: Dim;
  key: string | null;
  units: number;
  records: number;
  illustrativeRecords: number;
  tracedRecords: number;
  newestFrom: string | null;
  datedUnits: number;
  datedRecords: number;
  /** Dated records whose window is the engine's pick among several (not decided by a person). */
  ambiguousRecords: number;
  /** Dated records whose window no person confirmed. */
  unconfirmedRecords: number;
  /** The newest lower bound when every ambiguous window counts as its envelope. */
  newestFromConservative: string | null;
  unidentifiedUnits: number;
  /** Filled by `attachIds` when the scope is small enough to list ids inline. */
  ids: string[] | null;
  /** Distinct known keys in this dimension (before capping). */
  nKeys: number;
}

const GROUPING = sql`GROUP BY GROUPING SETS ((), (hq), (parent_country), (maker_id), (year_key), (chpl_tier), (part_key), (item_id))`;
const DIM = sql`CASE WHEN grouping(hq) = 0 THEN 'hq' WHEN grouping(parent_country) = 0 THEN 'parent'
                  WHEN grouping(maker_id) = 0 THEN 'maker' WHEN grouping(year_key) = 0 THEN 'year'
                  WHEN grouping(chpl_tier) = 0 THEN 'tier' WHEN grouping(part_key) = 0 THEN 'part'
                  WHEN grouping(item_id) = 0 THEN 'item' ELSE 'total' END`;
// In each grouping set only its own column is non-null, so this is that set's key.
const KEY = sql`coalesce(hq, parent_country, maker_id::text, year_key, chpl_tier, part_key, item_id::text)`;

/**
 * The buckets of `agg` (one row per dimension and key, with the counts) that the breakdowns list:
 * makers, part numbers and items capped at `bucketLimit` each (largest first), with each
 * dimension's number of distinct keys. Shared by the scan and the maintained aggregates.
 */
export function listedBuckets(bucketLimit: number): RawBuilder<unknown> {
  return sql`SELECT dim, key, units, records, illustrative_records, traced_records, newest_from, dated_units, dated_records,
           ambiguous_records, unconfirmed_records, newest_from_conservative, unidentified_units, n_keys
      FROM (SELECT agg.*,
                   count(key) OVER (PARTITION BY dim) AS n_keys,
                   row_number() OVER (PARTITION BY dim ORDER BY (key IS NULL), units DESC, key) AS rn
              FROM agg) x
     WHERE dim IN ('total', 'hq', 'parent', 'year', 'tier') OR key IS NULL OR rn <= ${bucketLimit}::int`;
}

/** A row of `listedBuckets` as figures read it: sums (numeric in SQL) as numbers, no ids yet. */
export function asAggregateRow(row: AggregateRow): AggregateRow {
  return { ...row, ids: null, units: Number(row.units ?? 0), datedUnits: Number(row.datedUnits ?? 0), unidentifiedUnits: Number(row.unidentifiedUnits ?? 0) };
}

const traceTablesSeen = new WeakSet<object>();

/**
 * Whether the tracing tables exist (they come with the tracing context's migrations). Tables are
 * not dropped at run time, so a positive answer is remembered per database handle.
 */
export async function hasTraceTables(db: DB): Promise<boolean> {
  if (traceTablesSeen.has(db)) return true;
  const r = await sql<{ ok: boolean }>`SELECT to_regclass('trace_hop_components') IS NOT NULL AND to_regclass('trace_hops') IS NOT NULL AS ok`.execute(db);
  if (r.rows[0]!.ok) traceTablesSeen.add(db);
  return r.rows[0]!.ok;
}

/**
 * Every breakdown of the scope in one pass: one scan of the scope's components, hashed into eight
 * grouping sets. Findings read the maintained aggregates instead (`aggregateScope` in summary.ts);
 * this scan is their reference, which the property test holds them to. Makers, part numbers and items are capped at `bucketLimit` rows each (largest
 * first); countries, years and tiers are few and never capped. No ids here: collecting them makes
 * the pass several times slower, so `attachIds` fetches them separately, for small scopes only.
 */
/**
 * Memory for the one-pass aggregate: with PostgreSQL's default 4 MB, two of the eight grouping sets
 * fall back to sorting on disk (measured: 0.7 s of 3 s over 200,000 components). SET LOCAL keeps
 * the change to this transaction; a caller already in a transaction keeps it until its end.
 */
export const FINDINGS_WORK_MEM = '64MB';

async function withWorkMem<T>(db: DB, fn: (db: DB) => Promise<T>): Promise<T> {
  const run = async (trx: DB) => {
    await sql`SELECT set_config('work_mem', ${FINDINGS_WORK_MEM}, true)`.execute(trx);
    return fn(trx);
  };
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}

export async function aggregateScopeByScan(
  db: DB, actor: Actor | null, scope: Scope, opts: ScopeQueryOptions & { bucketLimit: number; traces: boolean },
): Promise<AggregateRow[]> {
  const r = await withWorkMem(db, (db) => sql<AggregateRow>`${scopeCtes(actor, scope, opts)},
    agg AS (
      SELECT ${DIM} AS dim, ${KEY} AS key,
             sum(units) AS units,
             count(*) AS records,
             count(*) FILTER (WHERE illustrative) AS illustrative_records,
             count(*) FILTER (WHERE traced) AS traced_records,
             max(production_from) AS newest_from,
             coalesce(sum(units) FILTER (WHERE dated), 0) AS dated_units,
             count(*) FILTER (WHERE dated) AS dated_records,
             count(*) FILTER (WHERE dated AND ambiguous) AS ambiguous_records,
             count(*) FILTER (WHERE dated AND NOT window_confirmed) AS unconfirmed_records,
             max(conservative_from) AS newest_from_conservative,
             coalesce(sum(units) FILTER (WHERE part_key IS NULL), 0) AS unidentified_units
        FROM flat
       ${GROUPING}
    )
    ${listedBuckets(opts.bucketLimit)}`.execute(db));
  return r.rows.map(asAggregateRow);
}

/**
 * Up to `idLimit` component ids for every bucket of `rows`, in one more pass. Ids within a bucket
 * are the smallest ones (sorted), so the same data always lists the same ids.
 */
export async function attachIds(db: DB, actor: Actor | null, scope: Scope, rows: AggregateRow[], opts: ScopeQueryOptions & { idLimit: number }): Promise<void> {
  if (opts.idLimit <= 0 || rows.length === 0) return;
  const r = await sql<{ dim: Dim; key: string | null; ids: string[] }>`${scopeCtes(actor, scope, opts)}
    SELECT ${DIM} AS dim, ${KEY} AS key, (array_agg(id ORDER BY id))[1:${opts.idLimit}::int] AS ids FROM flat ${GROUPING}`.execute(db);
  const byKey = new Map(r.rows.map((x) => [`${x.dim}\u0000${x.key ?? ''}\u0000${x.key === null}`, x.ids]));
  for (const row of rows) row.ids = byKey.get(`${row.dim}\u0000${row.key ?? ''}\u0000${row.key === null}`) ?? [];
}

/** Components in scope per maker, for the given makers only (sanctioned ones): count and the first `idLimit` ids. */
export async function componentsByMakers(
  db: DB, actor: Actor | null, scope: Scope, makerIds: readonly string[], opts: ScopeQueryOptions & { idLimit: number; traces: boolean },
): Promise<Map<string, { count: number; ids: string[] }>> {
  if (makerIds.length === 0) return new Map();
  const r = await sql<{ makerId: string; n: number; ids: string[] | null }>`${scopeCtes(actor, scope, opts)}
    SELECT maker_id, count(*) AS n, (array_agg(id ORDER BY id))[1:${opts.idLimit}::int] AS ids
      FROM flat WHERE maker_id = ANY(${[...makerIds]}::uuid[]) GROUP BY maker_id`.execute(db);
  return new Map(r.rows.map((x) => [x.makerId, { count: Number(x.n), ids: opts.idLimit > 0 ? (x.ids ?? []) : [] }]));
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
): Promise<NewestComponents> {
  const r = await sql<{ n: number; ids: string[] | null; nAmbiguous: number; ambiguousIds: string[] | null; nUnconfirmed: number; unconfirmedIds: string[] | null }>`${scopeCtes(actor, scope, opts)}
    SELECT count(*) AS n, (array_agg(id ORDER BY id))[1:${opts.idLimit}::int] AS ids,
           count(*) FILTER (WHERE ambiguous) AS n_ambiguous, (array_agg(id ORDER BY id) FILTER (WHERE ambiguous))[1:${opts.idLimit}::int] AS ambiguous_ids,
           count(*) FILTER (WHERE NOT window_confirmed) AS n_unconfirmed, (array_agg(id ORDER BY id) FILTER (WHERE NOT window_confirmed))[1:${opts.idLimit}::int] AS unconfirmed_ids
      FROM flat WHERE production_from = ${date}::date`.execute(db);
  const row = r.rows[0]!;
  return {
    count: row.n, ids: row.ids ?? [],
    ambiguous: { count: Number(row.nAmbiguous), ids: row.ambiguousIds ?? [] },
    unconfirmed: { count: Number(row.nUnconfirmed), ids: row.unconfirmedIds ?? [] },
  };
}

/** The components that set the newest lower bound, and which of them rest on an ambiguous or unconfirmed window. */
export interface NewestComponents {
  count: number;
  ids: string[];
  ambiguous: { count: number; ids: string[] };
  unconfirmed: { count: number; ids: string[] };
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
    .execute());
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

export async function labelsOf(db: DB, table: 'items' | 'organisations', ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const col = table === 'items' ? 'label' : 'name';
  const rows = await db.selectFrom(table).select(['id', col]).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r[col]]));
}

/** Dimensions a drill-down can filter on, and the `flat` column each reads. */
export const DRILL_DIMENSIONS = {
  makerCountry: sql.ref('hq'),
  parentCountry: sql.ref('parent_country'),
  maker: sql`${sql.ref('maker_id')}::text`,
  year: sql.ref('year_key'),
  chplTier: sql.ref('chpl_tier'),
  partNumber: sql.ref('part_key'),
  item: sql`${sql.ref('item_id')}::text`,
  producedFrom: sql`${sql.ref('production_from')}::text`,
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
  const cond = column === null ? sql`true` : key === null ? sql`${column} IS NULL` : sql`${column} = ${key}`;
  const r = await sql<{ id: string; total: number }>`${scopeCtes(actor, scope, opts)}
    SELECT id, count(*) OVER () AS total FROM flat WHERE ${cond} ORDER BY id LIMIT ${opts.limit}::int OFFSET ${opts.offset}::int`.execute(db);
  if (r.rows.length === 0 && opts.offset > 0) {
    const c = await sql<{ n: number }>`${scopeCtes(actor, scope, opts)} SELECT count(*) AS n FROM flat WHERE ${cond}`.execute(db);
    return { total: c.rows[0]!.n, ids: [] };
  }
  return { total: r.rows[0]?.total ?? 0, ids: r.rows.map((x) => x.id) };
}
