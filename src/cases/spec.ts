import { z } from 'zod';
import { externalId, id, recordMeta, requiredText, text, visibility } from '../fields.js';
import type { ResourceSpec } from '../evidence/index.js';

/**
 * A case (an investigation, e.g. "DPRK ballistic missiles used against Ukraine") groups incidents,
 * items, sources and claims. It is stored and audited by the evidence store like any record; its
 * members are link tables with real foreign keys (migration 0020).
 */
export const caseStatus = z.enum(['open', 'closed']);

const members = {
  incidentIds: z.array(id).max(5000).optional(),
  itemIds: z.array(id).max(20000).optional(),
  sourceIds: z.array(id).max(5000).optional(),
  claimIds: z.array(id).max(20000).optional(),
};

export const caseCreate = z.object({
  title: requiredText(500),
  summary: text(100_000).nullish(),
  status: caseStatus.optional(),
  externalId: externalId.nullish(),
  illustrative: z.boolean().optional(),
  visibility: visibility.optional(),
  ...members,
});

export const caseRow = z.object({
  ...recordMeta,
  externalId: z.string().nullable(),
  illustrative: z.boolean(),
  title: z.string(),
  summary: z.string().nullable(),
  status: caseStatus,
  incidentIds: z.array(id),
  itemIds: z.array(id),
  sourceIds: z.array(id),
  claimIds: z.array(id),
});

export const caseFilters = z.object({
  status: caseStatus.optional(),
  visibility: visibility.optional(),
  illustrative: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});

export const MEMBER_KINDS = {
  incidents: { field: 'incidentIds', table: 'caseIncidents', column: 'incidentId', target: 'incidents' },
  items: { field: 'itemIds', table: 'caseItems', column: 'itemId', target: 'items' },
  sources: { field: 'sourceIds', table: 'caseSources', column: 'sourceId', target: 'sources' },
  claims: { field: 'claimIds', table: 'caseClaims', column: 'claimId', target: 'claims' },
} as const;
export type MemberKind = keyof typeof MEMBER_KINDS;
export const memberKind = z.enum(['incidents', 'items', 'sources', 'claims']);

export const cases: ResourceSpec = {
  name: 'cases',
  singular: 'case',
  table: 'cases',
  create: caseCreate,
  update: caseCreate.partial(),
  row: caseRow,
  filters: {
    status: { column: 'status', op: 'eq' },
    visibility: { column: 'visibility', op: 'eq' },
    illustrative: { column: 'illustrative', op: 'eq' },
  },
  sortable: ['title', 'status', 'createdAt', 'updatedAt'],
  defaultSort: 'title',
  searchConfig: 'english',
  links: Object.values(MEMBER_KINDS).map((k) => ({ field: k.field, table: k.table, ownColumn: 'caseId', otherColumn: k.column })),
  // Deleting a case removes its links (ON DELETE CASCADE) and detaches its claim topics; a topic
  // that compares its claims with this case's findings must be re-pointed first.
  referencedBy: [{ table: 'claimTopics', column: 'findingCaseId', label: 'claim topics (as the scope of their finding)' }],
};
