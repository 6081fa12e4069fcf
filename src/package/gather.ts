import type { DB } from '../db/index.js';
import { readableBy, redact, type Actor } from '../access/index.js';
import { caseRecordIds } from '../bundles/index.js';
import { COMPONENT_COMPUTED, readFileForDownload } from '../evidence/index.js';
import { computeFindings, type Findings } from '../findings/index.js';
import { NotFound, Problem } from '../problems.js';
import { gatherTracing, type PackageTracing } from './tracing.js';

type Row = Record<string, unknown>;

export type PackageScope = { kind: 'item' | 'case'; id: string };

/** Everything one evidence package shows, read as `actor` may (null: the public, redacted). */
export interface PackageData {
  scope: PackageScope;
  title: string;
  audience: 'public' | 'internal';
  findings: Findings;
  incidents: Row[];
  items: Row[];
  components: Row[];
  custody: Row[];
  claims: Row[];
  files: Row[];
  /** Supply chains, trace requests and sanctions reviews; null for the public (tracing is never public). */
  tracing: PackageTracing | null;
}

const ord = (rows: Row[], ...keys: string[]) =>
  rows.sort((a, b) => {
    for (const k of keys) {
      const c = String(a[k] ?? '').localeCompare(String(b[k] ?? ''));
      if (c) return c;
    }
    return 0;
  });

const none = ['00000000-0000-0000-0000-000000000000'];
const list = (ids: Iterable<string>) => {
  const a = [...ids];
  return a.length ? a : none;
};

async function itemIds(db: DB, actor: Actor | null, itemId: string): Promise<Record<string, Set<string>>> {
  const item = await db.selectFrom('items').select(['id', 'incidentId']).where('id', '=', itemId).where(readableBy(actor)).executeTakeFirst();
  if (!item) throw new NotFound('item', itemId);
  const ids = async (q: { execute(): Promise<{ id: unknown }[]> }) => new Set((await q.execute()).map((r) => String(r.id)));
  const incidents = item.incidentId
    ? await ids(db.selectFrom('incidents').select('id').where('id', '=', item.incidentId).where(readableBy(actor)))
    : new Set<string>();
  const components = await ids(db.selectFrom('components').select('id').where('itemId', '=', itemId).where(readableBy(actor)));
  const claims = await ids(db.selectFrom('claims').select('id').where(readableBy(actor))
    .where('id', 'in', db.selectFrom('incidentClaims').select('claimId').where('incidentId', 'in', list(incidents))));
  const files = await ids(db.selectFrom('evidenceFiles').select('id').where(readableBy(actor))
    .where((eb) => eb.or([eb('itemId', '=', itemId), eb('componentId', 'in', list(components))])));
  const custody = await ids(db.selectFrom('custodyEvents').select('id').where('itemId', '=', itemId).where(readableBy(actor)));
  return { items: new Set([itemId]), incidents, components, claims, evidence_files: files, custody_events: custody };
}

/** Gathers a package's records; every read filtered by `readableBy(actor)`, rows redacted for the public. */
export async function gatherPackage(db: DB, actor: Actor | null, scope: PackageScope): Promise<PackageData> {
  let title: string;
  let ids: Record<string, Set<string>>;
  if (scope.kind === 'case') {
    const c = await db.selectFrom('cases').select('title').where('id', '=', scope.id).where(readableBy(actor)).executeTakeFirst();
    if (!c) throw new NotFound('case', scope.id);
    title = String(c.title);
    ids = await caseRecordIds(db, actor, scope.id);
  } else {
    ids = await itemIds(db, actor, scope.id);
    title = String((await db.selectFrom('items').select('label').where('id', '=', scope.id).executeTakeFirstOrThrow()).label);
  }
  const findings = await computeFindings(db, actor, scope);
  const r = (resource: string, rows: Row[]) => rows.map((x) => redact(resource, x, actor));
  const incidents = r('incidents', await db.selectFrom('incidents').selectAll().where('id', 'in', list(ids.incidents!)).execute());
  const items = r('items', await db.selectFrom('items').selectAll().where('id', 'in', list(ids.items!)).execute());
  const components = r('components', await db.selectFrom('components')
    .leftJoin('organisations as o', (j) => j.onRef('o.id', '=', 'components.makerId').on(readableBy(actor, 'o')))
    .leftJoin('items as i', 'i.id', 'components.itemId')
    .select(['components.id', 'components.itemId', 'components.makerId', 'i.label as itemLabel', 'components.markingRaw', 'components.partNumber', 'components.makerCountry',
      'components.dateCodeText', 'components.productionFrom', 'components.productionTo', 'components.ambiguous', 'components.quantity', 'o.name as makerName'])
    .select(COMPONENT_COMPUTED.fieldStatus.as('fieldStatus'))
    .where('components.id', 'in', list(ids.components!)).execute());
  const custody = r('custody_events', await db.selectFrom('custodyEvents').selectAll().where('id', 'in', list(ids.custody_events!)).execute());
  const claims = r('claims', await db.selectFrom('claims').selectAll().where('id', 'in', list(ids.claims!)).execute());
  const files = r('evidence_files', await db.selectFrom('evidenceFiles')
    .select(['id', 'sha256', 'originalName', 'mediaType', 'sizeBytes', 'exifTakenAt', 'exifTakenLocal', 'exifZoneSource', 'exifUtcOffset', 'gpsLat', 'gpsLon', 'caption', 'itemId', 'componentId', 'incidentId'])
    .where('id', 'in', list(ids.evidence_files!)).execute());
  const makerIds = [...new Set(components.map((c) => c.makerId).filter((m): m is string => typeof m === 'string'))];
  const tracing = await gatherTracing(db, actor, components as { id: string; markingRaw: unknown; partNumber: unknown }[], makerIds);
  return {
    scope, title, audience: actor ? 'internal' : 'public', findings, tracing,
    incidents: ord(incidents, 'occurredFrom', 'id'), items: ord(items, 'label', 'id'), components: ord(components, 'itemLabel', 'markingRaw', 'id'),
    custody: ord(custody, 'itemId', 'heldFrom', 'id'), claims: ord(claims, 'saidOn', 'id'), files: ord(files, 'sha256', 'id'),
  };
}

/** A photo's bytes for embedding, read as `actor` would download it; null when this audience may not have it. */
export async function photoFor(db: DB, actor: Actor | null, fileId: string): Promise<Buffer | null> {
  try {
    return (await readFileForDownload(db, actor, fileId)).content;
  } catch (e) {
    if (e instanceof Problem && e.status === 403) return null;
    throw e;
  }
}
