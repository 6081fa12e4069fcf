/**
 * Date-code rules: one small function per convention. Each reads one token (already upper-cased)
 * and returns every window the convention allows, with confidences that sum to 1 within the rule,
 * or null when the token does not fit. Nothing is decided here: the context (today, recovery
 * date, introduction year) is applied by the caller, so that a reading it rules out can still be
 * shown with the reason.
 *
 * The guards are written with character codes rather than regular expressions: rules run for
 * every token of every marking, and most tokens are rejected on their length or first character.
 * Conventions and their sources are summarised in docs/identification.md.
 */
import type { WarningCode } from './types.js';
import { dayNumber, isLongIsoYear, isoWeek, jan1Week, monthRange, yearRange } from './calendar.js';

export interface RuleEnv {
  /** "Today" as a day number; one-digit years never name a later year. */
  today: number;
  todayYear: number;
  /** Earliest year a one-digit year code may mean (introduction year, or 30 years back). */
  oneDigitFloor: number;
}

/** A window in day numbers, before the context is applied. */
export interface RawDate {
  from: number;
  to: number;
  rule: string;
  /** The characters that carry the date. */
  chars: string;
  /** The whole token they were read from. */
  token: string;
  confidence: number;
  /** What the window is, e.g. "2023, ISO week 41". */
  note: string;
  /** What else the token says (site, lot, lead letter), e.g. "; die revision B". */
  detail: string;
  flag?: WarningCode;
  site?: string;
  lot?: string;
}

export type RuleFn = (token: string, env: RuleEnv) => RawDate[] | null;

/** Two-digit years before this are not taken as date codes (the first IC date codes are from the 1960s). */
const EARLIEST_YEAR = 1960;

/** Years a two-digit year may mean: both centuries, those before 1960 dropped. Future years are kept so the caller can show why they were refused. */
const TWO_DIGIT_YEARS: number[][] = Array.from({ length: 100 }, (_, yy) => (1900 + yy >= EARLIEST_YEAR ? [2000 + yy, 1900 + yy] : [2000 + yy]));

const oneDigitCache = new Map<number, [number[], number[]]>();
/**
 * Years ending in `d` from `oneDigitFloor` to this year, most recent first, with weights halving
 * per decade back: parts found in recovered weapons are overwhelmingly recent (CAR: over 75% of
 * the readable date codes on the January 2024 KN-23 were from 2021–2023), but older stock exists.
 */
function oneDigitYears(d: number, env: RuleEnv): [number[], number[]] {
  const key = (env.todayYear * 10000 + env.oneDigitFloor) * 10 + d;
  let hit = oneDigitCache.get(key);
  if (hit) return hit;
  const years: number[] = [];
  for (let y = env.todayYear - ((((env.todayYear - d) % 10) + 10) % 10); y >= env.oneDigitFloor && years.length < 6; y -= 10) years.push(y);
  const weights: number[] = [];
  let sum = 0;
  for (let i = 0; i < years.length; i++) { weights.push(1 / (1 << i)); sum += weights[i]!; }
  for (let i = 0; i < weights.length; i++) weights[i]! /= sum;
  hit = [years, weights];
  if (oneDigitCache.size < 10_000) oneDigitCache.set(key, hit);
  return hit;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}
function isAlnum(c: number): boolean {
  return isDigit(c) || isUpper(c);
}
/** Value of `len` digits from `start`, or -1 when any is not a digit. */
function digits(s: string, start: number, len: number): number {
  let v = 0;
  for (let i = start; i < start + len; i++) {
    const c = s.charCodeAt(i);
    if (!isDigit(c)) return -1;
    v = v * 10 + (c - 48);
  }
  return v;
}
function allOf(s: string, start: number, end: number, test: (c: number) => boolean): boolean {
  for (let i = start; i < end; i++) if (!test(s.charCodeAt(i))) return false;
  return true;
}

const weekNotes: (string | undefined)[] = [];
/** "2023, ISO week 41", cached: number-to-text conversion is a large share of the work otherwise. */
function weekNote(y: number, w: number): string {
  const k = (y - 1900) * 54 + w;
  if (k < 0 || k > 300 * 54) return `${y}, ISO week ${w}`;
  return (weekNotes[k] ??= `${y}, ISO week ${w}`);
}

/** An ISO-week window; week 53 of a short year is kept, flagged, and confined to the year's last days. */
function isoWeekDate(y: number, w: number, rule: string, chars: string, token: string, confidence: number, detail = ''): RawDate {
  if (w === 53 && !isLongIsoYear(y)) {
    return {
      from: dayNumber(y, 12, 25), to: dayNumber(y, 12, 31), rule, chars, token, confidence: confidence * 0.3,
      note: `${y}, week 53 (${y} has only 52 ISO weeks)`, detail: '; read as the last days of the year' + detail, flag: 'week-53-short-year',
    };
  }
  const [from, to] = isoWeek(y, w);
  return { from, to, rule, chars, token, confidence, note: weekNote(y, w), detail };
}

function suffixNote(t: string, from: number): string {
  return from < t.length ? `; trailing "${t.slice(from)}" read as a sub-lot or site code, not part of the date` : '';
}

