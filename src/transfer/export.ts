import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { sql } from 'kysely';
import { stringify } from 'csv-stringify/sync';
import type { DB, DynamicTables } from '../db/index.js';
import { readableBy, redact, type Actor } from '../access/index.js';
import { columnsOf, RESOURCES, whereListed, type ResourceSpec } from '../evidence/index.js';
import { NotFound, ValidationProblem } from '../problems.js';
import { documentEntity, documentationEntity, eventEntity, makerLinkEntity, organisationEntity, ownershipEntity, sanctionEntity, type FtmEntity } from './ftm.js';

/**
 * Exports stream from the database in pages (keyset on id), so that a list of a million
 * components never sits in memory. Every page is filtered by `readableBy(actor)`, and for the
 * public each row goes through the same `redact()` as the public portal.
 *
 * Formats: CSV (one header row of field names: re-imports without a mapping), JSON Lines, GeoJSON
 * (incidents, items: records with coordinates) and FollowTheMoney entities as JSON Lines.
 * A scope narrows any export to one case: its incidents, items, their components, its sources and
 * claims (and those of its incidents), and the makers of its components.
 */
export type ExportFormat = 'csv' | 'jsonl' | 'geojson' | 'ftm';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'jsonl', 'geojson', 'ftm'];
export const FTM_RESOURCES = ['organisations', 'sources', 'incidents', 'components', 'all'] as const;

const PAGE = 2000;

export interface ExportScope {
  caseId?: string;
}

export interface ExportOptions {
  filters?: Record<string, unknown>;
  /** The list's search text: the same full-text (and part-number fragment) match as the list route. */
  q?: string;
  scope?: ExportScope;
}

export function specOf(resource: string): ResourceSpec {
  const spec = RESOURCES.find((s) => s.name === resource);
  if (!spec) throw new ValidationProblem([{ field: 'resource', message: `cannot export "${resource}"; use one of ${RESOURCES.map((s) => s.name).join(', ')}` }]);
  return spec;
}

function fieldsOf(spec: ResourceSpec): string[] {
  const links = new Set((spec.links ?? []).map((l) => l.field));
  return Object.keys(spec.row.shape).filter((k) => !links.has(k));
}

