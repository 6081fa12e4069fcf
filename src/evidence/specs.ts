import { z } from 'zod';
import { id, isoDate, text } from '../fields.js';
import { COMPONENT_COMPUTED, componentPartNumberMatch, prepareComponent, resuggestAfterIncidentUpdate, resuggestAfterItemUpdate } from './components.js';
import {
  claimCreate, claimRow, claimStatus, componentCreate, componentRow, custodyEventCreate, custodyEventRow, identificationConfidence,
  incidentCreate, incidentRow, itemCreate, itemRow, organisationCreate, organisationKind, organisationRow, sourceCreate, sourceKind, sourceRow,
  visibilityFilter,
} from './resources.js';
import type { ResourceSpec } from './store.js';
// The pure name-to-code table (no database), as the import's validation uses it.
import { countryFromText } from '../screening/index.js';

/** A country filter: an ISO code or a name in English or Ukrainian, turned into the code on the server. */
const countryFilter = text(100).transform((v, ctx) => {
  const code = countryFromText(v);
  if (code) return code;
  ctx.addIssue({ code: 'custom', message: `"${v}" is not a country we know: give an ISO code (CN) or a name in English or Ukrainian (China, Китай)` });
  return z.NEVER;
});

/** The evidence resources as the store and the HTTP layer see them. */

const commonSort = ['createdAt', 'updatedAt'];
const illustrative = { illustrative: { column: 'illustrative', op: 'eq' as const }, visibility: { column: 'visibility', op: 'eq' as const } };

export const organisations: ResourceSpec = {
  name: 'organisations',
  singular: 'organisation',
  table: 'organisations',
  create: organisationCreate,
  update: organisationCreate.partial(),
  row: organisationRow,
  filters: { kind: { column: 'kind', op: 'eq' }, country: { column: 'country', op: 'eq' }, ...illustrative },
  sortable: ['name', 'country', 'kind', ...commonSort],
  defaultSort: 'name',
  searchConfig: 'simple',
  fuzzyColumn: 'name',
  nameKeys: true,
  referencedBy: [
    { table: 'components', column: 'makerId', label: 'components (as maker)' },
    { table: 'organisations', column: 'parentId', label: 'organisations (as parent)' },
    { table: 'traceRequests', column: 'organisationId', label: 'trace requests (as addressee)' },
    { table: 'traceHops', column: 'sellerId', label: 'transfers in trace chains (as seller)' },
    { table: 'traceHops', column: 'buyerId', label: 'transfers in trace chains (as buyer)' },
  ],
};

export const sources: ResourceSpec = {
  name: 'sources',
  singular: 'source',
  table: 'sources',
  create: sourceCreate,
  update: sourceCreate.partial(),
  row: sourceRow,
  filters: { kind: { column: 'kind', op: 'eq' }, ...illustrative },
  sortable: ['title', 'publishedOn', 'kind', ...commonSort],
  defaultSort: '-publishedOn',
  searchConfig: 'english',
  referencedBy: [
    { table: 'claims', column: 'sourceId', label: 'claims' },
    { table: 'incidentSources', column: 'sourceId', label: 'incidents' },
    { table: 'caseSources', column: 'sourceId', label: 'cases' },
    { table: 'traceHops', column: 'sourceId', label: 'transfers in trace chains' },
  ],
};

export const claims: ResourceSpec = {
  name: 'claims',
  singular: 'claim',
  table: 'claims',
  create: claimCreate,
  update: claimCreate.partial(),
  row: claimRow,
  filters: { sourceId: { column: 'sourceId', op: 'eq' }, status: { column: 'status', op: 'eq' }, ...illustrative },
  sortable: ['saidOn', 'speaker', 'status', 'eventFrom', ...commonSort],
  defaultSort: 'saidOn',
  searchConfig: 'english',
  nameKeys: true,
  referencedBy: [
    { table: 'incidentClaims', column: 'claimId', label: 'incidents' },
    { table: 'caseClaims', column: 'claimId', label: 'cases' },
  ],
};

