/**
 * Ranking: which date token of a marking comes first, and the order of a marking's readings.
 * Insertion sorts: stable like Array.prototype.sort, and much cheaper for the two or three
 * elements a marking has.
 */
import type { Reading } from './types.js';
import type { Group } from './date-memo.js';
import { ABSTAIN_BELOW } from './confidence.js';

/** `a` sorts after `b`: a less specific rule, else not all digits, else an earlier line. */
export function dateTokenAfter(a: Group, b: Group): boolean {
  if (a.a.prior !== b.a.prior) return a.a.prior < b.a.prior;
  if (a.tok.allDigits !== b.tok.allDigits) return b.tok.allDigits;
  return a.tok.line < b.tok.line;
}

/** Orders a marking's date tokens in place, best first. */
export function rankDateTokens(groups: Group[]): void {
  for (let i = 1; i < groups.length; i++) {
    const x = groups[i]!;
    let j = i - 1;
    for (; j >= 0 && dateTokenAfter(groups[j]!, x); j--) groups[j + 1] = groups[j]!;
    groups[j + 1] = x;
  }
}

/** Orders a marking's readings in place, most confident first. */
export function rankReadings(readings: Reading[]): void {
  for (let i = 1; i < readings.length; i++) {
    const x = readings[i]!;
    let j = i - 1;
    for (; j >= 0 && readings[j]!.confidence < x.confidence; j--) readings[j + 1] = readings[j]!;
    readings[j + 1] = x;
  }
}

/**
 * When the best reading names a maker with a confidence below ABSTAIN_BELOW (a prefix printed by
 * several makers, a logo that contradicts the part number), the engine does not guess: a first
 * reading says "maker unknown" — the same part number, family and windows, no maker — and lists
 * the candidates; the readings that name them follow. Counted as an abstention, not an answer.
 */
export function abstainWhenUnsure(readings: Reading[], explain: boolean): Reading[] {
  const best = readings[0];
  if (!best?.maker || best.confidence >= ABSTAIN_BELOW) return readings;
  const names: string[] = [];
  for (const r of readings) if (r.maker && !names.includes(r.maker.name)) names.push(r.maker.name);
  const message = `no maker is likely enough to name (best ${best.maker.name} at ${best.confidence}): maker unknown; candidates ${names.join(', ')}`;
  const unknown: Reading = {
    ...best, maker: null, makerEvidence: null, makerCandidates: names, ownerAtProduction: null,
    warnings: [...best.warnings, { code: 'maker-unknown', message }],
    reasoning: explain ? [...best.reasoning, `Maker unknown: ${message}.`] : [],
  };
  const out = [unknown];
  for (const r of readings) out.push(r);
  return out;
}
