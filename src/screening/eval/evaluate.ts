/**
 * Precision and recall of the matcher on the labelled pairs in
 * `labelled.json`, measured two ways:
 *
 * - pairwise: each query scored against the one entity it is paired with
 *   (is the score on the right side of the threshold?);
 * - end to end: each query run through the index against every labelled
 *   entity, blocking included; a returned match is a true positive only if
 *   that pair is labelled true, so near-miss distractors count against us.
 */
import labelled from './labelled.json' with { type: 'json' };
import { MatchIndex, type IndexEntityInput, type MatchQuery } from '../match-index.js';
import { DEFAULT_SCORING, type ScoringConfig } from '../score.js';
import type { NameKind } from '../types.js';

export interface LabelledEntity {
  id: string;
  schema: string;
  names: (string | { value: string; kind: string })[];
  countries: string[];
  identifiers?: string[];
}

export interface LabelledPair {
  entity: string;
  match: boolean;
  category: string;
  query: { name: string; schema?: string; country?: string; identifiers?: string[] };
}

export interface LabelledSet {
  entities: LabelledEntity[];
  pairs: LabelledPair[];
}

export const LABELLED: LabelledSet = labelled;

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

export interface Metrics extends Counts {
  precision: number;
  recall: number;
  f1: number;
}

export interface Mistake {
  query: string;
  entity: string;
  expected: boolean;
  score: number;
  category: string;
}

export interface Evaluation {
  threshold: number;
  pairwise: Metrics;
  endToEnd: Metrics;
  byCategory: Record<string, Metrics>;
  mistakes: Mistake[];
}

function metrics(c: Counts): Metrics {
  const precision = c.tp + c.fp > 0 ? c.tp / (c.tp + c.fp) : 1;
  const recall = c.tp + c.fn > 0 ? c.tp / (c.tp + c.fn) : 1;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { ...c, precision, recall, f1 };
}

function toInput(e: LabelledEntity, key: number): IndexEntityInput {
  return {
    key,
    listId: 1,
    reference: e.id,
    schema: e.schema,
    names: e.names.map((n, i) =>
      typeof n === 'string' ? { value: n, kind: (i === 0 ? 'primary' : 'alias') } : { value: n.value, kind: n.kind as NameKind },
    ),
    countries: e.countries,
    identifiers: e.identifiers ?? [],
  };
}

function toQuery(q: LabelledPair['query']): MatchQuery {
  return {
    names: [q.name],
    schema: q.schema ?? 'LegalEntity',
    countries: q.country ? [q.country] : [],
    identifiers: q.identifiers ?? [],
  };
}

/**
 * Builds an index of the labelled entities (plus any `extra`, e.g. a
 * synthetic list that makes word rarities realistic) and evaluates.
 */
export function evaluate(
  set: LabelledSet = LABELLED,
  config: ScoringConfig = DEFAULT_SCORING,
  extra: Iterable<IndexEntityInput> = [],
): Evaluation {
  const index = MatchIndex.from(
    (function* () {
      let key = 1;
      for (const e of set.entities) yield toInput(e, key++);
      for (const e of extra) yield { ...e, key: key++ };
    })(),
  );
  const keyOf = new Map(set.entities.map((e, i) => [e.id, i + 1]));
  const pair: Counts = { tp: 0, fp: 0, fn: 0, tn: 0 };
  const cats = new Map<string, Counts>();
  const mistakes: Mistake[] = [];
  for (const p of set.pairs) {
    const entity = index.findByKey(keyOf.get(p.entity)!);
    const hit = index.scoreEntity(entity, toQuery(p.query), config);
    const score = hit?.result.score ?? 0;
    const predicted = score >= config.threshold;
    const c = cats.get(p.category) ?? { tp: 0, fp: 0, fn: 0, tn: 0 };
    const field = predicted ? (p.match ? 'tp' : 'fp') : p.match ? 'fn' : 'tn';
    pair[field]++;
    c[field]++;
    cats.set(p.category, c);
    if (predicted !== p.match) mistakes.push({ query: p.query.name, entity: p.entity, expected: p.match, score, category: p.category });
  }

  // End to end: group the labels by query, run each query once.
  const e2e: Counts = { tp: 0, fp: 0, fn: 0, tn: 0 };
  const byQuery = new Map<string, { query: LabelledPair['query']; truths: Set<string> }>();
  for (const p of set.pairs) {
    const k = JSON.stringify(p.query);
    const entry = byQuery.get(k) ?? { query: p.query, truths: new Set<string>() };
    if (p.match) entry.truths.add(p.entity);
    byQuery.set(k, entry);
  }
  const refByKey = new Map(set.entities.map((e, i) => [i + 1, e.id]));
  for (const { query, truths } of byQuery.values()) {
    const hits = index.match(toQuery(query), { limit: 10, cutoff: config.threshold, config });
    const returned = new Set(hits.map((h) => refByKey.get(h.key) ?? `extra:${h.key}`));
    for (const r of returned) {
      if (truths.has(r)) e2e.tp++;
      else e2e.fp++;
    }
    for (const t of truths) if (!returned.has(t)) e2e.fn++;
    if (truths.size === 0 && returned.size === 0) e2e.tn++;
  }

  return {
    threshold: config.threshold,
    pairwise: metrics(pair),
    endToEnd: metrics(e2e),
    byCategory: Object.fromEntries([...cats].sort().map(([k, v]) => [k, metrics(v)])),
    mistakes,
  };
}
