import { explainConstraint } from '../problems.js';

/**
 * The kinds of record access rules apply to by id (grants, publishing): where each lives and which
 * records contain it. A record is published only after what contains it is: a public component of
 * an internal item would be a door into the item. Other contexts add theirs with
 * `registerRecordType` from their own module (e.g. findings), before the app is built.
 *
 * Every table listed here has `id uuid`, `visibility`, `created_by` and `updated_by` columns.
 */
export interface RecordType {
  /** The name used in URLs and the audit log, e.g. `components`. */
  name: string;
  /** The table as Kysely sees it (camelCase). */
  table: string;
  /** Columns holding the id of a containing record, and that record's type. */
  parents: { column: string; type: string }[];
  /** Extra rule for publishing; returns why not, or null. */
  publishable?: (row: Record<string, unknown>) => string | null;
}

explainConstraint('sources_correspondence_not_public', 'visibility', 'trace correspondence is never published');

const TYPES = new Map<string, RecordType>();

export function registerRecordType(t: RecordType): void {
  TYPES.set(t.name, t);
}

export function recordType(name: string): RecordType | undefined {
  return TYPES.get(name);
}

export function recordTypeNames(): string[] {
  return [...TYPES.keys()].sort();
}

registerRecordType({ name: 'organisations', table: 'organisations', parents: [] });
registerRecordType({
  name: 'sources',
  table: 'sources',
  parents: [],
  publishable: (row) => (row.kind === 'correspondence' ? 'trace correspondence is never published' : null),
});
registerRecordType({ name: 'claims', table: 'claims', parents: [{ column: 'sourceId', type: 'sources' }] });
registerRecordType({ name: 'incidents', table: 'incidents', parents: [] });
registerRecordType({ name: 'items', table: 'items', parents: [{ column: 'incidentId', type: 'incidents' }] });
registerRecordType({ name: 'custody-events', table: 'custodyEvents', parents: [{ column: 'itemId', type: 'items' }] });
registerRecordType({ name: 'components', table: 'components', parents: [{ column: 'itemId', type: 'items' }] });
registerRecordType({
  name: 'evidence-files',
  table: 'evidenceFiles',
  parents: [
    { column: 'incidentId', type: 'incidents' },
    { column: 'itemId', type: 'items' },
    { column: 'componentId', type: 'components' },
    { column: 'sourceId', type: 'sources' },
    { column: 'claimId', type: 'claims' },
    { column: 'organisationId', type: 'organisations' },
    // Correspondence filed with a trace request (0040): never public, as its request never is.
    { column: 'traceRequestId', type: 'trace-requests' },
  ],
});

// Other contexts' records (cases and claims ledger 0020, tracing 0040). Listed here rather than in
// their modules so that publishing, grants and history know them without an import cycle.
registerRecordType({ name: 'cases', table: 'cases', parents: [] });
registerRecordType({ name: 'claim-topics', table: 'claimTopics', parents: [{ column: 'caseId', type: 'cases' }] });
registerRecordType({
  name: 'trace-requests',
  table: 'traceRequests',
  parents: [],
  // Letters to manufacturers and distributors, and what they answered, stay internal: publishing
  // them could burn a source or a cooperating company.
  publishable: () => 'trace requests and their correspondence are never published',
});
// A hop states a transfer (seller → buyer); it may be published on its own merits, without the
// request or letters it was learnt from.
registerRecordType({ name: 'trace-hops', table: 'traceHops', parents: [] });
