import { SYSTEM_ACTOR } from '../access/index.js';
import { dayOf, isoOfDay, timestampOf } from './dates.js';
import { component, itemOfComponent, organisation, recordId, type SynthPlan, type SynthRecord } from './generate.js';
import { MAKERS } from './makers.js';
import { rngFor, type Rng } from './prng.js';

/**
 * Synthetic traces (tables of migration 0040, loaded only where they exist): requests to the makers
 * of recovered components, the transfers (hops) their replies reveal — maker to distributor, and
 * distributor onwards — and follow-up requests to the distributors those replies name. Trace tables
 * have no external_id: each synthetic row carries `illustrative = true` and a note starting
 * `synth:<seed>:`.
 */

const SYSTEM = SYSTEM_ACTOR.id;
/** One trace request per this many components. */
export const COMPONENTS_PER_REQUEST = 250;

export function traceRequestCount(p: SynthPlan): number {
  return p.counts.components === 0 ? 0 : Math.max(1, Math.round(p.counts.components / COMPONENTS_PER_REQUEST));
}

type Status = 'draft' | 'sent' | 'acknowledged' | 'replied' | 'declined' | 'no_reply' | 'closed';
const STATUSES: readonly Status[] = ['draft', 'sent', 'acknowledged', 'replied', 'declined', 'no_reply', 'closed'];

function stamps(day: number, r: Rng): Record<string, string> {
  const at = timestampOf(day, r.int(6 * 3600, 20 * 3600));
  return { createdAt: at, updatedAt: at, createdBy: SYSTEM, updatedBy: SYSTEM };
}

/** The status and the dates the database's constraints require of it (28-day reply, 28 more for the right of reply). */
function requestDates(r: Rng, status: Status, sent: number): Record<string, string | null> {
  const d = { sentOn: null as string | null, acknowledgedOn: null as string | null, repliedOn: null as string | null, declinedOn: null as string | null,
    noReplyOn: null as string | null, closedOn: null as string | null, replyDue: null as string | null, rightOfReplyDue: null as string | null };
  if (status === 'draft') return d;
  d.sentOn = isoOfDay(sent);
  d.replyDue = isoOfDay(sent + 28);
  d.rightOfReplyDue = isoOfDay(sent + 56);
  if (status === 'acknowledged' || (status === 'replied' && r.chance(0.5))) d.acknowledgedOn = isoOfDay(sent + r.int(1, 10));
  if (status === 'replied') d.repliedOn = isoOfDay(sent + r.int(11, 40));
  if (status === 'declined') d.declinedOn = isoOfDay(sent + r.int(3, 30));
  if (status === 'no_reply') d.noReplyOn = isoOfDay(sent + 28 + r.int(1, 14));
  if (status === 'closed') {
    d.repliedOn = isoOfDay(sent + r.int(5, 30));
    d.closedOn = isoOfDay(sent + r.int(31, 90));
  }
  return d;
}

export interface TraceBundle {
  request: SynthRecord;
  componentIds: string[];
  hops: { hop: SynthRecord; componentIds: string[] }[];
  followUp: SynthRecord | null;
}

/** A distributor other than `notIndex` (a company does not sell to itself). */
function distributorIndex(p: SynthPlan, r: Rng, notIndex: number): number {
  const n = p.counts.distributors;
  let d = MAKERS.length + r.int(0, n - 1);
  if (d === notIndex) d = MAKERS.length + ((d - MAKERS.length + 1) % n);
  return d;
}