/** Four digits, then at most two letters (`2436A`). */
function fourDigitsAndLetters(t: string): boolean {
  const n = t.length;
  return n >= 4 && n <= 6 && allOf(t, 0, 4, isDigit) && allOf(t, 4, n, isUpper);
}

// ---------------------------------------------------------------------------------------------
// ECIA / JEDEC general conventions.

/** `YYWW` (ECIA): two-digit year, ISO week. Trailing letters (`2436A`) are a sub-lot or site. */
export const eciaYyww: RuleFn = (t) => {
  if (!fourDigitsAndLetters(t)) return null;
  const yy = digits(t, 0, 2), ww = digits(t, 2, 2);
  if (ww < 1 || ww > 53) return null;
  const years = TWO_DIGIT_YEARS[yy]!;
  const chars = t.length === 4 ? t : t.slice(0, 4), detail = suffixNote(t, 4);
  return years.map((y) => isoWeekDate(y, ww, 'ecia-yyww', chars, t, 1 / years.length, detail));
};

/**
 * `YYWW` run together with lot characters: four digits, a letter, then two to five letters or
 * digits (`0037K7027` = 2000 week 37, lot K7027; NEC and others print the date and lot as one word).
 */
export const eciaYywwLot: RuleFn = (t) => {
  const n = t.length;
  if (n < 7 || n > 10 || !allOf(t, 0, 4, isDigit) || !isUpper(t.charCodeAt(4)) || !allOf(t, 5, n, isAlnum)) return null;
  const yy = digits(t, 0, 2), ww = digits(t, 2, 2);
  if (ww < 1 || ww > 53) return null;
  const years = TWO_DIGIT_YEARS[yy]!;
  const lot = t.slice(4);
  return years.map((y) => { const r = isoWeekDate(y, ww, 'ecia-yyww-lot', t.slice(0, 4), t, 1 / years.length, `; lot ${lot} printed after the date code`); r.lot = lot; return r; });
};

/**
 * `A9802`, `L0314`, `E023057`, `C983938-M`: one letter (an assembly site, fab or revision), then
 * YYWW, then at most three lot digits and a hyphenated letter or two. Memory and Japanese makers
 * print their date this way on the line below the part number (Sharp, BSI, Macronix labels in the
 * evaluation set's dev split). The lead letter is kept as a site code, not read.
 */
export const letterYyww: RuleFn = (t) => {
  const n = t.length;
  if (n < 5 || n > 10 || !isUpper(t.charCodeAt(0)) || !allOf(t, 1, 5, isDigit)) return null;
  let end = 5;
  while (end < n && end < 8 && isDigit(t.charCodeAt(end))) end++;
  if (end < n && !(t.charCodeAt(end) === 45 && n - end >= 2 && n - end <= 3 && allOf(t, end + 1, n, isUpper))) return null;
  const yy = digits(t, 1, 2), ww = digits(t, 3, 2);
  if (ww < 1 || ww > 53) return null;
  const years = TWO_DIGIT_YEARS[yy]!;
  const lot = end > 5 ? t.slice(5, end) : '';
  const detail = `; ${t[0]} before the date read as a site or revision letter${lot ? `; lot ${lot} printed after the date code` : ''}`;
  return years.map((y) => { const r = isoWeekDate(y, ww, 'letter-yyww', t.slice(1, 5), t, 1 / years.length, detail); if (lot) r.lot = lot; return r; });
};

/** `WWYY`: the same four digits read week first (some modules and older parts). */
export const eciaWwyy: RuleFn = (t) => {
  if (!fourDigitsAndLetters(t)) return null;
  const ww = digits(t, 0, 2), yy = digits(t, 2, 2);
  if (ww < 1 || ww > 53) return null;
  const years = TWO_DIGIT_YEARS[yy]!;
  const chars = t.length === 4 ? t : t.slice(0, 4), detail = '; read week first' + suffixNote(t, 4);
  return years.map((y) => isoWeekDate(y, ww, 'ecia-wwyy', chars, t, 1 / years.length, detail));
};

/** `YWW` (ECIA, small packages): last digit of the year, ISO week; the decade comes from context. */
export const eciaYww: RuleFn = (t, env) => (t.length === 3 ? yww(t, 0, t, env, 'ecia-yww', undefined) : null);

/** `YWW` at `start` of `t` (three digits). */
function yww(t: string, start: number, token: string, env: RuleEnv, rule: string, site: string | undefined): RawDate[] | null {
  const d = digits(t, start, 1), ww = digits(t, start + 1, 2);
  if (d < 0 || ww < 1 || ww > 53) return null;
  const [years, weights] = oneDigitYears(d, env);
  if (!years.length) return null;
  const chars = start === 0 && t.length === 3 ? t : t.slice(start, start + 3);
  const detail = years.length > 1 ? '; one-digit year: the decade comes from context' : '';
  return years.map((y, i) => {
    const r = isoWeekDate(y, ww, rule, chars, token, weights[i]!, detail);
    if (site) r.site = site;
    return r;
  });
}

