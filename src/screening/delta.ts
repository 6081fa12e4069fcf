/**
 * A new version of a list as a delta: which entries it added, changed and
 * removed (by the publisher's reference), recorded with the import; the
 * matches of removed entries closed (kept, with their reviews, as history);
 * and the re-screening limited to the organisations the delta can affect.
 *
 * An organisation's stored matches can change after an import only if
 * (a) it has a match with a changed or removed entry, or (b) an added or
 * changed entry now scores at or above the review threshold against it.
 * (b) is found without matching every organisation against the whole
 * index (`delta-reach.ts`). Every other organisation that was current before the
 * import is carried forward to the new lists' stamp, so the automatic round
 * does not re-screen it either. What this leaves out: the small shift in
 * word rarities a delta causes can move other scores by a little; those are
 * refreshed at the next full screening (`remnant screen`).
 */
import { sql } from 'kysely';
import type pg from 'pg';
import type { DB } from '../db/index.js';
import { readableBy, type Actor } from '../access/index.js';
import { NotFound } from '../problems.js';
import { DeltaReach } from './delta-reach.js';
import { organisationQuery, screenOrganisations, screeningSettings, type OrganisationRow, type ScreeningSettings, type ScreeningSummary } from './service.js';
import { INDEX_COLUMNS, indexInput, listsStamp, screeningIndex } from './store.js';


/**
 * Inside the import's transaction, before the new version replaces the old:
 * records added, changed and removed entries of `listId` (staging holds the
 * new version) and closes the matches of removed entries. Returns the
 * number changed.
 */
