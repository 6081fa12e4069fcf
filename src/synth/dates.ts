/** Calendar arithmetic on UTC day numbers (days since 1970-01-01), for the synthetic generator. */

const MS_PER_DAY = 86_400_000;

export function dayOf(iso: string): number {
  return Math.floor(Date.parse(iso + 'T00:00:00Z') / MS_PER_DAY);
}

export function dayFromYmd(y: number, m: number, d: number): number {
  return Math.floor(Date.UTC(y, m - 1, d) / MS_PER_DAY);
}

export function isoOfDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export function ymdOfDay(day: number): { y: number; m: number; d: number } {
  const dt = new Date(day * MS_PER_DAY);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
}

/** ISO weekday, Monday = 1 … Sunday = 7. 1970-01-01 was a Thursday. */
export function isoWeekday(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** ISO 8601 week-numbering year and week (weeks start on Monday; week 1 holds the first Thursday). */
export function isoWeek(day: number): { year: number; week: number } {
  const thursday = day - isoWeekday(day) + 4;
  const year = ymdOfDay(thursday).y;
  const week = Math.floor((thursday - dayFromYmd(year, 1, 1)) / 7) + 1;
  return { year, week };
}

/** The Monday of ISO week `week` of ISO year `year`. */
export function mondayOfIsoWeek(year: number, week: number): number {
  const jan4 = dayFromYmd(year, 1, 4);
  return jan4 - isoWeekday(jan4) + 1 + (week - 1) * 7;
}

export function lastDayOfMonth(y: number, m: number): number {
  return dayFromYmd(y, m + 1, 1) - 1;
}

export function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

/** A timestamptz literal PostgreSQL reads in any session time zone. */
export function timestampOf(day: number, secondOfDay: number): string {
  return new Date(day * MS_PER_DAY + secondOfDay * 1000).toISOString();
}
