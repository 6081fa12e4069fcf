import type { DB } from '../db/index.js';
import type { Actor } from '../access/index.js';
import { ValidationProblem } from '../problems.js';
import { toBreakdown, type GroupRow } from './breakdown.js';
import { parseProductionMark, productionToUse, type DateWindow } from './dates.js';
import {
  aggregateScope, componentsProducedFrom, describeScope, itemDetails, labelsOf, scopeFeatures, scopeItemCountWithParts,
  scopeItems, similarCandidates, tracedComponentCount, type AggregateRow, type Dim,
} from './queries.js';
import { tracingFindings } from '../tracing/index.js';
import { countryName } from './regions.js';
import { shareOf } from './shares.js';
import { compareComponentSets, similarPairs, type ComponentFeature } from './similarity.js';
import type { Breakdown, Findings, FindingsOptions, ItemTimeline, Scope, SimilarItem, SimilarPairOut } from './types.js';

/**
 * Computes every finding for a scope as `actor` may count it: SQL does the counting (queries.ts),
 * the pure modules do the maths (shares, dates, similarity), this file joins the two.
 */

const DEFAULT_ID_LIMIT = { item: 1000, group: 200 };
const DEFAULT_BUCKET_LIMIT = 100;
const MAX_SIMILARITY_ITEMS = 200;

export async function computeFindings(db: DB, actor: Actor | null, scope: Scope, options: FindingsOptions = {}): Promise<Findings> {
  const isItem = scope.kind === 'item';
  const idLimit = options.idLimit ?? (isItem ? DEFAULT_ID_LIMIT.item : DEFAULT_ID_LIMIT.group);
  const bucketLimit = options.bucketLimit ?? DEFAULT_BUCKET_LIMIT;
  if (!Number.isInteger(idLimit) || idLimit < 0 || idLimit > 100_000) throw new ValidationProblem([{ field: 'idLimit', message: 'must be an integer from 0 to 100000' }]);
  if (!Number.isInteger(bucketLimit) || bucketLimit < 1 || bucketLimit > 10_000) throw new ValidationProblem([{ field: 'bucketLimit', message: 'must be an integer from 1 to 10000' }]);
  const q = { includeIllustrative: options.includeIllustrative ?? true };
  const scopeInfo = await describeScope(db, actor, scope);

  const [rows, items] = await Promise.all([
    aggregateScope(db, actor, scope, { ...q, idLimit, bucketLimit }),
    scopeItems(db, actor, scope, { ...q, idLimit }),
  ]);
  const byDim = new Map<Dim, AggregateRow[]>();
  for (const r of rows) byDim.set(r.dim, [...(byDim.get(r.dim) ?? []), r]);
  const total = byDim.get('total')?.[0];
  const units = total?.units ?? 0;
  const records = total?.records ?? 0;
  const dimRows = (d: Dim): GroupRow[] => byDim.get(d) ?? [];
  const nKeys = (d: Dim) => byDim.get(d)?.[0]?.nKeys ?? 0;
  const base = { totalUnits: units, totalRecords: records, idLimit };

  const makerLabels = await labelsOf(db, 'organisations', dimRows('maker').map((r) => r.key).filter((k): k is string => k !== null));
  const makers = toBreakdown(dimRows('maker'), { ...base, limit: bucketLimit, distinct: nKeys('maker'), label: (k) => (k === null ? 'maker unknown' : makerLabels.get(k) ?? k) });
  const countryLabel = (k: string | null) => (k === null ? 'country unknown' : countryName(k));
  const makerCountries = toBreakdown(dimRows('hq'), { ...base, label: countryLabel });
  const makerCountriesByParent = toBreakdown(dimRows('parent'), { ...base, label: countryLabel });
  const chplTiers = toBreakdown(dimRows('tier'), { ...base, sortByKey: true, label: (k) => (k === null ? 'not on the CHPL / unclassified' : `CHPL tier ${k}`) });
  const datedUnits = total?.datedUnits ?? 0;
  const datedRecords = total?.datedRecords ?? 0;
  const byYear = toBreakdown(dimRows('year').filter((r) => r.key !== null), {
    totalUnits: datedUnits, totalRecords: datedRecords, idLimit, sortByKey: true, label: (k) => k ?? '',
  });
  const parts = toBreakdown(dimRows('part'), { ...base, limit: isItem ? bucketLimit : Math.min(bucketLimit, 50), distinct: nKeys('part'), label: (k) => k ?? 'no part number' });

  // No earlier than: the newest lower bound, with the components that set it.
  let noEarlierThan: Findings['noEarlierThan'] = null;
  if (total?.newestFrom) {
    const newest = await componentsProducedFrom(db, actor, scope, total.newestFrom, { ...q, idLimit });
    noEarlierThan = {
      date: total.newestFrom,
      refs: { table: 'components', count: newest.count, ids: newest.ids, truncated: newest.ids.length < newest.count },
      note: isItem
        ? `assembled no earlier than ${total.newestFrom}: the latest production lower bound among ${datedRecords} dated components`
        : `the newest component in this scope was produced no earlier than ${total.newestFrom}; see each item's timeline for its own bound`,
    };
  }

  const timelines = await buildTimelines(db, actor, isItem ? [scope.id] : dimRows('item').map((r) => r.key!).filter(Boolean), byDim.get('item') ?? []);

  const similarity = options.similarity === false
    ? { thresholds: { identicalAt: 0.9, sisterAt: 0.5 }, similarItems: [], pairs: [], note: 'similarity not requested' }
    : await buildSimilarity(db, actor, scope, q, options.similarity ?? {});

  const intermediaries = await buildIntermediaries(db, actor, scope, q);

  const illustrativeComponents = total?.illustrativeRecords ?? 0;
  const allIllustrative = records > 0 && illustrativeComponents === records;
  const notes: string[] = [];
  if (illustrativeComponents > 0) {
    notes.push(`${illustrativeComponents} of ${records} component records counted here are illustrative (demo data), not documented evidence`);
  }
  if (!actor) notes.push('computed for the public: only published records are counted');
  if (!q.includeIllustrative) notes.push('illustrative records excluded');

  return {
    scope: scopeInfo,
    audience: actor ? `${actor.role} ${actor.username}` : 'public',
    computedAt: new Date().toISOString(),
    illustrative: {
      components: illustrativeComponents,
      items: items.illustrative,
      all: allIllustrative,
      note: illustrativeComponents > 0 ? 'figures include illustrative records; they show how the figures are computed, not what was documented' : null,
    },
    items: { table: 'items', count: items.count, ids: items.ids, truncated: items.ids.length < items.count },
    components: {
      records: { table: 'components', count: records, ids: total?.ids ?? [], truncated: (total?.ids?.length ?? 0) < records },
      units,
      partNumbers: { count: nKeys('part'), top: parts.buckets },
      unidentifiedUnits: total?.unidentifiedUnits ?? 0,
    },
    makers,
    makerCountries,
    makerCountriesByParent,
    dateCodes: { datedUnits, datedRecords, share: shareOf(datedUnits, units), byYear },
    noEarlierThan,
    timelines,
    chplTiers,
    similarity,
    intermediaries,
    notes,
  };
}

