/**
 * Findings: the figures investigators publish, computed from the records and leading back to them.
 * The face other contexts, the HTTP layer, the CLI and benchmarks use.
 *
 * - `computeFindings(db, actor, scope, options)` — every figure for an item, incident, case,
 *   weapon model or the whole database, as `actor` may count it (null = the public).
 * - `drillComponents(...)` — the component ids behind one bucket of one figure, paged.
 * - `compareItems(...)` — similarity of two items with the full explanation.
 * - pure maths: shares, date windows, production marks, similarity, M49 regions, metric values.
 *
 * docs/findings.md says what each figure means and which records it counts.
 */
export { computeFindings, compareItems } from './compute.js';
export { caseDashboard, dashboardSchema, type Dashboard } from './dashboard.js';
export { drillComponents, countableBy, scopeCtes, aggregateScopeByScan, describeScope, DRILL_DIMENSIONS, type DrillDimension, type AggregateRow } from './queries.js';
export { aggregateScope, rebuildSummary, verifySummary, type SummaryDifference } from './summary.js';
export { largestRemainderShares, shareOf } from './shares.js';
export {
  assembledNoEarlierThan, parseProductionMark, productionToUse, describeDays, JUCHE_OFFSET,
  type DateWindow, type DatedRecord, type NoEarlierThan, type ProductionMark, type ProductionToUse,
} from './dates.js';
export { compareComponentSets, similarPairs, normalisePartNumber, type ComponentFeature, type Similarity, type SimilarityOptions } from './similarity.js';
export { countryName, m49RegionOf, type M49Region } from './regions.js';
export { metricValue, metricValueKind, parseMetricKey, METRICS, type MetricValue } from './metrics.js';
export { toBreakdown } from './breakdown.js';
export type { Findings, FindingsOptions, Scope, ScopeInfo, Breakdown, Bucket, RecordRefs, ItemTimeline, SanctionedParty } from './types.js';
export { findingsSchema, comparisonSchema, breakdownSchema, bucketSchema, recordRefsSchema, similaritySchema } from './schema.js';
