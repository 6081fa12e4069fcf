import { sql, type RawBuilder } from 'kysely';
import { type FieldDef, type ImportResource, type Mapping } from './mapping.js';
import { type RowProblem, type Severity } from './validate.js';
import { type TableReader } from './readers/types.js';
import { type Session } from './session.js';

/** What the import's steps share: the report's types, the staged file, quoting and casting of staged columns, the problem sink and the SQL helpers on the import's one session. */

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

/**
 * A staged field's column: `v_` and the field in snake case. Snake case keeps the name the same
 * through Kysely's CamelCasePlugin (on the session's `db`), which snake-cases every identifier it
 * writes, and without it.
 */
const stagedName = (field: string) => `v_${field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`;
/** The staged column as a quoted identifier in a `sql` template; `alias` qualifies it (`s.v_…`). */
export const colId = (field: string, alias?: string) => sql.ref(alias ? `${alias}.${stagedName(field)}` : stagedName(field));

/** SQL that turns a staged text value into the column's type. */
export function castOf(def: FieldDef, expr: RawBuilder<unknown>): RawBuilder<unknown> {
  switch (def.kind) {
    case 'uuid':
      return sql`${expr}::uuid`;
    case 'date':
      return sql`${expr}::date`;
    case 'number':
      return sql`${expr}::double precision`;
    case 'int':
      return sql`${expr}::integer`;
    case 'bool':
      return sql`${expr}::boolean`;
    case 'enum':
      return def.name === 'visibility' ? sql`${expr}::visibility` : expr;
    case 'textArray':
      return sql`ARRAY(SELECT jsonb_array_elements_text(${expr}::jsonb))`;
    default:
      return expr;
  }
}

/** Columns that are NOT NULL with a default: an empty cell means the default, as in the API. */
export const COLUMN_DEFAULTS: Record<string, RawBuilder<unknown>> = {
  illustrative: sql`false`,
  visibility: sql`'internal'::visibility`,
  aliases: sql`'{}'::text[]`,
  weapon_types: sql`'{}'::text[]`,
  location_sensitive: sql`false`,
  identification_confidence: sql`'unknown'`,
  quantity: sql`1`,
  status: sql`'unverified'`,
};

/** The columns that together hold a component's field status (migration 0003). */
export const FIELD_STATUS_COLUMNS = ['suggested_at', 'confirmed_fields', 'confirmed_by', 'confirmed_at', 'field_status_extra'];

/** What the stored window means (migration 0006): set with the window, decided with it. */
export const WINDOW_COLUMNS = ['ambiguous', 'envelope_from', 'envelope_to'];

/** Snake-case names of the derived component fields, as columns. */
export const DERIVED_COLUMN: Record<string, string> = {
  partNumber: 'part_number', makerId: 'maker_id', makerCountry: 'maker_country', dateCodeText: 'date_code_text', productionFrom: 'production_from',
  productionTo: 'production_to', lot: 'lot', category: 'category', hs6: 'hs6', chplTier: 'chpl_tier',
};

export interface Staged {
  mapping: Mapping;
  headerRow: number;
  rowsRead: number;
  reader: TableReader;
  mappedFields: Set<string>;
  /** Problems found before or outside the rows: lines above the header, an encoding failure. */
  fileProblems: RowProblem[];
}

export class ProblemSink {
  count = { error: 0, warning: 0 };
  constructor(private readonly onProblem?: (p: RowProblem) => void) {}
  add(p: RowProblem): void {
    this.count[p.severity]++;
    this.onProblem?.(p);
  }
}

export function exec<R>(session: Session, query: RawBuilder<R>) {
  return query.execute(session.db);
}

export async function scalar<T>(session: Session, text: string): Promise<T> {
  const r = await session.client.query<Record<string, T>>(text);
  return Object.values(r.rows[0] ?? {})[0] as T;
}

/** A problem for every staged row a query selects: `(row_no, col, value, reason)`. */
export async function addProblems(session: Session, severity: Severity, select: RawBuilder<unknown>): Promise<void> {
  await exec(session, sql`INSERT INTO _prob (row_no, col, value, reason, severity) SELECT row_no, col, left(value, 200), reason, ${severity} FROM (${select}) p`);
  if (severity === 'error') {
    await exec(session, sql`UPDATE _res r SET has_error = true FROM _prob p WHERE p.row_no = r.row_no AND p.severity = 'error' AND NOT r.has_error`);
  }
}

export async function collectProblems(session: Session, sink: ProblemSink, limit: number): Promise<RowProblem[]> {
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