// ---------------------------------------------------------------------------------------------
// Maker conventions.

const MONTH_CODES = '123456789ABC';

function ym(t: string, start: number, env: RuleEnv, rule: string, site?: string, lot?: string): RawDate[] | null {
  const d = digits(t, start, 1);
  const m = MONTH_CODES.indexOf(t[start + 1] ?? '') + 1;
  if (d < 0 || m < 1) return null;
  const [years, weights] = oneDigitYears(d, env);
  if (!years.length) return null;
  const chars = t.slice(start, start + 2);
  return years.map((y, i) => {
    const [from, to] = monthRange(y, m);
    const r: RawDate = { from, to, rule, chars, token: t, confidence: weights[i]!, note: `${y}-${m < 10 ? '0' : ''}${m}`, detail: `; year digit ${d}, month code ${t[start + 1]}` };
    if (site) r.site = site;
    if (lot) r.lot = lot;
    return r;
  });
}

/** Texas Instruments `YM` / `YMS` / `YMSLLLL`: year digit, month 1–9 A B C, assembly site S, lot LLLL. */
export const tiYm: RuleFn = (t, env) => {
  const n = t.length;
  if (n < 2 || n > 10 || !isDigit(t.charCodeAt(0)) || MONTH_CODES.indexOf(t[1]!) < 0) return null;
  if (n === 2) return ym(t, 0, env, 'ti-ym');
  if (!allOf(t, 2, n, isAlnum)) return null;
  // A bare digit string of four or more characters is far more likely an ECIA code than YMS + lot.
  if (n >= 4 && allOf(t, 0, n, isDigit)) return null;
  return ym(t, 0, env, 'ti-ym', t[2], n > 3 ? t.slice(3) : undefined);
};

/** Microchip `YYWWNNN`: two-digit year, week where week 01 contains 1 January (not ISO), NNN traceability code. */
export const microchipYywwnnn: RuleFn = (t) => {
  if (t.length !== 7 || !allOf(t, 0, 4, isDigit) || !allOf(t, 4, 7, isAlnum)) return null;
  const yy = digits(t, 0, 2), ww = digits(t, 2, 2);
  if (ww < 1 || ww > 53) return null;
  const years = TWO_DIGIT_YEARS[yy]!;
  const out: RawDate[] = [];
  for (const y of years) { const r = microchipWeek(y, ww, 'microchip-yywwnnn', t.slice(0, 4), t, 1 / years.length, `; traceability code ${t.slice(4)}`, t.slice(4)); if (r) out.push(r); }
  return out.length ? out : null;
};

/** Microchip week `ww` of year `y` (week 01 holds 1 January), or null when the week does not exist. */
function microchipWeek(y: number, ww: number, rule: string, chars: string, token: string, confidence: number, detail: string, lot?: string): RawDate | null {
  const [from, to] = jan1Week(y, ww);
  if (from > to) return null;
  const r: RawDate = { from, to, rule, chars, token, confidence, note: `${y}, week ${ww} (week 01 holds 1 January)`, detail };
  if (lot) r.lot = lot;
  return r;
}

/**
 * Microchip `YYWW` on the line after the package code, run together with it or with the
 * temperature range (`SN0648`, `COA0215`, `I/SN0310`): package and temperature letters are
 * ordering codes, the four digits a two-digit year and a Microchip week.
 */
export const microchipYyww: RuleFn = (t) => {
  const n = t.length;
  if (n < 4 || n > 9) return null;
  let a = 0;
  if (n >= 6 && t.charCodeAt(1) === 47 && isUpper(t.charCodeAt(0))) a = 2; // `I/`
  const lettersEnd = n - 4;
  if (lettersEnd - a > 3 || !allOf(t, a, lettersEnd, isUpper) || !allOf(t, lettersEnd, n, isDigit)) return null;
  const yy = digits(t, lettersEnd, 2), ww = digits(t, lettersEnd + 2, 2);
  if (ww < 1 || ww > 53) return null;
  const years = TWO_DIGIT_YEARS[yy]!;
  const pkg = t.slice(0, lettersEnd);
  const detail = pkg ? `; ${pkg} is the temperature/package code` : '';
  const out: RawDate[] = [];
  for (const y of years) { const r = microchipWeek(y, ww, 'microchip-yyww', t.slice(lettersEnd), t, 1 / years.length, detail); if (r) out.push(r); }
  return out.length ? out : null;
};

/** Microchip `YWWNNN`: one-digit year, Microchip week, traceability code (`215025`). */
export const microchipYwwnnn: RuleFn = (t, env) => {
  if (t.length !== 6 || !allOf(t, 0, 6, isDigit)) return null;
  const d = digits(t, 0, 1), ww = digits(t, 1, 2);
  if (ww < 1 || ww > 53) return null;
  const [years, weights] = oneDigitYears(d, env);
  const out: RawDate[] = [];
  years.forEach((y, i) => { const r = microchipWeek(y, ww, 'microchip-ywwnnn', t.slice(0, 3), t, weights[i]!, `; traceability code ${t.slice(3)}`, t.slice(3)); if (r) out.push(r); });
  return out.length ? out : null;
};

