/**
 * Plausibility: what the context leaves of a token's decoded windows. A window after today or
 * after the item's recovery date, or wholly before the family's introduction, is set aside (kept
 * as a refused window with the reason); a window that straddles those days is cut to them. The
 * surviving windows' confidences are normalised and sorted, best first.
 */
import type { DateReading, RejectedDate, Warning } from './types.js';
import { dayNumber, isoOf } from './calendar.js';
import { RULES, type RawDate } from './rules.js';
import { round3 } from './confidence.js';

/**
 * What a token reads as under a rule list, and what the context (today, recovery date,
 * introduction year) leaves of it, is a pure function of them; date codes recur constantly (a
 * board's parts share a few codes, a year has only 52 weeks), so the result is memoised per token
 * and context. The memoised objects are frozen: readings share them.
 */
export interface Analysis {
  /** How many windows survive, and the first (best) of them. */
  keptCount: number;
  bestKept: DateReading | null;
  /** Weight of the most specific rule that read the token (orders the date tokens of a marking). */
  prior: number;
  /** Surviving windows: confidences normalised, best first. */
  kept: readonly DateReading[];
  rejected: readonly RejectedDate[];
  /** Warnings raised by surviving windows (week 53, unconfirmed rule), in order. */
  flags: readonly Warning[];
  /** The after-recovery warning. */
  late: string | null;
  /** Windows before the introduction year (the warning names the family, which varies by reading). */
  early: number;
  /** The ambiguous-date warning, raised when this is the reading's date token. */
  ambiguous: string | null;
  site: string | undefined;
  lot: string | undefined;
  /**
   * Envelope of the surviving windows as day numbers, for the owner at production: numbers held in
   * the analysis itself, so the comparison reads no string from elsewhere on the heap.
   */
  minFrom: number;
  maxTo: number;
  /** Reasoning lines, built when first asked for. */
  firstLine: string | null;
  alsoLine: string | null;
  setAside: string[] | null;
}

/**
 * `settled` of an entry that no recovery date changes, and of an analysis that is not an entry:
 * small integers, not ±Infinity or NaN, so that V8 keeps the field a small integer rather than a
 * pointer to a boxed number (one memory fetch more per date token).
 */
export const SETTLED_ALWAYS = -0x3fffffff;
export const NOT_ENTRY = 0x3fffffff;

/** The analysis of a decoding in a context; with `settled` other than NOT_ENTRY it is the token's memo entry. */
export function analyse(t: string, raws: RawDate[], prior: number, today: number, recovery: number | null, introduced: number | null, settled: number): Analysis {
  const introStart = introduced !== null ? dayNumber(introduced, 1, 1) : null;
  const limit = recovery !== null && recovery < today ? recovery : today;
  const kept: DateReading[] = [];
  const rejected: RejectedDate[] = [];
  const flags: Warning[] = [];
  let afterToday: string | null = null, afterRecovery: string | null = null, beforeIntro: string | null = null;
  let sum = 0, lateCount = 0, earlyCount = 0;
  let minFrom = Infinity, maxTo = -Infinity;
  for (const r of raws) {
    let reason: string | null = null;
    if (r.from > today) reason = (afterToday ??= `after today (${isoOf(today)})`);
    else if (recovery !== null && r.from > recovery) {
      reason = (afterRecovery ??= `after the item's recovery date (${isoOf(recovery)})`);
      lateCount++;
    } else if (introStart !== null && r.to < introStart) {
      reason = (beforeIntro ??= `before the family's introduction (${introduced})`);
      earlyCount++;
    }
    const to = r.to < limit ? r.to : limit;
    const from = introStart !== null && introStart > r.from ? introStart : r.from;
    if (!reason && from > to) reason = 'empty once the context is applied';
    if (reason) {
      rejected.push(Object.freeze({ from: isoOf(r.from), to: isoOf(r.to), rule: r.rule, chars: r.chars, reason }));
      continue;
    }
    if (r.flag === 'week-53-short-year') flags.push({ code: 'week-53-short-year', message: `${r.chars}: ${r.note} — week 53 in a 52-week year is a red flag for a remarked or counterfeit part` });
    else if (r.flag === 'unconfirmed-rule') flags.push({ code: 'unconfirmed-rule', message: `${RULES[r.rule]?.summary ?? r.rule}: the convention is not confirmed from the maker's guide` });
    kept.push({ from: isoOf(from), to: isoOf(to), rule: r.rule, chars: r.chars, token: r.token, confidence: r.confidence, note: r.detail ? r.note + r.detail : r.note });
    sum += r.confidence;
    if (from < minFrom) minFrom = from;
    if (to > maxTo) maxTo = to;
  }
  const late = lateCount
    ? `${t}: ${lateCount === 1 ? 'one reading' : `${lateCount} readings`} would postdate the recovery date ${isoOf(recovery!)} and ${lateCount === 1 ? 'is' : 'are'} set aside`
    : null;
  let ambiguous: string | null = null;
  let site: string | undefined, lot: string | undefined;
  if (kept.length) {
    for (const d of kept) d.confidence = round3(d.confidence / sum);
    if (kept.length > 1) {
      kept.sort((a, b) => b.confidence - a.confidence);
      let list = '';
      for (const d of kept) list += (list ? ', ' : '') + d.from.slice(0, 7) + ' by ' + d.rule;
      ambiguous = `${t} has ${kept.length} possible windows (${list}): all are kept; the recovery date or the introduction year narrows them`;
    }
    const best = raws.find((r) => r.rule === kept[0]!.rule && r.chars === kept[0]!.chars);
    site = best?.site;
    lot = best?.lot;
    for (const d of kept) Object.freeze(d);
  }
  // Empty lists are one shared constant, so a reading with nothing refused touches no memory of its own for them.
  // What every reading reads comes first, so that it shares the object's first cache line; every
  // analysis has the entry's fields too, so that all share one shape.
  return {
    settled, keptCount: kept.length, bestKept: kept.length ? kept[0]! : null, rejected: rejected.length ? rejected : NO_REJECTED, flags: flags.length ? flags : NO_WARNINGS,
    late, early: earlyCount, ambiguous, site, lot, prior, kept: kept.length ? kept : NO_DATES, minFrom, maxTo, byRecovery: null,
    raw: settled !== NOT_ENTRY ? raws : null, firstLine: null, alsoLine: null, setAside: null,
  } as Analysis;
}
export const NO_DATES: readonly DateReading[] = Object.freeze([]);
export const NO_REJECTED: readonly RejectedDate[] = Object.freeze([]);
export const NO_WARNINGS: readonly Warning[] = Object.freeze([]);