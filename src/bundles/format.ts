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
/** Raised when the records' layout changes; an instance refuses bundles newer than it knows. */
export const BUNDLE_SCHEMA_VERSION = 1;
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
 * was matched to an existing one with another id. `cut` are references to things a bundle does
 * not carry (an organisation's parent outside the case, claim topics, trace requests): exported
 * as NULL so that the receiving instance never holds a dangling reference.
 */
export interface BundledTable {
  name: string;
  /** The record type used in provenance and history; link tables have none. */
  recordType?: string;
  key: string[];
  refs?: Record<string, string>;
  cut?: string[];
}

export const BUNDLED_TABLES: BundledTable[] = [
  { name: 'organisations', recordType: 'organisation', key: ['id'], refs: { parent_id: 'organisations' } },
  { name: 'sources', recordType: 'source', key: ['id'] },
  { name: 'claims', recordType: 'claim', key: ['id'], refs: { source_id: 'sources' }, cut: ['topic_id'] },
  { name: 'incidents', recordType: 'incident', key: ['id'] },
  { name: 'items', recordType: 'item', key: ['id'], refs: { incident_id: 'incidents' } },
  { name: 'custody_events', recordType: 'custody_event', key: ['id'], refs: { item_id: 'items' } },
  // Content-addressed identification proposals components point at (suggestion_id, no FK).
  { name: 'component_suggestions', key: ['id'] },
  { name: 'components', recordType: 'component', key: ['id'], refs: { item_id: 'items', maker_id: 'organisations' } },
  { name: 'cases', recordType: 'case', key: ['id'] },
  { name: 'incident_sources', key: ['incident_id', 'source_id'], refs: { incident_id: 'incidents', source_id: 'sources' } },
  { name: 'incident_claims', key: ['incident_id', 'claim_id'], refs: { incident_id: 'incidents', claim_id: 'claims' } },
  { name: 'case_incidents', key: ['case_id', 'incident_id'], refs: { case_id: 'cases', incident_id: 'incidents' } },
  { name: 'case_items', key: ['case_id', 'item_id'], refs: { case_id: 'cases', item_id: 'items' } },
  { name: 'case_sources', key: ['case_id', 'source_id'], refs: { case_id: 'cases', source_id: 'sources' } },
  { name: 'case_claims', key: ['case_id', 'claim_id'], refs: { case_id: 'cases', claim_id: 'claims' } },
  {
    name: 'evidence_files', recordType: 'evidence_file', key: ['id'],
    refs: { incident_id: 'incidents', item_id: 'items', component_id: 'components', source_id: 'sources', claim_id: 'claims', organisation_id: 'organisations' },
    cut: ['trace_request_id'],
  },
];

export const recordsMember = (table: string) => `records/${table}.jsonl`;
export const fileMember = (sha256: string) => `files/${sha256}`;
export const FTM_MEMBER = 'ftm/entities.jsonl';
