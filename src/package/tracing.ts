import type { DB } from '../db/index.js';
import { permissionsOf, type Actor } from '../access/index.js';
import { today } from '../calendar/index.js';
import { listMatches, type MatchView } from '../screening/index.js';
import { getRequest, loadChains } from '../tracing/index.js';
import { Problem } from '../problems.js';

/**
 * The package's tracing and sanctions sections, read through the tracing and screening faces as
 * the audience may read them. Tracing is never public (migration 0041: its records cannot be
 * published), so the public package has no such section at all; sanctions reviews are for those
 * the screening routes admit (`read`: signed-in users), decided by access's own route rule.
 */
export interface PackageChain {
  componentId: string;
  marking: string;
  partNumber: string | null;
  status: string;
  /** Holders in order, by name where the reader may see the organisation. */
  holders: { id: string; name: string; country: string | null }[];
  hops: { sellerId: string; buyerId: string; transferDate: string | null; fromCountry: string | null; toCountry: string | null; documentKind: string | null; documentRef: string | null; assessment: string }[];
  diversionPoint: { holderId: string; holder: string; basis: string } | null;
  breaks: { holder: string; kind: string }[];
}

export interface PackageRequest { id: string; reference: string; organisation: string; status: string; sentOn: string | null; repliedOn: string | null; declinedOn: string | null; noReplyOn: string | null }

export interface PackageTracing {
  chains: PackageChain[];
  requests: PackageRequest[];
  /** Screening matches of the makers and holders, with the last ruling on each; null when this audience may not see them. */
  sanctions: MatchView[] | null;
}

const byKey = <T>(rows: T[], key: (r: T) => string) => rows.sort((a, b) => key(a).localeCompare(key(b)));

export async function gatherTracing(db: DB, actor: Actor | null, components: { id: string; markingRaw: unknown; partNumber: unknown; makerId?: unknown }[], makerIds: string[]): Promise<PackageTracing | null> {
  if (!actor) return null;
  const { chains, orgs } = await loadChains(db, actor, components.map((c) => c.id));
  const name = (id: string) => orgs.get(id)?.name ?? '(an organisation you may not read)';
  const byId = new Map(components.map((c) => [c.id, c]));
  const out: PackageChain[] = [];
  const requestIds = new Set<string>();
  for (const c of chains) {
    const ch = c.chain;
    for (const b of ch.breaks) if (b.requestId) requestIds.add(b.requestId);
    for (const h of ch.hops) if (h.traceRequestId) requestIds.add(h.traceRequestId);
    if (ch.status === 'untraced' && !ch.breaks.some((b) => b.requestId)) continue;
    const comp = byId.get(c.component.id);
    out.push({
      componentId: c.component.id,
      marking: String(comp?.markingRaw ?? c.component.markingRaw),
      partNumber: c.component.partNumber,
      status: ch.status,
      holders: ch.holders.map((id) => ({ id, name: name(id), country: orgs.get(id)?.country ?? null })),
      hops: ch.hops.map((h) => ({
        sellerId: h.sellerId, buyerId: h.buyerId, transferDate: h.transferDate, fromCountry: h.fromCountry, toCountry: h.toCountry,
        documentKind: h.documentKind, documentRef: h.documentRef, assessment: h.assessment,
      })),
      diversionPoint: ch.diversionPoint ? { holderId: ch.diversionPoint.holderId, holder: name(ch.diversionPoint.holderId), basis: ch.diversionPoint.basis } : null,
      breaks: ch.breaks.map((b) => ({ holder: name(b.holderId), kind: b.kind })),
    });
  }
  const requests: PackageRequest[] = [];
  const on = today();
  for (const id of [...requestIds].sort()) {
    try {
      const r = await getRequest(db, actor, id, on);
      requests.push({ id: r.id, reference: r.reference, organisation: r.organisationName ?? name(r.organisationId), status: r.status, sentOn: r.sentOn, repliedOn: r.repliedOn, declinedOn: r.declinedOn, noReplyOn: r.noReplyOn });
    } catch (e) {
      // A request the reader may not read is left out, as everywhere else.
      if (!(e instanceof Problem && e.status === 404)) throw e;
    }
  }

  let sanctions: MatchView[] | null = null;
  if (permissionsOf(actor.role).includes('read')) {
    sanctions = [];
    const orgIds = new Set([...makerIds, ...out.flatMap((c) => c.holders.map((h) => h.id))]);
    for (const organisationId of [...orgIds].sort()) {
      sanctions.push(...(await listMatches(db, actor, { organisationId, limit: 100, offset: 0 })).data);
    }
  }
  return {
    chains: byKey(out, (c) => `${c.marking}|${c.componentId}`),
    requests,
    sanctions: sanctions && byKey(sanctions, (m) => `${m.organisationName}|${m.listSlug}|${m.entityReference}|${m.id}`),
  };
}
