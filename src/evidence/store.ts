import { CompiledQuery, sql, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import { z } from 'zod';
import type { DB, DynamicTables } from '../db/index.js';
import { assertCanWrite, auditActionFor, readableBy, redact, type Actor, type Visibility, assertLinkable, guardedForeignKeys, type LinkTarget, assertPublishable } from '../access/index.js';
import { recordWrite, audited, type Audited } from '../audit/index.js';
import { Conflict, NotFound, ValidationProblem } from '../problems.js';
import { alreadyCaptured, auditedCapture, type ClientCapture } from './offline-capture.js';

/**
 * One store for every evidence resource: list, get, create, update and delete, each write in one
 * transaction with its audit entry, each read filtered by what the actor may see. Resources differ
 * only in their `ResourceSpec`.
 */
export interface LinkSpec {
  /** Request/response field holding the linked ids, e.g. `sourceIds`. */
  field: string;
  table: string;
  ownColumn: string;
  otherColumn: string;
}

export interface ReferenceSpec {
  table: string;
  column: string;
  label: string;
}

export interface FilterSpec {
  column: string;
  /** `eq` compares, `contains` tests membership in an array column. */
  op: 'eq' | 'contains' | 'gte' | 'lte';
}

export interface WriteContext {
  /** The audited write's transaction (a prepare step may create a maker in it). */
  trx: Audited<DB>;
  actor: Actor;
  existing: Record<string, unknown> | null;
}

export interface ResourceSpec {
  /** URL segment and audit record type, e.g. `components`. */
  name: string;
  singular: string;
  /** Table name as Kysely sees it (camelCase). */
  table: string;
  create: z.ZodObject;
  update: z.ZodObject;
  row: z.ZodObject;
  filters: Record<string, FilterSpec>;
  sortable: string[];
  defaultSort: string;
  searchConfig: 'english' | 'simple' | null;
  /** A text column also matched by trigram similarity, so that typos and part-number fragments find records. */
  fuzzyColumn?: string;
  /** Stands in for the fuzzyColumn test (`ILIKE '%q%'` or word similarity) when it is answered elsewhere, e.g. from a table of distinct values. */
  fuzzyMatch?: (q: string, like: string) => RawBuilder<boolean>;
  /** The table has `name_keys` (migration 0011): a search also finds its names typed in either script (Харків, Kharkiv, Kharkov). */
  nameKeys?: boolean;
  links?: LinkSpec[];
  /** Who refers to this resource: deleting a referenced record is a 409 that names them. */
  referencedBy: ReferenceSpec[];
  /** Turns validated input into column values (derive fields, check cross-record rules). */
  prepare?: (input: Record<string, unknown>, ctx: WriteContext) => Promise<Record<string, unknown>>;
  /** Row fields that are no column of their own: read (and returned by writes) as these expressions. */
  computed?: Record<string, RawBuilder<unknown>>;
  /** Runs in an update's transaction after the row is written and audited (an item's components re-suggested when its context changed). */
  afterUpdate?: (trx: Audited<DB>, actor: Actor, before: Record<string, unknown>, after: Record<string, unknown>) => Promise<void>;
}

export interface ListQuery {
  q?: string;
  limit: number;
  offset: number;
  sort?: string;
  /** Keyset paging: `nextCursor` of the previous page (see `keysetAfter`). */
  cursor?: string;
  filters: Record<string, unknown>;
}

export interface Page<T> {
  data: T[];
  /** Exact up to COUNT_CAP; above it the planner's estimate (see `totalExact`). */
  total: number;
  totalExact: boolean;
  limit: number;
  offset: number;
  /** Where the next page starts (keyset), or null on the last page. */
  nextCursor?: string | null;
}

/**
 * Counting every matching row made a list page cost as much as reading the whole table: 90 ms of
 * three processes for the public's 300k of 1M components, per request. Above this many matches a
 * page says "about N" with the planner's estimate, as search engines do; below it the count is exact.
 */
export const COUNT_CAP = 10_000;

/** What a list selects: the row's fields, each a column or the expression that rebuilds it (links come separately). */
export function columnsOf(spec: ResourceSpec) {
  const linkFields = new Set((spec.links ?? []).map((l) => l.field));
  return Object.keys(spec.row.shape).filter((k) => !linkFields.has(k)).map((k) => spec.computed?.[k]?.as(k) ?? k);
}

async function attachLinks(db: DB, spec: ResourceSpec, rows: Record<string, unknown>[]): Promise<void> {
  if (!spec.links?.length || rows.length === 0) return;
  const ids = rows.map((r) => r.id as string);
  for (const link of spec.links) {
    const found = await db.withTables<DynamicTables>().selectFrom(link.table).select([link.ownColumn, link.otherColumn]).where(link.ownColumn, 'in', ids).execute();
    const byOwner = new Map<string, string[]>();
    for (const f of found) {
      const own = f[link.ownColumn] as string;
      const list = byOwner.get(own) ?? [];
      list.push(f[link.otherColumn] as string);
      byOwner.set(own, list);
    }
    for (const r of rows) r[link.field] = byOwner.get(r.id as string) ?? [];
  }
}

function sortOf(spec: ResourceSpec, sort: string | undefined): { column: string; dir: 'asc' | 'desc' } {
  const raw = sort ?? spec.defaultSort;
  const desc = raw.startsWith('-');
  const column = desc ? raw.slice(1) : raw;
  if (!spec.sortable.includes(column)) {
    throw new ValidationProblem([{ field: 'sort', message: `cannot sort by "${column}"; use one of ${spec.sortable.join(', ')} (prefix - for descending)` }]);
  }
  return { column, dir: desc ? 'desc' : 'asc' };
}

export async function list(db: DB, actor: Actor | null, spec: ResourceSpec, query: ListQuery): Promise<Page<Record<string, unknown>>> {
  const { column, dir } = sortOf(spec, query.sort);
  const base = whereListed(db.withTables<DynamicTables>().selectFrom(spec.table).where(readableBy(actor)), spec, query.filters, query.q);
  const q = query.q?.trim();
  const counting = countCapped(db, base);
  let rowsQuery = base.select(columnsOf(spec));
  if (q && spec.searchConfig && !query.sort) {
    rowsQuery = rowsQuery.orderBy(sql`ts_rank(search, websearch_to_tsquery(${sql.lit(spec.searchConfig)}, ${q}))`, 'desc');
  }
  if (query.cursor !== undefined) {
    if (query.offset > 0) throw new ValidationProblem([{ field: 'cursor', message: 'give either cursor or offset, not both' }]);
    if (q && spec.searchConfig && !query.sort) throw new ValidationProblem([{ field: 'cursor', message: 'a search ranked by relevance pages by offset; give sort to page by cursor' }]);
    rowsQuery = rowsQuery.where(keysetAfter(column, dir, decodeCursor(query.cursor, column, dir)));
  }
  const [found, total] = await Promise.all([
    rowsQuery.select(sql<string | null>`${sql.ref(column)}::text`.as('keysetValue')).orderBy(column, dir).orderBy('id').limit(query.limit).offset(query.offset).execute(),
    counting,
  ]);
  const last = found.length === query.limit ? found[found.length - 1] : undefined;
  const nextCursor = last ? encodeCursor(column, dir, last.keysetValue as string | null, last.id as string) : null;
  const rows = found.map(({ keysetValue: _, ...r }) => r);
  await attachLinks(db, spec, rows);
  return { data: rows.map((r) => redact(spec.name, r, actor)), ...total, limit: query.limit, offset: query.offset, nextCursor };
}

/**
 * Keyset paging: a cursor names the last row of a page by its sort value (as PostgreSQL prints it,
 * so timestamps keep their microseconds) and id, and the sort it was made under. The next page is
 * the rows after it in the list's order (sort column, then id; NULLs last ascending, first
 * descending, as PostgreSQL orders them): an index walk from there, where an offset re-reads every
 * row before it.
 */
interface Cursor { column: string; dir: 'asc' | 'desc'; value: string | null; id: string }

function encodeCursor(column: string, dir: 'asc' | 'desc', value: string | null, id: string): string {
  return Buffer.from(JSON.stringify([column, dir, value, id])).toString('base64url');
}

function decodeCursor(text: string, column: string, dir: 'asc' | 'desc'): Cursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  const ok = Array.isArray(parsed) && parsed.length === 4 && typeof parsed[0] === 'string' && (parsed[1] === 'asc' || parsed[1] === 'desc')
    && (parsed[2] === null || typeof parsed[2] === 'string') && typeof parsed[3] === 'string' && /^[0-9a-f-]{36}$/i.test(parsed[3]);
  if (!ok) throw new ValidationProblem([{ field: 'cursor', message: 'is not a cursor this list returned (nextCursor)' }]);
  const [c, d, value, id] = parsed as [string, 'asc' | 'desc', string | null, string];
  if (c !== column || d !== dir) throw new ValidationProblem([{ field: 'cursor', message: 'was made for another sort; page with the same sort or start again' }]);
  return { column: c, dir: d, value, id };
}

