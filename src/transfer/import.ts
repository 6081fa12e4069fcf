import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql, type RawBuilder } from 'kysely';
import type { DB } from '../db/index.js';
import { poolOf } from '../db/index.js';
import { assertCanWrite, readableBy, type Actor } from '../access/index.js';
import { recordWrite } from '../audit/index.js';
import { DERIVED_FIELDS } from '../evidence/resources.js';
import { componentSuggestion, suggestedValue, suggestionContextOf, type ComponentSuggestion } from '../evidence/component-rules.js';
import { Problem, Unauthorized, ValidationProblem, problemFromPg } from '../problems.js';
import {
  FIELDS, REF_GROUPS, TABLES, detectResource, isImportResource, mapHeaders, missingRequired, type FieldDef, type ImportResource, type Mapping,
} from './mapping.js';
import { RowValidator, reportValue, type RowProblem, type Severity } from './validate.js';
import { openCsv } from './readers/csv.js';
import { openXlsx } from './readers/xlsx.js';
import { FileProblem, type SheetRow, type TableReader } from './readers/types.js';
import { CopyWriter, closeSession, openSession, type Session } from './session.js';
import { loadProfile, saveProfile } from './profiles.js';

/**
 * Import of a CSV or XLSX table into one resource, all or nothing:
 *
 * 1. stream the file, map its headers, validate each row (pure, `validate.ts`) and COPY the
 *    normalised values — with each row's problems — into a temporary staging table;
 * 2. check the whole file at once in SQL: duplicate rows, records the rows refer to (items,
 *    sources, makers…), records they would update and whether the actor may change them;
 * 3. components: run each distinct marking through the identification engine once;
 * 4. dry run: report and roll back. Commit: refuse if any row has an error, else write every
 *    record with set-based `INSERT … SELECT … ON CONFLICT`, one audit entry for the import, COMMIT.
 *
 * Everything from step 1 on is one transaction on one connection: a failure or a killed process
 * leaves nothing behind. Re-importing a file changes nothing: a row is keyed by its `id` column
 * (our exports), else its external id, else a content key — the SHA-256 of the normalised row
 * (which for components includes the item it names), stored as the record's external id.
 */
export type ImportPhase = 'reading' | 'checking' | 'identifying' | 'writing' | 'done';

export interface ImportProgress {
  phase: ImportPhase;
  rowsRead: number;
  bytesRead: number;
  bytesTotal: number | null;
}

export interface ImportOptions {
  file: string;
  /** Name shown in reports and the audit log (uploads are stored under a temporary name). */
  fileName?: string;
  resource?: ImportResource;
  format?: 'csv' | 'xlsx';
  /** field → header (null: leave the field out). Wins over the profile's mapping. */
  map?: Record<string, string | null>;
  /** field → value used when the column is missing or the cell empty. */
  defaults?: Record<string, string>;
  profile?: string;
  /** Save the mapping used under this profile name (only when the import commits or is a dry run without mapping problems). */
  saveProfileAs?: string;
  encoding?: string;
  delimiter?: string;
  sheet?: string;
  dryRun: boolean;
  onProgress?: (p: ImportProgress) => void;
  /** Every problem, in order, as found (the report keeps only the first `reportLimit`). */
  onProblem?: (p: RowProblem) => void;
  reportLimit?: number;
  /**
   * Drop the target table's secondary indexes for the write and build each once after it, in the
   * same transaction: for a file as big as the table (an initial load) several times cheaper than
   * maintaining them row by row, but the table is locked against readers until the import ends.
   */
  rebuildIndexes?: boolean;
}

export interface ImportCounts {
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** Rows identical to an earlier row of the same file (imported once). */
  duplicates: number;
  createdItems: number;
  createdMakers: number;
  /** Distinct markings run through the identification engine. */
  identified: number;
}

export interface ImportReport {
  importId: string;
  resource: ImportResource;
  fileName: string;
  fileSha256: string;
  format: 'csv' | 'xlsx';
  reader: Record<string, unknown>;
  headerRow: number;
  mapping: Record<string, string>;
  unmappedHeaders: string[];
  rowsRead: number;
  errors: number;
  warnings: number;
  /** Errors first, then warnings, each in row order; at most `reportLimit`. */
  problems: RowProblem[];
  problemsTruncated: boolean;
  counts: ImportCounts;
  dryRun: boolean;
  committed: boolean;
}

const HEADER_SCAN_ROWS = 20;

export async function hashFile(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) h.update(chunk as Buffer);
  return h.digest('hex');
}

async function sniffFormat(file: string): Promise<'csv' | 'xlsx'> {
  const fh = await fs.promises.open(file, 'r');
  try {
    const b = Buffer.alloc(4);
    await fh.read(b, 0, 4, 0);
    // XLSX is a zip archive: "PK\x03\x04".
    return b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04 ? 'xlsx' : 'csv';
  } finally {
    await fh.close();
  }
}

function cellText(c: unknown): string {
  if (c === null || c === undefined) return '';
  if (c instanceof Date) return c.toISOString().slice(0, 10);
  return String(c).trim();
}

function isBlank(r: SheetRow): boolean {
  return r.cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''));
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;
const col = (field: string) => q(`v_${field}`);

/** SQL that turns a staged text value into the column's type. */
function castOf(def: FieldDef, expr: string): string {
  switch (def.kind) {
    case 'uuid':
      return `${expr}::uuid`;
    case 'date':
      return `${expr}::date`;
    case 'number':
      return `${expr}::double precision`;
    case 'int':
      return `${expr}::integer`;
    case 'bool':
      return `${expr}::boolean`;
    case 'enum':
      return def.name === 'visibility' ? `${expr}::visibility` : expr;
    case 'textArray':
      return `ARRAY(SELECT jsonb_array_elements_text(${expr}::jsonb))`;
    default:
      return expr;
  }
}

/** Columns that are NOT NULL with a default: an empty cell means the default, as in the API. */
const COLUMN_DEFAULTS: Record<string, string> = {
  illustrative: 'false',
  visibility: `'internal'::visibility`,
  aliases: `'{}'::text[]`,
  weapon_types: `'{}'::text[]`,
  location_sensitive: 'false',
  identification_confidence: `'unknown'`,
  quantity: '1',
  status: `'unverified'`,
};

/** The columns that together hold a component's field status (migration 0003). */
const FIELD_STATUS_COLUMNS = ['suggested_at', 'confirmed_fields', 'confirmed_by', 'confirmed_at', 'field_status_extra'];
/** What the stored window means (migration 0006): set with the window, decided with it. */
const WINDOW_COLUMNS = ['ambiguous', 'envelope_from', 'envelope_to'];

/** Snake-case names of the derived component fields, as columns. */
const DERIVED_COLUMN: Record<string, string> = {
  partNumber: 'part_number', makerId: 'maker_id', makerCountry: 'maker_country', dateCodeText: 'date_code_text', productionFrom: 'production_from',
  productionTo: 'production_to', lot: 'lot', category: 'category', hs6: 'hs6', chplTier: 'chpl_tier',
};

