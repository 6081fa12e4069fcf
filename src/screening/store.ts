/**
 * The screening index built from PostgreSQL, held in this process.
 *
 * One index per database handle, built from every imported list. It is
 * rebuilt when the lists change: each use compares a cheap stamp of
 * `sanctions_lists` (ids, file hashes, import times) with the one the index
 * was built from, so an import by another process (the CLI while the
 * server runs) is picked up at the next screening or match. While a
 * rebuild runs, callers wait for it; the previous index is dropped only
 * once the new one is ready.
 */
import { sql } from 'kysely';
import type { DB } from '../db/index.js';
import { MatchIndexBuilder, type IndexEntityInput, type MatchIndex } from './match-index.js';
import type { NameKind } from './types.js';

export interface ListInfo {
  id: number;
  slug: string;
  title: string;
  format: string;
  versionDate: string | null;
  entityCount: number;
  importedAt: string;
  sourceName: string;
  sourceSha256: string;
}

export interface LoadedIndex {
  index: MatchIndex;
  stamp: string;
  lists: Map<number, ListInfo>;
  builtAt: string;
  buildMs: number;
}

interface Slot {
  current: LoadedIndex | null;
  building: Promise<LoadedIndex> | null;
}

const SLOTS = new WeakMap<DB, Slot>();

export async function listsStamp(db: DB): Promise<string> {
  const r = await sql<{ stamp: string | null }>`
    SELECT string_agg(id || ':' || source_sha256 || ':' || extract(epoch FROM imported_at), ',' ORDER BY id) AS stamp
    FROM sanctions_lists`.execute(db);
  return r.rows[0]?.stamp ?? '';
}

export async function listLists(db: DB): Promise<ListInfo[]> {
  const rows = await db
    .selectFrom('sanctionsLists')
    .select(['id', 'slug', 'title', 'format', 'versionDate', 'entityCount', 'importedAt', 'sourceName', 'sourceSha256'])
    .orderBy('slug')
    .execute();
  return rows;
}

const PAGE = 20_000;

/** The columns of `sanctions_entities` the index reads, and the one way a row becomes index input. */
export const INDEX_COLUMNS = ['id', 'listId', 'reference', 'schema', 'names', 'countries', 'identifiers', 'birthDates'] as const;

export function indexInput(r: Record<(typeof INDEX_COLUMNS)[number], unknown>): IndexEntityInput {
  return {
    key: r.id as number,
    listId: r.listId as number,
    reference: r.reference as string,
    schema: r.schema as string,
    names: r.names as { value: string; kind: NameKind }[],
    countries: r.countries as string[],
    identifiers: (r.identifiers as { value: string }[]).map((i) => i.value),
    birthDates: r.birthDates as string[],
  };
}

async function build(db: DB): Promise<LoadedIndex> {
  const started = performance.now();
  const stamp = await listsStamp(db);
  const lists = new Map((await listLists(db)).map((l) => [l.id, l]));
  const builder = new MatchIndexBuilder();
  // Keyset pages keep memory flat however long the lists are.
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom('sanctionsEntities')
      .select([...INDEX_COLUMNS])
      .where('id', '>', after)
      .orderBy('id')
      .limit(PAGE)
      .execute();
    for (const r of rows) builder.add(indexInput(r));
    if (rows.length < PAGE) break;
    after = rows.at(-1)!.id;
  }
  const index = builder.build();
  return { index, stamp, lists, builtAt: new Date().toISOString(), buildMs: performance.now() - started };
}

/** The current index, rebuilt first if the lists changed since it was built. */
export async function screeningIndex(db: DB): Promise<LoadedIndex> {
  let slot = SLOTS.get(db);
  if (!slot) {
    slot = { current: null, building: null };
    SLOTS.set(db, slot);
  }
  const stamp = await listsStamp(db);
  if (slot.current && slot.current.stamp === stamp) return slot.current;
  if (!slot.building) {
    const s = slot;
    const building = build(db)
      .then((loaded) => {
        s.current = loaded;
        return loaded;
      })
      .finally(() => {
        s.building = null;
      });
    s.building = building;
    return building;
  }
  return slot.building;
}

/** Forget this process's index (after an import here, or in tests). */
export function invalidateIndex(db: DB): void {
  const slot = SLOTS.get(db);
  if (slot) slot.current = null;
}
