import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import tar from 'tar-stream';
import copyStreams from 'pg-copy-streams';
import { sql, type RawBuilder } from 'kysely';
import type { DB } from '../db/index.js';
import { poolOf } from '../db/index.js';
import { verifyChain } from '../audit/index.js';
import { Problem } from '../problems.js';
import { closeSession, openSession, type Session } from './session.js';

/**
 * Backup and restore without pg_dump (the embedded server ships none): the database's own
 * `COPY … TO STDOUT` and `COPY … FROM STDIN`, over the ordinary connection, so the same code
 * serves the embedded server and an external one.
 *
 * The archive is one gzip-compressed tar file (restore also reads an uncompressed one, as
 * archives were before):
 *   manifest.json            format, migrations, per-table columns and row counts, sequences,
 *                            and the SHA-256 and size of every other member
 *   tables/<table>.tsv       each table in COPY text format (generated columns left out: the
 *                            database recomputes them), in foreign-key order
 *   blobs/<sha256>           every evidence file's bytes, right after the `blobs` table's
 *                            metadata (its `content` column is not in the .tsv)
 *
 * Backup reads everything in one REPEATABLE READ transaction: one consistent snapshot. Restore
 * fills an EMPTY, migrated instance in one transaction, hashing every member as it streams and
 * checking the hashes, row counts and file contents before COMMIT: a damaged archive leaves the
 * target as it was.
 */
export const BACKUP_FORMAT = 'remnant-backup/1';
const GZIP_LEVEL = 1;

export interface TableEntry {
  name: string;
  columns: string[];
  rows: number;
  member: string;
  bytes: number;
  sha256: string;
  /** Columns of a foreign-key cycle: restored as NULL, then set once every table is in. */
  deferred?: string[];
  primaryKey?: string[];
}

export interface Manifest {
  format: string;
  createdAt: string;
  postgres: string;
  migrations: { name: string; sha256: string }[];
  tables: TableEntry[];
  sequences: { name: string; lastValue: string; isCalled: boolean }[];
  blobs: { sha256: string; bytes: number }[];
}

export interface BackupResult {
  file: string;
  tables: number;
  rows: number;
  files: number;
  bytes: number;
}

export interface RestoreResult {
  tables: number;
  rows: number;
  files: number;
  auditChainOk: boolean;
}

export interface TransferProgress {
  phase: string;
  done: number;
  total: number | null;
}

class BackupProblem extends Problem {
  constructor(detail: string) {
    super(400, 'Cannot restore', detail);
  }
}

interface TablePlan {
  name: string;
  columns: string[];
  deferred: string[];
  primaryKey: string[];
}

/**
 * Tables of the public schema in an order where every table comes after those it refers to.
 * Foreign keys may form a cycle (a trace request prompted by a hop of another request); the
 * cycle is broken at a nullable reference, whose columns are then filled in after all tables.
 */