interface Staged {
  mapping: Mapping;
  headerRow: number;
  rowsRead: number;
  reader: TableReader;
  mappedFields: Set<string>;
  /** Problems found before or outside the rows: lines above the header, an encoding failure. */
  fileProblems: RowProblem[];
}

class ProblemSink {
  count = { error: 0, warning: 0 };
  constructor(private readonly onProblem?: (p: RowProblem) => void) {}
  add(p: RowProblem): void {
    this.count[p.severity]++;
    this.onProblem?.(p);
  }
}

export async function openReader(opts: Pick<ImportOptions, 'file' | 'format' | 'encoding' | 'delimiter' | 'sheet'>): Promise<TableReader> {
  const format = opts.format ?? (await sniffFormat(opts.file));
  return format === 'xlsx' ? openXlsx(opts.file, { sheet: opts.sheet }) : openCsv(opts.file, { encoding: opts.encoding, delimiter: opts.delimiter });
}

export async function importFile(db: DB, actor: Actor | null, opts: ImportOptions): Promise<ImportReport> {
  if (!actor) throw new Unauthorized('sign in to import records');
  if (opts.resource !== undefined && !isImportResource(opts.resource)) {
    throw new ValidationProblem([{ field: 'resource', message: `cannot import "${String(opts.resource)}"; use one of ${Object.keys(FIELDS).join(', ')}` }]);
  }
  const profile = opts.profile ? await loadProfile(db, opts.profile) : null;
  if (profile && opts.resource && profile.resource !== opts.resource) {
    throw new ValidationProblem([{ field: 'profile', message: `profile "${profile.name}" is for ${profile.resource}, not ${opts.resource}` }]);
  }
  const resource0 = opts.resource ?? profile?.resource;
  if (resource0) (assertCanWrite as (...a: unknown[]) => void)(actor, 'create', undefined, { recordType: resource0 });
  else assertCanWrite(actor, 'create');

  const fileSha256 = hashFile(opts.file);
  fileSha256.catch(() => {});
  const reader = await openReader({
    file: opts.file,
    format: opts.format,
    encoding: opts.encoding ?? (profile?.options.encoding as string | undefined),
    delimiter: opts.delimiter ?? (profile?.options.delimiter as string | undefined),
    sheet: opts.sheet ?? (profile?.options.sheet as string | undefined),
  });
  const importId = randomUUID();
  const sink = new ProblemSink(opts.onProblem);
  const session = await openSession(poolOf(db));
  let failure: unknown;
  try {
    await session.client.query('BEGIN');
    // Large set-based statements want room to sort and hash in memory.
    await session.client.query(`SET LOCAL work_mem = '64MB'`);
    const staged = await stage(session, reader, {
      resource: resource0,
      map: { ...(profile?.mapping ?? {}), ...(opts.map ?? {}) },
      defaults: { ...(profile?.defaults ?? {}), ...(opts.defaults ?? {}) },
      onProgress: opts.onProgress,
    });
    const resource = staged.mapping.resource;
    if (!resource0) (assertCanWrite as (...a: unknown[]) => void)(actor, 'create', undefined, { recordType: resource });
    const progress = (phase: ImportPhase) => opts.onProgress?.({ phase, rowsRead: staged.rowsRead, ...reader.progress() });

    progress('checking');
    const counts = await check(session, actor, staged);
    if (resource === 'components') {
      progress('identifying');
      counts.identified = await identify(session);
    }
    const problems = await collectProblems(session, sink, opts.reportLimit ?? 1000);
    const canCommit = !opts.dryRun && sink.count.error === 0 && staged.rowsRead > 0;
    let committed = false;
    if (canCommit) {
      progress('writing');
      Object.assign(counts, await write(session, actor, staged, opts.rebuildIndexes === true));
      await recordWrite(session.db, {
        actorId: actor.id,
        action: 'import',
        recordType: resource,
        recordId: importId,
        after: {
          file: opts.fileName ?? path.basename(opts.file),
          sha256: await fileSha256,
          format: reader.format,
          mapping: Object.fromEntries(staged.mapping.headers),
          counts,
          warnings: sink.count.warning,
        },
      });
      await session.client.query('COMMIT');
      committed = true;
    } else {
      await session.client.query('ROLLBACK');
    }
    if (opts.saveProfileAs && (committed || opts.dryRun)) {
      await saveProfile(db, actor, {
        name: opts.saveProfileAs,
        resource,
        mapping: Object.fromEntries(staged.mapping.headers),
        defaults: { ...(profile?.defaults ?? {}), ...(opts.defaults ?? {}) },
        options: reader.format === 'csv'
          ? { ...(opts.encoding ? { encoding: opts.encoding } : {}), delimiter: String(reader.describe().delimiter) }
          : { sheet: String(reader.describe().sheet) },
      });
    }
    progress('done');
    return {
      importId,
      resource,
      fileName: opts.fileName ?? path.basename(opts.file),
      fileSha256: await fileSha256,
      format: reader.format,
      reader: reader.describe(),
      headerRow: staged.headerRow,
      mapping: Object.fromEntries(staged.mapping.headers),
      unmappedHeaders: staged.mapping.unmapped,
      rowsRead: staged.rowsRead,
      errors: sink.count.error,
      warnings: sink.count.warning,
      problems,
      problemsTruncated: problems.length < sink.count.error + sink.count.warning,
      counts,
      dryRun: opts.dryRun,
      committed,
    };
  } catch (e) {
    failure = e;
    await session.client.query('ROLLBACK').catch(() => {});
    throw e;
  } finally {
    closeSession(session, failure instanceof Problem ? undefined : failure);
  }
}

// ---------------------------------------------------------------- 1. staging

interface StageOptions {
  resource: ImportResource | undefined;
  map: Record<string, string | null>;
  defaults: Record<string, string>;
  onProgress?: (p: ImportProgress) => void;
}

function chooseHeader(rows: SheetRow[], resource: ImportResource | undefined, map: Record<string, string | null>): { index: number; resource: ImportResource } | null {
  let best: { index: number; resource: ImportResource; score: number } | null = null;
  rows.forEach((r, index) => {
    const headers = r.cells.map(cellText);
    const candidates = resource ? [resource] : [detectResource(headers)].filter((x): x is ImportResource => x !== null);
    for (const res of candidates) {
      const { mapping } = mapHeaders(res, headers, resource ? map : {});
      const score = mapping.columns.size;
      if (score > 0 && (!best || score > best.score)) best = { index, resource: res, score };
    }
  });
  return best;
}