function keysetAfter(column: string, dir: 'asc' | 'desc', k: Cursor) {
  const col = sql.ref(column);
  const id = sql`${k.id}::uuid`;
  if (k.value === null) {
    // NULLs come last ascending (nothing but NULLs after), first descending (every value after).
    return dir === 'asc' ? sql<boolean>`(${col} IS NULL AND id > ${id})` : sql<boolean>`(${col} IS NOT NULL OR id > ${id})`;
  }
  return dir === 'asc'
    ? sql<boolean>`(${col} > ${k.value} OR ${col} IS NULL OR (${col} = ${k.value} AND id > ${id}))`
    : sql<boolean>`(${col} < ${k.value} OR (${col} = ${k.value} AND id > ${id}))`;
}

/**
 * A list's filters and search (`q`) as conditions, so that a list page and an export select the same records.
 * The query is over a spec's table, named at run time, with whatever selection the caller made: its
 * builder type is left open (any) so one function serves the list, the count and the export.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
export function whereListed(
  qb: SelectQueryBuilder<any, any, any>, spec: ResourceSpec, filters: Record<string, unknown>, q: string | undefined,
): SelectQueryBuilder<any, any, any> {
  for (const [name, value] of Object.entries(filters)) {
    if (value === undefined) continue;
    const f = spec.filters[name];
    if (!f) continue;
    if (f.op === 'contains') qb = qb.where(sql.ref(f.column), '@>', sql`ARRAY[${value}]::text[]`);
    else if (f.op === 'gte') qb = qb.where(f.column, '>=', value);
    else if (f.op === 'lte') qb = qb.where(f.column, '<=', value);
    else qb = qb.where(f.column, '=', value);
  }
  const text = q?.trim();
  if (text && spec.searchConfig) {
    const tsq = sql`websearch_to_tsquery(${sql.lit(spec.searchConfig)}, ${text})`;
    const like = `%${escapeLike(text)}%`;
    // Names typed in either script: the same key function folds the record's names and the query.
    const byName = sql<boolean>`(remnant_name_keys(${text}) <> '' AND name_keys @@ plainto_tsquery('simple', remnant_name_keys(${text})))`;
    qb = qb.where((eb) => {
      const matched = spec.fuzzyMatch
        ? eb.or([eb(sql.ref('search'), '@@', tsq), spec.fuzzyMatch(text, like)])
        : spec.fuzzyColumn
          ? eb.or([eb(sql.ref('search'), '@@', tsq), eb(sql.ref(spec.fuzzyColumn), 'ilike', like), sql<boolean>`${text}::text <% ${sql.ref(spec.fuzzyColumn)}`])
          : eb(sql.ref('search'), '@@', tsq);
      return spec.nameKeys ? eb.or([matched, byName]) : matched;
    });
  }
  return qb;
}

async function countCapped(db: DB, base: SelectQueryBuilder<any, any, any>): Promise<{ total: number; totalExact: boolean }> {
  /* eslint-enable @typescript-eslint/no-explicit-any */
  const capped = await db
    .selectFrom(base.select(sql.lit(1).as('one')).limit(COUNT_CAP + 1).as('matching'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  if (capped.n <= COUNT_CAP) return { total: capped.n, totalExact: true };
  const compiled = base.select(sql.lit(1).as('one')).compile();
  const plan = await db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(`EXPLAIN (FORMAT JSON) ${compiled.sql}`, [...compiled.parameters]));
  const estimate = Number((Object.values(plan.rows[0] ?? {})[0] as { Plan?: { 'Plan Rows'?: number } }[] | undefined)?.[0]?.Plan?.['Plan Rows']);
  // Never below what was just counted: the estimate only widens a number known to exceed the cap.
  return { total: Number.isFinite(estimate) ? Math.max(Math.round(estimate), COUNT_CAP + 1) : COUNT_CAP + 1, totalExact: false };
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => '\\' + c);
}