async function buildTimelines(db: DB, actor: Actor | null, itemIds: string[], itemRows: AggregateRow[]): Promise<ItemTimeline[]> {
  const details = await itemDetails(db, actor, itemIds);
  const newest = new Map(itemRows.map((r) => [r.key, r.newestFrom]));
  return details
    .map((d) => {
      const mark = parseProductionMark(d.productionMarks);
      const use: DateWindow | null = d.usedOn
        ? { from: d.usedOn, to: d.usedOn }
        : d.occurredFrom
          ? { from: d.occurredFrom, to: d.occurredTo ?? d.occurredFrom }
          : null;
      const net = newest.get(d.id) ?? null;
      return { itemId: d.id, label: d.label, noEarlierThan: net, mark, use, interval: productionToUse({ mark, noEarlierThan: net, use }) };
    })
    .sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
}

function toFeatures(rows: { partKey: string; position: string | null; units: number }[]): ComponentFeature[] {
  return rows.map((r) => ({ partNumber: r.partKey, position: r.position, units: Number(r.units) }));
}

async function buildSimilarity(
  db: DB, actor: Actor | null, scope: Scope, q: { includeIllustrative: boolean },
  opts: { identicalAt?: number; sisterAt?: number; maxItems?: number },
): Promise<Findings['similarity']> {
  const thresholds = { identicalAt: opts.identicalAt ?? 0.9, sisterAt: opts.sisterAt ?? 0.5 };
  if (!(thresholds.identicalAt > 0 && thresholds.identicalAt <= 1)) throw new ValidationProblem([{ field: 'identicalAt', message: 'must be in (0, 1]' }]);
  if (!(thresholds.sisterAt > 0 && thresholds.sisterAt <= thresholds.identicalAt)) throw new ValidationProblem([{ field: 'sisterAt', message: 'must be in (0, identicalAt]' }]);
  if (scope.kind === 'item') {
    const [own, candidates] = await Promise.all([
      scopeFeatures(db, actor, scope, q),
      similarCandidates(db, actor, scope.id, { ...q, limit: 20 }),
    ]);
    const mine = toFeatures(own);
    const similarItems: SimilarItem[] = candidates
      .map((c) => ({ itemId: c.itemId, label: c.label, similarity: compareComponentSets(mine, toFeatures(c.features), thresholds) }))
      .filter((s) => s.similarity.verdict !== 'not comparable' && s.similarity.score >= thresholds.sisterAt)
      .sort((a, b) => b.similarity.score - a.similarity.score);
    return { thresholds, similarItems, pairs: [], note: candidates.length === 0 ? 'no other item shares a part number with this one' : null };
  }
  const maxItems = Math.min(opts.maxItems ?? MAX_SIMILARITY_ITEMS, MAX_SIMILARITY_ITEMS);
  const n = await scopeItemCountWithParts(db, actor, scope, q);
  if (n > maxItems) {
    return { thresholds, similarItems: [], pairs: [], note: `${n} items in scope: pairwise similarity is computed for at most ${maxItems}; open an item to see the items most like it` };
  }
  const features = await scopeFeatures(db, actor, scope, q);
  const grouped = new Map<string, ComponentFeature[]>();
  for (const f of features) grouped.set(f.itemId, [...(grouped.get(f.itemId) ?? []), ...toFeatures([f])]);
  const pairs = similarPairs([...grouped].map(([itemId, fs]) => ({ itemId, features: fs })), thresholds);
  const labels = await labelsOf(db, 'items', [...grouped.keys()]);
  const out: SimilarPairOut[] = pairs.map((p) => ({
    a: { itemId: p.a, label: labels.get(p.a) ?? p.a },
    b: { itemId: p.b, label: labels.get(p.b) ?? p.b },
    similarity: p.similarity,
  }));
  return { thresholds, similarItems: [], pairs: out, note: grouped.size < 2 ? 'fewer than two items with part numbers: nothing to compare' : null };
}