async function stage(session: Session, reader: TableReader, o: StageOptions): Promise<Staged> {
  const iterator = reader.rows()[Symbol.asyncIterator]();
  const head: SheetRow[] = [];
  let fileProblem: FileProblem | null = null;
  try {
    while (head.length < HEADER_SCAN_ROWS) {
      const n = await iterator.next();
      if (n.done) break;
      if (!isBlank(n.value)) head.push(n.value);
    }
  } catch (e) {
    if (!(e instanceof FileProblem)) throw e;
    fileProblem = e;
  }
  if (head.length === 0) {
    throw new ValidationProblem([{ field: 'file', message: fileProblem ? fileProblem.message : 'the file has no rows' }]);
  }
  // The header is the row (among the first few) whose cells name the most fields: published
  // tables often carry a title or notes above it.
  const chosen = chooseHeader(head, o.resource, o.map);
  if (!chosen) {
    throw new ValidationProblem([
      {
        field: o.resource ? 'map' : 'resource',
        message: o.resource
          ? `no column of the file (${head[0]!.cells.map(cellText).filter(Boolean).slice(0, 10).map((h) => `"${h}"`).join(', ')}) matches a field of ${o.resource}; it needs ${missingRequired({ resource: o.resource, columns: new Map(), headers: new Map(), unmapped: [] }, o.defaults).map((p) => p.field).join(' and ')}; map columns with field=Header`
          : 'cannot tell what the table describes; name the resource',
      },
    ]);
  }
  const headerRow = head[chosen.index]!;
  const headers = headerRow.cells.map(cellText);
  const { mapping, problems: mapProblems } = mapHeaders(chosen.resource, headers, o.map);
  const validator = new RowValidator(mapping, o.defaults);
  const missing = [...mapProblems, ...missingRequired(mapping, o.defaults), ...validator.defaultProblems()];
  if (missing.length) throw new ValidationProblem(missing.map((p) => ({ field: `map.${p.field}`, message: p.message })));

  const fields = validator.fields;
  await session.client.query(
    `CREATE TEMP TABLE _imp (row_no integer NOT NULL, has_error boolean NOT NULL, problems jsonb, ${fields.map((f) => `${col(f.name)} text`).join(', ')}) ON COMMIT DROP`,
  );
  const copy = new CopyWriter(session.client, `COPY _imp FROM STDIN`);
  let rowsRead = 0;
  const fileProblems: RowProblem[] = head.slice(0, chosen.index).map((r) => ({
    row: r.row, column: '', value: reportValue(r.cells.map(cellText).join(' ').trim()), reason: 'above the header row; not imported', severity: 'warning' as Severity,
  }));
  const fileRow = (problem: FileProblem) =>
    fileProblems.push({ row: problem.row ?? rowsRead + headerRow.row + 1, column: '(file)', value: '', reason: problem.message, severity: 'error' });
  const emit = async (r: SheetRow, extra: RowProblem[] = []) => {
    if (isBlank(r)) return;
    rowsRead++;
    const p = validator.validate(r);
    const problems = extra.length ? [...extra, ...p.problems] : p.problems;
    await copy.line([
      String(p.row),
      p.hasError || extra.some((x) => x.severity === 'error') ? 't' : 'f',
      problems.length ? JSON.stringify(problems.map(({ column, value, reason, severity }) => ({ column, value, reason, severity }))) : null,
      ...p.values,
    ]);
    if (rowsRead % 2000 === 0) o.onProgress?.({ phase: 'reading', rowsRead, ...reader.progress() });
  };
  for (const [i, r] of head.entries()) {
    if (i > chosen.index) await emit(r);
  }
  if (fileProblem) fileRow(fileProblem);
  else {
    try {
      for (;;) {
        const n = await iterator.next();
        if (n.done) break;
        await emit(n.value);
      }
    } catch (e) {
      if (!(e instanceof FileProblem)) throw e;
      fileRow(e);
    }
  }
  await copy.end();
  // Temporary tables have no statistics until asked: without them the planner guesses a few
  // thousand rows and sorts a million wide rows for merge joins where a hash join would do.
  await session.client.query('ANALYZE _imp');
  o.onProgress?.({ phase: 'reading', rowsRead, ...reader.progress() });
  const mappedFields = new Set([...mapping.columns.keys(), ...Object.keys(o.defaults)]);
  return { mapping, headerRow: headerRow.row, rowsRead, reader, mappedFields, fileProblems };
}

// ---------------------------------------------------------------- 2. checks

function exec(session: Session, query: RawBuilder<unknown>) {
  return query.execute(session.db);
}

async function scalar<T>(session: Session, text: string): Promise<T> {
  const r = await session.client.query(text);
  return Object.values(r.rows[0] ?? {})[0] as T;
}

/** A problem for every staged row a query selects: `(row_no, col, value, reason)`. */
async function addProblems(session: Session, severity: Severity, select: RawBuilder<unknown>): Promise<void> {
  await exec(session, sql`INSERT INTO _prob (row_no, col, value, reason, severity) SELECT row_no, col, left(value, 200), reason, ${severity} FROM (${select}) p`);
  if (severity === 'error') {
    await exec(session, sql`UPDATE _res r SET has_error = true FROM _prob p WHERE p.row_no = r.row_no AND p.severity = 'error' AND NOT r.has_error`);
  }
}

function keyExpr(resource: ImportResource, fields: FieldDef[], mapped: Set<string>): string {
  // Only mapped fields enter the key, in declaration order, so that adding an empty column to a
  // file does not change the keys of its rows.
  const parts = fields.filter((f) => !f.notInKey && mapped.has(f.name)).map((f) => `coalesce(s.${col(f.name)}, E'\\x1e')`);
  return `'row:' || remnant_sha256(concat_ws(E'\\x1f', '${resource}', ${parts.join(', ') || `''`}))`;
}