/**
 * Microchip `YWW` on small packages, optionally led by the temperature letter (`I133`, `133`).
 * A three-digit word beside a four-digit code is usually the traceability code: this rule's low
 * weight ranks it after the `YYWW` word.
 */
export const microchipYww: RuleFn = (t, env) => {
  // The temperature range letters: I (industrial), E (extended), H (high), M (military).
  const c0 = t.charCodeAt(0);
  const a = t.length === 4 && (c0 === 73 || c0 === 69 || c0 === 72 || c0 === 77) ? 1 : 0;
  if (t.length !== a + 3 || !allOf(t, a, a + 3, isDigit)) return null;
  const d = digits(t, a, 1), ww = digits(t, a + 1, 2);
  if (ww < 1 || ww > 53) return null;
  const [years, weights] = oneDigitYears(d, env);
  const out: RawDate[] = [];
  years.forEach((y, i) => { const r = microchipWeek(y, ww, 'microchip-yww', t.slice(a), t, weights[i]!, a ? `; ${t[0]} is the temperature range` : ''); if (r) out.push(r); });
  return out.length ? out : null;
};

/**
 * STMicroelectronics `YWW`, optionally led by an assembly-site letter (`Z215`). ST prints the
 * year digit and week first: four digits run together (`2303`) are `YWW` and a trailing
 * character (2022 week 30), not a two-digit year (2023 week 3).
 */
export const stYww: RuleFn = (t, env) => {
  if (t.length === 3) return yww(t, 0, t, env, 'st-yww', undefined);
  if (t.length === 4 && isUpper(t.charCodeAt(0))) return yww(t, 1, t, env, 'st-yww', t[0]);
  if (t.length === 4 && allOf(t, 0, 4, isDigit)) {
    const r = yww(t, 0, t, env, 'st-yww', undefined);
    if (r) for (const x of r) x.detail += `; the fourth character "${t[3]}" follows the YWW code`;
    return r;
  }
  return null;
};

/** NXP / Philips: one to three assembly-site letters, `YYWW`, then an optional die-revision letter (`HNN1312B`). */
export const nxpYyww: RuleFn = (t) => {
  const n = t.length;
  if (n < 5 || n > 8) return null;
  let a = 0;
  while (a < n && a < 3 && isUpper(t.charCodeAt(a))) a++;
  if (a === 0 || n - a < 4 || n - a > 5 || !allOf(t, a, a + 4, isDigit) || (n - a === 5 && !isUpper(t.charCodeAt(n - 1)))) return null;
  const yy = digits(t, a, 2), ww = digits(t, a + 2, 2);
  if (ww < 1 || ww > 53) return null;
  const years = TWO_DIGIT_YEARS[yy]!;
  const site = t.slice(0, a), rev = n - a === 5 ? t[n - 1] : '';
  return years.map((y) => {
    const r = isoWeekDate(y, ww, 'nxp-yyww', t.slice(a, a + 4), t, 1 / years.length, `; site ${site}${rev ? `, die revision ${rev}` : ''}`);
    r.site = site;
    return r;
  });
};

/** Freescale (Motorola heritage) `AWLYYWW`: assembly site A, wafer lot WL, year, week. */
export const freescaleAwlyyww: RuleFn = (t) => {
  if (t.length !== 7 || !allOf(t, 0, 3, isUpper) || !allOf(t, 3, 7, isDigit)) return null;
  const yy = digits(t, 3, 2), ww = digits(t, 5, 2);
  if (ww < 1 || ww > 53) return null;
  const years = TWO_DIGIT_YEARS[yy]!;
  return years.map((y) => {
    const r = isoWeekDate(y, ww, 'freescale-awlyyww', t.slice(3), t, 1 / years.length, `; site ${t[0]}, wafer lot ${t.slice(1, 3)}`);
    r.site = t[0];
    r.lot = t.slice(1, 3);
    return r;
  });
};

/** Xilinx second line: package, pins, mask revision, fab and process letters, then `YYWW` (`PQ208AGQ0525`). */
export const xilinxYyww: RuleFn = (t) => {
  const n = t.length;
  if (n < 9 || n > 18 || !isUpper(t.charCodeAt(0))) return null;
  const m = /^([A-Z]{2,3})(\d{2,4})([A-Z]{1,4})(\d{2})(\d{2})([A-Z0-9]{0,2})$/.exec(t);
  if (!m) return null;
  const yy = +m[4]!, ww = +m[5]!;
  if (ww < 1 || ww > 53) return null;
  const years = TWO_DIGIT_YEARS[yy]!;
  return years.map((y) => isoWeekDate(y, ww, 'xilinx-yyww', m[4]! + m[5]!, t, 1 / years.length, `; package ${m[1]}${m[2]}, mask/fab/process ${m[3]}`));
};

/**
 * Xilinx small packages (`F1234567-0525`, CP132): the lot code, a letter and seven digits, then a
 * hyphen and `YYWW`. The lot is kept as the lot, never read as a date.
 */
