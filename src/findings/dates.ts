/**
 * Production windows and what follows from them. A date code never says "made on day X"; it says
 * "made somewhere in this window". An assembly cannot predate its newest part, so the latest
 * *lower* bound among its components is the earliest the item can have been assembled ("no earlier
 * than"). Pure: ISO date strings in, ISO date strings and day counts out.
 */

import { daysBetween, monthWindow, yearWindow, type DateWindow } from '../calendar/index.js';

export type { DateWindow };

export interface DatedRecord {
  id: string;
  from: string | null;
  to: string | null;
}

export interface NoEarlierThan {
  /** The earliest possible assembly date: the latest lower bound among the dated records. */
  date: string;
  /** The records whose lower bound is that date (the newest parts). */
  ids: string[];
  /** How many records had a usable window. */
  datedCount: number;
}

/**
 * "Assembled no earlier than": the maximum of the lower bounds. Records without a lower bound say
 * nothing and are skipped; null when no record is dated.
 */
export function assembledNoEarlierThan(records: readonly DatedRecord[]): NoEarlierThan | null {
  let best: string | null = null;
  let ids: string[] = [];
  let datedCount = 0;
  for (const r of records) {
    if (!r.from) continue;
    datedCount += 1;
    if (best === null || r.from > best) {
      best = r.from;
      ids = [r.id];
    } else if (r.from === best) ids.push(r.id);
  }
  return best === null ? null : { date: best, ids, datedCount };
}

export interface ProductionMark {
  window: DateWindow;
  /** Which convention was read, e.g. `juche-year`. */
  rule: 'juche-year' | 'gregorian-year' | 'year-month';
  /** The characters read, as printed. */
  chars: string;
  note: string;
}

/** The Juche calendar starts in 1912: Juche 1 = 1912, so Gregorian = Juche + 1911. */
export const JUCHE_OFFSET = 1911;

/**
 * Reads an item's own production mark (free text on the item, e.g. `Juche 113`, `주체113`,
 * `2023-11`, `made 2024`). Juche years need the word (or 주체) beside them: a bare three-digit
 * number is far more often a part or lot number than a date, and guessing would invent evidence.
 */
export function parseProductionMark(text: string | null | undefined): ProductionMark | null {
  if (!text) return null;
  const juche = /(?:juche|주체|chuch'?e)\s*(?:year\s*)?[:\s]*(\d{2,3})\b/i.exec(text);
  if (juche) {
    const j = Number(juche[1]);
    const year = j + JUCHE_OFFSET;
    return { window: yearWindow(year), rule: 'juche-year', chars: juche[0], note: `Juche year ${j} = ${year} (Gregorian = Juche + ${JUCHE_OFFSET})` };
  }
  const ym = /\b((?:19|20)\d{2})-(0[1-9]|1[0-2])\b/.exec(text);
  if (ym) {
    const y = Number(ym[1]);
    const m = Number(ym[2]);
    return { window: monthWindow(y, m), rule: 'year-month', chars: ym[0], note: `${ym[0]}: the whole month` };
  }
  const y = /\b((?:19|20)\d{2})\b/.exec(text);
  if (y) {
    const year = Number(y[1]);
    return { window: yearWindow(year), rule: 'gregorian-year', chars: y[0], note: `year ${year}: the whole year` };
  }
  return null;
}

export interface ProductionToUse {
  /** Window in which the item was produced, after combining every constraint. */
  production: DateWindow;
  /** Window in which it was used (the day itself, or the incident's period). */
  use: DateWindow;
  /** Fewest and most days that can have passed between production and use. */
  minDays: number;
  maxDays: number;
  /** What bounded the production window, in words, for the reviewer. */
  basis: string[];
  /** Set when the constraints contradict each other (a part dated after the use): check the data. */
  inconsistent: string | null;
}

/**
 * The interval between production and use. Production lies after the item's own mark window
 * starts and after its newest part (no earlier than), and before the mark window ends and before
 * use; use lies in its window. The interval is then between (use.from − production.to) and
 * (use.to − production.from). Null when nothing bounds production from below or use is unknown.
 */
export function productionToUse(args: {
  mark: ProductionMark | null;
  noEarlierThan: string | null;
  use: DateWindow | null;
}): ProductionToUse | null {
  const { mark, noEarlierThan, use } = args;
  if (!use || (!mark && !noEarlierThan)) return null;
  const basis: string[] = [];
  let from: string | null = null;
  let to: string = use.to;
  if (mark) {
    from = mark.window.from;
    if (mark.window.to < to) to = mark.window.to;
    basis.push(`own production mark: ${mark.note}`);
  }
  if (noEarlierThan && (from === null || noEarlierThan > from)) {
    from = noEarlierThan;
    basis.push(`newest component: produced no earlier than ${noEarlierThan}`);
  } else if (noEarlierThan) {
    basis.push(`newest component (no earlier than ${noEarlierThan}) predates the mark's window, which is the tighter bound`);
  }
  basis.push(use.from === use.to ? `used on ${use.from}` : `used between ${use.from} and ${use.to}`);
  let inconsistent: string | null = null;
  if (from! > use.to) inconsistent = `production cannot start (${from}) after the last possible use date (${use.to}); a date reading or the use date is wrong`;
  else if (from! > to) inconsistent = `the production window is empty (${from} > ${to}); the mark and the component dates disagree`;
  const production = { from: from!, to: inconsistent ? from! : to };
  const minDays = Math.max(0, daysBetween(production.to, use.from));
  const maxDays = Math.max(0, daysBetween(production.from, use.to));
  return { production, use, minDays, maxDays, basis, inconsistent };
}

/** "about 7 months" for a day count, for summaries (never for stored values). */
export function describeDays(days: number): string {
  if (days < 45) return `${days} days`;
  const months = Math.round(days / 30.44);
  if (months < 24) return `about ${months} months`;
  return `about ${(days / 365.25).toFixed(1)} years`;
}
