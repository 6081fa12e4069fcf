/**
 * How alike two items are, judged by their component sets. Identical missiles are built from the
 * same bill of materials, so they share part numbers in the same quantities and, where boards were
 * documented by reference designator, at the same positions. Date codes and lots are deliberately
 * ignored: two identical missiles built months apart carry different date codes on the same parts.
 *
 * Score = weighted Jaccard (Σ min / Σ max of unit counts). When both items record positions, each
 * unit is keyed by (part number, position) — unpositioned units by part number alone — so a part
 * moved to another position counts as a difference; otherwise by part number only (one item's
 * missing positions must not read as a mismatch). Symmetric by construction, 1 for identical
 * multisets, 0 when nothing is shared. Pure.
 */

export interface ComponentFeature {
  partNumber: string;
  position: string | null;
  units: number;
}

export interface SimilarityOptions {
  /** Score at or above which two items are called identical (default 0.9). */
  identicalAt?: number;
  /** Score at or above which they are called sister items (same family, different build) (default 0.5). */
  sisterAt?: number;
  /** How many parts to list in each part of the explanation (default 20). */
  listLimit?: number;
}

export interface PartCount {
  partNumber: string;
  unitsA: number;
  unitsB: number;
}

export interface Similarity {
  score: number;
  /** Weighted Jaccard over part numbers alone. */
  partsScore: number;
  /** Weighted Jaccard over (part, position) keys; null when either item has no positions. */
  positionsScore: number | null;
  verdict: 'identical' | 'sister' | 'different' | 'not comparable';
  thresholds: { identicalAt: number; sisterAt: number };
  sharedParts: number;
  partsOnlyInA: number;
  partsOnlyInB: number;
  /** Parts present in both but in different quantities. */
  differingCounts: PartCount[];
  onlyInA: PartCount[];
  onlyInB: PartCount[];
  /** Parts present in both whose positions differ. */
  moved: { partNumber: string; positionsA: string[]; positionsB: string[] }[];
  explanation: string;
}

/**
 * Part numbers compare without case, spaces or separators: `LTC-1688 cs` and `LTC1688CS` are one
 * part. Must match `remnant_part_key()` in the database (migration 0025), stored per component as
 * `components.part_key` (0023), which findings group by; test/findings/part-key.test.ts proves it.
 */
export function normalisePartNumber(p: string): string {
  const stripped = p.replace(/[ \t\n\r\f\v\-_/.]/g, '');
  // PostgreSQL's upper() maps one character to one character; JavaScript's expands some (ß → SS,
  // ﬁ → FI). Those few keep their case here so both sides give the same key (test/findings/part-key).
  return ASCII.test(stripped) ? stripped.toUpperCase() : Array.from(stripped, upperOne).join('');
}

const ASCII = /^[\x00-\x7f]*$/;

function upperOne(ch: string): string {
  const up = ch.toUpperCase();
  return up.length === ch.length ? up : ch;
}

type Tally = ReturnType<typeof tally>;

function tally(features: readonly ComponentFeature[]) {
  const parts = new Map<string, number>();
  const placed = new Map<string, number>();
  const positions = new Map<string, Set<string>>();
  let anyPosition = false;
  for (const f of features) {
    if (!(f.units > 0)) continue;
    const p = normalisePartNumber(f.partNumber);
    if (!p) continue;
    parts.set(p, (parts.get(p) ?? 0) + f.units);
    const pos = f.position?.trim().toUpperCase() ?? '';
    const key = `${p}@${pos}`;
    placed.set(key, (placed.get(key) ?? 0) + f.units);
    if (pos) {
      anyPosition = true;
      const s = positions.get(p) ?? new Set<string>();
      s.add(pos);
      positions.set(p, s);
    }
  }
  let units = 0;
  for (const v of parts.values()) units += v;
  return { parts, placed, positions, anyPosition, units };
}

