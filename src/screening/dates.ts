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