export async function get(db: DB, actor: Actor | null, spec: ResourceSpec, id: string): Promise<Record<string, unknown>> {
  const row = await db.withTables<DynamicTables>().selectFrom(spec.table).select(columnsOf(spec)).where('id', '=', id).where(readableBy(actor)).executeTakeFirst();
  if (!row) throw new NotFound(spec.singular, id);
  await attachLinks(db, spec, [row]);
  return redact(spec.name, row, actor);
}

function splitLinks(spec: ResourceSpec, input: Record<string, unknown>): { values: Record<string, unknown>; links: Map<LinkSpec, string[]> } {
  const values = { ...input };
  const links = new Map<LinkSpec, string[]>();
  for (const link of spec.links ?? []) {
    if (link.field in values) {
      const ids = values[link.field];
      delete values[link.field];
      if (Array.isArray(ids)) links.set(link, [...new Set(ids as string[])]);
    }
  }
  return { values, links };
}

async function writeLinks(trx: Audited<DB>, id: string, links: Map<LinkSpec, string[]>): Promise<void> {
  for (const [link, ids] of links) {
    await trx.withTables<DynamicTables>().deleteFrom(link.table).where(link.ownColumn, '=', id).execute();
    if (ids.length === 0) continue;
    try {
      await trx.withTables<DynamicTables>().insertInto(link.table).values(ids.map((other) => ({ [link.ownColumn]: id, [link.otherColumn]: other }))).execute();
    } catch (err) {
      if ((err as { code?: string }).code === '23503') {
        throw new ValidationProblem([{ field: link.field, message: `contains an id that does not exist (${(err as { detail?: string }).detail ?? ''})` }]);
      }
      throw err;
    }
  }
}

