import type { Rng } from './prng.js';
import type { DateRule, Part, SynthMaker } from './makers.js';
import { dayFromYmd, isoWeek, isoWeekday, lastDayOfMonth, mondayOfIsoWeek, pad2, ymdOfDay } from './dates.js';

/**
 * Prints a synthetic component marking: the logo, the part number as the maker abbreviates it,
 * and a date code in the maker's convention for a known production day — so that each generated
 * marking carries its own ground truth (the window a correct decoder must return).
 */
export interface PrintedDate {
  /** The line of the marking that carries the date code, exactly as printed. */
  line: string;
  /** First and last day (UTC day numbers) the printed code can mean, given the true decade. */
  from: number;
  to: number;
}

export interface SynthMarking {
  text: string;
  rule: DateRule;
  dateLine: string;
  from: number;
  to: number;
  lot: string | null;
}

const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const ALNUM = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';
const DIGITS = '0123456789';
/** TI's month code: 1–9 for January–September, A, B, C for October–December. */
const TI_MONTHS = '123456789ABC';
/** Countries of assembly as ST prints them (ISO alpha-3): China, Malaysia, Philippines, Morocco, Malta. */
const ST_COUNTRIES = ['CHN', 'MYS', 'PHL', 'MAR', 'MLT'];

function weekWindow(day: number): { year: number; week: number; from: number; to: number } {
  const { year, week } = isoWeek(day);
  const from = mondayOfIsoWeek(year, week);
  return { year, week, from, to: from + 6 };
}

/**
 * Microchip counts weeks from the week holding 1 January (weeks start on Sunday), within the
 * calendar year — not ISO weeks.
 */
function microchipWeek(day: number): { year: number; week: number; from: number; to: number } {
  const { y } = ymdOfDay(day);
  const jan1 = dayFromYmd(y, 1, 1);
  const sunday = jan1 - (isoWeekday(jan1) % 7);
  const week = Math.floor((day - sunday) / 7) + 1;
  const start = sunday + 7 * (week - 1);
  return { year: y, week, from: Math.max(jan1, start), to: Math.min(dayFromYmd(y, 12, 31), start + 6) };
}

function yy(year: number): string {
  return pad2(year % 100);
}

/** A lot or trace code; it starts with a letter so that it never reads as a date code. */
function lotCode(rng: Rng, n: number): string {
  return rng.chars(UPPER, 1) + rng.chars(ALNUM, n - 1);
}

/** The date line for `rule`, for a part made on `day`. */
export function printDate(rule: DateRule, rng: Rng, day: number, part: Part): PrintedDate {
  const w = weekWindow(day);
  const ww = pad2(w.week);
  const iso = { from: w.from, to: w.to };
  switch (rule) {
    case 'ecia-yyww':
      return { line: `${yy(w.year)}${ww}`, ...iso };
    case 'ecia-yww':
      return { line: `${w.year % 10}${ww}`, ...iso };
    case 'ecia-wwyy':
      return { line: `${ww}${yy(w.year)}`, ...iso };
    case 'microchip-yywwnnn': {
      const m = microchipWeek(day);
      return { line: `${yy(m.year)}${pad2(m.week)}${rng.chars(DIGITS, 3)}`, from: m.from, to: m.to };
    }
    case 'st-yww':
      // An assembly-site letter leads the year digit and week.
      return { line: `${rng.chars(UPPER, 1)}${w.year % 10}${ww}`, ...iso };
    case 'nxp-yyww':
      // Assembly-site letters, YYWW, and sometimes a die-revision letter.
      return { line: `${rng.chars(UPPER, rng.int(1, 3))}${yy(w.year)}${ww}${rng.chance(0.5) ? rng.chars('ABC', 1) : ''}`, ...iso };
    case 'freescale-awlyyww':
      // Assembly site A, wafer lot WL, YYWW.
      return { line: `${rng.chars(UPPER, 3)}${yy(w.year)}${ww}`, ...iso };
    case 'xilinx-yyww': {
      const pkg = /-\d?([A-Z]{2,3}\d{3})/.exec(part.partNumber)?.[1] ?? 'FG256';
      return { line: `${pkg}${rng.chars(UPPER, 3)}${yy(w.year)}${ww}`, ...iso };
    }
    case 'intel-altera-yyww':
      // An 11-character code whose characters 7–10 are YYWW.
      return { line: `${lotCode(rng, 6)}${yy(w.year)}${ww}${rng.chars(UPPER, 1)}`, ...iso };
    case 'infineon-yyww':
      // Led by G (RoHS), H (RoHS and halogen-free) or, rarely, E (engineering sample).
      return { line: `${rng.weighted(['G', 'H', 'E'], [5, 5, 1])}${yy(w.year)}${ww}`, ...iso };
    case 'vishay-pyww':
      // P (lead-free), year digit, week, production-line letters.
      return { line: `P${w.year % 10}${ww}${rng.chars(UPPER, rng.int(1, 2))}`, ...iso };
    case 'onsemi-xxyy':
      // Assembly-plant letter, then two-digit year and work week.
      return { line: `${rng.chars(UPPER, 1)}${yy(w.year)}${ww}`, ...iso };
    case 'ti-ym': {
      const { y, m } = ymdOfDay(day);
      return { line: `${y % 10}${TI_MONTHS[m - 1]}${rng.chars(UPPER, 1)}`, from: dayFromYmd(y, m, 1), to: lastDayOfMonth(y, m) };
    }
    case 'juche-year': {
      // Juche 1 is 1912: Juche year = Gregorian year − 1911.
      const { y } = ymdOfDay(day);
      return { line: `주체${y - 1911}`, from: dayFromYmd(y, 1, 1), to: dayFromYmd(y, 12, 31) };
    }
  }
}

/** Rules that print a lot or trace line of their own beside the date. */
const LOT_LINE: ReadonlySet<DateRule> = new Set(['ecia-yyww', 'ti-ym', 'st-yww', 'xilinx-yyww', 'intel-altera-yyww', 'infineon-yyww', 'nxp-yyww', 'freescale-awlyyww']);

export function printMarking(rng: Rng, maker: SynthMaker, part: Part, day: number): SynthMarking {
  const rule = maker.rule;
  if (!rule) throw new Error(`maker ${maker.key} prints no components`);
  const date = printDate(rule, rng, day, part);
  const lines: string[] = [];
  if (maker.logo && rng.chance(0.8)) lines.push(maker.logo);
  lines.push(...part.printed);
  const lot = LOT_LINE.has(rule) ? lotCode(rng, rng.int(5, 8)) : null;
  switch (rule) {
    case 'ecia-yyww':
      // Analog Devices marks lead-free parts with '#' before the date code.
      lines.push(maker.key === 'adi' ? `#${date.line}` : date.line);
      if (lot) lines.push(lot);
      break;
    case 'st-yww':
      if (lot) lines.push(lot);
      lines.push(rng.chance(0.5) ? `${rng.pick(ST_COUNTRIES)} ${date.line}` : date.line);
      break;
    case 'nxp-yyww':
    case 'freescale-awlyyww':
      if (lot) lines.push(lot);
      lines.push(date.line);
      break;
    case 'xilinx-yyww':
      lines.push(date.line);
      if (lot) lines.push(`D${lot}`);
      lines.push(/-(\d)[A-Z]+\d+([A-Z])$/.exec(part.partNumber)?.slice(1).join('') ?? '1C');
      break;
    default:
      lines.push(date.line);
      if (lot) lines.push(lot);
  }
  return { text: lines.join('\n'), rule, dateLine: date.line, from: date.from, to: date.to, lot };
}
