import { sql, type RawBuilder } from 'kysely';
import { explainConstraint } from '../problems.js';


/**
 * Tracing against the database: every write in one transaction with its audit entries, every read
 * filtered by what the actor may see. Rules live in the pure modules (status machine, deadlines,
 * chain); this file loads, checks and stores.
 */

export const REQUEST_COLUMNS = [
  'id', 'reference', 'organisationId', 'status', 'context', 'signingOrganisation', 'notes', 'parentRequestId', 'promptedByHopId',
  'sentOn', 'acknowledgedOn', 'repliedOn', 'declinedOn', 'noReplyOn', 'closedOn', 'replyDue', 'rightOfReplyDue',
  'illustrative', 'visibility', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy',
] as const;

export const HOP_COLUMNS = [
  'id', 'traceRequestId', 'sourceId', 'sellerId', 'buyerId', 'transferDate', 'quantity', 'documentKind', 'documentRef', 'fromCountry',
  'toCountry', 'partNumber', 'lot', 'assessment', 'notes', 'illustrative', 'visibility', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy',
] as const;

export type Row = Record<string, unknown>;

// Typed as the column it is compared with: `= any($1::uuid[])` matches a uuid column against a list.
export const anyUuid = (ids: readonly string[]): RawBuilder<string> => sql<string>`any(${[...ids]}::uuid[])`;

explainConstraint('trace_requests_not_public', 'visibility', 'trace requests are never published');
explainConstraint('evidence_files_correspondence_not_public', 'visibility', 'correspondence filed with a trace request is never published');
explainConstraint('trace_requests_parent_check', 'parentRequestId', 'a request cannot follow up itself');
explainConstraint('trace_hops_buyer_check', 'buyerId', 'the buyer must differ from the seller');

export const REQUEST_TYPE = 'trace-requests';
export const HOP_TYPE = 'trace-hops';
