/**
 * Birth dates as lists give them: a full date, a month or a year alone
 * ("1957", "1957-05", "1957-05-13"). Two dates agree when they agree to the
 * precision both give; a listed year does not contradict a query's full date
 * in that year.
 */

/** The leading YYYY[-MM[-DD]] of a date string, or null. */
export function parsePartialDate(raw: string): string | null {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(raw.trim());
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 1800 || year > 2100) return null;
  if (m[2] && (Number(m[2]) < 1 || Number(m[2]) > 12)) return m[1]!;
  if (m[3] && (Number(m[3]) < 1 || Number(m[3]) > 31)) return `${m[1]}-${m[2]}`;
  return m[0];
}

export type DateAgreement = 'agree' | 'near' | 'differ';

/**
 * `agree`: equal to the shared precision. `near`: the same year with month
 * or day apart, a day and month written the other way round, or years one
 * apart (transcription slips and calendar conversions that lists contain).
 * `differ`: anything else: years two or more apart.
 */
export function compareDates(a: string, b: string): DateAgreement {
  const n = Math.min(a.length, b.length);
  if (a.slice(0, n) === b.slice(0, n)) return 'agree';
  const ya = Number(a.slice(0, 4));
  const yb = Number(b.slice(0, 4));
  if (ya === yb) return 'near';
  if (Math.abs(ya - yb) === 1) return 'near';
  return 'differ';
}

export interface DateEvidence {
  agreement: DateAgreement | null;
  query: string | null;
  listed: string | null;
}

/** The best agreement between any query date and any listed date (null when a side gives none). */
export function compareBirthDates(query: readonly string[], listed: readonly string[]): DateEvidence {
  let best: DateEvidence = { agreement: null, query: null, listed: null };
  const rank = { agree: 3, near: 2, differ: 1 } as const;
  for (const q of query) {
    for (const l of listed) {
      const a = compareDates(q, l);
      if (best.agreement === null || rank[a] > rank[best.agreement]) best = { agreement: a, query: q, listed: l };
    }
  }
  return best;
}

const MONTHS: Record<string, string> = {
  jan: '01', feb: '02', mar: '03', apr: '04', may: '05', jun: '06', jul: '07', aug: '08', sep: '09', oct: '10', nov: '11', dec: '12',
};

/**
 * A date as lists write it, to a partial ISO date: "1944-10-13", "13 Oct
 * 1944", "Oct 1944", "1944", "circa 1944", "1944-10-13T00:00:00". Null when
 * there is no year in it.
 */
export function parseListDate(text: string): string | null {
  const t = text.trim();
  const iso = parsePartialDate(t);
  if (iso) return iso;
  const m = /^(?:(?:circa|ca\.?|approximately|about)\s+)?(?:(\d{1,2})\s+)?([A-Za-z]{3})[a-z]*\.?\s+(\d{4})$/i.exec(t);
  const month = m ? MONTHS[m[2]!.toLowerCase()] : undefined;
  if (m && month) return m[1] ? `${m[3]}-${month}-${m[1].padStart(2, '0')}` : `${m[3]}-${month}`;
  const y = /^(?:(?:circa|ca\.?|approximately|about)\s+)?(\d{4})$/i.exec(t);
  return y ? parsePartialDate(y[1]!) : null;
}