async function tablesInOrder(session: Session): Promise<TablePlan[]> {
  const c = session.client;
  const tables = (await c.query<{ name: string }>(`
    SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname <> 'schema_migrations'
     ORDER BY c.relname`)).rows.map((r) => r.name);
  const deps = (await c.query<{ name: string; child: string; parent: string; columns: string[]; nullable: boolean }>(`
    SELECT k.conname AS name, cl.relname AS child, pr.relname AS parent,
           array_agg(a.attname::text ORDER BY a.attnum) AS columns, bool_and(NOT a.attnotnull) AS nullable
      FROM pg_constraint k
      JOIN pg_class cl ON cl.oid = k.conrelid JOIN pg_class pr ON pr.oid = k.confrelid
      JOIN pg_namespace n ON n.oid = cl.relnamespace
      JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = ANY (k.conkey)
     WHERE k.contype = 'f' AND n.nspname = 'public' AND cl.oid <> pr.oid
     GROUP BY k.conname, cl.relname, pr.relname ORDER BY k.conname`)).rows;
  const ordered: string[] = [];
  const remaining = new Set(tables);
  const active = new Set(deps);
  const deferred = new Map<string, string[]>();
  while (remaining.size) {
    const ready = [...remaining].filter((t) => ![...active].some((d) => d.child === t && remaining.has(d.parent)));
    if (ready.length === 0) {
      const breakable = [...active].find((d) => remaining.has(d.child) && remaining.has(d.parent) && d.nullable);
      if (!breakable) throw new Error(`foreign keys form a cycle of NOT NULL references among ${[...remaining].join(', ')}`);
      active.delete(breakable);
      deferred.set(breakable.child, [...(deferred.get(breakable.child) ?? []), ...breakable.columns]);
      continue;
    }
    for (const t of ready.sort()) {
      ordered.push(t);
      remaining.delete(t);
    }
  }
  const cols = (await c.query<{ table: string; column: string }>(`
    SELECT c.relname AS table, a.attname AS column FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
     ORDER BY c.relname, a.attnum`)).rows;
  const pks = (await c.query<{ table: string; columns: string[] }>(`
    SELECT cl.relname AS table, array_agg(a.attname::text ORDER BY a.attnum) AS columns FROM pg_constraint k
      JOIN pg_class cl ON cl.oid = k.conrelid JOIN pg_namespace n ON n.oid = cl.relnamespace
      JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = ANY (k.conkey)
     WHERE k.contype = 'p' AND n.nspname = 'public' GROUP BY cl.relname`)).rows;
  return ordered.map((name) => {
    const primaryKey = pks.find((p) => p.table === name)?.columns ?? [];
    const d = deferred.get(name) ?? [];
    if (d.length && primaryKey.length === 0) throw new Error(`table ${name} is in a foreign-key cycle but has no primary key`);
    return {
      name,
      // The blobs' bytes travel as files of their own, hashed by their name.
      columns: cols.filter((x) => x.table === name && !(name === 'blobs' && x.column === 'content')).map((x) => x.column),
      deferred: [...new Set(d)],
      primaryKey,
    };
  });
}

const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;

/**
 * Runs a `sql` template on the session's connection. Without the case plugin: table, column and
 * sequence names come from the catalogue as they are, and rows keep the names the query gives.
 */
const run = <R>(session: Session, q: RawBuilder<R>) => q.execute(session.db.withoutPlugins());
/** The text of a COPY statement (which takes no parameters) with its identifiers quoted by Kysely. */
const copyStatement = (session: Session, q: RawBuilder<unknown>) => q.compile(session.db.withoutPlugins()).sql;
const idList = (names: string[]) => sql.join(names.map((n) => sql.id(n)));

/** Counts rows (newlines: COPY text escapes those inside values) and hashes bytes as they pass. */
class Meter extends Transform {
  readonly hash = createHash('sha256');
  bytes = 0;
  rows = 0;
  override _transform(chunk: Buffer, _e: BufferEncoding, cb: TransformCallback): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) this.rows++;
    cb(null, chunk);
  }
}