export async function recordDelta(client: pg.PoolClient, listId: number, importId: number): Promise<number> {
  // Duplicated references in a file: the importer keeps one row per reference, and so does this.
  await client.query(
    `INSERT INTO sanctions_list_changes (import_id, list_id, reference, change, caption, names_before, names_after)
     SELECT $2::int, $1::int, e.reference, 'removed', e.caption, e.names, NULL FROM sanctions_entities e
       WHERE e.list_id = $1 AND NOT EXISTS (SELECT 1 FROM screening_staging s WHERE s.reference = e.reference)
     UNION ALL
     SELECT $2::int, $1::int, s.reference, 'added', s.caption, NULL, s.names
       FROM (SELECT DISTINCT ON (reference) * FROM screening_staging ORDER BY reference) s
       WHERE NOT EXISTS (SELECT 1 FROM sanctions_entities e WHERE e.list_id = $1 AND e.reference = s.reference)
     UNION ALL
     SELECT $2::int, $1::int, s.reference, 'changed', s.caption, e.names, s.names
       FROM (SELECT DISTINCT ON (reference) * FROM screening_staging ORDER BY reference) s
       JOIN sanctions_entities e ON e.list_id = $1 AND e.reference = s.reference
       WHERE (e.schema, e.caption, e.names, e.countries, e.addresses, e.identifiers, e.programmes, e.other_references, e.listed_on, e.notes, e.birth_dates)
         IS DISTINCT FROM (s.schema, s.caption, s.names, s.countries, s.addresses, s.identifiers, s.programmes, s.other_references, s.listed_on, s.notes, s.birth_dates)`,
    [listId, importId],
  );
  await client.query(
    `UPDATE screening_matches m SET stale = true, closed_at = now(), closed_import_id = $2
     FROM sanctions_list_changes c
     WHERE c.import_id = $2 AND c.change = 'removed' AND m.list_id = $1 AND m.entity_reference = c.reference AND m.closed_at IS NULL`,
    [listId, importId],
  );
  const n = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM sanctions_list_changes WHERE import_id = $1 AND change = 'changed'`, [importId]);
  return n.rows[0]!.n;
}

export interface DeltaScreening extends ScreeningSummary {
  /** Organisations in the database when the delta was applied. */
  total: number;
  /** Of those, re-screened because the delta could change their matches. */
  rescreened: number;
}

/**
 * After an import's commit: re-screens the organisations its delta can
 * affect, carries the others forward (when they were current against
 * `previousStamp`), and records both counts on the import.
 */
export async function rescreenDelta(db: DB, importId: number, previousStamp: string, settings: ScreeningSettings = screeningSettings()): Promise<DeltaScreening> {
  const loaded = await screeningIndex(db);
  const imp = await db.selectFrom('sanctionsListImports').select(['id', 'listId']).where('id', '=', importId).executeTakeFirst();
  if (!imp) throw new NotFound('list import', String(importId));
  const listId = imp.listId;
  const changes = await db
    .selectFrom('sanctionsListChanges')
    .select(['reference', 'change'])
    .where('importId', '=', importId)
    .execute();
  const total = Number((await db.selectFrom('organisations').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  const affected = new Set<string>();
  if (changes.length > 0) {
    // (a) organisations with a match on a changed or removed entry.
    const touchedRefs = changes.filter((c) => c.change !== 'added').map((c) => c.reference);
    if (touchedRefs.length) {
      const rows = await db
        .selectFrom('screeningMatches')
        .select('organisationId')
        .distinct()
        .where('listId', '=', listId)
        .where('entityReference', 'in', touchedRefs)
        .execute();
      for (const r of rows) affected.add(r.organisationId);
    }
    // (b) organisations an added or changed entry now reaches.
    const newRefs = changes.filter((c) => c.change !== 'removed').map((c) => c.reference);
    // Even a delta as large as the list costs one cheap candidate search per organisation, less
    // than screening them all (which also writes every match).
    if (newRefs.length) {
      const entities = await db
        .selectFrom('sanctionsEntities')
        .select([...INDEX_COLUMNS])
        .where('listId', '=', listId)
        .where('reference', 'in', newRefs)
        .execute();
      const inputs = entities.map(indexInput);
      const reach = new DeltaReach(loaded.index, inputs, settings.scoring, settings.reviewThreshold);
      let after = '00000000-0000-0000-0000-000000000000';
      for (;;) {
        const orgs = (await db
          .selectFrom('organisations')
          .select(['id', 'name', 'aliases', 'country'])
          .where('id', '>', after)
          .orderBy('id')
          .limit(2000)
          .execute()) as OrganisationRow[];
        for (const o of orgs) {
          if (affected.has(o.id)) continue;          if (reach.reaches(organisationQuery(o))) affected.add(o.id);
        }
        if (orgs.length < 2000) break;
        after = orgs.at(-1)!.id;
      }
    }
  }

  const summary = await screenOrganisations(db, { ids: [...affected], settings });
  // Everyone else was current before and nothing in the delta reaches them: current now too.
  const stamp = await listsStamp(db);
  await sql`
    UPDATE organisation_screenings s SET lists_stamp = ${stamp}
    FROM organisations o
    WHERE s.organisation_id = o.id AND s.lists_stamp = ${previousStamp} AND s.screened_at >= o.updated_at
      AND NOT (s.organisation_id = ANY(${[...affected]}::uuid[]))`.execute(db);
  const rescreened = affected.size;
  await db.updateTable('sanctionsListImports').set({ rescreened, organisations: total }).where('id', '=', importId).execute();
  return { ...summary, total, rescreened };
}

export interface ListChange {
  reference: string;
  change: 'added' | 'changed' | 'removed';
  caption: string;
  namesBefore: { value: string; kind: string }[] | null;
  namesAfter: { value: string; kind: string }[] | null;
  /** Our organisations' matches with this entry (as the reader may see them), after the re-screening. */
  matches: { matchId: string; organisationId: string; organisationName: string; status: string; score: number; stale: boolean; closedAt: string | null }[];
}

export interface ListDelta {
  import: {
    id: number;
    listSlug: string;
    listTitle: string;
    versionDate: string | null;
    importedAt: string;
    firstVersion: boolean;
    entities: number;
    added: number;
    changed: number;
    removed: number;
    rescreened: number | null;
    organisations: number | null;
  };
  changes: ListChange[];
}

/**
 * The delta of one import (by id, or the latest import of a list by slug,
 * or the latest import of any list), with each changed entry's matches.
 */
export async function listDelta(db: DB, actor: Actor | null, which: { importId?: number; list?: string }): Promise<ListDelta> {
  let q = db
    .selectFrom('sanctionsListImports as i')
    .innerJoin('sanctionsLists as l', 'l.id', 'i.listId')
    .select([
      'i.id', 'i.listId', 'l.slug as listSlug', 'l.title as listTitle', 'i.versionDate', 'i.importedAt', 'i.firstVersion', 'i.entityCount as entities',
      'i.added', 'i.changed', 'i.removed', 'i.rescreened', 'i.organisations',
    ])
    .orderBy('i.id', 'desc')
    .limit(1);
  if (which.importId !== undefined) q = q.where('i.id', '=', which.importId);
  if (which.list !== undefined) q = q.where('l.slug', '=', which.list);
  const imp = await q.executeTakeFirst();
  if (!imp) throw new NotFound('list import', which.importId !== undefined ? String(which.importId) : (which.list ?? 'any'));
  const rows = await db
    .selectFrom('sanctionsListChanges')
    .select(['reference', 'change', 'caption', sql<string>`names_before::text`.as('namesBefore'), sql<string>`names_after::text`.as('namesAfter')])
    .where('importId', '=', imp.id)
    .orderBy('change')
    .orderBy('reference')
    .execute();
  const refs = rows.map((r) => r.reference);
  const matches = refs.length
    ? await db
        .selectFrom('screeningMatches as m')
        .innerJoin('organisations as o', 'o.id', 'm.organisationId')
        .where(readableBy(actor, 'o'))
        .where('m.listId', '=', imp.listId)
        .where('m.entityReference', 'in', refs)
        .select(['m.id as matchId', 'm.organisationId', 'o.name as organisationName', 'm.status', 'm.score', 'm.stale', 'm.closedAt', 'm.entityReference'])
        .orderBy('m.score', 'desc')
        .execute()
    : [];
  const { listId: _listId, ...head } = imp;
  void _listId;
  return {
    import: head,
    changes: rows.map((r) => ({
      reference: r.reference,
      change: r.change as ListChange['change'],
      caption: r.caption,
      namesBefore: r.namesBefore ? (JSON.parse(r.namesBefore) as ListChange['namesBefore']) : null,
      namesAfter: r.namesAfter ? (JSON.parse(r.namesAfter) as ListChange['namesAfter']) : null,
      matches: matches
        .filter((m) => m.entityReference === r.reference)
        .map(({ entityReference: _ref, ...m }) => m),
    })),
  };
}