export const xilinxLotYyww: RuleFn = (t) => {
  if (t.length !== 13 || !isUpper(t.charCodeAt(0)) || !allOf(t, 1, 8, isDigit) || t.charCodeAt(8) !== 45 || !allOf(t, 9, 13, isDigit)) return null;
  const yy = digits(t, 9, 2), ww = digits(t, 11, 2);
  if (ww < 1 || ww > 53) return null;
  const years = TWO_DIGIT_YEARS[yy]!;
  const lot = t.slice(0, 8);
  return years.map((y) => { const r = isoWeekDate(y, ww, 'xilinx-lot-yyww', t.slice(9), t, 1 / years.length, `; lot ${lot} printed before the date code`); r.lot = lot; return r; });
};

/** Xilinx second line split after the package (`FT256 AGQ0625`): mask/fab/process letters, then `YYWW`. */
export const xilinxLettersYyww: RuleFn = (t) => {
  const n = t.length;
  if (n < 6 || n > 8 || !allOf(t, 0, n - 4, isUpper) || !allOf(t, n - 4, n, isDigit)) return null;
  const yy = digits(t, n - 4, 2), ww = digits(t, n - 2, 2);
  if (ww < 1 || ww > 53) return null;
  const years = TWO_DIGIT_YEARS[yy]!;
  return years.map((y) => isoWeekDate(y, ww, 'xilinx-yyww-split', t.slice(n - 4), t, 1 / years.length, `; mask/fab/process ${t.slice(0, n - 4)}`));
};

/**
 * Zhuhai Jieli serial line: two letters, `YYWW`, then lot characters (`AB1526CG3X1F`), or two
 * letters, `YY` and a letter pair (`AC20AP2J262`), which gives the year only.
 */
export const jieliSerial: RuleFn = (t) => {
  const n = t.length;
  if (n < 8 || !isUpper(t.charCodeAt(0)) || !isUpper(t.charCodeAt(1)) || !isDigit(t.charCodeAt(2)) || !isDigit(t.charCodeAt(3))) return null;
  const yy = digits(t, 2, 2);
  if (isUpper(t.charCodeAt(4)) && t.charCodeAt(5) === 80) { // `AP`, `BP`: year only
    const [from, to] = yearRange(2000 + yy);
    return [{ from, to, rule: 'jieli-serial', chars: t.slice(2, 4), token: t, confidence: 1, note: `${2000 + yy}`, detail: '; Jieli serial: year, then lot' }];
  }
  const ww = digits(t, 4, 2);
  if (ww < 1 || ww > 53) return null;
  return [isoWeekDate(2000 + yy, ww, 'jieli-serial', t.slice(2, 6), t, 1, '; Jieli serial: year and week, then lot')];
};

/** Intel / Altera: an 11-character code whose characters 7–10 are `YYWW`. */
export const intelAlteraYyww: RuleFn = (t) => {
  if (t.length !== 11 || !allOf(t, 0, 11, isAlnum) || allOf(t, 0, 11, isDigit)) return null;
  const yy = digits(t, 6, 2), ww = digits(t, 8, 2);
  if (yy < 0 || ww < 1 || ww > 53) return null;
  const years = TWO_DIGIT_YEARS[yy]!;
  return years.map((y) => isoWeekDate(y, ww, 'intel-altera-yyww', t.slice(6, 10), t, 1 / years.length, '; characters 7–10 of the 11-character code'));
};

const INFINEON_LEAD: Record<string, string> = { E: 'engineering sample', G: 'RoHS (green)', H: 'RoHS and halogen-free' };
function infineonLead(t: string, len: number): string {
  return t.length === len + 1 && INFINEON_LEAD[t[0]!] ? t[0]! : '';
}

/** Infineon `YYWW`, led by E/G/H (engineering sample, RoHS, halogen-free), which is not part of the date. */
export const infineonYyww: RuleFn = (t) => {
  const lead = infineonLead(t, 4), a = lead ? 1 : 0;
  if (t.length !== a + 4 || !allOf(t, a, a + 4, isDigit)) return null;
  const yy = digits(t, a, 2), ww = digits(t, a + 2, 2);
  if (ww < 1 || ww > 53) return null;
  const years = TWO_DIGIT_YEARS[yy]!;
  const detail = lead ? `; leading ${lead}: ${INFINEON_LEAD[lead]}` : '';
  return years.map((y) => isoWeekDate(y, ww, 'infineon-yyww', t.slice(a), t, 1 / years.length, detail));
};

/** Infineon `YWW` with the optional E/G/H lead. */
export const infineonYww: RuleFn = (t, env) => {
  const lead = infineonLead(t, 3), a = lead ? 1 : 0;
  if (t.length !== a + 3) return null;
  const r = yww(t, a, t, env, 'infineon-yww', undefined);
  if (r && lead) for (const x of r) x.detail += `; leading ${lead}: ${INFINEON_LEAD[lead]}`;
  return r;
};

/** Infineon `YM` on the smallest packages (month letters assumed as TI's: 1–9, A–C; unconfirmed). */
export const infineonYm: RuleFn = (t, env) => {
  const lead = infineonLead(t, 2), a = lead ? 1 : 0;
  if (t.length !== a + 2) return null;
  const r = ym(t, a, env, 'infineon-ym');
  if (r) for (const x of r) x.flag = 'unconfirmed-rule';
  return r;
};

