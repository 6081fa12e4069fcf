/**
 * What a claim asserts, as a range that can be compared. "At least nine" is [9, ∞); "more than
 * 290" is (290, ∞); "nearly 300" is about 300, read as ±10 %; "75.5 %" stated to one decimal is
 * [75.45, 75.55]; "in June" is the whole month. Pure.
 */
import { daysInMonth, windowAt } from '../calendar/index.js';

export type Qualifier = 'exact' | 'at_least' | 'at_most' | 'about' | 'more_than' | 'less_than';
export type Precision = 'day' | 'month' | 'year';

export interface ClaimFacts {
  id: string;
  speaker: string | null;
  speakerOrganisation: string | null;
  saidOn: string | null;
  saidOnPrecision: Precision;
  quantity: number | null;
  quantityQualifier: Qualifier | null;
  countsWhat: string | null;
  place: string | null;
  eventFrom: string | null;
  eventTo: string | null;
}

export interface Range {
  lo: number;
  hi: number;
  loOpen: boolean;
  hiOpen: boolean;
}

/** "About" is read as ±10 %: wide enough for "nearly 300" to include 290, narrow enough to mean something. */
export const ABOUT_TOLERANCE = 0.1;

function decimalsOf(n: number): number {
  const s = String(n);
  const i = s.indexOf('.');
  return i < 0 ? 0 : s.length - i - 1;
}

/** The range a stated quantity covers. `unit` matters for one thing: whole percentages are rounded figures. */
export function quantityRange(quantity: number, qualifier: Qualifier | null, unit?: string | null): Range {
  switch (qualifier ?? 'exact') {
    case 'at_least':
      return { lo: quantity, hi: Infinity, loOpen: false, hiOpen: true };
    case 'more_than':
      return { lo: quantity, hi: Infinity, loOpen: true, hiOpen: true };
    case 'at_most':
      return { lo: 0, hi: quantity, loOpen: false, hiOpen: false };
    case 'less_than':
      return { lo: 0, hi: quantity, loOpen: false, hiOpen: true };
    case 'about':
      return { lo: quantity * (1 - ABOUT_TOLERANCE), hi: quantity * (1 + ABOUT_TOLERANCE), loOpen: false, hiOpen: false };
    case 'exact': {
      // A figure stated with decimals (75.5 %) is itself rounded: it covers half its last digit either side.
      const d = decimalsOf(quantity);
      const half = d > 0 ? 0.5 * 10 ** -d : /percent|%/i.test(unit ?? '') ? 0.5 : 0;
      return { lo: quantity - half, hi: quantity + half, loOpen: false, hiOpen: half > 0 };
    }
  }
}

export function inRange(x: number, r: Range): boolean {
  const aboveLo = r.loOpen ? x > r.lo : x >= r.lo;
  const belowHi = r.hiOpen ? x < r.hi : x <= r.hi;
  return aboveLo && belowHi;
}

export function rangesOverlap(a: Range, b: Range): boolean {
  // The overlap's lower end is the larger lo; it is open if that lo is open on its side.
  const lo = Math.max(a.lo, b.lo);
  const hi = Math.min(a.hi, b.hi);
  if (lo < hi) return true;
  if (lo > hi) return false;
  const loOpen = (a.lo === lo && a.loOpen) || (b.lo === lo && b.loOpen);
  const hiOpen = (a.hi === hi && a.hiOpen) || (b.hi === hi && b.hiOpen);
  return !loOpen && !hiOpen;
}

/** `a` lies wholly above `b`: every value of a exceeds every value of b. */
export function whollyAbove(a: Range, b: Range): boolean {
  if (a.lo > b.hi) return true;
  return a.lo === b.hi && (a.loOpen || b.hiOpen);
}

const QUALIFIER_WORDS: Record<Qualifier, string> = {
  exact: '', at_least: 'at least ', at_most: 'at most ', about: 'about ', more_than: 'more than ', less_than: 'fewer than ',
};

export function describeQuantity(quantity: number, qualifier: Qualifier | null, unit: string | null): string {
  return `${QUALIFIER_WORDS[qualifier ?? 'exact']}${quantity}${unit ? (/^(percent|%)$/i.test(unit) ? '%' : ` ${unit}`) : ''}`;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A date as precisely as it is known: "6 February 2024", "February 2024", "2024". */
export function describeDate(date: string | null, precision: Precision = 'day'): string {
  if (!date) return 'date unknown';
  const [y, m, d] = date.split('-');
  if (precision === 'year') return y!;
  if (precision === 'month') return `${MONTHS[Number(m) - 1]} ${y}`;
  return `${Number(d)} ${MONTHS[Number(m) - 1]} ${y}`;
}

/** A claimed date window as words: "28 July 2024", "June 2024", "16–30 June 2024". */
export function describeWindow(from: string, to: string): string {
  if (from === to) return describeDate(from);
  const [fy, fm, fd] = from.split('-');
  const [ty, tm, td] = to.split('-');
  const lastDay = daysInMonth(Number(ty), Number(tm));
  if (fy === ty && fm === '01' && fd === '01' && tm === '12' && td === '31') return fy!;
  if (fy === ty && fm === tm && fd === '01' && Number(td) === lastDay) return `${MONTHS[Number(fm) - 1]} ${fy}`;
  if (fy === ty && fm === tm) return `${Number(fd)}–${Number(td)} ${MONTHS[Number(fm) - 1]} ${fy}`;
  return `${describeDate(from)} – ${describeDate(to)}`;
}

/** The window in which something was said, from the date and how precisely it is known. */
export function saidWindow(date: string | null, precision: Precision): { from: string; to: string } | null {
  return date ? windowAt(date, precision) : null;
}

/**
 * The date a running total was stated for: the end of the period it covers if given, else when it
 * was said. Null when neither is known (then it is compared as if simultaneous with everything).
 */
export function asOfWindow(c: Pick<ClaimFacts, 'eventTo' | 'saidOn' | 'saidOnPrecision'>): { from: string; to: string } | null {
  if (c.eventTo) return { from: c.eventTo, to: c.eventTo };
  return saidWindow(c.saidOn, c.saidOnPrecision);
}

/** Who said it, for display: "Robert Wood (US mission to the UN)" or the organisation alone. */
export function describeSpeaker(c: Pick<ClaimFacts, 'speaker' | 'speakerOrganisation'>): string {
  if (c.speaker && c.speakerOrganisation) return `${c.speaker} (${c.speakerOrganisation})`;
  return c.speaker ?? c.speakerOrganisation ?? 'unattributed (the source itself)';
}