async function check(session: Session, actor: Actor, st: Staged): Promise<ImportCounts> {
  const resource = st.mapping.resource;
  const fields = FIELDS[resource];
  const table = TABLES[resource].table;
  const has = (f: string) => st.mappedFields.has(f);
  await session.client.query(`CREATE TEMP TABLE _prob (row_no integer, col text, value text, reason text, severity text) ON COMMIT DROP`);
  await session.client.query(`INSERT INTO _prob SELECT row_no, p->>'column', p->>'value', p->>'reason', p->>'severity' FROM _imp, jsonb_array_elements(problems) p WHERE problems IS NOT NULL`);
  for (const p of st.fileProblems) {
    await session.client.query(`INSERT INTO _prob VALUES ($1, $2, $3, $4, $5)`, [p.row, p.column, p.value, p.reason, p.severity]);
  }

  // Rows' keys: the given id, else the external id, else the content key.
  // New records get time-ordered ids (remnant_uuid7, migration 0061), which keep their index
  // entries together; new components get theirs as they are written instead (see write()).
  const idCol = has('id') ? `s.${col('id')}::uuid` : 'NULL::uuid';
  const extCol = has('externalId') ? `s.${col('externalId')}` : 'NULL';
  const refGroups = REF_GROUPS[resource].filter((g) => fields.some((f) => f.ref?.group === g.name && has(f.name)));
  const refKey = (g: string) => {
    const members = fields.filter((f) => f.ref?.group === g && has(f.name));
    const order = ['id', 'externalId', 'label'] as const;
    const whens = order.flatMap((by) =>
      members.filter((m) => m.ref!.by === by).map((m) => `WHEN s.${col(m.name)} IS NOT NULL THEN '${by}:' || ${by === 'label' ? `lower(s.${col(m.name)})` : `s.${col(m.name)}`}`),
    );
    return `CASE ${whens.join(' ')} END`;
  };
  await session.client.query(`
    CREATE TEMP TABLE _res ON COMMIT DROP AS
    SELECT s.row_no, s.has_error, ${idCol} AS given_id,
           coalesce(${extCol}, CASE WHEN ${idCol} IS NULL THEN ${keyExpr(resource, fields, st.mappedFields)} END) AS ext,
           ${extCol} IS NULL AND ${idCol} IS NULL AS content_key,
           NULL::uuid AS existing_id, coalesce(${idCol}, remnant_uuid7()) AS target_id
           ${refGroups.map((g) => `, ${refKey(g.name)} AS ${q(`rk_${g.name}`)}`).join('')}
      FROM _imp s`);
  await session.client.query(`CREATE INDEX ON _res (row_no)`);
  await session.client.query(`ANALYZE _res`);

  // Existing records: by id, else by external id.
  await session.client.query(`UPDATE _res r SET existing_id = t.id FROM ${table} t WHERE r.given_id IS NOT NULL AND t.id = r.given_id`);
  // Only rows that match an existing record are rewritten (all of them on a re-import, none on a first one).
  await session.client.query(`UPDATE _res r SET existing_id = t.id, target_id = t.id FROM ${table} t WHERE r.given_id IS NULL AND r.ext IS NOT NULL AND t.external_id = r.ext`);
  await addProblems(session, 'error', sql`
    SELECT r.row_no, 'externalId' AS col, r.ext AS value, 'this external id already belongs to another record (' || t.id || ')' AS reason
      FROM _res r JOIN ${sql.raw(table)} t ON t.external_id = r.ext WHERE r.given_id IS NOT NULL AND t.id <> r.given_id`);

  // Duplicates within the file: the first row wins; an explicit id twice is an error, an identical row a warning.
  await session.client.query(`
    CREATE TEMP TABLE _dup ON COMMIT DROP AS
    SELECT row_no, first_row, content_key FROM (
      SELECT row_no, content_key, first_value(row_no) OVER w AS first_row, row_number() OVER w AS n
        FROM _res WINDOW w AS (PARTITION BY coalesce(given_id::text, ext) ORDER BY row_no)) d
     WHERE n > 1`);
  const dupCount = await scalar<number>(session, `SELECT count(*) FROM _dup WHERE content_key`);
  await addProblems(session, 'error', sql`SELECT d.row_no, 'id' AS col, coalesce(r.given_id::text, r.ext) AS value, 'the same id as row ' || d.first_row AS reason
    FROM _dup d JOIN _res r USING (row_no) WHERE NOT d.content_key`);
  await addProblems(session, 'warning', sql`SELECT row_no, '' AS col, '' AS value, 'identical to row ' || first_row || '; imported once (to import both, give them distinct ids, positions or a quantity)' AS reason
    FROM _dup WHERE content_key`);
  await session.client.query(`DELETE FROM _res r USING _dup d WHERE d.row_no = r.row_no AND d.content_key`);

  // Existing records the actor may not see or change are refused, row by row.
  await addProblems(session, 'error', sql`SELECT r.row_no, 'id' AS col, coalesce(r.given_id::text, r.ext) AS value,
      'matches a record you may not see' AS reason
    FROM _res r WHERE r.existing_id IS NOT NULL AND r.existing_id NOT IN (${session.db.selectFrom(table).select('id').where(readableBy(actor))})`);
  const combos = await exec(session, sql`SELECT DISTINCT t.created_by = ${actor.id}::uuid AS own, t.visibility::text AS visibility
    FROM _res r JOIN ${sql.raw(table)} t ON t.id = r.existing_id`);
  for (const c of combos.rows as { own: boolean; visibility: 'public' | 'internal' | 'restricted' }[]) {
    try {
      assertCanWrite(actor, 'update', { createdBy: c.own ? actor.id : '00000000-0000-0000-0000-000000000000', visibility: c.visibility });
    } catch (e) {
      await addProblems(session, 'error', sql`SELECT r.row_no, 'id' AS col, coalesce(r.given_id::text, r.ext) AS value, ${`would change an existing record: ${(e as Error).message}`} AS reason
        FROM _res r JOIN ${sql.raw(table)} t ON t.id = r.existing_id WHERE (t.created_by = ${actor.id}::uuid) = ${c.own} AND t.visibility::text = ${c.visibility}`);
    }
  }
  if (has('visibility')) {
    const publishing = await scalar<number>(session, `SELECT count(*) FROM _imp WHERE ${col('visibility')} = 'public'`);
    if (publishing > 0) {
      try {
        (assertCanWrite as (...a: unknown[]) => void)(actor, 'create', undefined, { recordType: resource, visibility: 'public' });
      } catch (e) {
        await addProblems(session, 'error', sql`SELECT row_no, ${st.mapping.headers.get('visibility') ?? 'visibility'} AS col, 'public' AS value, ${(e as Error).message} AS reason
          FROM _imp WHERE ${sql.raw(col('visibility'))} = 'public'`);
      }
    }
  }
  if (resource === 'claims' && has('status') && actor.role !== 'reviewer' && actor.role !== 'admin') {
    // Ruling on a claim is a reviewer's act (policy action "rule").
    await addProblems(session, 'error', sql`SELECT row_no, ${st.mapping.headers.get('status') ?? 'status'} AS col, ${sql.raw(col('status'))} AS value,
        'only reviewers and admins may set the status of a claim' AS reason FROM _imp WHERE ${sql.raw(col('status'))} IS NOT NULL AND ${sql.raw(col('status'))} <> 'unverified'`);
  }

  // References to other records, resolved once per distinct reference.
  const counts: ImportCounts = { rows: st.rowsRead, inserted: 0, updated: 0, unchanged: 0, duplicates: dupCount, createdItems: 0, createdMakers: 0, identified: 0 };
  for (const g of refGroups) await resolveGroup(session, actor, st, g.name);
  if (resource === 'incidents') await checkLinks(session, actor, st);

  const rows = await session.client.query(`SELECT count(*) FILTER (WHERE existing_id IS NULL) AS new, count(*) FILTER (WHERE existing_id IS NOT NULL) AS existing FROM _res WHERE NOT has_error`);
  counts.inserted = rows.rows[0].new as number;
  counts.updated = rows.rows[0].existing as number;
  if (refGroups.some((g) => g.name === 'item')) counts.createdItems = await scalar<number>(session, `SELECT count(*) FROM _ref_item WHERE create_new`);
  if (refGroups.some((g) => g.name === 'maker')) counts.createdMakers = await scalar<number>(session, `SELECT count(*) FROM _ref_maker WHERE create_new`);
  return counts;
}