/** Vishay `P045XA`: P (lead-free), year digit, week, production line letters. */
export const vishayPyww: RuleFn = (t, env) => {
  const n = t.length;
  if (n < 4 || n > 6) return null;
  const p = t.charCodeAt(0) === 80 ? 1 : 0; // 'P'
  if (n - p < 3 || !allOf(t, p, p + 3, isDigit) || !allOf(t, p + 3, n, isUpper)) return null;
  const line = t.slice(p + 3);
  if (!p && !line) return null;
  const r = yww(t, p, t, env, 'vishay-pyww', undefined);
  if (!r) return null;
  for (const x of r) {
    if (p) x.detail += '; P: lead-free';
    if (line) { x.lot = line; x.detail += `; production line ${line}`; }
  }
  return r;
};

function plantLetter(t: string, len: number): string {
  return t.length === len + 1 && isUpper(t.charCodeAt(0)) ? t[0]! : '';
}

/** Fairchild/onsemi `XXYY` (two-digit year, work week), optionally led by the assembly-plant letter. */
export const onsemiXxyy: RuleFn = (t) => {
  const plant = plantLetter(t, 4), a = plant ? 1 : 0;
  if (t.length !== a + 4 || !allOf(t, a, a + 4, isDigit)) return null;
  const yy = digits(t, a, 2), ww = digits(t, a + 2, 2);
  if (ww < 1 || ww > 53) return null;
  const years = TWO_DIGIT_YEARS[yy]!;
  return years.map((y) => {
    const r = isoWeekDate(y, ww, 'onsemi-xxyy', t.slice(a), t, 1 / years.length, plant ? `; plant ${plant}` : '');
    if (plant) r.site = plant;
    return r;
  });
};

/** Fairchild/onsemi `XYY`: year digit and work week, optionally led by the plant letter. */
export const onsemiXyy: RuleFn = (t, env) => {
  const plant = plantLetter(t, 3), a = plant ? 1 : 0;
  if (t.length !== a + 3) return null;
  return yww(t, a, t, env, 'onsemi-xyy', plant || undefined);
};

/** Six-week periods of the Fairchild/onsemi one-digit week code (`XY`): code → [first week, last week]. */
const SIX_WEEK: Record<string, [number, number]> = {
  '1': [6, 11], '2': [12, 17], '3': [18, 23], '4': [24, 29], '5': [30, 35], '6': [36, 41], '7': [42, 47], '8': [48, 51],
};

/**
 * Fairchild/onsemi `XY`: year digit, then a one-digit code for a six-week period. Code 9 spans
 * week 52 to week 05 across the year end; which year the digit names is not documented, so both
 * are returned.
 */
export const onsemiXy: RuleFn = (t, env) => {
  const plant = plantLetter(t, 2), a = plant ? 1 : 0;
  if (t.length !== a + 2 || !allOf(t, a, a + 2, isDigit)) return null;
  const yd = digits(t, a, 1), code = t[a + 1]!;
  const [years, weights] = oneDigitYears(yd, env);
  const chars = t.slice(a);
  const out: RawDate[] = [];
  years.forEach((y, i) => {
    const p = SIX_WEEK[code];
    if (p) {
      out.push({ from: isoWeek(y, p[0])[0], to: isoWeek(y, p[1])[1], rule: 'onsemi-xy', chars, token: t, confidence: weights[i]!, note: `${y}, weeks ${p[0]}–${p[1]}`, detail: `; six-week code ${code}`, ...(plant ? { site: plant } : {}) });
    } else if (code === '9') {
      const detail = '; code 9 spans the year end and the guide does not say which year the digit names';
      out.push({ from: isoWeek(y - 1, 52)[0], to: isoWeek(y, 5)[1], rule: 'onsemi-xy', chars, token: t, confidence: weights[i]! / 2, note: `week 52 of ${y - 1} to week 05 of ${y}`, detail });
      out.push({ from: isoWeek(y, 52)[0], to: isoWeek(y + 1, 5)[1], rule: 'onsemi-xy', chars, token: t, confidence: weights[i]! / 2, note: `week 52 of ${y} to week 05 of ${y + 1}`, detail });
    }
  });
  return out.length ? out : null;
};

/** DPRK: years in the Juche calendar (Gregorian = Juche + 1911), e.g. `113` = 2024. */
export const jucheYear: RuleFn = (t, env) => {
  if (t.length < 2 || t.length > 3) return null;
  const j = digits(t, 0, t.length);
  // Juche 50 = 1961: earlier years predate anything this engine will meet.
  if (j < 50 || j > env.todayYear - 1911) return null;
  const [from, to] = yearRange(j + 1911);
  return [{ from, to, rule: 'juche-year', chars: t, token: t, confidence: 1, note: `Juche ${j} = ${j + 1911}`, detail: '; DPRK calendar: Gregorian = Juche + 1911' }];
};

