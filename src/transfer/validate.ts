import type { z } from 'zod';
import { excelSerialToIso, isoOfYmd } from '../calendar/index.js';
import { normaliseCountry } from '../screening/index.js';
import { FIELDS, REF_GROUPS, type FieldDef, type Mapping } from './mapping.js';
import type { CellValue, SheetRow } from './readers/types.js';

/**
 * Row validation, pure: turns one spreadsheet row into the normalised text values the staging
 * table receives, and reports every problem as {row, column, value, reason}. Cross-row and
 * cross-record checks (duplicates, references to records) happen afterwards in SQL, on the
 * whole file at once.
 *
 * Field rules are not re-declared here: each field validates against the zod schema of the
 * resource's create body (`src/evidence/resources.ts`), after the cell has been read into the
 * type that schema expects (a date written "03.01.2024" or stored as an Excel serial number
 * becomes "2024-01-03", "1,200" becomes 1200, "Tier 3A" becomes "3.A").
 */
export type Severity = 'error' | 'warning';

export interface RowProblem {
  row: number;
  column: string;
  value: string;
  reason: string;
  severity: Severity;
}

export interface PreparedRow {
  row: number;
  /** One per field of the resource (FIELDS order); null when empty. */
  values: (string | null)[];
  problems: RowProblem[];
  hasError: boolean;
}

interface Converted {
  value: string | null;
  error?: string;
  warning?: string;
}

const MAX_REPORTED_VALUE = 200;

/** Values in reports are cut: a 100,000-character cell must not become a 100,000-character report line. */
export function reportValue(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = v instanceof Date ? (Number.isNaN(v.getTime()) ? 'Invalid Date' : v.toISOString()) : String(v);
  return s.length > MAX_REPORTED_VALUE ? `${s.slice(0, MAX_REPORTED_VALUE)}… (${s.length} characters)` : s;
}

// ---------- dates ----------

/** A written date's day, or null when it does not exist; years before 1000 are typing slips here, not dates. */
function cellIsoOf(y: number, m: number, d: number): string | null {
  return y < 1000 ? null : isoOfYmd(y, m, d);
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
function monthOf(name: string): number {
  const i = MONTHS.indexOf(name.slice(0, 3).toLowerCase());
  return i < 0 ? 0 : i + 1;
}

const NOT_A_DATE = 'is not a date; write it as YYYY-MM-DD';

export function convertDate(cell: CellValue): Converted {
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return { value: null, error: NOT_A_DATE };
    return { value: cell.toISOString().slice(0, 10) };
  }
  if (typeof cell === 'number') {
    const iso = Number.isInteger(cell) ? excelSerialToIso(cell) : null;
    if (!iso) return { value: null, error: `the number ${cell} is not a date; write it as YYYY-MM-DD` };
    return { value: iso, warning: `read the number ${cell} as an Excel date serial: ${iso}` };
  }
  if (typeof cell === 'boolean') return { value: null, error: NOT_A_DATE };
  const s = String(cell).trim();
  let m: RegExpMatchArray | null;
  if ((m = s.match(/^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/))) {
    const iso = cellIsoOf(+m[1]!, +m[2]!, +m[3]!);
    return iso ? { value: iso } : { value: null, error: `is not a real calendar date` };
  }
  if ((m = s.match(/^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$/))) {
    const iso = cellIsoOf(+m[1]!, +m[2]!, +m[3]!);
    return iso ? { value: iso } : { value: null, error: `is not a real calendar date` };
  }
  if ((m = s.match(/^(\d{1,2})([./-])(\d{1,2})\2(\d{4})$/))) {
    const a = +m[1]!;
    const b = +m[3]!;
    const y = +m[4]!;
    // Dots are the European day.month.year; with slashes or dashes only an impossible month decides.
    let iso: string | null;
    if (m[2] === '.' || a > 12) iso = cellIsoOf(y, b, a);
    else if (b > 12) iso = cellIsoOf(y, a, b);
    else if (a === b) iso = cellIsoOf(y, a, a);
    else return { value: null, error: `is ambiguous (day/month or month/day?); write it as YYYY-MM-DD` };
    return iso ? { value: iso } : { value: null, error: `is not a real calendar date` };
  }
  if ((m = s.match(/^(\d{1,2})(?:st|nd|rd|th)?[\s-]+([A-Za-z]{3,})\.?,?[\s-]+(\d{4})$/))) {
    const iso = cellIsoOf(+m[3]!, monthOf(m[2]!), +m[1]!);
    return iso ? { value: iso } : { value: null, error: NOT_A_DATE };
  }
  if ((m = s.match(/^([A-Za-z]{3,})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/))) {
    const iso = cellIsoOf(+m[3]!, monthOf(m[1]!), +m[2]!);
    return iso ? { value: iso } : { value: null, error: NOT_A_DATE };
  }
  // A CSV saved from Excel keeps date serials as plain numbers; five digits span 1927–2173.
  if ((m = s.match(/^(\d{5})(?:\.0+)?$/))) {
    const iso = excelSerialToIso(+m[1]!);
    if (iso) return { value: iso, warning: `read the number ${m[1]} as an Excel date serial: ${iso}` };
  }
  return { value: null, error: NOT_A_DATE };
}