async function resolveGroup(session: Session, actor: Actor, st: Staged, group: string): Promise<void> {
  const resource = st.mapping.resource;
  const g = REF_GROUPS[resource].find((x) => x.name === group)!;
  const target = TABLES[g.resource];
  const refTable = q(`_ref_${group}`);
  const rk = q(`rk_${group}`);
  const members = FIELDS[resource].filter((f) => f.ref?.group === group);
  const labelField = members.find((m) => m.ref!.by === 'label');
  const visible = session.db.selectFrom(target.table).select(['id', 'externalId', 'createdAt']).select(sql<string>`lower(${sql.ref(target.label)})`.as('l')).where(readableBy(actor));
  await session.client.query(`
    CREATE TEMP TABLE ${refTable} ON COMMIT DROP AS
    SELECT k AS key, split_part(k, ':', 1) AS kind, substr(k, strpos(k, ':') + 1) AS val, min(r.row_no) AS first_row,
           ${labelField ? `min(s.${col(labelField.name)})` : 'NULL'} AS label, NULL::uuid AS id, false AS create_new, 0 AS matches
      FROM (SELECT row_no, ${rk} AS k FROM _res WHERE ${rk} IS NOT NULL) r JOIN _imp s USING (row_no)
     GROUP BY k`);
  await exec(session, sql`UPDATE ${sql.raw(refTable)} r SET id = t.id FROM (${visible}) t WHERE r.kind = 'id' AND t.id = r.val::uuid`);
  await exec(session, sql`UPDATE ${sql.raw(refTable)} r SET id = t.id FROM (${visible}) t WHERE r.kind = 'externalId' AND t.external_id = r.val`);
  if (g.resource === 'organisations') {
    // Makers and parents are found by name or alias, manufacturers first (as the API does).
    await exec(session, sql`UPDATE ${sql.raw(refTable)} r SET id = m.id, matches = 1 FROM (
        SELECT DISTINCT ON (r2.key) r2.key, o.id FROM ${sql.raw(refTable)} r2
          JOIN organisations o ON lower(o.name) = r2.val OR EXISTS (SELECT 1 FROM unnest(o.aliases) a WHERE lower(a) = r2.val)
         WHERE r2.kind = 'label' AND o.id IN (${session.db.selectFrom('organisations').select('id').where(readableBy(actor))})
         ORDER BY r2.key, o.kind = 'manufacturer' DESC, o.created_at) m
      WHERE r.key = m.key`);
  } else {
    await exec(session, sql`UPDATE ${sql.raw(refTable)} r SET id = t.id, matches = t.n FROM (
        SELECT l, (array_agg(id ORDER BY created_at))[1] AS id, count(*) AS n FROM (${visible}) v GROUP BY l) t
      WHERE r.kind = 'label' AND t.l = r.val`);
  }
  // A reference to a record of the same file (an organisation's parent listed further down).
  if (g.resource === resource) {
    await session.client.query(`UPDATE ${refTable} r SET id = x.target FROM (
        SELECT coalesce(res.given_id, res.existing_id) AS target, res.given_id, res.ext, lower(s.${col('name')}) AS l
          FROM _res res JOIN _imp s USING (row_no)) x
      WHERE r.id IS NULL AND ((r.kind = 'id' AND x.given_id = r.val::uuid) OR (r.kind = 'externalId' AND x.ext = r.val) OR (r.kind = 'label' AND x.l = r.val))`);
    // Rows of this file that do not exist yet already have their new id, so a parent can point at them.
    await session.client.query(`UPDATE ${refTable} r SET id = x.target_id FROM (
        SELECT res.target_id, res.given_id, res.ext, lower(s.${col('name')}) AS l FROM _res res JOIN _imp s USING (row_no)) x
      WHERE r.id IS NULL AND ((r.kind = 'id' AND x.given_id = r.val::uuid) OR (r.kind = 'externalId' AND x.ext = r.val) OR (r.kind = 'label' AND x.l = r.val))`);
  }
  if (g.createMissingByLabel) {
    await session.client.query(`UPDATE ${refTable} SET create_new = true, id = remnant_uuid7() WHERE id IS NULL AND kind = 'label'`);
  }
  const noun = g.resource === 'organisations' ? (group === 'maker' ? 'maker' : 'organisation') : g.resource.replace(/s$/, '');
  const headerOf = (by: string) => {
    const m = members.find((x) => x.ref!.by === by);
    return (m && st.mapping.headers.get(m.name)) ?? m?.name ?? group;
  };
  await addProblems(session, 'error', sql`SELECT res.row_no,
      CASE r.kind WHEN 'id' THEN ${headerOf('id')} WHEN 'externalId' THEN ${headerOf('externalId')} ELSE ${headerOf('label')} END AS col,
      coalesce(r.label, r.val) AS value,
      CASE WHEN r.id IS NULL THEN ${`no ${noun} you can see has this `} || CASE r.kind WHEN 'id' THEN 'id' WHEN 'externalId' THEN 'external id' ELSE 'name' END
           ELSE r.matches || ${` ${g.resource} have this name; name the ${noun} by its id or external id`} END AS reason
      FROM _res res JOIN ${sql.raw(refTable)} r ON r.key = res.${sql.raw(rk)}
     WHERE r.id IS NULL OR r.matches > 1`);
}

async function checkLinks(session: Session, actor: Actor, st: Staged): Promise<void> {
  for (const [field, table] of [['sourceIds', 'sources'], ['claimIds', 'claims']] as const) {
    if (!st.mappedFields.has(field)) continue;
    await addProblems(session, 'error', sql`SELECT s.row_no, ${st.mapping.headers.get(field) ?? field} AS col, x.v AS value, ${`no ${table.replace(/s$/, '')} you can see has this id`} AS reason
      FROM _imp s JOIN _res r USING (row_no), jsonb_array_elements_text(s.${sql.raw(col(field))}::jsonb) x(v)
     WHERE x.v::uuid NOT IN (${session.db.selectFrom(table).select('id').where(readableBy(actor))})`);
  }
}

// ---------------------------------------------------------------- 3. identification

/** `_sugg`'s columns for the suggested values: the maker by name, the others as stored (component-rules.ts). */
const SUGG_COLUMNS = DERIVED_FIELDS.map((f) => (f === 'makerId' ? 'maker_name' : DERIVED_COLUMN[f]!));

/**
 * The identification context of every existing item the file's components name, by the same rule
 * as the API (`suggestionContextOf`: recovery or use date, DPRK weapon or incident), into
 * `_item_ctx`. Items the file creates by label have no context yet, as an item created with only a
 * label has none through the API.
 */
async function itemContexts(session: Session): Promise<void> {
  const c = session.client;
  await c.query(`CREATE TEMP TABLE _item_ctx (item_id uuid PRIMARY KEY, rec date, dprk boolean NOT NULL) ON COMMIT DROP`);
  const rows = await c.query<{ id: string; recovered_on: string | null; used_on: string | null; weapon_model: string | null; weapon_family: string | null; production_marks: string | null; weapon_types: string[] | null }>(`
    SELECT i.id, i.recovered_on::text, i.used_on::text, i.weapon_model, i.weapon_family, i.production_marks, inc.weapon_types
      FROM items i LEFT JOIN incidents inc ON inc.id = i.incident_id
     WHERE i.id IN (SELECT id FROM _ref_item WHERE id IS NOT NULL AND NOT create_new)`);
  const copy = new CopyWriter(c, `COPY _item_ctx FROM STDIN`);
  for (const r of rows.rows) {
    const context = suggestionContextOf({
      recoveredOn: r.recovered_on, usedOn: r.used_on, weaponModel: r.weapon_model, weaponFamily: r.weapon_family,
      productionMarks: r.production_marks, incidentWeaponTypes: r.weapon_types,
    });
    await copy.line([r.id, context.recoveryDate ?? null, context.dprk ? 't' : 'f']);
  }
  await copy.end();
  await c.query(`ANALYZE _item_ctx`);
}

