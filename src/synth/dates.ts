/** The synthetic generator's names for the shared calendar's day numbers (days since 1970-01-01, UTC). */
import { civil, dayNumber, isoOf, isoWeekOf, parseDay, weekday } from '../calendar/index.js';

export function dayOf(iso: string): number {
  const day = parseDay(iso);
  if (day === null) throw new RangeError(`not a date: ${iso}`);
  return day;
}

/** Day number of year/month/day; months and days past the end roll over, as the generator relies on (month 13 = January next year). */
export function dayFromYmd(y: number, m: number, d: number): number {
  const y2 = y + Math.floor((m - 1) / 12);
  const m2 = ((((m - 1) % 12) + 12) % 12) + 1;
  return dayNumber(y2, m2, 1) + d - 1;
}

export { isoOf as isoOfDay };

export function ymdOfDay(day: number): { y: number; m: number; d: number } {
  const [y, m, d] = civil(day);
  return { y, m, d };
}

/** ISO weekday, Monday = 1 … Sunday = 7. */
export function isoWeekday(day: number): number {
  return weekday(day) + 1;
}

/** ISO 8601 week-numbering year and week. */
export { isoWeekOf as isoWeek };

/** The Monday of ISO week `week` of ISO year `year`. */
export function mondayOfIsoWeek(year: number, week: number): number {
  const jan4 = dayNumber(year, 1, 4);
  return jan4 - weekday(jan4) + (week - 1) * 7;
}

export function lastDayOfMonth(y: number, m: number): number {
  return dayFromYmd(y, m + 1, 1) - 1;
}

export function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

/** A timestamptz literal PostgreSQL reads in any session time zone. */
export function timestampOf(day: number, secondOfDay: number): string {
  return new Date(day * 86_400_000 + secondOfDay * 1000).toISOString();
}