export async function backup(db: DB, file: string, opts: { onProgress?: (p: TransferProgress) => void } = {}): Promise<BackupResult> {
  const session = await openSession(poolOf(db));
  const c = session.client;
  const spool = await fsp.mkdtemp(path.join(path.dirname(path.resolve(file)), '.remnant-backup-'));
  const partial = `${file}.partial`;
  let failure: unknown;
  try {
    // One snapshot for every table and file: the archive is consistent even while the app runs.
    await c.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const tables = await tablesInOrder(session);
    const migrations = (await c.query<{ name: string; sha256: string }>(`SELECT name, sha256 FROM schema_migrations ORDER BY name`)).rows;
    const sequences = (await c.query<{ name: string }>(`
      SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'S' ORDER BY 1`)).rows;
    const seqValues: Manifest['sequences'] = [];
    for (const s of sequences) {
      const v = (await run(session, sql<{ last_value: string; is_called: boolean }>`SELECT last_value::text, is_called FROM ${sql.id(s.name)}`)).rows[0]!;
      seqValues.push({ name: s.name, lastValue: v.last_value, isCalled: v.is_called });
    }
    const entries: TableEntry[] = [];
    for (const [i, t] of tables.entries()) {
      opts.onProgress?.({ phase: `table ${t.name}`, done: i, total: tables.length });
      const member = `tables/${t.name}.tsv`;
      const meter = new Meter();
      const out = path.join(spool, `${t.name}.tsv`);
      await pipeline(c.query(copyStreams.to(copyStatement(session, sql`COPY ${sql.id(t.name)} (${idList(t.columns)}) TO STDOUT`))), meter, fs.createWriteStream(out));
      entries.push({
        name: t.name, columns: t.columns, rows: meter.rows, member, bytes: meter.bytes, sha256: meter.hash.digest('hex'),
        ...(t.deferred.length ? { deferred: t.deferred, primaryKey: t.primaryKey } : {}),
      });
    }
    const blobs = (await c.query<{ sha256: string; bytes: number }>(`SELECT sha256, size_bytes AS bytes FROM blobs ORDER BY sha256`)).rows.map((b) => ({ sha256: b.sha256, bytes: Number(b.bytes) }));
    const manifest: Manifest = {
      format: BACKUP_FORMAT,
      createdAt: new Date().toISOString(),
      postgres: (await c.query<{ v: string }>(`SELECT current_setting('server_version') AS v`)).rows[0]!.v,
      migrations,
      tables: entries,
      sequences: seqValues,
      blobs,
    };

    const pack = tar.pack();
    // Level 1, the fastest: the backup runs on one core, and COPY text compresses well even so.
    const written = pipeline(pack, zlib.createGzip({ level: GZIP_LEVEL }), fs.createWriteStream(partial));
    const add = (name: string, size: number, body: NodeJS.ReadableStream | Buffer) =>
      new Promise<void>((resolve, reject) => {
        const entry = pack.entry({ name, size, mode: 0o644, mtime: new Date(manifest.createdAt) }, (err) => (err ? reject(err) : resolve()));
        if (Buffer.isBuffer(body)) entry.end(body);
        else (body).pipe(entry);
      });
    await add('manifest.json', Buffer.byteLength(JSON.stringify(manifest, null, 2)), Buffer.from(JSON.stringify(manifest, null, 2)));
    let files = 0;
    let bytes = 0;
    for (const e of entries) {
      await add(e.member, e.bytes, fs.createReadStream(path.join(spool, `${e.name}.tsv`)));
      bytes += e.bytes;
      if (e.name !== 'blobs') continue;
      // The files follow their metadata, so that restore can store them before anything refers to them.
      for (let i = 0; i < blobs.length; i++) {
        const b = blobs[i]!;
        const row = (await c.query<{ content: Buffer }>(`SELECT content FROM blobs WHERE sha256 = $1`, [b.sha256])).rows[0]!;
        const actual = createHash('sha256').update(row.content).digest('hex');
        if (actual !== b.sha256) {
          throw new Problem(500, 'Integrity failure', `the stored file ${b.sha256} no longer matches its SHA-256 (got ${actual}); fix or remove it before backing up`);
        }
        await add(`blobs/${b.sha256}`, row.content.length, row.content);
        files++;
        bytes += row.content.length;
        if (i % 100 === 0) opts.onProgress?.({ phase: 'files', done: i, total: blobs.length });
      }
    }
    pack.finalize();
    await written;
    await c.query('COMMIT');
    // Only a complete archive takes the name asked for.
    await fsp.rename(partial, file);
    return { file, tables: entries.length, rows: entries.reduce((a, e) => a + e.rows, 0), files, bytes };
  } catch (e) {
    failure = e;
    await c.query('ROLLBACK').catch(() => {});
    await fsp.rm(partial, { force: true });
    throw e;
  } finally {
    closeSession(session, failure instanceof Problem ? undefined : failure);
    await fsp.rm(spool, { recursive: true, force: true });
  }
}