// ---------- numbers, booleans, enums ----------

export function parseNumber(cell: CellValue): number | null {
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : null;
  if (typeof cell !== 'string') return null;
  let s = cell.trim().replace(/[\s_\u00a0\u202f']/g, '');
  if (/^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) s = s.replace(/,/g, '');
  else if (/^[-+]?\d{1,3}(\.\d{3})+(,\d+)?$/.test(s)) s = s.replace(/\./g, '').replace(',', '.');
  else if (/^[-+]?\d*,\d+$/.test(s)) s = s.replace(',', '.');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

const TRUE = new Set(['true', 'yes', 'y', '1', 'x', 'ja', 'oui', 'так', 'да']);
const FALSE = new Set(['false', 'no', 'n', '0', 'nein', 'non', 'ні', 'нет']);

export function parseBool(cell: CellValue): boolean | null {
  if (typeof cell === 'boolean') return cell;
  if (typeof cell === 'number') return cell === 1 ? true : cell === 0 ? false : null;
  if (typeof cell !== 'string') return null;
  const s = cell.trim().toLowerCase();
  return TRUE.has(s) ? true : FALSE.has(s) ? false : null;
}

export function parseEnum(def: FieldDef, raw: string): string | null {
  const values = def.enumValues ?? [];
  let s = raw.trim().toLowerCase();
  if (def.name === 'chplTier') {
    const m = s.match(/^(?:tier\s*)?([1-4])\s*\.?\s*([ab])?$/);
    if (m) s = m[2] ? `${m[1]}.${m[2].toUpperCase()}` : m[1]!;
    return values.includes(s) ? s : null;
  }
  s = s.replace(/organization/g, 'organisation').replace(/[\s-]+/g, '_');
  if (values.includes(s)) return s;
  // "News" → news_report, "Official" → official_statement: a unique prefix is enough.
  const byPrefix = values.filter((v) => v.startsWith(s) && s.length >= 3);
  return byPrefix.length === 1 ? byPrefix[0]! : null;
}

function splitList(raw: string): string[] | null {
  const s = raw.trim();
  if (s.startsWith('[')) {
    try {
      const parsed = JSON.parse(s) as unknown;
      if (Array.isArray(parsed) && parsed.every((x) => typeof x === 'string')) return parsed.map((x) => x.trim()).filter((x) => x !== '');
    } catch {
      /* not JSON: fall through to separators */
    }
  }
  return s.split(/[;|\n]/).map((x) => x.trim()).filter((x) => x !== '');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function asText(cell: CellValue): string {
  if (cell instanceof Date) {
    const iso = cell.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  return String(cell);
}

function zodReason(schema: z.ZodType | undefined, value: unknown): string | null {
  if (!schema) return null;
  const r = schema.safeParse(value);
  if (r.success) return null;
  const issue = r.error.issues[0];
  const where = issue && issue.path.length ? `item ${Number(issue.path[0]) + 1}: ` : '';
  return `${where}${issue?.message ?? 'is not valid'}`;
}

/** Reads one cell as the field's type and checks it against the field's schema. */
export function convertCell(def: FieldDef, cell: CellValue): Converted {
  if (cell === null || (typeof cell === 'string' && cell.trim() === '')) return { value: null };
  let typed: unknown;
  let warning: string | undefined;
  switch (def.kind) {
    case 'date': {
      const c = convertDate(cell);
      if (c.error || c.value === null) return c;
      typed = c.value;
      warning = c.warning;
      break;
    }
    case 'number':
    case 'int': {
      const n = parseNumber(cell);
      if (n === null) return { value: null, error: 'is not a number' };
      if (def.kind === 'int' && !Number.isInteger(n)) return { value: null, error: 'must be a whole number' };
      typed = n;
      break;
    }
    case 'bool': {
      const b = parseBool(cell);
      if (b === null) return { value: null, error: 'must be yes or no (true/false, 1/0)' };
      typed = b;
      break;
    }
    case 'enum': {
      const e = parseEnum(def, asText(cell));
      if (e === null) return { value: null, error: `must be one of ${def.enumValues!.join(', ')}` };
      typed = e;
      break;
    }
    case 'country': {
      const c = normaliseCountry(asText(cell))?.toUpperCase();
      if (!c || !/^[A-Z]{2}$/.test(c)) return { value: null, error: 'is not a country; use an ISO code such as KP or a country name' };
      typed = c;
      break;
    }
    case 'uuid': {
      const u = asText(cell).trim().toLowerCase();
      if (!UUID.test(u)) return { value: null, error: 'must be an id (UUID)' };
      typed = u;
      break;
    }
    case 'textArray':
    case 'uuidArray': {
      const list = splitList(asText(cell));
      if (list === null) return { value: null, error: 'is not a list' };
      const items = def.kind === 'uuidArray' ? list.map((x) => x.toLowerCase()) : list;
      if (def.kind === 'uuidArray' && items.some((x) => !UUID.test(x))) return { value: null, error: 'must be a list of ids (UUIDs)' };
      typed = items;
      break;
    }
    case 'json': {
      try {
        const parsed = JSON.parse(asText(cell)) as unknown;
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { value: null, error: 'must be a JSON object' };
        typed = parsed;
      } catch {
        return { value: null, error: 'is not valid JSON' };
      }
      break;
    }
    case 'text': {
      // Short values lose stray spaces (they name things and are matched); long free text stays byte for byte.
      let s = def.verbatim ? asText(cell) : asText(cell).trim();
      if (def.name === 'hs6') {
        // HS codes lose their leading zero in spreadsheets (010121 → 10121) and often carry dots or a national suffix.
        const digits = s.replace(/[.\s]/g, '');
        if (/^\d{5}$/.test(digits) && typeof cell === 'number') {
          s = '0' + digits;
          warning = `read ${cell} as HS code ${s} (a spreadsheet dropped the leading zero)`;
        } else if (/^\d{7,10}$/.test(digits)) {
          s = digits.slice(0, 6);
          warning = `kept the first six digits (HS6) of ${digits}`;
        } else s = digits;
      }
      if (s.includes('\u0000')) return { value: null, error: 'must not contain NUL characters' };
      if (!def.schema && s.length > 1000) return { value: null, error: 'must be at most 1000 characters' };
      typed = s;
      break;
    }
  }
  const reason = zodReason(def.schema, typed);
  if (reason) return { value: null, error: reason };
  const value =
    typeof typed === 'string' ? typed : typeof typed === 'number' || typeof typed === 'boolean' ? String(typed) : JSON.stringify(typed);
  return warning ? { value, warning } : { value };
}

/**
 * Rules across fields of one row, the same the database's CHECK constraints enforce (see
 * `explainConstraint` in src/problems.ts), so that a dry run finds what a commit would refuse.
 */
/** A field's value; undefined when the field already has an error (its rules are not checked). */
type Get = (field: string) => string | null | undefined;
const notBefore = (later: string, earlier: string) => (get: Get) => {
  const a = get(later);
  const b = get(earlier);
  return a && b && a < b ? `must not be before ${earlier} (${b})` : null;
};
const together = (a: string, b: string) => (get: Get) => {
  const x = get(a);
  const y = get(b);
  return x !== undefined && y !== undefined && (x === null) !== (y === null) ? `${a} and ${b} must be given together` : null;
};
export const ROW_RULES: Partial<Record<Mapping['resource'], { field: string; uses: string[]; test: (get: Get) => string | null }[]>> = {
  organisations: [{ field: 'parentTo', uses: ['parentTo', 'parentFrom'], test: notBefore('parentTo', 'parentFrom') }],
  claims: [
    { field: 'eventTo', uses: ['eventTo', 'eventFrom'], test: notBefore('eventTo', 'eventFrom') },
    { field: 'statusReason', uses: ['status'], test: (get) => (get('status') && get('status') !== 'unverified' && !get('statusReason') ? 'a ruling on a claim needs a reason' : null) },
  ],
  incidents: [
    { field: 'occurredTo', uses: ['occurredTo', 'occurredFrom'], test: notBefore('occurredTo', 'occurredFrom') },
    { field: 'lon', uses: ['lat', 'lon'], test: together('lat', 'lon') },
    { field: 'locationPrecision', uses: ['lat'], test: (get) => (get('lat') && get('locationPrecision') === null ? 'is required when coordinates are given' : null) },
  ],
  items: [{ field: 'recoveredLon', uses: ['recoveredLat', 'recoveredLon'], test: together('recoveredLat', 'recoveredLon') }],
  components: [{ field: 'productionTo', uses: ['productionTo', 'productionFrom'], test: notBefore('productionTo', 'productionFrom') }],
};

/**
 * Validates rows of one mapped file. Remembers the outcome per field and distinct text (bounded),
 * because a column of a large table repeats few values (makers, countries, categories).
 */
export class RowValidator {
  readonly fields: FieldDef[];
  private readonly columnOf: (number | undefined)[];
  private readonly headerOf: string[];
  private readonly defaults: (Converted | undefined)[];
  private readonly memo: Map<string, Converted>[];
  private readonly requiredGroups: { name: string; members: number[] }[];
  /** Fields with a column, a default or a required rule: the only ones worth looking at per row. */
  private readonly active: number[];
  private readonly indexOf: Map<string, number>;
  private readonly rules: { field: string; uses: string[]; test: (get: Get) => string | null }[];

  constructor(
    readonly mapping: Mapping,
    defaults: Readonly<Record<string, string>> = {},
  ) {
    this.fields = FIELDS[mapping.resource];
    this.columnOf = this.fields.map((d) => mapping.columns.get(d.name));
    this.headerOf = this.fields.map((d) => mapping.headers.get(d.name) ?? d.name);
    this.defaults = this.fields.map((d) => (d.name in defaults ? convertCell(d, defaults[d.name]!) : undefined));
    this.memo = this.fields.map(() => new Map<string, Converted>());
    this.active = this.fields.flatMap((d, i) => (this.columnOf[i] !== undefined || this.defaults[i] || d.required ? [i] : []));
    this.indexOf = new Map(this.fields.map((d, i) => [d.name, i]));
    // Rules whose fields the file does not hold can never fire.
    this.rules = (ROW_RULES[mapping.resource] ?? []).filter((r) => r.uses.some((f) => this.active.includes(this.indexOf.get(f)!)));
    this.requiredGroups = REF_GROUPS[mapping.resource]
      .filter((g) => g.required)
      .map((g) => ({ name: g.name, members: this.fields.flatMap((d, i) => (d.ref?.group === g.name ? [i] : [])) }));
  }

  /** Problems with the defaults themselves (a default that is not a valid value). */
  defaultProblems(): { field: string; message: string }[] {
    return this.fields.flatMap((d, i) => {
      const c = this.defaults[i];
      return c?.error ? [{ field: d.name, message: `default ${c.error}` }] : [];
    });
  }

  private convert(i: number, cell: CellValue): Converted {
    const def = this.fields[i]!;
    if (typeof cell !== 'string') return convertCell(def, cell);
    const memo = this.memo[i]!;
    let c = memo.get(cell);
    if (c === undefined) {
      c = convertCell(def, cell);
      // Bounded: a column of unique values (markings, serials) must not grow the cache without end.
      if (memo.size >= 20_000) memo.clear();
      memo.set(cell, c);
    }
    return c;
  }

  validate(sheetRow: SheetRow): PreparedRow {
    const { row, cells } = sheetRow;
    const values = new Array<string | null>(this.fields.length);
    const problems: RowProblem[] = [];
    let hasError = false;
    const failed = new Set<number>();
    for (const note of sheetRow.notes ?? []) {
      const i = this.columnOf.indexOf(note.col);
      // Notes on columns that are not imported do not matter.
      if (i < 0) continue;
      problems.push({ row, column: this.headerOf[i]!, value: note.value ?? reportValue(cells[note.col]), reason: note.reason, severity: note.severity });
      if (note.severity === 'error') hasError = true;
    }
    values.fill(null);
    for (const i of this.active) {
      const col = this.columnOf[i];
      const cell = col === undefined ? null : (cells[col] ?? null);
      let c = this.convert(i, cell);
      let column = this.headerOf[i]!;
      if (c.value === null && !c.error && this.defaults[i]) {
        c = this.defaults[i]!;
        column = `${column} (default)`;
      }
      if (c.error) {
        problems.push({ row, column, value: reportValue(cell), reason: c.error, severity: 'error' });
        hasError = true;
        failed.add(i);
      } else if (c.warning) {
        problems.push({ row, column, value: reportValue(cell), reason: c.warning, severity: 'warning' });
      }
      values[i] = c.error ? null : c.value;
      const def = this.fields[i]!;
      if (def.required && values[i] === null && !c.error) {
        problems.push({ row, column, value: '', reason: 'is required', severity: 'error' });
        hasError = true;
      }
    }
    for (const rule of this.rules) {
      const get = (f: string) => {
        const i = this.indexOf.get(f);
        if (i === undefined) return null;
        return failed.has(i) ? undefined : values[i]!;
      };
      const reason = rule.test(get);
      if (reason) {
        const i = this.fields.findIndex((d) => d.name === rule.field);
        problems.push({ row, column: this.headerOf[i] ?? rule.field, value: reportValue(get(rule.field)), reason, severity: 'error' });
        hasError = true;
      }
    }
    for (const g of this.requiredGroups) {
      if (g.members.every((i) => values[i] === null)) {
        const named = g.members.filter((i) => this.columnOf[i] !== undefined).map((i) => this.headerOf[i]);
        const bad = g.members.some((i) => problems.some((p) => p.column === this.headerOf[i]));
        if (!bad) {
          problems.push({ row, column: named[0] ?? g.name, value: '', reason: `names no ${g.name}: fill ${named.join(' or ') || g.name}`, severity: 'error' });
          hasError = true;
        }
      }
    }
    return { row, values, problems, hasError };
  }
}