export const incidents: ResourceSpec = {
  name: 'incidents',
  singular: 'incident',
  table: 'incidents',
  create: incidentCreate,
  update: incidentCreate.partial(),
  row: incidentRow,
  filters: {
    weaponType: { column: 'weaponTypes', op: 'contains' },
    from: { column: 'occurredFrom', op: 'gte' },
    to: { column: 'occurredFrom', op: 'lte' },
    ...illustrative,
  },
  sortable: ['occurredFrom', 'title', 'placeName', ...commonSort],
  defaultSort: 'occurredFrom',
  searchConfig: 'english',
  nameKeys: true,
  links: [
    { field: 'sourceIds', table: 'incidentSources', ownColumn: 'incidentId', otherColumn: 'sourceId' },
    { field: 'claimIds', table: 'incidentClaims', ownColumn: 'incidentId', otherColumn: 'claimId' },
  ],
  referencedBy: [
    { table: 'items', column: 'incidentId', label: 'items' },
    { table: 'caseIncidents', column: 'incidentId', label: 'cases' },
    { table: 'claimTopics', column: 'findingIncidentId', label: 'claim topics (as the scope of their finding)' },
  ],
  // Weapon types decide whether the incident's items are North Korean: their components' readings may change.
  afterUpdate: (trx, actor, before, after) => resuggestAfterIncidentUpdate(trx, actor, components, before, after),
};

export const items: ResourceSpec = {
  name: 'items',
  singular: 'item',
  table: 'items',
  create: itemCreate,
  update: itemCreate.partial(),
  row: itemRow,
  filters: {
    incidentId: { column: 'incidentId', op: 'eq' },
    weaponModel: { column: 'weaponModel', op: 'eq' },
    identificationConfidence: { column: 'identificationConfidence', op: 'eq' },
    ...illustrative,
  },
  sortable: ['label', 'weaponModel', 'recoveredOn', ...commonSort],
  defaultSort: 'label',
  searchConfig: 'english',
  nameKeys: true,
  referencedBy: [
    { table: 'components', column: 'itemId', label: 'components' },
    { table: 'caseItems', column: 'itemId', label: 'cases' },
    { table: 'claimTopics', column: 'findingItemId', label: 'claim topics (as the scope of their finding)' },
  ],
  // The item's weapon, production mark and recovery date are the context its components are read in.
  afterUpdate: (trx, actor, before, after) => resuggestAfterItemUpdate(trx, actor, components, before, after),
};

export const custodyEvents: ResourceSpec = {
  name: 'custody-events',
  singular: 'custody event',
  table: 'custodyEvents',
  create: custodyEventCreate,
  update: custodyEventCreate.partial(),
  row: custodyEventRow,
  filters: { itemId: { column: 'itemId', op: 'eq' } },
  sortable: ['heldFrom', ...commonSort],
  defaultSort: 'heldFrom',
  searchConfig: null,
  referencedBy: [],
};

export const components: ResourceSpec = {
  name: 'components',
  singular: 'component',
  table: 'components',
  create: componentCreate,
  update: componentCreate.partial(),
  row: componentRow,
  filters: {
    itemId: { column: 'itemId', op: 'eq' },
    makerId: { column: 'makerId', op: 'eq' },
    makerCountry: { column: 'makerCountry', op: 'eq' },
    hs6: { column: 'hs6', op: 'eq' },
    chplTier: { column: 'chplTier', op: 'eq' },
    subAssembly: { column: 'subAssembly', op: 'eq' },
    ...illustrative,
  },
  sortable: ['partNumber', 'makerCountry', 'productionFrom', 'productionTo', 'subAssembly', 'position', 'hs6', 'chplTier', ...commonSort],
  defaultSort: 'createdAt',
  searchConfig: 'simple',
  fuzzyColumn: 'partNumber',
  referencedBy: [{ table: 'traceRequestComponents', column: 'componentId', label: 'trace requests' }],
  prepare: prepareComponent,
  computed: COMPONENT_COMPUTED,
  fuzzyMatch: componentPartNumberMatch,
};

export const RESOURCES: ResourceSpec[] = [organisations, sources, claims, incidents, items, custodyEvents, components];

/** Query-string schemas for each resource's filters (values arrive as strings). */
export const filterQuery: Record<string, z.ZodObject> = {
  organisations: z.object({ kind: organisationKind.optional(), country: countryFilter.optional(), ...visibilityFilter }),
  sources: z.object({ kind: sourceKind.optional(), ...visibilityFilter }),
  claims: z.object({ sourceId: id.optional(), status: claimStatus.optional(), ...visibilityFilter }),
  incidents: z.object({ weaponType: text(200).optional(), from: isoDate.optional(), to: isoDate.optional(), ...visibilityFilter }),
  items: z.object({ incidentId: id.optional(), weaponModel: text(200).optional(), identificationConfidence: identificationConfidence.optional(), ...visibilityFilter }),
  'custody-events': z.object({ itemId: id.optional() }),
  components: z.object({
    itemId: id.optional(),
    makerId: id.optional(),
    makerCountry: countryFilter.optional(),
    hs6: z.string().regex(/^[0-9]{6}$/).optional(),
    chplTier: text(10).optional(),
    subAssembly: text(200).optional(),
    ...visibilityFilter,
  }),
};
