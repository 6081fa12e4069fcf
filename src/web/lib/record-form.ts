/**
 * Pure helpers for the record forms (src/web/pages/records/): turning what a person typed into the
 * request body the API validates. They never judge a value — a mistyped number or date is sent as
 * typed so the API's own message appears beside the field (one home for each rule).
 */

/** Text for a number field: a number when it reads as one, null when blank, else the text itself (the API then says "must be a number"). */
export function numberOrText(s: string): number | string | null {
  const t = s.trim();
  if (t === '') return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : t;
}

/** Comma- or line-separated text as a list of trimmed, non-empty entries. */
export function listOf(s: string): string[] {
  return s.split(/[,\n]/).map((x) => x.trim()).filter(Boolean);
}

/**
 * The body of a create (blank fields left out) or of a change (blank fields sent as null, so that
 * clearing a field clears it). Booleans, numbers and lists pass as they are.
 */
export function bodyFor(mode: 'create' | 'edit', values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    const blank = v === '' || v === null || v === undefined;
    if (blank) {
      if (mode === 'edit') out[k] = null;
      continue;
    }
    out[k] = typeof v === 'string' ? v.trim() : v;
  }
  return out;
}

export type DatePrecision = 'day' | 'month' | 'year' | 'range';

export interface DateEntry {
  precision: DatePrecision;
  /** day: YYYY-MM-DD; month: YYYY-MM; year: YYYY; range: the first day. */
  value: string;
  /** range only: the last day. */
  to: string;
}

const lastDayOfMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A date as entered with its precision → the from/to the API stores ("March 2024" is 2024-03-01 to
 * 2024-03-31). Unreadable input is passed through as typed for the API to name.
 */
export function dateRange(e: DateEntry): { from: string; to: string | null } {
  const v = e.value.trim();
  if (e.precision === 'month') {
    const m = /^(\d{4})-(\d{2})$/.exec(v);
    if (!m) return { from: v, to: null };
    const y = Number(m[1]);
    const mo = Number(m[2]);
    return { from: `${m[1]}-${m[2]}-01`, to: `${m[1]}-${m[2]}-${pad(lastDayOfMonth(y, mo))}` };
  }
  if (e.precision === 'year') return /^\d{4}$/.test(v) ? { from: `${v}-01-01`, to: `${v}-12-31` } : { from: v, to: null };
  if (e.precision === 'range') return { from: v, to: e.to.trim() || null };
  return { from: v, to: null };
}

/** The reverse of dateRange, for a stored from/to: a whole month or year reads back as one. */
export function dateEntry(from: string | null, to: string | null): DateEntry {
  if (!from) return { precision: 'day', value: '', to: '' };
  if (!to || to === from) return { precision: 'day', value: from, to: '' };
  const [y, m, d] = from.split('-');
  if (d === '01' && to.startsWith(`${y}-${m}-`) && Number(to.slice(8)) === lastDayOfMonth(Number(y), Number(m))) return { precision: 'month', value: `${y}-${m}`, to: '' };
  if (m === '01' && d === '01' && to === `${y}-12-31`) return { precision: 'year', value: y!, to: '' };
  return { precision: 'range', value: from, to };
}
