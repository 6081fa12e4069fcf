/**
 * Streams a sanctions list file into PostgreSQL, all or nothing: the whole
 * import is one transaction, entities are COPYed into a temporary table as
 * the parser yields them, then merged into `sanctions_entities` (kept by
 * the list's own reference, so ids and reviewers' decisions survive), and
 * entries that left the list are deleted. A parse error, an empty file or
 * a crash rolls everything back and the previous version stays.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { poolOf, type DB } from '../db/index.js';
import { ValidationProblem } from '../problems.js';
import type { Actor } from '../access/index.js';
import { detectFormat, parseList, LIST_FORMATS } from './parsers/index.js';
import type { Chunks, ListEntity, ListFormat, ListMeta } from './types.js';
import { recordDelta } from './delta.js';

export interface ImportOptions {
  file: string;
  format?: ListFormat;
  /** Stable list name; defaults by format (un_sc_sanctions, us_ofac_sdn) or from the file name. */
  slug?: string;
  title?: string;
  /** For files that carry no date (OFAC CSV): the publisher's version date, YYYY-MM-DD. */
  versionDate?: string;
  actor: Actor;
  /** Called as the main file is read: bytes so far, total bytes, entities so far. */
  onProgress?: (read: number, total: number, entities: number) => void;
}

export interface ImportResult {
  /** The row in `sanctions_list_imports`, and the key of this import's delta. */
  importId: number;
  /** The list had no version before: there is no delta, every organisation is screened. */
  firstVersion: boolean;
  /** Entries kept whose content changed (added and removed are below). */
  changed: number;
  listId: number;
  slug: string;
  title: string;
  format: ListFormat;
  versionDate: string | null;
  sha256: string;
  entities: number;
  added: number;
  removed: number;
  /** Same file as the version already imported: re-imported, nothing changed. */
  unchanged: boolean;
}

const DEFAULT_SLUGS: Partial<Record<ListFormat, string>> = {
  un: 'un_sc_sanctions',
  ofac: 'us_ofac_sdn',
  'ofac-xml': 'us_ofac_sdn',
};

const DEFAULT_TITLES: Record<ListFormat, string> = {
  un: 'UN Security Council Consolidated List',
  ofac: 'OFAC Specially Designated Nationals (SDN) List',
  'ofac-xml': 'OFAC Specially Designated Nationals (SDN) List',
  ftm: 'FollowTheMoney entities',
  targets: 'OpenSanctions targets',
};

function slugFromFile(file: string): string {
  const base = path.basename(file).toLowerCase().replace(/\.(xml|csv|json|jsonl|ndjson|ftm)$/g, '');
  const slug = base.replace(/[^a-z0-9_.-]+/g, '_').replace(/^[^a-z0-9]+/, '').slice(0, 63);
  return slug || 'list';
}

/** Text COPY format: backslash escapes, \N for NULL. */
function copyField(v: string | null): string {
  if (v === null) return '\\N';
  return v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

function copyRow(e: ListEntity): string {
  return (
    [
      e.reference,
      e.schema,
      e.caption,
      JSON.stringify(e.names),
      JSON.stringify(e.countries),
      JSON.stringify(e.addresses),
      JSON.stringify(e.identifiers),
      JSON.stringify(e.programmes),
      JSON.stringify(e.otherReferences),
      e.listedOn,
      e.notes,
      JSON.stringify(e.birthDates),
    ]
      .map(copyField)
      .join('\t') + '\n'
  );
}

/** Reads a file in chunks, hashing and counting as it goes. */
async function* hashedChunks(file: string, hash: ReturnType<typeof createHash>, onBytes: (n: number) => void): AsyncGenerator<Buffer> {
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 16 })) {
    const b = chunk as Buffer;
    hash.update(b);
    onBytes(b.length);
    yield b;
  }
}

function companions(file: string): { alt?: string; add?: string } {
  const dir = path.dirname(file);
  const out: { alt?: string; add?: string } = {};
  for (const [key, name] of [['alt', 'alt.csv'], ['add', 'add.csv']] as const) {
    const p = path.join(dir, name);
    if (existsSync(p)) out[key] = p;
  }
  return out;
}

export async function sniffFormat(file: string): Promise<ListFormat | null> {
  const handle = await open(file, 'r').catch(() => null);
  if (!handle) return null;
  try {
    const buf = Buffer.alloc(8192);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    return detectFormat(path.basename(file), buf.subarray(0, bytesRead).toString('utf8'));
  } finally {
    await handle.close();
  }
}

