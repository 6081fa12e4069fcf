import type { DB } from '../db/index.js';
import type { Actor } from '../access/index.js';
import { ValidationProblem } from '../problems.js';
import { toBreakdown, type GroupRow } from './breakdown.js';
import { parseProductionMark, productionToUse, type DateWindow } from './dates.js';
import {
  attachIds, componentsByMakers, componentsProducedFrom, type NewestComponents, describeScope, hasTraceTables, itemDetails, labelsOf, scopeFeatures, scopeItems,
  type AggregateRow, type Dim,
} from './queries.js';
import { aggregateScope, similarCandidates } from './summary.js';
import { tracingAnalysis } from '../tracing/index.js';
import { loadedLists, sanctionedOrganisationIds, sanctionedOrganisations } from '../screening/index.js';
import { countryName, m49RegionOf } from './regions.js';
import { shareOf } from './shares.js';
import { compareComponentSets, similarPairs, type ComponentFeature } from './similarity.js';
import type { Findings, FindingsOptions, ItemTimeline, RecordRefs, SanctionedParty, Scope, SimilarItem, SimilarPairOut } from './types.js';

/**
 * Computes every finding for a scope as `actor` may count it: SQL does the counting (queries.ts),
 * the pure modules do the maths (shares, dates, similarity), this file joins the two.
 */

const DEFAULT_ID_LIMIT = { item: 1000, group: 200 };
const DEFAULT_BUCKET_LIMIT = 100;
const MAX_SIMILARITY_ITEMS = 200;
/**
 * Scopes with more component records than this list no ids inline (each figure says `truncated`;
 * /api/findings/records pages through them): collecting ids costs more than every figure together.
 */
export const INLINE_IDS_MAX_RECORDS = 10_000;
/** Intermediaries come from the tracing context, which loads each chain; beyond this it is left to the tracing view. */
export const INTERMEDIARIES_MAX_RECORDS = 50_000;