/** Rows that mean someone already uses this instance; a restore would overwrite or mix with them. */
async function assertEmpty(session: Session, tables: string[]): Promise<void> {
  const c = session.client;
  const found: string[] = [];
  const audit = (await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log`)).rows[0]!.n;
  if (audit > 0) found.push(`${audit} audit log entries`);
  const users = (await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM users WHERE id <> '00000000-0000-0000-0000-000000000001'`)).rows[0]!.n;
  if (users > 0) found.push(`${users} user accounts`);
  const withCreator = (await c.query<{ table: string }>(`
    SELECT c.relname AS table FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attname = 'created_by' AND NOT a.attisdropped ORDER BY 1`)).rows.map((r) => r.table);
  for (const t of [...new Set([...withCreator.filter((t) => tables.includes(t)), 'blobs'])]) {
    const n = (await run(session, sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.id(t)}`)).rows[0]!.n;
    if (n > 0) found.push(`${n} ${t}`);
  }
  if (found.length) {
    throw new BackupProblem(`restore needs an empty instance, but this one holds ${found.join(', ')}. Restore into a new data directory or an empty database (set REMNANT_DEMO=0 so that the demo case is not loaded first).`);
  }
}

async function isGzip(file: string): Promise<boolean> {
  const fh = await fsp.open(file, 'r');
  try {
    const b = Buffer.alloc(2);
    const { bytesRead } = await fh.read(b, 0, 2, 0);
    return bytesRead === 2 && b[0] === 0x1f && b[1] === 0x8b;
  } finally {
    await fh.close();
  }
}

/** Restores an archive into an empty, migrated instance; every member's SHA-256 is checked before COMMIT. */
export async function restore(db: DB, file: string, opts: { onProgress?: (p: TransferProgress) => void } = {}): Promise<RestoreResult> {
  const total = (await fsp.stat(file)).size;
  const session = await openSession(poolOf(db));
  const c = session.client;
  let failure: unknown;
  let bytesRead = 0;
  const gzipped = await isGzip(file);
  const input = fs.createReadStream(file);
  input.on('data', (d) => (bytesRead += (d as Buffer).length));
  const extract = tar.extract();
  input.on('error', (e) => extract.destroy(e));
  if (gzipped) {
    const gunzip = zlib.createGunzip();
    gunzip.on('error', (e) => extract.destroy(new BackupProblem(`the archive is damaged: ${e.message}`)));
    input.pipe(gunzip).pipe(extract);
  } else {
    input.pipe(extract);
  }
  try {
    let manifest: Manifest | null = null;
    const seen = new Set<string>();
    let tableByMember = new Map<string, TableEntry>();
    let blobBySha = new Map<string, number>();
    let files = 0;
    let rebuild: string[] = [];
    for await (const entry of extract) {
      const name = entry.header.name;
      opts.onProgress?.({ phase: name, done: bytesRead, total });
      if (!manifest) {
        if (name !== 'manifest.json') throw new BackupProblem(`not a Remnant backup: the first member is "${name}", not manifest.json`);
        const chunks: Buffer[] = [];
        for await (const ch of entry) chunks.push(ch as Buffer);
        try {
          manifest = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Manifest;
        } catch {
          throw new BackupProblem('the manifest is not valid JSON');
        }
        if (manifest.format !== BACKUP_FORMAT) throw new BackupProblem(`unknown backup format "${String(manifest.format)}"; this version reads ${BACKUP_FORMAT}`);
        tableByMember = new Map(manifest.tables.map((t) => [t.member, t]));
        blobBySha = new Map(manifest.blobs.map((b) => [b.sha256, b.bytes]));
        rebuild = await begin(session, manifest);
        continue;
      }
      if (seen.has(name)) throw new BackupProblem(`the archive holds ${name} twice`);
      seen.add(name);
      const table = tableByMember.get(name);
      if (table) {
        const meter = new Meter();
        const deferred = table.deferred ?? [];
        let target = table.name === 'blobs' ? '_restore_blobs' : table.name;
        if (deferred.length) {
          // Part of a foreign-key cycle: stage the rows, insert them without the cyclic references, set those at the end.
          target = `_restore_${table.name}`;
          await run(session, sql`CREATE TEMP TABLE ${sql.id(target)} ON COMMIT DROP AS SELECT ${idList(table.columns)} FROM ${sql.id(table.name)} WITH NO DATA`);
        }
        try {
          await pipeline(entry, meter, c.query(copyStreams.from(copyStatement(session, sql`COPY ${sql.id(target)} (${idList(table.columns)}) FROM STDIN`))));
          if (deferred.length) {
            await run(session, sql`INSERT INTO ${sql.id(table.name)} (${idList(table.columns)})
              SELECT ${sql.join(table.columns.map((x) => (deferred.includes(x) ? sql`NULL` : sql.id(x))))} FROM ${sql.id(target)}`);
          }
        } catch (e) {
          // A row the database refuses (a missing file, a broken reference) means a damaged or foreign archive.
          if (typeof (e as { code?: unknown }).code !== 'string') throw e;
          throw new BackupProblem(`${name} could not be restored (${(e as Error).message}): the archive is damaged or incomplete`);
        }
        const sha = meter.hash.digest('hex');
        if (sha !== table.sha256 || meter.bytes !== table.bytes) {
          throw new BackupProblem(`${name} does not match the manifest (SHA-256 ${sha}, expected ${table.sha256}): the archive is damaged`);
        }
        continue;
      }
      const m = name.match(/^blobs\/([0-9a-f]{64})$/);
      if (m && blobBySha.has(m[1]!)) {
        const chunks: Buffer[] = [];
        for await (const ch of entry) chunks.push(ch as Buffer);
        const content = Buffer.concat(chunks);
        const sha = createHash('sha256').update(content).digest('hex');
        if (sha !== m[1] || content.length !== blobBySha.get(sha)) throw new BackupProblem(`file ${m[1]} does not match its SHA-256 (got ${sha}): the archive is damaged`);
        const r = await c.query(`INSERT INTO blobs (sha256, size_bytes, content, created_at) SELECT sha256, size_bytes, $2, created_at FROM _restore_blobs WHERE sha256 = $1`, [sha, content]);
        if (r.rowCount !== 1) throw new BackupProblem(`file ${sha} is not listed in the blobs table of the archive`);
        files++;
        continue;
      }
      throw new BackupProblem(`the archive holds ${name}, which its manifest does not list`);
    }
    if (!manifest) throw new BackupProblem('the archive is empty');
    const missing = [...manifest.tables.map((t) => t.member), ...manifest.blobs.map((b) => `blobs/${b.sha256}`)].filter((m) => !seen.has(m));
    if (missing.length) throw new BackupProblem(`the archive lacks ${missing.length} members the manifest lists (first: ${missing[0]}): it is truncated or damaged`);
    for (const t of manifest.tables) {
      if (!t.deferred?.length) continue;
      const pk = sql.join((t.primaryKey ?? []).map((k) => sql`${sql.id('t', k)} = ${sql.id('r', k)}`), sql` AND `);
      await run(session, sql`UPDATE ${sql.id(t.name)} t SET ${sql.join(t.deferred.map((d) => sql`${sql.id(d)} = ${sql.id('r', d)}`))}
        FROM ${sql.id(`_restore_${t.name}`)} r WHERE ${pk} AND (${sql.join(t.deferred.map((d) => sql`${sql.id('r', d)} IS NOT NULL`), sql` OR `)})`);
    }
    await c.query(`SET LOCAL maintenance_work_mem = '256MB'`);
    for (const def of rebuild) await c.query(def);
    let rows = 0;
    for (const t of manifest.tables) {
      const n = (await run(session, sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.id(t.name)}`)).rows[0]!.n;
      if (n !== t.rows) throw new BackupProblem(`${t.name} has ${n} rows after restore, the manifest says ${t.rows}`);
      rows += n;
    }
    for (const s of manifest.sequences) {
      await c.query(`SELECT setval($1::regclass, $2::bigint, $3)`, [ident(s.name), s.lastValue, s.isCalled]);
    }
    for (const t of manifest.tables) await run(session, sql`ALTER TABLE ${sql.id(t.name)} ENABLE TRIGGER USER`);
    const chain = await verifyChain(session.db);
    await c.query('COMMIT');
    return { tables: manifest.tables.length, rows, files, auditChainOk: chain.ok };
  } catch (e) {
    failure = e;
    await c.query('ROLLBACK').catch(() => {});
    throw e;
  } finally {
    input.destroy();
    closeSession(session, failure instanceof Problem ? undefined : failure);
  }
}