/**
 * Each distinct (marking, item context) of the file goes through the same rules as the API's
 * create (`componentSuggestion`) once; results land in `_sugg`. A cursor feeds the engine in
 * batches so that a file of a million distinct markings never sits in memory.
 */
async function identify(session: Session): Promise<number> {
  const c = session.client;
  await itemContexts(session);
  await c.query(`CREATE TEMP TABLE _sugg (marking text, rec date, dprk boolean, suggestion jsonb, ${SUGG_COLUMNS.map((x) => `${x} text`).join(', ')},
    ambiguous boolean, envelope_from date, envelope_to date) ON COMMIT DROP`);
  await c.query(`DECLARE _markings NO SCROLL CURSOR FOR
    SELECT DISTINCT s.${col('markingRaw')} AS marking, ic.rec::text AS rec, coalesce(ic.dprk, false) AS dprk
      FROM _imp s JOIN _res r USING (row_no) LEFT JOIN _ref_item ri ON ri.key = r.rk_item LEFT JOIN _item_ctx ic ON ic.item_id = ri.id
     WHERE NOT r.has_error AND s.${col('markingRaw')} IS NOT NULL`);
  let n = 0;
  for (;;) {
    const batch = await c.query<{ marking: string; rec: string | null; dprk: boolean }>(`FETCH 2000 FROM _markings`);
    if (batch.rows.length === 0) break;
    const copy = new CopyWriter(c, `COPY _sugg FROM STDIN`);
    for (const { marking, rec, dprk } of batch.rows) {
      let s: ComponentSuggestion | null = null;
      try {
        // The context as suggestionContextOf makes it, so the engine sees what the API's create gives it.
        s = componentSuggestion(marking, { ...(rec ? { recoveryDate: rec } : {}), dprk });
      } catch {
        s = null; // a marking the engine cannot read gets no suggestion, not a failed import
      }
      await copy.line([
        marking, rec, dprk ? 't' : 'f', s ? JSON.stringify(s) : null, ...DERIVED_FIELDS.map((f) => suggestedValue(s, f)),
        s?.ambiguous ? 't' : 'f', s?.envelopeFrom ?? null, s?.envelopeTo ?? null,
      ]);
      n++;
    }
    await copy.end();
  }
  await c.query(`CLOSE _markings`);
  // Proposals are stored once per distinct content (migration 0003): many markings share one.
  await c.query(`ALTER TABLE _sugg ADD COLUMN sid uuid`);
  await c.query(`UPDATE _sugg SET sid = remnant_suggestion_id(suggestion) WHERE suggestion IS NOT NULL`);
  await c.query(`CREATE INDEX ON _sugg (marking, rec, dprk)`);
  await c.query(`ANALYZE _sugg`);
  // The engine's makers join the file's makers: found by name, created when unknown.
  const hasMakerGroup = await scalar<boolean>(session, `SELECT to_regclass('pg_temp._ref_maker') IS NOT NULL`);
  if (!hasMakerGroup) {
    await c.query(`CREATE TEMP TABLE _ref_maker (key text, kind text, val text, first_row integer, label text, id uuid, create_new boolean, matches integer) ON COMMIT DROP`);
  }
  await c.query(`INSERT INTO _ref_maker (key, kind, val, label, id, create_new, matches)
    SELECT DISTINCT ON (lower(maker_name)) 'label:' || lower(maker_name), 'label', lower(maker_name), maker_name, NULL::uuid, false, 0
      FROM _sugg WHERE maker_name IS NOT NULL AND NOT EXISTS (SELECT 1 FROM _ref_maker m WHERE m.key = 'label:' || lower(maker_name))`);
  // Found by the one rule the API's writes use too (remnant_maker_for, migration 0006).
  await c.query(`UPDATE _ref_maker SET id = remnant_maker_for(val) WHERE id IS NULL`);
  await c.query(`UPDATE _ref_maker SET create_new = true, id = remnant_uuid7() WHERE id IS NULL`);
  await c.query(`ANALYZE _ref_maker`);
  return n;
}

async function collectProblems(session: Session, sink: ProblemSink, limit: number): Promise<RowProblem[]> {
  const c = session.client;
  // Every problem goes to the sink in row order (a streamed report); the first `limit` also to the result.
  await c.query(`DECLARE _problems NO SCROLL CURSOR FOR
    SELECT row_no, coalesce(col, '') AS col, coalesce(value, '') AS value, reason, severity FROM _prob ORDER BY severity = 'error' DESC, row_no, col`);
  const out: RowProblem[] = [];
  for (;;) {
    const b = await c.query<{ row_no: number; col: string; value: string; reason: string; severity: Severity }>(`FETCH 5000 FROM _problems`);
    if (b.rows.length === 0) break;
    for (const r of b.rows) {
      const p: RowProblem = { row: r.row_no, column: r.col, value: r.value, reason: r.reason, severity: r.severity };
      sink.add(p);
      if (out.length < limit) out.push(p);
    }
  }
  await c.query(`CLOSE _problems`);
  return out;
}

// ---------------------------------------------------------------- 4. writing