export async function computeFindings(db: DB, actor: Actor | null, scope: Scope, options: FindingsOptions = {}): Promise<Findings> {
  const isItem = scope.kind === 'item';
  const idLimit = options.idLimit ?? (isItem ? DEFAULT_ID_LIMIT.item : DEFAULT_ID_LIMIT.group);
  const bucketLimit = options.bucketLimit ?? DEFAULT_BUCKET_LIMIT;
  if (!Number.isInteger(idLimit) || idLimit < 0 || idLimit > 100_000) throw new ValidationProblem([{ field: 'idLimit', message: 'must be an integer from 0 to 100000' }]);
  if (!Number.isInteger(bucketLimit) || bucketLimit < 1 || bucketLimit > 10_000) throw new ValidationProblem([{ field: 'bucketLimit', message: 'must be an integer from 1 to 10000' }]);
  const q = { includeIllustrative: options.includeIllustrative ?? true, windows: options.windows ?? 'suggested' };
  // Stage 1: every count in one pass over the scope, and the items in scope. The scope's label is
  // read beside them (a scope the actor may not see counts nothing, and the 404 comes from it).
  const traces = await hasTraceTables(db);
  const [scopeInfo, rows, items] = await Promise.all([
    describeScope(db, actor, scope),
    aggregateScope(db, actor, scope, { ...q, bucketLimit, traces }),
    scopeItems(db, actor, scope, { ...q, idLimit }),
  ]);
  const byDim = new Map<Dim, AggregateRow[]>();
  for (const r of rows) byDim.set(r.dim, [...(byDim.get(r.dim) ?? []), r]);
  const total = byDim.get('total')?.[0];
  const units = total?.units ?? 0;
  const records = total?.records ?? 0;
  const dimRows = (d: Dim): GroupRow[] => byDim.get(d) ?? [];
  const nKeys = (d: Dim) => byDim.get(d)?.[0]?.nKeys ?? 0;
  const inlineIds = idLimit > 0 && records <= INLINE_IDS_MAX_RECORDS;

  // Stage 2: what depends on those counts, concurrently (each is one or two queries).
  const makerIds = dimRows('maker').map((r) => r.key).filter((k): k is string => k !== null);
  const [, newest, makerLabels, timelines, similarity, traced, sanctionedIds] = await Promise.all([
    inlineIds ? attachIds(db, actor, scope, rows, { ...q, idLimit }) : Promise.resolve(),
    // Asked even when no ids are listed (idLimit 0), so that what the bound rests on is known for any scope small enough.
    records <= INLINE_IDS_MAX_RECORDS && total?.newestFrom ? componentsProducedFrom(db, actor, scope, total.newestFrom, { ...q, idLimit }) : Promise.resolve(null),
    labelsOf(db, 'organisations', makerIds),
    buildTimelines(db, actor, isItem ? [scope.id] : dimRows('item').map((r) => r.key!).filter(Boolean), byDim.get('item') ?? []),
    options.similarity === false
      ? Promise.resolve({ thresholds: { identicalAt: 0.9, sisterAt: 0.5 }, similarItems: [], pairs: [], note: 'similarity not requested' })
      : buildSimilarity(db, actor, scope, q, options.similarity ?? {}, nKeys('item')),
    buildIntermediaries(db, actor, scope, total?.tracedRecords ?? 0, records),
    // Screening decisions are not published: the public gets no sanctions figure at all.
    actor ? Promise.all([sanctionedOrganisationIds(db), loadedLists(db)]) : Promise.resolve(null),
  ]);
  const intermediaries = traced.figure;
  const sanctioned = sanctionedIds === null ? null : await buildSanctioned(db, actor, scope, {
    ...q, idLimit: inlineIds ? idLimit : 0, sanctionedIds: sanctionedIds[0], lists: sanctionedIds[1], makerRows: byDim.get('maker') ?? [], allMakersListed: dimRows('maker').filter((r) => r.key !== null).length >= nKeys('maker'),
    holders: traced.holders, intermediariesNote: traced.figure?.note ?? null, tracedRecords: total?.tracedRecords ?? 0,
  });

  const base = { totalUnits: units, totalRecords: records, idLimit };
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
  // It names the components it rests on and says whether any of their windows is ambiguous or unconfirmed.
  const refsOf = (x: { count: number; ids: string[] }): RecordRefs => ({ table: 'components', count: x.count, ids: x.ids, truncated: x.ids.length < x.count });
  const noEarlierThan: Findings['noEarlierThan'] = total?.newestFrom
    ? {
        date: total.newestFrom,
        refs: newest ? refsOf(newest) : { table: 'components', count: 0, ids: [], truncated: true },
        note: (isItem
          ? `assembled no earlier than ${total.newestFrom}: the latest production lower bound among ${datedRecords} dated components`
          : `the newest component in this scope was produced no earlier than ${total.newestFrom}; see each item's timeline for its own bound`)
          + restsOnNote(newest, total.newestFromConservative ?? total.newestFrom, total.newestFrom),
        ambiguous: newest ? newest.ambiguous.count > 0 : null,
        restsOnAmbiguous: newest ? refsOf(newest.ambiguous) : null,
        restsOnUnconfirmed: newest ? refsOf(newest.unconfirmed) : null,
        conservativeDate: total.newestFromConservative ?? total.newestFrom,
      }
    : null;

  const illustrativeComponents = total?.illustrativeRecords ?? 0;
  const allIllustrative = records > 0 && illustrativeComponents === records;
  const notes: string[] = [];
  if (illustrativeComponents > 0) {
    notes.push(`${illustrativeComponents} of ${records} component records counted here are illustrative (demo data), not documented evidence`);
  }
  if (!actor) notes.push('computed for the public: only published records are counted');
  if (!actor) notes.push('no sanctions figure for the public: screening decisions are not published');
  if (!q.includeIllustrative) notes.push('illustrative records excluded');
  if (idLimit > 0 && !inlineIds) {
    notes.push(`${records} component records: too many to list ids inline (limit ${INLINE_IDS_MAX_RECORDS}); page through any bucket with /api/findings/records`);
  }

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
    dateCodes: {
      datedUnits, datedRecords, ambiguousRecords: Number(total?.ambiguousRecords ?? 0), unconfirmedRecords: Number(total?.unconfirmedRecords ?? 0),
      windows: q.windows, share: shareOf(datedUnits, units), byYear,
    },
    noEarlierThan,
    timelines,
    chplTiers,
    similarity,
    intermediaries,
    sanctioned,
    notes,
  };
}

/**
 * Makers and intermediaries with a confirmed sanctions match. The confirmed organisations are few,
 * so they are fetched first and looked for in the scope: among the makers already counted (a
 * second, filtered pass only when the makers breakdown was capped), and among the holders in trade
 * on the scope's chains, from the chains the intermediaries figure loaded. Only organisations the
 * actor may count can appear: makers come from the `orgs` CTE, holders from chains loaded with
 * `readableBy`.
 */
