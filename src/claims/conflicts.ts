/**
 * Conflicts between claims about the same thing. The ledger shows them side by side rather than
 * picking a winner: a reviewer rules, with a reason. Pure.
 *
 * Rules, per topic kind:
 * - date: two claimed windows conflict when they do not overlap ("June 2024" vs "28 July 2024");
 * - quantity: two claimed ranges conflict when they do not overlap ("at least 9" vs "3");
 * - quantity, cumulative (a running total such as "launched so far"): an earlier claim conflicts
 *   with a later one only if the earlier minimum exceeds the later maximum (totals do not shrink);
 *   claims whose dates overlap or are unknown are compared as simultaneous;
 * - quantity, one claim about a place and one about the whole ("5 in Kharkiv" vs "3 in total"):
 *   the part cannot exceed the whole stated at the same time or later; two claims about different
 *   places are not compared;
 * - statement: free text is not compared automatically.
 */
import {
  asOfWindow, describeDate, describeQuantity, describeSpeaker, describeWindow, quantityRange, rangesOverlap, whollyAbove, type ClaimFacts, type Range,
} from './values.js';

export type TopicKind = 'quantity' | 'date' | 'statement';

export interface TopicFacts {
  kind: TopicKind;
  unit: string | null;
  cumulative: boolean;
}

export interface Conflict {
  a: string;
  b: string;
  reason: string;
  /** Set when the two claims also count differently worded things, which a reviewer should weigh. */
  caveat: string | null;
}

type When = { from: string; to: string } | null;

/** -1: x strictly before y; 1: strictly after; 0: overlapping or unknown. */
function order(x: When, y: When): -1 | 0 | 1 {
  if (!x || !y) return 0;
  if (x.to < y.from) return -1;
  if (y.to < x.from) return 1;
  return 0;
}

function norm(s: string | null): string | null {
  return s ? s.trim().toLowerCase() : null;
}

function label(c: ClaimFacts, topic: TopicFacts): string {
  const who = describeSpeaker(c);
  if (topic.kind === 'date') return `${who}: ${c.eventFrom ? describeWindow(c.eventFrom, c.eventTo ?? c.eventFrom) : 'no date'}`;
  const q = c.quantity === null ? 'no figure' : describeQuantity(c.quantity, c.quantityQualifier, topic.unit);
  const where = c.place ? ` in ${c.place}` : '';
  const asOf = asOfWindow(c);
  const when = asOf ? ` (as of ${asOf.from === asOf.to ? describeDate(asOf.from) : describeWindow(asOf.from, asOf.to)})` : '';
  return `${who}: ${q}${where}${topic.cumulative ? when : ''}`;
}

function quantityConflict(a: ClaimFacts, b: ClaimFacts, topic: TopicFacts): string | null {
  if (a.quantity === null || b.quantity === null) return null;
  const ra = quantityRange(a.quantity, a.quantityQualifier, topic.unit);
  const rb = quantityRange(b.quantity, b.quantityQualifier, topic.unit);
  const pa = norm(a.place);
  const pb = norm(b.place);
  if (pa && pb && pa !== pb) return null;
  const when = topic.cumulative ? order(asOfWindow(a), asOfWindow(b)) : 0;

  if ((pa && !pb) || (pb && !pa)) {
    // Part (one place) against whole: the part cannot exceed a total stated at the same time or later.
    const [part, whole, partRange, wholeRange, partFirst] = pa ? [a, b, ra, rb, when <= 0] : [b, a, rb, ra, when >= 0];
    if (partFirst && whollyAbove(partRange, wholeRange)) {
      return `${part.place} alone (${describeRange(partRange)}) exceeds the total claimed${topic.cumulative ? ' at the same time or later' : ''} (${describeRange(wholeRange)}) by ${describeSpeaker(whole)}`;
    }
    return null;
  }
  if (when === 0) {
    return rangesOverlap(ra, rb) ? null : 'the figures cannot both be true: their ranges do not overlap';
  }
  // Running total: the earlier claim's minimum must not exceed the later claim's maximum.
  const [earlier, later] = when < 0 ? [ra, rb] : [rb, ra];
  return whollyAbove(earlier, later) ? 'a running total cannot fall: the earlier figure exceeds the later one' : null;
}

function describeRange(r: Range): string {
  if (r.hi === Infinity) return `${r.loOpen ? 'more than' : 'at least'} ${r.lo}`;
  if (r.lo === r.hi) return String(r.lo);
  return `${r.lo}–${r.hi}`;
}

function dateConflict(a: ClaimFacts, b: ClaimFacts): string | null {
  if (!a.eventFrom || !b.eventFrom) return null;
  const wa = { from: a.eventFrom, to: a.eventTo ?? a.eventFrom };
  const wb = { from: b.eventFrom, to: b.eventTo ?? b.eventFrom };
  if (wa.to < wb.from || wb.to < wa.from) return 'the dates cannot both be true: the claimed windows do not overlap';
  return null;
}

export function findConflicts(topic: TopicFacts, claims: readonly ClaimFacts[]): Conflict[] {
  if (topic.kind === 'statement') return [];
  const out: Conflict[] = [];
  for (let i = 0; i < claims.length; i++) {
    for (let j = i + 1; j < claims.length; j++) {
      const a = claims[i]!;
      const b = claims[j]!;
      const why = topic.kind === 'date' ? dateConflict(a, b) : quantityConflict(a, b, topic);
      if (!why) continue;
      const ca = norm(a.countsWhat);
      const cb = norm(b.countsWhat);
      out.push({
        a: a.id,
        b: b.id,
        reason: `${label(a, topic)} vs ${label(b, topic)}: ${why}`,
        caveat: topic.kind === 'quantity' && ca && cb && ca !== cb ? `they count differently worded things ("${a.countsWhat}" vs "${b.countsWhat}")` : null,
      });
    }
  }
  return out;
}