/**
 * Every foreign key this write sets, as scalar fields (`itemId`) and link lists (`sourceIds`), must
 * name a record the actor can read (src/access/links.ts). Only what the write changes is asked:
 * a link already in place stays, even if its target has since been restricted.
 */
async function assertLinksReadable(
  trx: DB, actor: Actor, spec: ResourceSpec, values: Record<string, unknown>, links: Map<LinkSpec, string[]>, existing: Record<string, unknown> | null,
): Promise<void> {
  const targets: LinkTarget[] = [];
  for (const [field, table] of await guardedForeignKeys(trx, spec.table)) {
    const v = values[field];
    if (typeof v === 'string' && v !== existing?.[field]) targets.push({ field, table, ids: [v] });
  }
  for (const [link, ids] of links) {
    const table = (await guardedForeignKeys(trx, link.table)).get(link.otherColumn);
    if (!table) continue;
    const had = new Set((existing?.[link.field] as string[] | undefined) ?? []);
    targets.push({ field: link.field, table, ids: ids.filter((i) => !had.has(i)) });
  }
  await assertLinkable(trx, actor, targets);
}

export async function create(
  db: DB, actor: Actor, spec: ResourceSpec, input: Record<string, unknown>, capture: ClientCapture | null = null,
): Promise<Record<string, unknown>> {
  assertCanWrite(actor, 'create', undefined, { recordType: spec.name, visibility: input.visibility });
  return audited(db, async (trx) => {
    if (capture) {
      // A retried offline sync: the record made the first time, not a second one (src/evidence/offline-capture.ts).
      const made = await alreadyCaptured(trx, actor, capture, async (t) => {
        const r = await t.withTables<DynamicTables>().selectFrom(spec.table).select(columnsOf(spec)).where('id', '=', capture.id).executeTakeFirst();
        if (r) await attachLinks(t, spec, [r]);
        return r;
      });
      if (made) return made;
    }
    const { values: raw, links } = splitLinks(spec, input);
    await assertLinksReadable(trx, actor, spec, raw, links, null);
    const values = spec.prepare ? await spec.prepare(raw, { trx, actor, existing: null }) : raw;
    const row = await trx
      .withTables<DynamicTables>()
      .insertInto(spec.table)
      .values({ ...values, ...(capture ? { id: capture.id } : {}), createdBy: actor.id, updatedBy: actor.id })
      .returning(columnsOf(spec))
      .executeTakeFirstOrThrow();
    await writeLinks(trx, row.id as string, links);
    await attachLinks(trx, spec, [row]);
    if (row.visibility === 'public') await assertPublishable(trx, spec.name, row);
    await recordWrite(trx, { actorId: actor.id, action: 'create', recordType: spec.name, recordId: row.id as string, after: auditedCapture(row, capture) });
    return row;
  });
}