async function buildSanctioned(
  db: DB, actor: Actor | null, scope: Scope,
  o: {
    includeIllustrative: boolean; idLimit: number; sanctionedIds: string[]; lists: { count: number; titles: string[] }; makerRows: AggregateRow[]; allMakersListed: boolean;
    holders: Map<string, string[]> | null; intermediariesNote: string | null; tracedRecords: number;
  },
): Promise<NonNullable<Findings['sanctioned']>> {
  const set = new Set(o.sanctionedIds);
  const makers = new Map<string, { count: number; ids: string[] }>();
  if (set.size > 0) {
    if (o.allMakersListed) {
      for (const r of o.makerRows) if (r.key !== null && set.has(r.key)) makers.set(r.key, { count: r.records, ids: o.idLimit > 0 ? (r.ids ?? []).slice(0, o.idLimit) : [] });
    } else {
      for (const [k, v] of await componentsByMakers(db, actor, scope, [...set], { includeIllustrative: o.includeIllustrative, idLimit: o.idLimit, traces: false })) makers.set(k, v);
    }
  }
  const intermediaries = new Map<string, string[]>();
  for (const [k, comps] of o.holders ?? []) if (set.has(k)) intermediaries.set(k, comps);
  const partyIds = [...new Set([...makers.keys(), ...intermediaries.keys()])];
  const [matches, names] = await Promise.all([sanctionedOrganisations(db, partyIds), labelsOf(db, 'organisations', partyIds)]);
  const parties: SanctionedParty[] = partyIds.map((id) => {
    const made = makers.get(id);
    const passed = intermediaries.get(id) ?? [];
    const ids = [...(made?.ids ?? []), ...passed].sort().slice(0, o.idLimit);
    // Disjoint: a chain's holders in trade never include the component's own maker.
    const count = (made?.count ?? 0) + passed.length;
    return {
      organisationId: id,
      name: names.get(id) ?? id,
      roles: [...(made ? ['maker' as const] : []), ...(intermediaries.has(id) ? ['intermediary' as const] : [])],
      components: { table: 'components' as const, count, ids, truncated: ids.length < count },
      matches: (matches.get(id) ?? []).map((m) => ({
        matchId: m.matchId, listSlug: m.listSlug, listTitle: m.listTitle, listVersionDate: m.listVersionDate, entityReference: m.entityReference,
        entityCaption: m.entityCaption, programmes: m.programmes, confirmedAt: m.confirmedAt,
      })),
    };
  }).sort((a, b) => b.components.count - a.components.count || a.name.localeCompare(b.name));
  const notes = ['organisations with a sanctions match confirmed by a reviewer, whose entry is still listed'];
  if (o.tracedRecords > 0 && o.holders === null) notes.push(`intermediaries not screened here: ${o.intermediariesNote ?? 'chains not loaded for this scope'}`);
  else notes.push('intermediaries are the holders in trade on the chains of the components counted (not their makers), before or after the diversion point');
  const screened = o.lists.count > 0;
  // Before any list is loaded, "no match" would read as "clean": the figure says it was not screened.
  const summary = !screened
    ? 'not screened: no sanctions list loaded'
    : parties.length === 0
      ? `no confirmed sanctions match among the makers and intermediaries (screened against ${o.lists.count === 1 ? o.lists.titles[0] : `${o.lists.count} lists`})`
      : `${makers.size} ${makers.size === 1 ? 'maker' : 'makers'} and ${intermediaries.size} ${intermediaries.size === 1 ? 'intermediary' : 'intermediaries'} with a confirmed sanctions match`;
  return { screened, listsLoaded: o.lists.titles, summary, makers: makers.size, intermediaries: intermediaries.size, parties, note: notes.join('; ') };
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
  opts: { identicalAt?: number; sisterAt?: number; maxItems?: number }, itemsWithComponents: number,
): Promise<Findings['similarity']> {
  const thresholds = { identicalAt: opts.identicalAt ?? 0.9, sisterAt: opts.sisterAt ?? 0.5 };
  if (!(thresholds.identicalAt > 0 && thresholds.identicalAt <= 1)) throw new ValidationProblem([{ field: 'identicalAt', message: 'must be in (0, 1]' }]);
  if (!(thresholds.sisterAt > 0 && thresholds.sisterAt <= thresholds.identicalAt)) throw new ValidationProblem([{ field: 'sisterAt', message: 'must be in (0, identicalAt]' }]);
  if (scope.kind === 'item') {
    const { own, candidates } = await similarCandidates(db, actor, scope.id, { ...q, limit: 20 });
    const mine = toFeatures(own);
    const similarItems: SimilarItem[] = candidates
      .map((c) => ({ itemId: c.itemId, label: c.label, similarity: compareComponentSets(mine, toFeatures(c.features), thresholds) }))
      .filter((s) => s.similarity.verdict !== 'not comparable' && s.similarity.score >= thresholds.sisterAt)
      .sort((a, b) => b.similarity.score - a.similarity.score);
    return { thresholds, similarItems, pairs: [], note: candidates.length === 0 ? 'no other item shares a part number with this one' : null };
  }
  const maxItems = Math.min(opts.maxItems ?? MAX_SIMILARITY_ITEMS, MAX_SIMILARITY_ITEMS);
  const n = itemsWithComponents;
  if (n > maxItems) {
    return { thresholds, similarItems: [], pairs: [], note: `${n} items in scope: pairwise similarity is computed for at most ${maxItems}; open an item to see the items most like it` };
  }
  const features = await scopeFeatures(db, actor, scope, q);
  const grouped = new Map<string, ComponentFeature[]>();
  for (const f of features) {
    const list = grouped.get(f.itemId) ?? [];
    list.push({ partNumber: f.partKey, position: f.position, units: Number(f.units) });
    grouped.set(f.itemId, list);
  }
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
async function buildIntermediaries(
  db: DB, actor: Actor | null, scope: Scope, traced: number, records: number,
): Promise<{ figure: Findings['intermediaries']; holders: Map<string, string[]> | null }> {
  if (traced === 0) return { figure: null, holders: new Map() };
  const empty = toBreakdown([], { totalUnits: 0, totalRecords: 0, idLimit: 0, label: () => '' });
  if (records > INTERMEDIARIES_MAX_RECORDS) {
    return { holders: null, figure: { tracedComponents: traced, byCountry: empty, byRegion: empty, note: `${records} components in scope: intermediaries are computed here for scopes of up to ${INTERMEDIARIES_MAX_RECORDS}; see the tracing view (/api/tracing) for this one` } };
  }
  if (scope.kind === 'weaponModel') {
    return { holders: null, figure: { tracedComponents: traced, byCountry: empty, byRegion: empty, note: 'intermediaries are computed per item, incident, case or for the whole database; open one of those' } };
  }
  const analysis = await tracingAnalysis(db, actor, scope);
  const t = analysis.findings;
  const total = t.byLastIntermediaryCountry.reduce((a, r) => a + r.count, 0);
  const countries = t.byLastIntermediaryCountry.map((r) => ({ key: r.key === 'unknown' ? null : r.key, units: r.count, records: r.count, ids: null }));
  // Sub-regions from the per-country counts, with the same UN M49 table the rest of findings uses.
  const regions = new Map<string | null, { units: number; name: string }>();
  for (const c of countries) {
    const reg = m49RegionOf(c.key);
    const key = reg?.code ?? null;
    const e = regions.get(key) ?? { units: 0, name: reg?.name ?? 'region unknown' };
    e.units += c.units;
    regions.set(key, e);
  }
  return { holders: analysis.holdersInTrade, figure: {
    tracedComponents: t.tracedComponents,
    byCountry: toBreakdown(countries, { totalUnits: total, totalRecords: total, idLimit: 0, label: (k) => (k === null ? 'country unknown' : countryName(k)) }),
    byRegion: toBreakdown([...regions].map(([key, e]) => ({ key, units: e.units, records: e.units, ids: null })), {
      totalUnits: total, totalRecords: total, idLimit: 0, label: (k) => regions.get(k)?.name ?? 'region unknown',
    }),
    note: 'each traced component counted once, at its last intermediary in legal trade; the chains behind each figure are in the tracing view (/api/tracing)',
  } };
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

/** What "no earlier than" rests on, in words: ambiguous or unconfirmed windows, and the conservative bound when it differs. */
function restsOnNote(newest: NewestComponents | null, conservative: string, date: string): string {
  const parts: string[] = [];
  if (newest && newest.ambiguous.count > 0) parts.push(`${newest.ambiguous.count} of the ${newest.count} components it rests on ${newest.ambiguous.count === 1 ? 'has' : 'have'} an ambiguous date code (other windows are possible)`);
  if (newest && newest.unconfirmed.count > 0) parts.push(`${newest.unconfirmed.count} ${newest.unconfirmed.count === 1 ? 'window is' : 'windows are'} the engine's suggestion, not confirmed by a person`);
  if (conservative !== date) parts.push(`counting every ambiguous window as its envelope, the bound is ${conservative}`);
  return parts.length ? `; ${parts.join('; ')}` : '';
}
