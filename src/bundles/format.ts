import { z } from 'zod';

/**
 * What a case bundle is, written once for export, verify and import.
 *
 * A bundle is one uncompressed tar file (photos are already compressed):
 *   manifest.json          this format's header: case, exporting instance, counts, and the
 *                          SHA-256 and size of every other member
 *   signature.json         Ed25519 signature over the exact bytes of manifest.json
 *   records/<table>.jsonl  the case's rows, one JSON object a line, columns as in the database
 *   ftm/entities.jsonl     the same case as FollowTheMoney entities, for Aleph and FtM tools
 *   files/<sha256>         every evidence file's bytes
 */
export const BUNDLE_FORMAT = 'remnant-bundle';
/**
 * Raised when the records' layout changes; an instance refuses bundles newer than it knows.
 * 2: claim topics, claim rulings, trace requests and hops travel (and the organisations they name).
 */
export const BUNDLE_SCHEMA_VERSION = 2;
export const MANIFEST = 'manifest.json';
export const SIGNATURE = 'signature.json';

const sha = z.string().regex(/^[0-9a-f]{64}$/);

export const memberSchema = z.object({ path: z.string().min(1), sha256: sha, bytes: z.number().int().nonnegative() });

export const manifestSchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  schemaVersion: z.number().int().positive(),
  exportedAt: z.string(),
  instance: z.object({ id: z.string().min(1), name: z.string().nullable() }),
  exportedBy: z.string(),
  case: z.object({ id: z.string().uuid(), title: z.string() }),
  records: z.record(z.string(), z.number().int().nonnegative()),
  members: z.array(memberSchema),
});
export type BundleManifest = z.infer<typeof manifestSchema>;

export const signatureSchema = z.object({
  algorithm: z.literal('Ed25519'),
  publicKey: z.string(),
  fingerprint: z.string(),
  signature: z.string(),
});
export type BundleSignature = z.infer<typeof signatureSchema>;

/**
 * The tables a bundle carries, parents before children (the order import inserts them in).
 * `refs` are the columns pointing at other bundled tables: import rewrites them when a record
 * was matched to an existing one with another id, and export sets to NULL a reference to a record
 * the bundle does not carry (an organisation's parent outside the case), so that the receiving
 * instance never holds a dangling reference. A table without an id set of its own (links,
 * rulings) carries the rows whose every reference travels.
 */
export interface BundledTable {
  name: string;
  /** The record type used in provenance and history; link tables have none. */
  recordType?: string;
  key: string[];
  refs?: Record<string, string>;
  /**
   * References set after every table is in (a cycle: a trace request may be prompted by a hop of
   * another request). Imported as NULL, then updated, mapped like `refs`.
   */
  later?: string[];
  /** The key is a natural key with no constraint behind it: a row already here with the same key values is not inserted again. */
  natural?: boolean;
  /** Columns unique on their own that another instance may have used for other records: a clash gets the source instance's suffix. */
  renameOnClash?: string[];
}

export const BUNDLED_TABLES: BundledTable[] = [
  { name: 'organisations', recordType: 'organisation', key: ['id'], refs: { parent_id: 'organisations' } },
  { name: 'sources', recordType: 'source', key: ['id'] },
  { name: 'incidents', recordType: 'incident', key: ['id'] },
  { name: 'items', recordType: 'item', key: ['id'], refs: { incident_id: 'incidents' } },
  { name: 'custody_events', recordType: 'custody_event', key: ['id'], refs: { item_id: 'items' } },
  // Content-addressed identification proposals components point at (suggestion_id, no FK).
  { name: 'component_suggestions', key: ['id'] },
  { name: 'components', recordType: 'component', key: ['id'], refs: { item_id: 'items', maker_id: 'organisations' } },
  { name: 'cases', recordType: 'case', key: ['id'] },
  {
    name: 'claim_topics', recordType: 'claim_topic', key: ['id'],
    refs: { case_id: 'cases', finding_item_id: 'items', finding_case_id: 'cases', finding_incident_id: 'incidents' },
  },
  { name: 'claims', recordType: 'claim', key: ['id'], refs: { source_id: 'sources', topic_id: 'claim_topics' } },
  // A ruling's own number is this instance's sequence: it is left out, and a ruling is known by its claim, time and outcome.
  { name: 'claim_rulings', key: ['claim_id', 'decided_at', 'to_status'], refs: { claim_id: 'claims' }, natural: true },
  { name: 'incident_sources', key: ['incident_id', 'source_id'], refs: { incident_id: 'incidents', source_id: 'sources' } },
  { name: 'incident_claims', key: ['incident_id', 'claim_id'], refs: { incident_id: 'incidents', claim_id: 'claims' } },
  { name: 'case_incidents', key: ['case_id', 'incident_id'], refs: { case_id: 'cases', incident_id: 'incidents' } },
  { name: 'case_items', key: ['case_id', 'item_id'], refs: { case_id: 'cases', item_id: 'items' } },
  { name: 'case_sources', key: ['case_id', 'source_id'], refs: { case_id: 'cases', source_id: 'sources' } },
  { name: 'case_claims', key: ['case_id', 'claim_id'], refs: { case_id: 'cases', claim_id: 'claims' } },
  {
    name: 'trace_requests', recordType: 'trace_request', key: ['id'],
    refs: { organisation_id: 'organisations', parent_request_id: 'trace_requests', prompted_by_hop_id: 'trace_hops' },
    later: ['prompted_by_hop_id'], renameOnClash: ['reference'],
  },
  { name: 'trace_request_components', key: ['trace_request_id', 'component_id'], refs: { trace_request_id: 'trace_requests', component_id: 'components' } },
  {
    name: 'trace_hops', recordType: 'trace_hop', key: ['id'],
    refs: { trace_request_id: 'trace_requests', source_id: 'sources', seller_id: 'organisations', buyer_id: 'organisations' },
  },
  { name: 'trace_hop_components', key: ['trace_hop_id', 'component_id'], refs: { trace_hop_id: 'trace_hops', component_id: 'components' } },
  {
    name: 'evidence_files', recordType: 'evidence_file', key: ['id'],
    refs: {
      incident_id: 'incidents', item_id: 'items', component_id: 'components', source_id: 'sources', claim_id: 'claims', organisation_id: 'organisations',
      trace_request_id: 'trace_requests',
    },
  },
];

export const recordsMember = (table: string) => `records/${table}.jsonl`;
export const fileMember = (sha256: string) => `files/${sha256}`;
export const FTM_MEMBER = 'ftm/entities.jsonl';