async function write(session: Session, actor: Actor, st: Staged, rebuildIndexes: boolean): Promise<Partial<ImportCounts>> {
  const resource = st.mapping.resource;
  const fields = FIELDS[resource];
  const table = TABLES[resource].table;
  const c = session.client;
  const has = (f: string) => st.mappedFields.has(f);
  const actorLit = `'${actor.id}'::uuid`;
  const created: Partial<ImportCounts> = {};

  if (resource === 'components') {
    await c.query(`INSERT INTO component_suggestions (id, suggestion) SELECT DISTINCT ON (sid) sid, suggestion FROM _sugg WHERE sid IS NOT NULL ON CONFLICT (id) DO NOTHING`);
  }
  // Records the rows need that do not exist yet: items named by label, makers by name.
  if (await scalar<boolean>(session, `SELECT to_regclass('pg_temp._ref_item') IS NOT NULL`)) {
    const r = await c.query(`INSERT INTO items (id, label, created_by, updated_by) SELECT id, label, ${actorLit}, ${actorLit} FROM _ref_item WHERE create_new`);
    created.createdItems = r.rowCount ?? 0;
  }
  if (await scalar<boolean>(session, `SELECT to_regclass('pg_temp._ref_maker') IS NOT NULL`)) {
    // A new maker's country: what the file says next to its name, else what the engine read.
    const fileCountry = resource === 'components' && has('makerCountry') && (has('makerName') || has('makerId'))
      ? `SELECT res.rk_maker AS key, min(s.${col('makerCountry')}) AS country FROM _imp s JOIN _res res USING (row_no) WHERE res.rk_maker IS NOT NULL GROUP BY 1`
      : `SELECT NULL::text AS key, NULL::text AS country WHERE false`;
    const engineCountry = resource === 'components'
      ? `SELECT 'label:' || lower(maker_name) AS key, min(maker_country) AS country FROM _sugg WHERE maker_name IS NOT NULL GROUP BY 1`
      : `SELECT NULL::text AS key, NULL::text AS country WHERE false`;
    const r = await c.query(`INSERT INTO organisations (id, name, kind, country, created_by, updated_by)
      SELECT m.id, coalesce(m.label, m.val), 'manufacturer', coalesce(fc.country, ec.country), ${actorLit}, ${actorLit}
        FROM _ref_maker m LEFT JOIN (${fileCountry}) fc ON fc.key = m.key LEFT JOIN (${engineCountry}) ec ON ec.key = m.key
       WHERE m.create_new`);
    created.createdMakers = r.rowCount ?? 0;
  }

  // The projected rows: one SELECT producing every column the INSERT names.
  const cols: { name: string; expr: string; update: boolean; compare: boolean }[] = [];
  cols.push({ name: 'id', expr: 'r.target_id', update: false, compare: false });
  cols.push({ name: 'external_id', expr: 'r.ext', update: true, compare: false });
  for (const f of fields) {
    if (!f.column || f.column === 'id' || f.column === 'external_id') continue;
    if (resource === 'components' && f.name in DERIVED_COLUMN) continue;
    if (!has(f.name)) continue;
    const value = castOf(f, `s.${col(f.name)}`);
    const fallback = COLUMN_DEFAULTS[f.column];
    cols.push({ name: f.column, expr: fallback ? `coalesce(${value}, ${fallback})` : value, update: true, compare: true });
  }
  for (const g of REF_GROUPS[resource]) {
    if (resource === 'components' && g.name === 'maker') continue;
    if (!fields.some((f) => f.ref?.group === g.name && has(f.name))) continue;
    cols.push({ name: g.column, expr: `${q(`fr_${g.name}`)}.id`, update: true, compare: true });
  }
  if (resource === 'claims' && has('status')) {
    cols.push({ name: 'status_by', expr: `CASE WHEN s.${col('status')} IS NOT NULL AND s.${col('status')} <> 'unverified' THEN ${actorLit} END`, update: true, compare: false });
    cols.push({ name: 'status_at', expr: `CASE WHEN s.${col('status')} IS NOT NULL AND s.${col('status')} <> 'unverified' THEN now() END`, update: true, compare: false });
  }
  // Each reference group's resolved ids, joined by the row's reference key (no per-row UPDATE).
  let joins = REF_GROUPS[resource]
    .filter((g) => fields.some((f) => f.ref?.group === g.name && has(f.name)))
    .map((g) => `LEFT JOIN ${q(`_ref_${g.name}`)} ${q(`fr_${g.name}`)} ON ${q(`fr_${g.name}`)}.key = r.${q(`rk_${g.name}`)}`)
    .join('\n');
  if (resource === 'components') {
    joins += `
             LEFT JOIN _item_ctx ic ON ic.item_id = "fr_item".id
             LEFT JOIN _sugg g ON g.marking = s.${col('markingRaw')} AND g.rec IS NOT DISTINCT FROM ic.rec AND g.dprk = coalesce(ic.dprk, false)
             LEFT JOIN _ref_maker gm ON gm.key = 'label:' || lower(g.maker_name)`;
    // The moment of this import: every suggestion and confirmation it makes carries it.
    const at = new Date().toISOString();
    const confirmedBits: string[] = [];
    // What the window in force means (windowMeaning in component-rules.ts): ambiguous while no one
    // confirmed either end and it is the engine's window (the file may carry it back as a suggestion).
    const windowConfirmed: string[] = [];
    const windowIsEngines: string[] = [];
    for (const f of DERIVED_FIELDS) {
      const column = DERIVED_COLUMN[f]!;
      const def = fields.find((d) => d.name === f);
      let provided: string;
      let suggested: string;
      if (f === 'makerId') {
        provided = has('makerId') || has('makerName') ? `"fr_maker".id` : 'NULL::uuid';
        suggested = 'gm.id';
      } else {
        provided = has(f) ? castOf(def!, `s.${col(f)}`) : 'NULL';
        suggested = def ? castOf(def, `g.${column}`) : `g.${column}`;
      }
      if ((f === 'productionFrom' || f === 'productionTo') && (has('productionFrom') || has('productionTo'))) {
        // The production window is one statement: a file giving either end keeps the engine's
        // window out of this row, else a mixed window could end before it starts.
        const given = ['productionFrom', 'productionTo'].filter(has).map((x) => `s.${col(x)} IS NOT NULL`).join(' OR ');
        suggested = `CASE WHEN ${given} THEN NULL ELSE ${suggested} END`;
      }
      const downgraded = has('fieldStatus')
        ? `coalesce(s.${col('fieldStatus')}::jsonb #>> '{${f},state}', s.${col('fieldStatus')}::jsonb ->> '${f}') = 'suggested'`
        : 'false';
      const isConfirmed = `((${provided}) IS NOT NULL AND NOT (${downgraded})) OR ${has('fieldStatus') ? `coalesce(s.${col('fieldStatus')}::jsonb #>> '{${f},state}', s.${col('fieldStatus')}::jsonb ->> '${f}') = 'confirmed'` : 'false'}`;
      // A field the file marks as confirmed keeps its value even when empty (a person cleared it).
      const confirmedInFile = has('fieldStatus')
        ? `coalesce(s.${col('fieldStatus')}::jsonb #>> '{${f},state}', s.${col('fieldStatus')}::jsonb ->> '${f}') = 'confirmed'`
        : 'false';
      cols.push({ name: column, expr: `CASE WHEN ${confirmedInFile} THEN ${provided} ELSE coalesce(${provided}, ${suggested}) END`, update: true, compare: true });
      if (f === 'productionFrom' || f === 'productionTo') {
        windowConfirmed.push(`(${isConfirmed})`);
        windowIsEngines.push(`(${cols[cols.length - 1]!.expr}) IS NOT DISTINCT FROM g.${column}::date`);
      }
      confirmedBits.push(`CASE WHEN ${isConfirmed} THEN ${1 << DERIVED_FIELDS.indexOf(f)} ELSE 0 END`);
    }
    // Field status as stored (migration 0003): every field suggested now, the confirmed ones a bit
    // each, confirmed by the importer now — no per-row document.
    joins += `
             CROSS JOIN LATERAL (SELECT (${confirmedBits.join(' + ')})::smallint AS bits) fs`;
    cols.push({ name: 'suggested_at', expr: `'${at}'::timestamptz`, update: true, compare: false });
    cols.push({ name: 'confirmed_fields', expr: 'fs.bits', update: true, compare: false });
    cols.push({ name: 'confirmed_by', expr: `CASE WHEN fs.bits <> 0 THEN ${actorLit} END`, update: true, compare: false });
    cols.push({ name: 'confirmed_at', expr: `CASE WHEN fs.bits <> 0 THEN '${at}'::timestamptz END`, update: true, compare: false });
    cols.push({ name: 'field_status_extra', expr: `'{}'::jsonb`, update: true, compare: false });
    cols.push({ name: 'suggestion_id', expr: 'g.sid', update: true, compare: false });
    const engineWindow = `NOT (${windowConfirmed.join(' OR ')}) AND ${windowIsEngines.join(' AND ')}`;
    cols.push({ name: 'ambiguous', expr: `coalesce(${engineWindow} AND g.ambiguous, false)`, update: true, compare: true });
    cols.push({ name: 'envelope_from', expr: `CASE WHEN ${engineWindow} AND g.ambiguous THEN g.envelope_from END`, update: true, compare: true });
    cols.push({ name: 'envelope_to', expr: `CASE WHEN ${engineWindow} AND g.ambiguous THEN g.envelope_to END`, update: true, compare: true });
  }
  cols.push({ name: 'created_by', expr: actorLit, update: false, compare: false });
  cols.push({ name: 'updated_by', expr: actorLit, update: true, compare: false });

  // Updating a component keeps what a person confirmed in the app unless the file states that field.
  const statusOf = (row: string) => `remnant_field_status(${row}.field_status_extra, ${row}.suggested_at, ${row}.confirmed_fields, ${row}.confirmed_by, ${row}.confirmed_at)`;
  const before = statusOf(table);
  const after = statusOf('EXCLUDED');
  const merged = `(SELECT jsonb_object_agg(k, CASE WHEN ${before} #>> ARRAY[k, 'state'] = 'confirmed' AND ${after} #>> ARRAY[k, 'state'] IS DISTINCT FROM 'confirmed'
                 THEN ${before} -> k ELSE ${after} -> k END) FROM jsonb_object_keys(${before} || ${after}) k)`;
  const setExpr = (name: string) => {
    if (resource === 'components' && Object.values(DERIVED_COLUMN).includes(name)) {
      const f = Object.entries(DERIVED_COLUMN).find(([, v]) => v === name)![0];
      return `CASE WHEN ${before} #>> '{${f},state}' = 'confirmed' AND ${after} #>> '{${f},state}' IS DISTINCT FROM 'confirmed' THEN ${table}.${name} ELSE EXCLUDED.${name} END`;
    }
    if (resource === 'components' && WINDOW_COLUMNS.includes(name)) {
      // A window a person confirmed in the app stays decided unless the file states it (windowMeaning).
      const kept = ['productionFrom', 'productionTo'].map((f) => `(${before} #>> '{${f},state}' = 'confirmed' AND ${after} #>> '{${f},state}' IS DISTINCT FROM 'confirmed')`).join(' OR ');
      return `CASE WHEN ${kept} THEN ${name === 'ambiguous' ? 'false' : 'NULL'} ELSE EXCLUDED.${name} END`;
    }
    if (resource === 'components' && FIELD_STATUS_COLUMNS.includes(name)) return `(remnant_pack_field_status(${merged})).${name}`;
    // A file without external ids must not erase the ones a record has.
    if (name === 'external_id') return `coalesce(EXCLUDED.external_id, ${table}.external_id)`;
    return `EXCLUDED.${name}`;
  };
  const updates = cols.filter((x) => x.update);
  const compared = cols.filter((x) => x.compare);
  const rowsWhere = (cond: string, idExpr = 'r.target_id') => `
      SELECT ${cols.map((x) => (x.name === 'id' ? idExpr : x.expr)).join(', ')}
        FROM _res r JOIN _imp s USING (row_no) ${joins}
       WHERE NOT r.has_error AND ${cond}`;
  // New records are a plain INSERT: ON CONFLICT costs a speculative insertion per row, which only
  // the rows that matched a record during the checks need.
  // A new component's time-ordered id is made as the row is written, so the ids ascend in the order
  // the rows reach the table's indexes: the joins above hand them over in hash-batch order, which
  // would scatter ids made earlier (in _res) as randomly as version-4 ones, and sorting a million
  // rows back into id order cost 6–8 s of the 13–24 s ordered ids saved (docs/performance.md,
  // issue 7). Nothing reads a new component's id from _res afterwards; other resources keep the
  // id decided during the checks (an organisation's parent or an incident's links point at it).
  const newId = resource === 'components' ? `coalesce(r.given_id, remnant_uuid7())` : 'r.target_id';
  const insertNew = `INSERT INTO ${table} (${cols.map((x) => x.name).join(', ')}) ${rowsWhere('r.existing_id IS NULL', newId)}`;
  const upsert = `
    WITH written AS (
      INSERT INTO ${table} (${cols.map((x) => x.name).join(', ')}) ${rowsWhere('r.existing_id IS NOT NULL')}
      ON CONFLICT (id) DO UPDATE SET ${updates.map((x) => `${x.name} = ${setExpr(x.name)}`).join(', ')}
       WHERE (${compared.map((x) => `${table}.${x.name}`).join(', ')}) IS DISTINCT FROM (${compared.map((x) => `EXCLUDED.${x.name}`).join(', ')})
      RETURNING (xmax = 0) AS inserted)
    SELECT count(*) FILTER (WHERE inserted) AS inserted, count(*) FILTER (WHERE NOT inserted) AS updated FROM written`;
  let inserted = 0;
  let updated = 0;
  // Indexes that back a constraint (primary key, unique external id) stay: the upsert needs them.
  const rebuild = rebuildIndexes
    ? (await c.query<{ name: string; def: string }>(`SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def FROM pg_index i
        WHERE i.indrelid = '${table}'::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)`)).rows
    : [];
  for (const ix of rebuild) await c.query(`DROP INDEX ${ix.name}`);
  try {
    inserted += (await c.query(insertNew)).rowCount ?? 0;
    if (await scalar<boolean>(session, `SELECT EXISTS (SELECT 1 FROM _res WHERE NOT has_error AND existing_id IS NOT NULL)`)) {
      const r = await c.query(upsert);
      // A record deleted since the checks is inserted again.
      inserted += Number(r.rows[0].inserted);
      updated = Number(r.rows[0].updated);
    }
  } catch (e) {
    // The checks above should leave nothing for the database to refuse; if it still does, the
    // refusal is about the input and reads as one (problemFromPg), not as a server fault.
    throw problemFromPg(e) ?? e;
  }
  if (rebuild.length) {
    await c.query(`SET LOCAL maintenance_work_mem = '256MB'`);
    for (const ix of rebuild) await c.query(ix.def);
  }
  const total = await scalar<number>(session, `SELECT count(*) FROM _res WHERE NOT has_error`);

  if (resource === 'incidents') {
    for (const [field, link, other] of [['sourceIds', 'incident_sources', 'source_id'], ['claimIds', 'incident_claims', 'claim_id']] as const) {
      if (!has(field)) continue;
      await c.query(`DELETE FROM ${link} l USING _res r WHERE l.incident_id = r.target_id AND NOT r.has_error`);
      await c.query(`INSERT INTO ${link} (incident_id, ${other})
        SELECT DISTINCT r.target_id, x.v::uuid FROM _res r JOIN _imp s USING (row_no), jsonb_array_elements_text(s.${col(field)}::jsonb) x(v)
         WHERE NOT r.has_error`);
    }
  }
  return { ...created, inserted, updated, unchanged: total - inserted - updated };
}

export { type RowProblem } from './validate.js';
