/**
 * Precision and recall on the pairs derived from real list entries
 * (`real-pairs.ts`), by group, measured two ways like `evaluate.ts`:
 *
 * - pairwise: the query scored against its paired entry, keeping only the
 *   names the pair allows (a Hangul query meets the Latin names alone);
 * - end to end: the query run through an index of every entry, its own
 *   entry cut down the same way (or left out, for a false pair), so a hit on
 *   any other entry is a false match and missing its own is a miss.
 */
import { MatchIndex, type IndexEntityInput, type MatchQuery } from '../match-index.js';
import { DEFAULT_SCORING, type ScoringConfig } from '../score.js';
import { derivePairs, ENTRIES, type PairGroup, type RealEntry, type RealPair, type Split } from './real-pairs.js';

export interface Tally {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

export interface GroupMetrics extends Tally {
  pairs: number;
  precision: number;
  recall: number;
}

export interface RealMiss {
  group: PairGroup;
  category: string;
  expected: boolean;
  score: number;
  query: string;
  entity: string;
  names: string[];
}

export interface RealEvaluation {
  split: Split | 'all';
  threshold: number;
  pairs: number;
  pairwise: { overall: GroupMetrics; byGroup: Record<string, GroupMetrics>; byCategory: Record<string, GroupMetrics> };
  endToEnd: { overall: GroupMetrics; byGroup: Record<string, GroupMetrics> };
  /** Only ever filled for the dev split: held-out misses are not for reading. */
  misses: RealMiss[];
}

function finish(t: Tally): GroupMetrics {
  return {
    ...t,
    pairs: t.tp + t.fp + t.fn + t.tn,
    precision: t.tp + t.fp ? t.tp / (t.tp + t.fp) : 1,
    recall: t.tp + t.fn ? t.tp / (t.tp + t.fn) : 1,
  };
}

const zero = (): Tally => ({ tp: 0, fp: 0, fn: 0, tn: 0 });

function bump(map: Map<string, Tally>, key: string, field: keyof Tally, by = 1): void {
  const t = map.get(key) ?? zero();
  t[field] += by;
  map.set(key, t);
}

function input(e: RealEntry, key: number, keep: readonly string[] | null): IndexEntityInput {
  // Each name keeps the kind it has on the list (its first name is the
  // primary), whichever of them a pair keeps: an alias stays an alias.
  const names = e.names.map((n, i) => ({ n, i })).filter(({ n }) => keep === null || keep.includes(n.value));
  return {
    key,
    listId: 1,
    reference: e.id,
    schema: e.schema,
    names: names.map(({ n, i }) => ({ value: n.value, kind: i === 0 ? 'primary' : n.script === 'latin' ? 'alias' : 'original' })),
    countries: e.countries,
    identifiers: e.identifiers.map((x) => x.value),
    birthDates: e.birthDates,
  };
}

function toQuery(p: RealPair): MatchQuery {
  return {
    names: [p.query.name],
    schema: p.query.schema,
    countries: p.query.countries,
    identifiers: p.query.identifiers,
    birthDates: p.query.birthDates,
  };
}

export function evaluateReal(split: Split | 'all' = 'heldout', config: ScoringConfig = DEFAULT_SCORING, entries: readonly RealEntry[] = ENTRIES, batch?: string): RealEvaluation {
  // A batch is measured inside the index of every entry: only the pairs are filtered.
  const pairs = derivePairs(entries).filter((p) => (split === 'all' || p.split === split) && (batch === undefined || p.batch === batch));
  const keyOf = new Map(entries.map((e, i) => [e.id, i + 1]));
  const byKey = new Map(entries.map((e, i) => [i + 1, e.id]));
  const indexes = new Map<string, MatchIndex>();

  // One index per way of cutting an entry down; pairs sharing one share it.
  const indexFor = (p: RealPair): MatchIndex => {
    // A veto pair (same entry, contradicting date or number) keeps the entry whole.
    const own = p.match || p.from === p.entity ? p.entity : p.from;
    const keep = p.match || p.from === p.entity ? p.names : [];
    const k = `${own}\u0000${keep.join('\u0001')}\u0000${p.match ? '' : p.entity}`;
    let index = indexes.get(k);
    if (!index) {
      index = MatchIndex.from(
        entries.map((e) => {
          if (e.id === own) return input(e, keyOf.get(e.id)!, keep);
          if (!p.match && e.id === p.entity) return input(e, keyOf.get(e.id)!, p.names);
          return input(e, keyOf.get(e.id)!, null);
        }),
      );
      indexes.set(k, index);
    }
    return index;
  };

  const overall = zero();
  const groups = new Map<string, Tally>();
  const cats = new Map<string, Tally>();
  const e2e = zero();
  const e2eGroups = new Map<string, Tally>();
  const misses: RealMiss[] = [];

  for (const p of pairs) {
    const index = indexFor(p);
    const q = toQuery(p);
    const hit = index.scoreEntity(index.findByKey(keyOf.get(p.entity)!), q, config);
    const score = hit?.result.score ?? 0;
    const predicted = score >= config.threshold;
    const field: keyof Tally = predicted ? (p.match ? 'tp' : 'fp') : p.match ? 'fn' : 'tn';
    overall[field]++;
    bump(groups, p.group, field);
    bump(cats, `${p.group}: ${p.category}`, field);
    if (predicted !== p.match && split === 'dev') {
      misses.push({ group: p.group, category: p.category, expected: p.match, score, query: p.query.name, entity: p.entity, names: p.names });
    }

    // End to end: what the whole index returns for this query.
    const hits = index.match(q, { limit: 10, cutoff: config.threshold, config });
    // An entry found by the very number the query carries is the number's owner, not a false match.
    const returned = new Set(hits.filter((h) => h.result.identifierMatch === null || byKey.get(h.key) === p.entity).map((h) => byKey.get(h.key)));
    const truth = p.match ? p.entity : null;
    let fp = 0;
    for (const r of returned) if (r !== truth) fp++;
    const tp = truth !== null && returned.has(truth) ? 1 : 0;
    const fn = truth !== null && !tp ? 1 : 0;
    const tn = truth === null && fp === 0 ? 1 : 0;
    for (const [f, n] of [['tp', tp], ['fp', fp], ['fn', fn], ['tn', tn]] as const) {
      e2e[f] += n;
      bump(e2eGroups, p.group, f, n);
    }
  }

  const sorted = (m: Map<string, Tally>) => Object.fromEntries([...m].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, finish(v)]));
  return {
    split,
    threshold: config.threshold,
    pairs: pairs.length,
    pairwise: { overall: finish(overall), byGroup: sorted(groups), byCategory: sorted(cats) },
    endToEnd: { overall: finish(e2e), byGroup: sorted(e2eGroups) },
    misses,
  };
}
