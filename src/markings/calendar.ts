/**
 * Calendar arithmetic on day numbers (days since 1970-01-01, UTC). Date objects are avoided on
 * the hot path: the engine decodes hundreds of thousands of markings a second, and integers are
 * both faster and immune to time-zone surprises.
 */

/** Day number of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function dayNumber(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** [year, month, day] of a day number (civil_from_days). */
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

/** Days from 1900-01-01 to 2199-12-31 get their string cached in a flat array: the same few thousand recur constantly. */
const CACHE_FIRST = -25567; // 1900-01-01
const CACHE_SIZE = 109_573; // through 2199-12-31
const isoCache: (string | undefined)[] = new Array(CACHE_SIZE);

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

const parseCache = new Map<string, number | null>();

/** Day number of an ISO date string (`YYYY-MM-DD`, optionally followed by a time) or Date; null when it is not a real date. */
export function parseDay(v: string | Date | undefined | null): number | null {
  if (v === undefined || v === null) return null;
  if (v instanceof Date) {
    const t = v.getTime();
    return Number.isFinite(t) ? Math.floor(t / 86_400_000) : null;
  }
  if (typeof v !== 'string') return null;
  // Callers pass the same few context dates over and over.
  const hit = parseCache.get(v);
  if (hit !== undefined) return hit;
  const d = parseIso(v);
  if (parseCache.size < 10_000) parseCache.set(v, d);
  return d;
}

function parseIso(v: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(v);
  if (!m) return null;
  const y = +m[1]!, mo = +m[2]!, d = +m[3]!;
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  return dayNumber(y, mo, d);
}

export function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeap(y) ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Day of week, Monday = 0 … Sunday = 6 (1970-01-01 was a Thursday). */
export function weekday(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

export function yearOf(day: number): number {
  return civil(day)[0];
}

/** Monday of ISO week 1: the week that contains 4 January. */
export function isoWeekOneMonday(y: number): number {
  const jan4 = dayNumber(y, 1, 4);
  return jan4 - weekday(jan4);
}

/** An ISO year has 53 weeks when it starts on a Thursday, or is a leap year starting on a Wednesday. */
export function isLongIsoYear(y: number): boolean {
  const wd = weekday(dayNumber(y, 1, 1));
  return wd === 3 || (wd === 2 && isLeap(y));
}

/** First and last day of ISO week `w` of ISO year `y` (w = 53 in a short year gives the 53rd 7-day slot). */
export function isoWeek(y: number, w: number): [number, number] {
  const from = isoWeekOneMonday(y) + 7 * (w - 1);
  return [from, from + 6];
}

/**
 * Week `w` counted so that week 01 is the week containing 1 January (Microchip). Weeks are taken
 * to start on Sunday, the US convention; the window is widened by one day so a Monday start is
 * covered too, since the maker's guide does not say which day a week starts on.
 */
export function jan1Week(y: number, w: number): [number, number] {
  const jan1 = dayNumber(y, 1, 1);
  const sunday = jan1 - ((weekday(jan1) + 1) % 7);
  const from = Math.max(jan1, sunday + 7 * (w - 1));
  const to = Math.min(dayNumber(y, 12, 31), sunday + 7 * (w - 1) + 7);
  return [from, to];
}

export function monthRange(y: number, m: number): [number, number] {
  return [dayNumber(y, m, 1), dayNumber(y, m, daysInMonth(y, m))];
}

export function yearRange(y: number): [number, number] {
  return [dayNumber(y, 1, 1), dayNumber(y, 12, 31)];
}