/** Checks the target against the manifest, empties what migrations seeded, drops the indexes to build at the end (their definitions are returned) and opens the restore. */
async function begin(session: Session, manifest: Manifest): Promise<string[]> {
  const c = session.client;
  await c.query('BEGIN');
  const have = (await c.query<{ name: string; sha256: string }>(`SELECT name, sha256 FROM schema_migrations ORDER BY name`)).rows;
  const want = manifest.migrations;
  const differ = have.length !== want.length || have.some((h, i) => h.name !== want[i]!.name || h.sha256 !== want[i]!.sha256);
  if (differ) {
    const extra = have.filter((h) => !want.some((w) => w.name === h.name)).map((h) => h.name);
    const lacking = want.filter((w) => !have.some((h) => h.name === w.name)).map((w) => w.name);
    throw new BackupProblem(
      `the backup was made with a different database schema (${lacking.length ? `missing here: ${lacking.join(', ')}` : ''}${extra.length ? `${lacking.length ? '; ' : ''}newer here: ${extra.join(', ')}` : ''}${!lacking.length && !extra.length ? 'a migration differs' : ''}). Restore with the Remnant version that made it.`,
    );
  }
  const present = new Set((await tablesInOrder(session)).map((t) => t.name));
  const unknown = manifest.tables.filter((t) => !present.has(t.name)).map((t) => t.name);
  if (unknown.length) throw new BackupProblem(`the backup has tables this instance lacks: ${unknown.join(', ')}`);
  await assertEmpty(session, manifest.tables.map((t) => t.name));
  // Restored rows are the record as it was: no trigger re-derives or re-audits them. Foreign keys stay checked.
  for (const t of manifest.tables) await run(session, sql`ALTER TABLE ${sql.id(t.name)} DISABLE TRIGGER USER`);
  // Rows a fresh migration seeds (the system account, reference tables) give way to the backup's.
  for (const t of [...manifest.tables].reverse()) await run(session, sql`DELETE FROM ${sql.id(t.name)}`);
  await c.query(`CREATE TEMP TABLE _restore_blobs (sha256 text PRIMARY KEY, size_bytes bigint, created_at timestamptz) ON COMMIT DROP`);
  // Indexes that back no constraint are built once at the end instead of row by row: on a million
  // components (nine indexes, two of them GIN) that is most of the restore. Same transaction, so a
  // failed restore leaves them as they were.
  const tables = manifest.tables.map((t) => t.name);
  const rebuild = (await c.query<{ schema: string; index: string; def: string }>(`
    SELECT n.nspname AS schema, ix.relname AS index, pg_get_indexdef(i.indexrelid) AS def FROM pg_index i
      JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace JOIN pg_class ix ON ix.oid = i.indexrelid
     WHERE n.nspname = 'public' AND t.relname = ANY ($1::text[]) AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
     ORDER BY i.indexrelid::regclass::text`, [tables])).rows;
  // An index lives in its table's schema.
  for (const ix of rebuild) await run(session, sql`DROP INDEX ${sql.id(ix.schema, ix.index)}`);
  return rebuild.map((ix) => ix.def);
}