export async function update(db: DB, actor: Actor, spec: ResourceSpec, id: string, input: Record<string, unknown>): Promise<Record<string, unknown>> {
  return audited(db, async (trx) => {
    // Lock the row: two concurrent edits must not both start from the same "before".
    const existing = await trx.withTables<DynamicTables>().selectFrom(spec.table).select(columnsOf(spec)).where('id', '=', id).where(readableBy(actor)).forUpdate().executeTakeFirst();
    if (!existing) throw new NotFound(spec.singular, id);
    assertCanWrite(actor, 'update', existing as { createdBy: string; visibility: Visibility }, { recordType: spec.name, visibility: input.visibility });
    await attachLinks(trx, spec, [existing]);
    const { values: raw, links } = splitLinks(spec, input);
    await assertLinksReadable(trx, actor, spec, raw, links, existing);
    const values = spec.prepare ? await spec.prepare(raw, { trx, actor, existing }) : raw;
    let row = existing;
    if (Object.keys(values).length > 0) {
      row = await trx
        .withTables<DynamicTables>()
        .updateTable(spec.table)
        .set({ ...values, updatedBy: actor.id })
        .where('id', '=', id)
        .returning(columnsOf(spec))
        .executeTakeFirstOrThrow();
    }
    await writeLinks(trx, id, links);
    await attachLinks(trx, spec, [row]);
    // Publishing through a PATCH meets the same checks, and is recorded as publishing.
    const published = auditActionFor(existing, row);
    if (published === 'publish') await assertPublishable(trx, spec.name, row);
    await recordWrite(trx, { actorId: actor.id, action: published ?? 'update', recordType: spec.name, recordId: id, before: existing, after: row });
    if (spec.afterUpdate) await spec.afterUpdate(trx, actor, existing, row);
    return row;
  });
}

export const referencesSchema = z.object({
  references: z.array(z.object({ label: z.string(), count: z.number().int() })).describe('empty: nothing stops a deletion'),
});
export type Reference = z.infer<typeof referencesSchema>['references'][number];

/**
 * What still points at a record and so stops its deletion (the spec's `referencedBy`), with counts.
 * The one rule behind both the delete's 409 and the question a delete dialog asks beforehand.
 */
export async function referencesTo(db: DB, spec: ResourceSpec, id: string): Promise<Reference[]> {
  const refs: Reference[] = [];
  for (const ref of spec.referencedBy) {
    const n = await db.withTables<DynamicTables>().selectFrom(ref.table).select((eb) => eb.fn.countAll<number>().as('n')).where(ref.column, '=', id).executeTakeFirstOrThrow();
    if (n.n > 0) refs.push({ label: ref.label, count: n.n });
  }
  return refs;
}

/** The references of a record the actor may read (NotFound otherwise): counts only, never the referring records. */
export async function referencesOf(db: DB, actor: Actor | null, spec: ResourceSpec, id: string): Promise<Reference[]> {
  await get(db, actor, spec, id);
  return referencesTo(db, spec, id);
}

export async function remove(db: DB, actor: Actor, spec: ResourceSpec, id: string): Promise<void> {
  await audited(db, async (trx) => {
    const existing = await trx.withTables<DynamicTables>().selectFrom(spec.table).select(columnsOf(spec)).where('id', '=', id).where(readableBy(actor)).forUpdate().executeTakeFirst();
    if (!existing) throw new NotFound(spec.singular, id);
    assertCanWrite(actor, 'delete', existing as { createdBy: string; visibility: Visibility }, { recordType: spec.name });
    const refs = await referencesTo(trx, spec, id);
    if (refs.length > 0) {
      throw new Conflict(`this ${spec.singular} is still referenced by ${refs.map((r) => `${r.count} ${r.label}`).join(', ')}; remove or re-link those first`, {
        references: refs,
      });
    }
    await attachLinks(trx, spec, [existing]);
    await trx.withTables<DynamicTables>().deleteFrom(spec.table).where('id', '=', id).execute();
    await recordWrite(trx, { actorId: actor.id, action: 'delete', recordType: spec.name, recordId: id, before: existing });
  });
}