export async function importList(db: DB, opts: ImportOptions): Promise<ImportResult> {
  if (!existsSync(opts.file)) throw new ValidationProblem([{ field: 'file', message: `no such file: ${opts.file}` }]);
  if (opts.versionDate !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(opts.versionDate)) {
    throw new ValidationProblem([{ field: 'versionDate', message: 'must be a date as YYYY-MM-DD' }]);
  }
  const format = opts.format ?? (await sniffFormat(opts.file));
  if (!format || !LIST_FORMATS.includes(format)) {
    throw new ValidationProblem([{ field: 'format', message: `cannot tell the list format of ${path.basename(opts.file)}; give the format: ${LIST_FORMATS.join('|')}` }]);
  }
  const slug = opts.slug ?? DEFAULT_SLUGS[format] ?? slugFromFile(opts.file);
  if (!/^[a-z0-9][a-z0-9_.-]{0,62}$/.test(slug)) throw new ValidationProblem([{ field: 'slug', message: 'lower-case letters, digits, _ . - (up to 63)' }]);

  const total = statSync(opts.file).size;
  const hash = createHash('sha256');
  let read = 0;
  let entities = 0;
  const progress = () => opts.onProgress?.(read, total, entities);
  const main: Chunks = hashedChunks(opts.file, hash, (n) => {
    read += n;
  });
  const sources: Parameters<typeof parseList>[1] = { main };
  if (format === 'ofac') {
    const c = companions(opts.file);
    if (c.alt) sources.alt = createReadStream(c.alt);
    if (c.add) sources.add = createReadStream(c.add);
  }

  const pool = poolOf(db);
  const client: pg.PoolClient = await pool.connect();
  const meta: ListMeta = { versionDate: opts.versionDate ?? null, title: null };
  const patches = new Map<string, { programmes: string[]; otherReferences: string[] }>();
  try {
    await client.query('BEGIN');
    // One import of a given list at a time; others wait rather than interleave.
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`screening-import:${slug}`]);
    await client.query(`CREATE TEMP TABLE screening_staging (
      reference text, schema text, caption text, names jsonb, countries jsonb, addresses jsonb,
      identifiers jsonb, programmes jsonb, other_references jsonb, listed_on date, notes text, birth_dates jsonb
    ) ON COMMIT DROP`);

    const items = parseList(format, sources);
    async function* rows(): AsyncGenerator<string> {
      let batch = '';
      for await (const item of items) {
        if (item.type === 'meta') {
          if (item.meta.versionDate && !opts.versionDate) meta.versionDate = item.meta.versionDate;
          if (item.meta.title) meta.title = item.meta.title;
        } else if (item.type === 'patch') {
          const p = patches.get(item.reference) ?? { programmes: [], otherReferences: [] };
          p.programmes.push(...item.programmes);
          p.otherReferences.push(...item.otherReferences);
          patches.set(item.reference, p);
        } else {
          entities++;
          batch += copyRow(item.entity);
          if (batch.length > 1 << 16) {
            yield batch;
            batch = '';
            progress();
          }
        }
      }
      if (batch) yield batch;
      progress();
    }
    const copy = client.query(copyFrom(`COPY screening_staging FROM STDIN`));
    await pipeline(Readable.from(rows()), copy);
    if (entities === 0) throw new ValidationProblem([{ field: 'file', message: 'the file holds no list entries; the current version is kept' }]);

    for (const [reference, p] of patches) {
      await client.query(
        `UPDATE screening_staging SET
           programmes = (SELECT coalesce(jsonb_agg(DISTINCT v), '[]') FROM jsonb_array_elements(programmes || $2::jsonb) v),
           other_references = (SELECT coalesce(jsonb_agg(DISTINCT v), '[]') FROM jsonb_array_elements(other_references || $3::jsonb) v)
         WHERE reference = $1`,
        [reference, JSON.stringify(p.programmes), JSON.stringify(p.otherReferences)],
      );
    }

    const sha256 = hash.digest('hex');
    const title = opts.title ?? meta.title ?? DEFAULT_TITLES[format];
    const previous = await client.query<{ id: number; source_sha256: string }>('SELECT id, source_sha256 FROM sanctions_lists WHERE slug = $1', [slug]);
    const listRow = await client.query<{ id: number }>(
      `INSERT INTO sanctions_lists (slug, title, format, version_date, source_name, source_sha256, imported_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (slug) DO UPDATE SET title = EXCLUDED.title, format = EXCLUDED.format, version_date = EXCLUDED.version_date,
         source_name = EXCLUDED.source_name, source_sha256 = EXCLUDED.source_sha256, imported_at = now(), imported_by = EXCLUDED.imported_by
       RETURNING id`,
      [slug, title, format, meta.versionDate, path.basename(opts.file), sha256, opts.actor.id],
    );
    const listId = listRow.rows[0]!.id;
    const firstVersion = previous.rows.length === 0;
    const importRow = await client.query<{ id: number }>(
      `INSERT INTO sanctions_list_imports (list_id, version_date, source_name, source_sha256, entity_count, first_version, imported_by)
       VALUES ($1, $2, $3, $4, 0, $5, $6) RETURNING id`,
      [listId, meta.versionDate, path.basename(opts.file), sha256, firstVersion, opts.actor.id],
    );
    const importId = importRow.rows[0]!.id;
    // The delta against the version in place, before it is replaced (a first version has none).
    const changed = firstVersion ? 0 : await recordDelta(client, listId, importId);
    // Lists repeat a reference now and then (FtM exports, hand-made files): the last one wins.
    const removed = await client.query(
      `DELETE FROM sanctions_entities e WHERE e.list_id = $1 AND NOT EXISTS (SELECT 1 FROM screening_staging s WHERE s.reference = e.reference)`,
      [listId],
    );
    const before = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM sanctions_entities WHERE list_id = $1', [listId]);
    await client.query(
      `INSERT INTO sanctions_entities (list_id, reference, schema, caption, names, countries, addresses, identifiers, programmes, other_references, listed_on, notes, birth_dates)
       SELECT DISTINCT ON (reference) $1, reference, schema, caption, names, countries, addresses, identifiers, programmes, other_references, listed_on, notes, birth_dates
       FROM screening_staging ORDER BY reference
       ON CONFLICT (list_id, reference) DO UPDATE SET schema = EXCLUDED.schema, caption = EXCLUDED.caption, names = EXCLUDED.names,
         countries = EXCLUDED.countries, addresses = EXCLUDED.addresses, identifiers = EXCLUDED.identifiers, programmes = EXCLUDED.programmes,
         other_references = EXCLUDED.other_references, listed_on = EXCLUDED.listed_on, notes = EXCLUDED.notes, birth_dates = EXCLUDED.birth_dates,
         -- yente's last_change: only when something the list says about the entry changed.
         last_change = CASE WHEN (sanctions_entities.schema, sanctions_entities.caption, sanctions_entities.names, sanctions_entities.countries,
             sanctions_entities.addresses, sanctions_entities.identifiers, sanctions_entities.programmes, sanctions_entities.other_references,
             sanctions_entities.listed_on, sanctions_entities.notes, sanctions_entities.birth_dates)
           IS DISTINCT FROM (EXCLUDED.schema, EXCLUDED.caption, EXCLUDED.names, EXCLUDED.countries, EXCLUDED.addresses, EXCLUDED.identifiers,
             EXCLUDED.programmes, EXCLUDED.other_references, EXCLUDED.listed_on, EXCLUDED.notes, EXCLUDED.birth_dates)
           THEN now() ELSE sanctions_entities.last_change END`,
      [listId],
    );
    const after = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM sanctions_entities WHERE list_id = $1', [listId]);
    const count = after.rows[0]!.n;
    const added = count - before.rows[0]!.n;
    await client.query('UPDATE sanctions_lists SET entity_count = $2 WHERE id = $1', [listId, count]);
    await client.query(`UPDATE sanctions_list_imports SET entity_count = $2, added = $3, removed = $4, changed = $5 WHERE id = $1`, [
      importId,
      count,
      added,
      removed.rowCount ?? 0,
      changed,
    ]);
    await client.query('COMMIT');
    return {
      importId,
      firstVersion,
      changed,
      listId,
      slug,
      title,
      format,
      versionDate: meta.versionDate,
      sha256,
      entities: count,
      added,
      removed: removed.rowCount ?? 0,
      unchanged: previous.rows[0]?.source_sha256 === sha256,
    };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    if (err instanceof ValidationProblem) throw err;
    // A PostgreSQL error is ours to report as such; anything else came from reading the file.
    if (typeof (err as { code?: unknown }).code === 'string' && /^[0-9A-Z]{5}$/.test((err as { code: string }).code)) throw err;
    // A parse error is bad input, not a fault of ours: name the file.
    throw new ValidationProblem([{ field: 'file', message: `${path.basename(opts.file)}: ${(err as Error).message}; nothing was imported` }]);
  } finally {
    client.release();
  }
}