/** Everything about trace request `t`: the request, its components, the hops its reply revealed, a follow-up. */
export function traceBundle(p: SynthPlan, t: number): TraceBundle {
  const r = rngFor(p.seed, 'trace', t);
  const n = p.counts.components;
  const block = n / traceRequestCount(p);
  const anchor = Math.min(n - 1, Math.floor(t * block + r.next() * Math.max(0, block - 4)));
  const j = itemOfComponent(p, anchor);
  const first = component(p, anchor, j);
  const end = Math.min(p.itemStart[j + 1]!, anchor + r.int(1, 4));
  // The request covers the parts of one maker within one item.
  const parts = [first];
  for (let i = anchor + 1; i < end; i++) {
    const c = component(p, i, j);
    if (c.makerId === first.makerId) parts.push(c);
  }
  const componentIds = parts.map((c) => c.id as string);
  const recovered = p.itemRecoveredDay[j]!;
  const status = r.weighted(STATUSES, [8, 12, 10, 40, 10, 15, 5]);
  const sent = recovered + r.int(20, 120);
  const requestId = recordId(p.seed, 'trace_request', t);
  const makerCountry = first.makerCountry as string;
  const request: SynthRecord = {
    id: requestId,
    reference: `SYN-${p.seed}-TR-${t + 1}`,
    organisationId: first.makerId,
    status,
    context: `Synthetic trace request (remnant synth, seed ${p.seed}): ${parts.length} component(s) marked ${first.partNumber} recovered on ${isoOfDay(recovered)}.`,
    signingOrganisation: 'Synthetic Investigations Unit',
    notes: `synth:${p.seed}:trace_request:${t}`,
    parentRequestId: null,
    promptedByHopId: null,
    ...requestDates(r, status, sent),
    illustrative: true,
    visibility: r.chance(0.7) ? 'restricted' : 'internal',
    ...stamps(sent - (status === 'draft' ? 0 : r.int(1, 10)), r),
  };

  const hops: TraceBundle['hops'] = [];
  let followUp: SynthRecord | null = null;
  const replied = request.repliedOn as string | null;
  if (replied) {
    const producedOn = dayOf(first.truth.producedOn);
    let seller = first.makerId as string;
    let sellerIndex = -1;
    let fromCountry = makerCountry;
    let day = producedOn + r.int(20, 120);
    const nHops = r.int(1, 2);
    for (let h = 0; h < nHops; h++) {
      const buyerIndex = distributorIndex(p, r, sellerIndex);
      const buyer = organisation(p, buyerIndex);
      const toCountry = buyer.country as string;
      const hopId = recordId(p.seed, 'trace_hop', t * 4 + h);
      hops.push({
        hop: {
          id: hopId,
          traceRequestId: requestId,
          sourceId: null,
          sellerId: seller,
          buyerId: buyer.id,
          transferDate: isoOfDay(Math.min(day, recovered - 30)),
          quantity: r.int(10, 5000),
          documentKind: r.weighted(['invoice', 'delivery_note', 'customs_declaration', 'export_licence'], [6, 2, 2, 1]),
          documentRef: `SYN-INV-${p.seed}-${t + 1}-${h + 1}`,
          fromCountry,
          toCountry,
          partNumber: first.partNumber,
          lot: first.lot,
          assessment: h === 0 ? r.weighted(['legal', 'unknown'], [8, 2]) : r.weighted(['diversion_suspected', 'unknown', 'legal'], [5, 3, 1]),
          notes: `synth:${p.seed}:trace_hop:${t}:${h}`,
          illustrative: true,
          visibility: r.chance(0.7) ? 'restricted' : 'internal',
          ...stamps(dayOf(replied) + 1, r),
        },
        componentIds,
      });
      seller = buyer.id as string;
      sellerIndex = buyerIndex;
      fromCountry = toCountry;
      day += r.int(10, 90);
    }
    if (r.chance(0.5)) {
      const named = hops[0]!.hop;
      const fStatus = r.weighted(STATUSES, [10, 30, 10, 15, 15, 20, 0]);
      const fSent = dayOf(replied) + r.int(3, 30);
      followUp = {
        id: recordId(p.seed, 'trace_request_followup', t),
        reference: `SYN-${p.seed}-TR-${t + 1}-F`,
        organisationId: named.buyerId,
        status: fStatus,
        context: `Synthetic follow-up (remnant synth, seed ${p.seed}) to the distributor named in the reply to SYN-${p.seed}-TR-${t + 1}.`,
        signingOrganisation: 'Synthetic Investigations Unit',
        notes: `synth:${p.seed}:trace_request_followup:${t}`,
        parentRequestId: requestId,
        promptedByHopId: named.id,
        ...requestDates(r, fStatus, fSent),
        illustrative: true,
        visibility: 'restricted',
        ...stamps(fSent, r),
      };
    }
  }
  return { request, componentIds, hops, followUp };
}

function* bundles(p: SynthPlan): Generator<TraceBundle> {
  const n = traceRequestCount(p);
  for (let t = 0; t < n; t++) yield traceBundle(p, t);
}

export function* traceRequests(p: SynthPlan): Generator<SynthRecord> {
  for (const b of bundles(p)) yield b.request;
}
export function* traceRequestComponents(p: SynthPlan): Generator<SynthRecord> {
  for (const b of bundles(p)) {
    for (const c of b.componentIds) yield { traceRequestId: b.request.id, componentId: c };
  }
}
export function* traceHops(p: SynthPlan): Generator<SynthRecord> {
  for (const b of bundles(p)) for (const h of b.hops) yield h.hop;
}
export function* traceHopComponents(p: SynthPlan): Generator<SynthRecord> {
  for (const b of bundles(p)) for (const h of b.hops) for (const c of h.componentIds) yield { traceHopId: h.hop.id, componentId: c };
}
/** Follow-ups go in after the hops, which they point at. */
export function* traceFollowUps(p: SynthPlan): Generator<SynthRecord> {
  for (const b of bundles(p)) if (b.followUp) yield b.followUp;
}
export function* traceFollowUpComponents(p: SynthPlan): Generator<SynthRecord> {
  for (const b of bundles(p)) if (b.followUp) for (const c of b.componentIds) yield { traceRequestId: b.followUp.id, componentId: c };
}