function weightedJaccard(a: Map<string, number>, b: Map<string, number>): number {
  let min = 0;
  let max = 0;
  for (const [k, va] of a) {
    const vb = b.get(k) ?? 0;
    min += Math.min(va, vb);
    max += Math.max(va, vb);
  }
  for (const [k, vb] of b) if (!a.has(k)) max += vb;
  return max === 0 ? 0 : min / max;
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

export function compareComponentSets(a: readonly ComponentFeature[], b: readonly ComponentFeature[], opts: SimilarityOptions = {}): Similarity {
  return compareTallies(tally(a), tally(b), opts);
}

/**
 * The score compareTallies would give, without the explanation. Σmax = Σa + Σb − Σmin (as max(a,b) =
 * a + b − min(a,b)), so only the smaller map's keys are looked up in the other.
 */
function scoreTallies(ta: Tally, tb: Tally): number {
  if (ta.parts.size === 0 || tb.parts.size === 0) return 0;
  const [a, b] = ta.anyPosition && tb.anyPosition ? [ta.placed, tb.placed] : [ta.parts, tb.parts];
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let min = 0;
  for (const [k, v] of small) {
    const w = large.get(k);
    if (w !== undefined) min += v < w ? v : w;
  }
  const max = ta.units + tb.units - min;
  return max === 0 ? 0 : round4(min / max);
}

function compareTallies(ta: Tally, tb: Tally, opts: SimilarityOptions): Similarity {
  const identicalAt = opts.identicalAt ?? 0.9;
  const sisterAt = opts.sisterAt ?? 0.5;
  const limit = opts.listLimit ?? 20;
  const thresholds = { identicalAt, sisterAt };
  if (ta.parts.size === 0 || tb.parts.size === 0) {
    return {
      score: 0, partsScore: 0, positionsScore: null, verdict: 'not comparable', thresholds, sharedParts: 0,
      partsOnlyInA: ta.parts.size, partsOnlyInB: tb.parts.size, differingCounts: [], onlyInA: [], onlyInB: [], moved: [],
      explanation: 'not comparable: at least one item has no component with a part number',
    };
  }
  const partsScore = weightedJaccard(ta.parts, tb.parts);
  const positionsScore = ta.anyPosition && tb.anyPosition ? weightedJaccard(ta.placed, tb.placed) : null;
  const score = round4(positionsScore ?? partsScore);

  const onlyInA: PartCount[] = [];
  const onlyInB: PartCount[] = [];
  const differingCounts: PartCount[] = [];
  const moved: Similarity['moved'] = [];
  let shared = 0;
  for (const [p, ua] of ta.parts) {
    const ub = tb.parts.get(p);
    if (ub === undefined) {
      onlyInA.push({ partNumber: p, unitsA: ua, unitsB: 0 });
      continue;
    }
    shared += 1;
    if (ua !== ub) differingCounts.push({ partNumber: p, unitsA: ua, unitsB: ub });
    const pa = [...(ta.positions.get(p) ?? [])].sort();
    const pb = [...(tb.positions.get(p) ?? [])].sort();
    if (pa.length && pb.length && pa.join('|') !== pb.join('|')) moved.push({ partNumber: p, positionsA: pa, positionsB: pb });
  }
  for (const [p, ub] of tb.parts) if (!ta.parts.has(p)) onlyInB.push({ partNumber: p, unitsA: 0, unitsB: ub });
  const byName = (x: { partNumber: string }, y: { partNumber: string }) => (x.partNumber < y.partNumber ? -1 : x.partNumber > y.partNumber ? 1 : 0);
  onlyInA.sort(byName);
  onlyInB.sort(byName);
  differingCounts.sort(byName);
  moved.sort(byName);

  const verdict = score >= identicalAt ? 'identical' : score >= sisterAt ? 'sister' : 'different';
  const allParts = new Set([...ta.parts.keys(), ...tb.parts.keys()]).size;
  const bits = [`score ${score.toFixed(2)} (${verdict}; identical at ≥ ${identicalAt}, sister at ≥ ${sisterAt})`, `${shared} of ${allParts} part numbers shared`];
  const names = (xs: PartCount[]) => xs.slice(0, 5).map((x) => x.partNumber).join(', ') + (xs.length > 5 ? ', …' : '');
  if (onlyInA.length) bits.push(`${onlyInA.length} only in A (${names(onlyInA)})`);
  if (onlyInB.length) bits.push(`${onlyInB.length} only in B (${names(onlyInB)})`);
  if (differingCounts.length) bits.push(`${differingCounts.length} in different quantities`);
  if (moved.length) bits.push(`${moved.length} at different positions`);
  if (positionsScore === null) bits.push('positions not compared (not recorded on both items)');
  return {
    score,
    partsScore: round4(partsScore),
    positionsScore: positionsScore === null ? null : round4(positionsScore),
    verdict,
    thresholds,
    sharedParts: shared,
    partsOnlyInA: onlyInA.length,
    partsOnlyInB: onlyInB.length,
    differingCounts: differingCounts.slice(0, limit),
    onlyInA: onlyInA.slice(0, limit),
    onlyInB: onlyInB.slice(0, limit),
    moved: moved.slice(0, limit),
    explanation: bits.join('; '),
  };
}

export interface ItemFeatures {
  itemId: string;
  features: ComponentFeature[];
}

export interface SimilarPair {
  a: string;
  b: string;
  similarity: Similarity;
}

/**
 * Every pair of items at or above the sister threshold, most similar first. Each item is tallied
 * once; a pair whose unit totals alone rule out the threshold (Σmin ≤ the smaller total, Σmax ≥ the
 * larger, so the score ≤ smaller / larger) is skipped without comparing parts.
 */
export function similarPairs(items: readonly ItemFeatures[], opts: SimilarityOptions = {}): SimilarPair[] {
  const sisterAt = opts.sisterAt ?? 0.5;
  const tallies = items.map((i) => tally(i.features));
  const out: SimilarPair[] = [];
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const ta = tallies[i]!;
      const tb = tallies[j]!;
      if (Math.min(ta.units, tb.units) < sisterAt * Math.max(ta.units, tb.units)) continue;
      // The score alone first: the explanation (sorted part lists) is built only for pairs that qualify.
      if (scoreTallies(ta, tb) < sisterAt) continue;
      const s = compareTallies(ta, tb, opts);
      if (s.verdict !== 'not comparable' && s.score >= sisterAt) out.push({ a: items[i]!.itemId, b: items[j]!.itemId, similarity: s });
    }
  }
  return out.sort((x, y) => y.similarity.score - x.similarity.score || (x.a + x.b < y.a + y.b ? -1 : 1));
}
