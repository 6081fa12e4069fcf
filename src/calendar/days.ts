/**
 * Calendar days as integers: the day number of a date is the count of days since 1970-01-01 in
 * the proleptic Gregorian calendar. Integers are immune to time zones and daylight saving, and
 * fast enough for the identification engine's hot path (it decodes hundreds of thousands of
 * markings a second), so every context does its day arithmetic here. Pure: no clock is read.
 */

/** Thrown for text that is not a real `YYYY-MM-DD` date (2023-02-29, 2024-13-01, "soon"). */
export class InvalidDate extends RangeError {}

/** Day number of year/month/day, unchecked (H. Hinnant's days_from_civil); see `isValidYmd`. */
export function dayNumber(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** [year, month, day] of a day number (Hinnant's civil_from_days). */
export function civil(z: number): [number, number, number] {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

export function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeap(y) ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Whether year/month/day names a day that exists (integers, month 1–12, day within the month). */
export function isValidYmd(y: number, m: number, d: number): boolean {
  return Number.isInteger(y) && Number.isInteger(m) && Number.isInteger(d) && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** Day of week, Monday = 0 … Sunday = 6 (1970-01-01 was a Thursday). */
export function weekday(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

export function yearOf(day: number): number {
  return civil(day)[0];
}

/** Days 1900-01-01 … 2199-12-31 keep their string in a flat array: the same few thousand recur constantly. */
const CACHE_FIRST = -25567; // 1900-01-01
const CACHE_SIZE = 109_573; // through 2199-12-31
const isoCache = new Array<string | undefined>(CACHE_SIZE);

/** `YYYY-MM-DD` of a day number. */
export function isoOf(day: number): string {
  const i = day - CACHE_FIRST;
  const inRange = i >= 0 && i < CACHE_SIZE;
  let s = inRange ? isoCache[i] : undefined;
  if (s === undefined) {
    const [y, m, d] = civil(day);
    s = `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
    if (inRange) isoCache[i] = s;
  }
  return s;
}

/** `YYYY-MM-DD` of year/month/day, or null when that day does not exist or the year has not four digits. */
export function isoOfYmd(y: number, m: number, d: number): string | null {
  if (y < 0 || y > 9999 || !isValidYmd(y, m, d)) return null;
  return isoOf(dayNumber(y, m, d));
}

const ISO_PREFIX = /^(\d{4})-(\d{2})-(\d{2})/;
const parseCache = new Map<string, number | null>();

/**
 * Day number of an ISO date (`YYYY-MM-DD`, optionally followed by a time, which is ignored) or of
 * a Date's UTC day; null when it is not a real date. Lenient about what follows the date because
 * timestamps arrive here too; `toDayNumber` is the strict form for user input.
 */
export function parseDay(v: string | Date | undefined | null): number | null {
  if (v === undefined || v === null) return null;
  if (v instanceof Date) {
    const t = v.getTime();
    return Number.isFinite(t) ? Math.floor(t / 86_400_000) : null;
  }
  if (typeof v !== 'string') return null;
  // The engine passes the same few context dates over and over.
  const hit = parseCache.get(v);
  if (hit !== undefined) return hit;
  const m = ISO_PREFIX.exec(v);
  const y = m ? +m[1]! : 0, mo = m ? +m[2]! : 0, d = m ? +m[3]! : 0;
  const day = m && isValidYmd(y, mo, d) ? dayNumber(y, mo, d) : null;
  if (parseCache.size < 10_000) parseCache.set(v, day);
  return day;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Whether `s` is exactly a real `YYYY-MM-DD` date. */
export function isIsoDate(s: string): boolean {
  return ISO_DATE.test(s) && parseDay(s) !== null;
}

/** Day number of exactly `YYYY-MM-DD`; throws `InvalidDate` for anything else, 2023-02-29 included. */
export function toDayNumber(date: string): number {
  if (!ISO_DATE.test(date)) throw new InvalidDate(`"${date}" is not a date as YYYY-MM-DD`);
  const day = parseDay(date);
  if (day === null) throw new InvalidDate(`"${date}" is not a calendar date`);
  return day;
}

export function addDays(date: string, days: number): string {
  return isoOf(toDayNumber(date) + days);
}

/** Whole calendar days from `a` to `b` (negative when `b` is earlier). */
export function daysBetween(a: string, b: string): number {
  return toDayNumber(b) - toDayNumber(a);
}