/** A writer that honours back-pressure, so a slow client slows the export instead of filling memory. */
async function put(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

/** Record ids of one case, per table (camelCase table names as Kysely sees them). */
function caseScope(db: DB, caseId: string, table: string) {
  const incidents = db.selectFrom('caseIncidents').select('incidentId').where('caseId', '=', caseId);
  const items = db
    .selectFrom('caseItems').select('itemId as id').where('caseId', '=', caseId)
    .union(db.selectFrom('items').select('id').where('incidentId', 'in', incidents));
  switch (table) {
    case 'incidents':
      return incidents;
    case 'items':
      return items;
    case 'components':
      return db.selectFrom('components').select('id').where('itemId', 'in', items);
    case 'custodyEvents':
      return db.selectFrom('custodyEvents').select('id').where('itemId', 'in', items);
    case 'claims':
      return db.selectFrom('caseClaims').select('claimId as id').where('caseId', '=', caseId)
        .union(db.selectFrom('incidentClaims').select('claimId as id').where('incidentId', 'in', incidents));
    case 'sources':
      return db.selectFrom('caseSources').select('sourceId as id').where('caseId', '=', caseId)
        .union(db.selectFrom('incidentSources').select('sourceId as id').where('incidentId', 'in', incidents))
        .union(db.selectFrom('claims').select('sourceId as id').where('id', 'in', db.selectFrom('caseClaims').select('claimId').where('caseId', '=', caseId)));
    case 'organisations':
      return db.selectFrom('components').select('makerId as id').where('itemId', 'in', items).where('makerId', 'is not', null);
    default:
      throw new ValidationProblem([{ field: 'resource', message: `${table} cannot be exported per case` }]);
  }
}

export async function assertCaseReadable(db: DB, actor: Actor | null, caseId: string): Promise<void> {
  const found = await db.selectFrom('cases').select('id').where('id', '=', caseId).where(readableBy(actor)).executeTakeFirst();
  if (!found) throw new NotFound('case', caseId);
}

/** Pages of readable rows of one resource, links attached, redacted for the public. */
async function* pages(db: DB, actor: Actor | null, spec: ResourceSpec, opts: ExportOptions): AsyncGenerator<Record<string, unknown>[]> {
  const columns = columnsOf(spec);
  let after: string | null = null;
  for (;;) {
    let q = whereListed(db.withTables<DynamicTables>().selectFrom(spec.table).select(columns).where(readableBy(actor)), spec, opts.filters ?? {}, opts.q);
    if (opts.scope?.caseId) q = q.where('id', 'in', caseScope(db, opts.scope.caseId, spec.table));
    if (after) q = q.where('id', '>', after);
    const rows = (await q.orderBy('id').limit(PAGE).execute()) as Record<string, unknown>[];
    if (rows.length === 0) return;
    for (const link of spec.links ?? []) {
      const ids = rows.map((r) => r.id as string);
      // Only links to records the reader may see: a public export must not name a withheld source.
      const other = link.table === 'incidentSources' ? 'sources' : link.table === 'incidentClaims' ? 'claims' : null;
      let lq = db.withTables<DynamicTables>().selectFrom(link.table).select([`${link.table}.${link.ownColumn} as own`, `${link.table}.${link.otherColumn} as other`]).where(`${link.table}.${link.ownColumn}`, 'in', ids);
      if (other) lq = lq.innerJoin(`${other} as o`, 'o.id', `${link.table}.${link.otherColumn}`).where(readableBy(actor, 'o'));
      const found = await lq.execute();
      const by = new Map<string, string[]>();
      for (const f of found) by.set(f.own as string, [...(by.get(f.own as string) ?? []), f.other as string]);
      for (const r of rows) r[link.field] = (by.get(r.id as string) ?? []).sort();
    }
    yield rows.map((r) => redact(spec.name, r, actor));
    after = rows[rows.length - 1]!.id as string;
    if (rows.length < PAGE) return;
  }
}

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** CSV, JSON Lines or GeoJSON of one resource. Returns the number of records written. */
export async function exportResource(db: DB, actor: Actor | null, resource: string, format: Exclude<ExportFormat, 'ftm'>, out: Writable, opts: ExportOptions = {}): Promise<number> {
  const spec = specOf(resource);
  if (opts.scope?.caseId) await assertCaseReadable(db, actor, opts.scope.caseId);
  const coords = spec.name === 'incidents' ? ['lat', 'lon'] : spec.name === 'items' ? ['recoveredLat', 'recoveredLon'] : null;
  if (format === 'geojson' && !coords) throw new ValidationProblem([{ field: 'format', message: 'GeoJSON is available for incidents and items (records with coordinates)' }]);
  const fields = [...fieldsOf(spec), ...(spec.links ?? []).map((l) => l.field)];
  let n = 0;
  if (format === 'csv') await put(out, stringify([fields]));
  if (format === 'geojson') await put(out, '{"type":"FeatureCollection","features":[');
  for await (const rows of pages(db, actor, spec, opts)) {
    if (format === 'csv') {
      await put(out, stringify(rows.map((r) => fields.map((f) => csvCell(r[f])))));
      n += rows.length;
    } else if (format === 'jsonl') {
      await put(out, rows.map((r) => JSON.stringify(r) + '\n').join(''));
      n += rows.length;
    } else {
      const [latKey, lonKey] = coords!;
      const features: string[] = [];
      for (const r of rows) {
        const lat = r[latKey!];
        const lon = r[lonKey!];
        if (typeof lat !== 'number' || typeof lon !== 'number') continue;
        const properties = { ...r };
        delete properties[latKey!];
        delete properties[lonKey!];
        // GeoJSON positions are [longitude, latitude] (RFC 7946).
        features.push(JSON.stringify({ type: 'Feature', id: r.id, geometry: { type: 'Point', coordinates: [lon, lat] }, properties }));
      }
      if (features.length) await put(out, (n > 0 ? ',' : '') + features.join(','));
      n += features.length;
    }
  }
  if (format === 'geojson') await put(out, ']}\n');
  return n;
}

async function confirmedMatches(db: DB, organisationIds: string[]) {
  if (organisationIds.length === 0) return [];
  const rows = await db
    .selectFrom('screeningMatches as m')
    .innerJoin('sanctionsLists as l', 'l.id', 'm.listId')
    .leftJoin('sanctionsEntities as e', 'e.id', 'm.entityId')
    .select(['m.organisationId', 'm.entityReference', 'm.entityCaption', 'l.slug', 'l.title', 'e.programmes', 'e.listedOn'])
    .where('m.status', '=', 'confirmed')
    .where('m.stale', '=', false)
    .where('m.organisationId', 'in', organisationIds)
    .orderBy('m.organisationId')
    .orderBy('m.entityReference')
    .execute();
  return rows.map((r) => ({
    organisationId: r.organisationId,
    listSlug: r.slug,
    listTitle: r.title,
    reference: r.entityReference,
    caption: r.entityCaption,
    programmes: Array.isArray(r.programmes) ? (r.programmes as unknown[]).map((p) => (typeof p === 'string' ? p : JSON.stringify(p))) : [],
    listedOn: (r.listedOn) ?? null,
  }));
}

/** Every readable record of a case as JSON Lines: `{"resource": "...", "record": {...}}`. */
export async function exportCase(db: DB, actor: Actor | null, caseId: string, out: Writable): Promise<number> {
  await assertCaseReadable(db, actor, caseId);
  const c = await db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();
  await put(out, JSON.stringify({ resource: 'cases', record: redact('cases', c as Record<string, unknown>, actor) }) + '\n');
  let n = 1;
  for (const resource of ['organisations', 'sources', 'claims', 'incidents', 'items', 'custody-events', 'components']) {
    for await (const rows of pages(db, actor, specOf(resource), { scope: { caseId } })) {
      await put(out, rows.map((r) => JSON.stringify({ resource, record: r }) + '\n').join(''));
      n += rows.length;
    }
  }
  return n;
}

/**
 * FollowTheMoney entities: organisations (Company / PublicBody / Organization, and Ownership for
 * parents), sources (Document), incidents (Event, with `involved` makers), and the evidence
 * relations: Documentation (a source reports on an incident) and UnknownLink (components made by
 * an organisation were recovered at an incident), and Sanction for screening matches a reviewer
 * confirmed (signed-in readers only, as the screening routes). `all` writes every kind.
 */
export async function exportFtm(db: DB, actor: Actor | null, resource: string, out: Writable, opts: ExportOptions = {}): Promise<number> {
  if (!(FTM_RESOURCES as readonly string[]).includes(resource)) {
    throw new ValidationProblem([{ field: 'resource', message: `FollowTheMoney export covers ${FTM_RESOURCES.join(', ')}` }]);
  }
  if (opts.scope?.caseId) await assertCaseReadable(db, actor, opts.scope.caseId);
  const want = (r: string) => resource === 'all' || resource === r;
  let n = 0;
  const write = async (entities: (FtmEntity | null)[]) => {
    const lines = entities.filter((e): e is FtmEntity => e !== null).map((e) => JSON.stringify(e) + '\n');
    if (lines.length) await put(out, lines.join(''));
    n += lines.length;
  };
  const scoped = { scope: opts.scope };

  // Makers at incidents: components → items → incidents, every step readable by the actor.
  const makerLinks = async (incidentIds?: string[]) => {
    let q = db
      .selectFrom('components as c')
      .innerJoin('items as i', 'i.id', 'c.itemId')
      .innerJoin('incidents as e', 'e.id', 'i.incidentId')
      .innerJoin('organisations as o', 'o.id', 'c.makerId')
      .where(readableBy(actor, 'c')).where(readableBy(actor, 'i')).where(readableBy(actor, 'e')).where(readableBy(actor, 'o'))
      .select(['c.makerId', 'i.incidentId', 'e.occurredFrom'])
      .select((eb) => [
        eb.fn.count<number>('c.id').as('components'),
        eb.fn.count<number>(sql`DISTINCT i.id`).as('items'),
        sql<string[]>`array_remove(array_agg(DISTINCT c.part_number ORDER BY c.part_number), NULL)`.as('partNumbers'),
      ])
      .groupBy(['c.makerId', 'i.incidentId', 'e.occurredFrom']);
    if (incidentIds) q = q.where('i.incidentId', 'in', incidentIds);
    if (opts.scope?.caseId) q = q.where('c.id', 'in', caseScope(db, opts.scope.caseId, 'components'));
    return q.execute();
  };

  if (want('organisations')) {
    for await (const rows of pages(db, actor, specOf('organisations'), scoped)) {
      // A parent the reader may not see is left out rather than named.
      const parents = rows.map((r) => r.parentId).filter((p): p is string => typeof p === 'string');
      const visible = new Set(
        parents.length ? (await db.selectFrom('organisations').select('id').where('id', 'in', parents).where(readableBy(actor)).execute()).map((r) => r.id) : [],
      );
      const safe = rows.map((r) => (r.parentId && !visible.has(r.parentId as string) ? { ...r, parentId: null } : r));
      await write(safe.flatMap((r) => [organisationEntity(r), ownershipEntity(r)]));
      // Sanctions: screening results are for signed-in users only (the screening routes are not public).
      if (actor) await write((await confirmedMatches(db, rows.map((r) => r.id as string))).map(sanctionEntity));
    }
  }
  if (want('sources')) {
    for await (const rows of pages(db, actor, specOf('sources'), scoped)) await write(rows.map(documentEntity));
  }
  if (want('incidents')) {
    for await (const rows of pages(db, actor, specOf('incidents'), scoped)) {
      const links = await makerLinks(rows.map((r) => r.id as string));
      const involved = new Map<string, string[]>();
      for (const l of links) involved.set(l.incidentId as string, [...(involved.get(l.incidentId as string) ?? []), l.makerId as string]);
      await write(rows.flatMap((r) => [
        eventEntity(r, involved.get(r.id as string) ?? []),
        ...((r.sourceIds as string[] | undefined) ?? []).map((s) => documentationEntity(s, r.id as string)),
      ]));
    }
  }
  if (want('components')) {
    const links = await makerLinks();
    await write(
      links.map((l) =>
        makerLinkEntity({
          makerId: l.makerId as string, incidentId: l.incidentId as string, occurredFrom: (l.occurredFrom as string | null) ?? null,
          components: Number(l.components), items: Number(l.items), partNumbers: (l.partNumbers) ?? [],
        }),
      ),
    );
  }
  return n;
}