/**
 * Intermediaries come from the tracing context (its chains decide who is an intermediary): each
 * traced component counted once, at its last intermediary in legal trade, by country and by UN M49
 * sub-region. Null when nothing in the scope has been traced.
 */
async function buildIntermediaries(db: DB, actor: Actor | null, scope: Scope, q: { includeIllustrative: boolean }): Promise<Findings['intermediaries']> {
  const traced = await tracedComponentCount(db, actor, scope, q);
  if (traced === 0) return null;
  if (scope.kind === 'weaponModel') {
    const empty = toBreakdown([], { totalUnits: 0, totalRecords: 0, idLimit: 0, label: () => '' });
    return { tracedComponents: traced, byCountry: empty, byRegion: empty, note: 'intermediaries are computed per item, incident, case or for the whole database; open one of those' };
  }
  const t = await tracingFindings(db, actor, scope.kind === 'all' ? {} : scope.kind === 'item' ? { itemId: scope.id } : scope.kind === 'case' ? { caseId: scope.id } : { incidentId: scope.id });
  const total = t.byLastIntermediaryCountry.reduce((a, r) => a + r.count, 0);
  const rows = (xs: { key: string; count: number }[]) => xs.map((r) => ({ key: r.key === 'unknown' ? null : r.key, units: r.count, records: r.count, ids: null }));
  return {
    tracedComponents: t.tracedComponents,
    byCountry: toBreakdown(rows(t.byLastIntermediaryCountry), { totalUnits: total, totalRecords: total, idLimit: 0, label: (k) => (k === null ? 'country unknown' : countryName(k)) }),
    byRegion: toBreakdown(rows(t.byLastIntermediarySubregion), { totalUnits: total, totalRecords: total, idLimit: 0, label: (k) => k ?? 'region unknown' }),
    note: 'each traced component counted once, at its last intermediary in legal trade; the chains behind each figure are in the tracing view (/api/tracing)',
  };
}

/** Similarity of two named items, with the full explanation (for "why are these called identical?"). */
export async function compareItems(
  db: DB, actor: Actor | null, a: string, b: string, thresholds: { identicalAt?: number; sisterAt?: number } = {},
): Promise<{ a: { itemId: string; label: string }; b: { itemId: string; label: string }; similarity: ReturnType<typeof compareComponentSets> }> {
  const q = { includeIllustrative: true };
  const [ia, ib] = await Promise.all([describeScope(db, actor, { kind: 'item', id: a }), describeScope(db, actor, { kind: 'item', id: b })]);
  const [fa, fb] = await Promise.all([scopeFeatures(db, actor, { kind: 'item', id: a }, q), scopeFeatures(db, actor, { kind: 'item', id: b }, q)]);
  return {
    a: { itemId: a, label: ia.label },
    b: { itemId: b, label: ib.label },
    similarity: compareComponentSets(toFeatures(fa), toFeatures(fb), { ...thresholds, listLimit: 200 }),
  };
}