/** Analog Devices / Maxim / Linear: commonly `YYWW`, but not confirmed from a maker's guide. */
export const adiYyww: RuleFn = (t, env) => {
  const r = eciaYyww(t, env);
  if (!r) return null;
  for (const x of r) {
    x.rule = 'adi-yyww';
    x.flag ??= 'unconfirmed-rule';
  }
  return r;
};

export interface RuleInfo {
  id: string;
  fn: RuleFn;
  /** Relative weight when several rules read the same token. */
  prior: number;
  /** Example token and what it reads as, for the docs and the tests. */
  example: string;
  summary: string;
  /** Where the convention comes from. */
  source: string;
  /**
   * The rule reads only tokens that start with a digit (its guard tests that first), so the
   * engine need not offer it tokens that start with a letter, such as lot codes.
   */
  digitFirst?: true;
}

/** Every rule, by id. Makers list the ids they use (`dateRules` in the catalogue). */
export const RULES: Record<string, RuleInfo> = {
  'ecia-yyww': { id: 'ecia-yyww', fn: eciaYyww, prior: 1, example: '2341 → 2023 week 41', summary: 'ECIA two-digit year + ISO week; trailing letters are a sub-lot or site', source: 'ECIA general practice (date-code reference)', digitFirst: true },
  'letter-yyww': { id: 'letter-yyww', fn: letterYyww, prior: 0.8, example: 'A9802 → 1998 week 2; C983938-M → 1998 week 39', summary: 'one site or revision letter, two-digit year + ISO week, then lot digits', source: 'ECIA YYWW practice with a lead letter; memory-label examples in the evaluation set dev split (knowledge/date-conventions.json)' },
  'ecia-yyww-lot': { id: 'ecia-yyww-lot', fn: eciaYywwLot, prior: 0.9, example: '0037K7027 → 2000 week 37, lot K7027', summary: 'two-digit year + ISO week run together with the lot (a letter, then letters and digits)', source: 'ECIA YYWW practice; NEC marking examples in the evaluation set dev split (knowledge/date-conventions.json)', digitFirst: true },
  'ecia-wwyy': { id: 'ecia-wwyy', fn: eciaWwyy, prior: 0.5, example: '4812 → 2012 week 48 (2048 is in the future)', summary: 'the same four digits read week first; kept beside YYWW when both are valid', source: 'date-code reference: WWYY detection (some modules print it)', digitFirst: true },
  'ecia-yww': { id: 'ecia-yww', fn: eciaYww, prior: 1, example: '215 → 2022 or 2012 week 15', summary: 'one-digit year + ISO week; the decade comes from context', source: 'ECIA small-package practice (date-code reference)', digitFirst: true },
  'ti-ym': { id: 'ti-ym', fn: tiYm, prior: 1, example: '2BK → 2022-11, site K', summary: 'TI year digit + month (1–9, A, B, C), then site S and lot LLLL', source: 'Texas Instruments marking convention (date-code reference)', digitFirst: true },
  'microchip-yywwnnn': { id: 'microchip-yywwnnn', fn: microchipYywwnnn, prior: 1.2, example: '2341ABC → 2023 week 41, trace ABC', summary: 'Microchip year + week (week 01 holds 1 January, not ISO) + traceability code', source: 'Microchip marking convention (date-code reference)', digitFirst: true },
  'st-yww': { id: 'st-yww', fn: stYww, prior: 1.2, example: '215 → 2022 week 15; Z215 → site Bouskoura; 2303 → 2022 week 30', summary: 'ST year digit + week, optionally led by an assembly-site letter; a fourth digit follows the code', source: 'ST datasheet device-marking sections (Y WW date code); site letters from the date-code reference' },
  'microchip-yyww': { id: 'microchip-yyww', fn: microchipYyww, prior: 1.2, example: 'SN0648 → 2006 week 48 (package SN)', summary: 'Microchip year + week (week 01 holds 1 January), run together with the package/temperature code', source: 'Microchip product marking: YYWW date code after the package code (knowledge/date-conventions.json)' },
  'microchip-ywwnnn': { id: 'microchip-ywwnnn', fn: microchipYwwnnn, prior: 1.1, example: '215025 → 2002 week 15, trace 025', summary: 'Microchip one-digit year + week + traceability code', source: 'Microchip product marking (knowledge/date-conventions.json)', digitFirst: true },
  'microchip-yww': { id: 'microchip-yww', fn: microchipYww, prior: 0.6, example: 'I133 → 2021 week 33', summary: 'Microchip small packages: one-digit year + week, optionally after the temperature letter', source: 'Microchip product marking, small packages (knowledge/date-conventions.json)' },
  'jieli-serial': { id: 'jieli-serial', fn: jieliSerial, prior: 1.2, example: 'AB1526CG3X1F → 2015 week 26', summary: 'Zhuhai Jieli serial line: two letters, YYWW (or YY and a letter pair), lot', source: 'kagaimiq/jielie chips/chip-marks.md (knowledge/date-conventions.json)' },
  'nxp-yyww': { id: 'nxp-yyww', fn: nxpYyww, prior: 1.1, example: 'HNN1312B → 2013 week 12, site HNN, die rev B', summary: 'NXP/Philips site letters + YYWW + die revision', source: 'NXP/Philips marking convention (date-code reference)' },
  'freescale-awlyyww': { id: 'freescale-awlyyww', fn: freescaleAwlyyww, prior: 1.2, example: 'QAB1107 → 2011 week 7, site Q, wafer lot AB', summary: 'Freescale assembly site + wafer lot + YYWW', source: 'Freescale marking convention (date-code reference)' },
  'xilinx-lot-yyww': { id: 'xilinx-lot-yyww', fn: xilinxLotYyww, prior: 1.1, example: 'F1234567-0525 → 2005 week 25, lot F1234567', summary: 'Xilinx small packages: lot code (a letter and seven digits), hyphen, YYWW', source: 'Xilinx DS312 Spartan-3E data sheet, Package Marking (CP132 example)' },
  'xilinx-yyww-split': { id: 'xilinx-yyww-split', fn: xilinxLettersYyww, prior: 1.1, example: 'AGQ0625 → 2006 week 25', summary: 'Xilinx second line split after the package: mask/fab/process letters + YYWW', source: 'Xilinx device marking convention (date-code reference)' },
  'xilinx-yyww': { id: 'xilinx-yyww', fn: xilinxYyww, prior: 1.2, example: 'PQ208AGQ0525 → 2005 week 25', summary: 'Xilinx package + pins + mask/fab/process letters + YYWW', source: 'Xilinx device marking convention (date-code reference)' },
  'intel-altera-yyww': { id: 'intel-altera-yyww', fn: intelAlteraYyww, prior: 1.1, example: 'AB12CD2341X → 2023 week 41', summary: 'Intel/Altera 11-character code with YYWW at characters 7–10', source: 'Intel/Altera FPGA marking convention (date-code reference)' },
  'infineon-yyww': { id: 'infineon-yyww', fn: infineonYyww, prior: 1.1, example: 'H1830 → 2018 week 30 (H: halogen-free)', summary: 'Infineon YYWW with optional E/G/H lead letter', source: 'Infineon marking convention (date-code reference)' },
  'infineon-yww': { id: 'infineon-yww', fn: infineonYww, prior: 1, example: 'G830 → 2018 week 30', summary: 'Infineon YWW with optional E/G/H lead letter', source: 'Infineon marking convention (date-code reference)' },
  'infineon-ym': { id: 'infineon-ym', fn: infineonYm, prior: 0.6, example: '3A → 2023-10 (unconfirmed)', summary: 'Infineon YM on the smallest packages (month code assumed, unconfirmed)', source: 'date-code reference lists YM for Infineon; the month code is assumed' },
  'vishay-pyww': { id: 'vishay-pyww', fn: vishayPyww, prior: 1.2, example: 'P045XA → 2010 week 45, line XA', summary: 'Vishay P (lead-free) + year digit + week + production line', source: 'Vishay marking convention (date-code reference)' },
  'onsemi-xxyy': { id: 'onsemi-xxyy', fn: onsemiXxyy, prior: 1, example: 'M2141 → 2021 week 41, plant M', summary: 'Fairchild/onsemi two-digit year + work week, optional plant letter', source: 'Fairchild top-mark conventions, &4 format' },
  'onsemi-xyy': { id: 'onsemi-xyy', fn: onsemiXyy, prior: 1, example: '141 → 2021 week 41', summary: 'Fairchild/onsemi year digit + work week', source: 'Fairchild top-mark conventions, &3 format' },
  'onsemi-xy': { id: 'onsemi-xy', fn: onsemiXy, prior: 0.8, example: '34 → 2023 weeks 24–29', summary: 'Fairchild/onsemi year digit + six-week period code', source: 'Fairchild top-mark conventions, &2 format (six-week periods)' },
  'juche-year': { id: 'juche-year', fn: jucheYear, prior: 0.5, example: '113 → 2024', summary: 'DPRK Juche year (Gregorian = Juche + 1911)', source: 'DPRK calendar; CAR reporting on KN-23 jet-vane actuators', digitFirst: true },
  'adi-yyww': { id: 'adi-yyww', fn: adiYyww, prior: 1, example: '2341 → 2023 week 41 (unconfirmed)', summary: 'Analog Devices / Maxim / Linear YYWW (common practice, not confirmed from a maker guide)', source: 'date-code reference: common, not confirmed from a maker guide', digitFirst: true },
};

/** Rules applied when no maker is known (the Juche year is added only in a DPRK context). */
export const GENERIC_RULES = ['ecia-yyww', 'ecia-wwyy', 'ecia-yww', 'ecia-yyww-lot', 'letter-yyww'];

/**
 * Maker conventions distinctive enough to try when the maker is unknown (a bare SOT-23 code
 * beside `P951JQ`): their readings come with a low weight and the rule id names the convention.
 */
export const FALLBACK_RULES = ['vishay-pyww', 'microchip-yywwnnn', 'freescale-awlyyww', 'nxp-yyww', 'xilinx-yyww', 'intel-altera-yyww', 'infineon-yyww', 'onsemi-xxyy'];
export const FALLBACK_WEIGHT = 0.3;
