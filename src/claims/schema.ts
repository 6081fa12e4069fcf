import { z } from 'zod';
import { externalId, id, recordMeta, requiredText, text, visibility } from '../fields.js';
import { explainConstraint, ValidationProblem } from '../problems.js';
import { metricValueKind, parseMetricKey } from '../findings/index.js';
import { type ResourceSpec, type WriteContext, saidOnPrecision } from '../evidence/index.js';

/**
 * Claim topics (what claims are about) as a stored, audited resource, and the shapes of the
 * ledger the API returns.
 */
explainConstraint('claim_topics_finding_scope_check', 'findingItemId', 'name one scope at most: an item, a case or an incident');
explainConstraint('claim_topics_finding_metric_check2', 'findingMetric', 'is required when a finding scope is given');
explainConstraint('claim_topics_statement_check', 'kind', 'a statement topic cannot name a finding or be cumulative');

export const topicKind = z.enum(['quantity', 'date', 'statement']);
export const claimStatusSchema = z.enum(['unverified', 'corroborated', 'disputed', 'refuted']);
// The claim's own field (src/evidence/resources.ts): one definition for the claim and the ledger.
export { saidOnPrecision };

export const topicCreate = z.object({
  title: requiredText(500),
  kind: topicKind,
  unit: text(200).nullish(),
  cumulative: z.boolean().optional(),
  description: text(20_000).nullish(),
  caseId: id.nullish(),
  findingMetric: text(100).nullish(),
  findingItemId: id.nullish(),
  findingCaseId: id.nullish(),
  findingIncidentId: id.nullish(),
  externalId: externalId.nullish(),
  illustrative: z.boolean().optional(),
  visibility: visibility.optional(),
});

export const topicRow = z.object({
  ...recordMeta,
  externalId: z.string().nullable(),
  illustrative: z.boolean(),
  title: z.string(),
  kind: topicKind,
  unit: z.string().nullable(),
  cumulative: z.boolean(),
  description: z.string().nullable(),
  caseId: id.nullable(),
  findingMetric: z.string().nullable(),
  findingItemId: id.nullable(),
  findingCaseId: id.nullable(),
  findingIncidentId: id.nullable(),
});

/** Checks what the database cannot say in words: a known metric whose value suits the topic's kind. */
async function prepareTopic(input: Record<string, unknown>, ctx: WriteContext): Promise<Record<string, unknown>> {
  const kind = (input.kind ?? ctx.existing?.kind) as string;
  const metric = (input.findingMetric === undefined ? ctx.existing?.findingMetric : input.findingMetric) as string | null | undefined;
  if (metric) {
    const parsed = parseMetricKey(metric);
    if ('error' in parsed) throw new ValidationProblem([{ field: 'findingMetric', message: parsed.error }]);
    const valueKind = metricValueKind(metric);
    if (kind !== 'statement' && valueKind !== (kind === 'date' ? 'date' : 'number')) {
      throw new ValidationProblem([{ field: 'findingMetric', message: `${metric} gives a ${valueKind}, which a ${kind} topic cannot be compared with` }]);
    }
  }
  return input;
}

export const claimTopics: ResourceSpec = {
  name: 'claim-topics',
  singular: 'claim topic',
  table: 'claimTopics',
  create: topicCreate,
  update: topicCreate.partial(),
  row: topicRow,
  filters: { caseId: { column: 'caseId', op: 'eq' }, kind: { column: 'kind', op: 'eq' }, visibility: { column: 'visibility', op: 'eq' } },
  sortable: ['title', 'kind', 'createdAt', 'updatedAt'],
  defaultSort: 'title',
  searchConfig: null,
  referencedBy: [{ table: 'claims', column: 'topicId', label: 'claims (filed under it)' }],
  prepare: prepareTopic,
};

export const topicFilters = z.object({ caseId: id.optional(), kind: topicKind.optional(), visibility: visibility.optional() });

export const rulingBody = z.object({
  status: claimStatusSchema,
  reason: requiredText(5000),
});

export const rulingRow = z.object({
  id: z.number().int(),
  claimId: id,
  fromStatus: claimStatusSchema,
  toStatus: claimStatusSchema,
  reason: z.string(),
  decidedBy: id.nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: z.string(),
});

export const claimLedgerFields = z.object({
  topicId: id.nullable().optional(),
  saidOnPrecision: saidOnPrecision.optional(),
  /** What the claim says, in the ledger's words (never a copy of a report's text). */
  statement: text(5000).nullable().optional(),
});

const sourceRef = z.object({
  id: id,
  kind: z.string(),
  title: z.string(),
  publisher: z.string().nullable(),
  publishedOn: z.string().nullable(),
  illustrative: z.boolean(),
}).nullable();

export const ledgerClaim = z.object({
  id: id,
  topicId: id.nullable(),
  speaker: z.string().nullable(),
  speakerOrganisation: z.string().nullable(),
  who: z.string(),
  saidOn: z.string().nullable(),
  saidOnPrecision: saidOnPrecision,
  said: z.string(),
  quantity: z.number().nullable(),
  quantityQualifier: z.string().nullable(),
  countsWhat: z.string().nullable(),
  place: z.string().nullable(),
  eventFrom: z.string().nullable(),
  eventTo: z.string().nullable(),
  value: z.string(),
  statement: z.string().nullable(),
  quotedText: z.string().nullable(),
  status: claimStatusSchema,
  statusReason: z.string().nullable(),
  statusBy: id.nullable(),
  statusAt: z.string().nullable(),
  illustrative: z.boolean(),
  visibility: visibility,
  source: sourceRef,
});

export const ledgerTopic = z.object({
  topic: topicRow,
  claims: z.array(ledgerClaim),
  conflicts: z.array(z.object({ a: id, b: id, reason: z.string(), caveat: z.string().nullable() })),
  statusCounts: z.record(z.string(), z.number().int()),
  finding: z.object({
    metric: z.string(),
    scope: z.object({ kind: z.string(), id: z.string().nullable(), label: z.string() }),
    value: z.string().nullable(),
    illustrative: z.boolean(),
    comparisons: z.array(z.object({
      claimId: id, verdict: z.enum(['matches', 'differs', 'not comparable']), claimed: z.string(), documented: z.string(), text: z.string(),
    })),
  }).nullable(),
});

export const ledgerSchema = z.object({
  topics: z.array(ledgerTopic),
  /** Claims not yet filed under a topic (in the case, or anywhere when no case is given). */
  unfiled: z.array(ledgerClaim),
  conflictCount: z.number().int(),
});
