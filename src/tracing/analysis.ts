import type { Chain, HopLike } from './chain.js';
import { daysBetween } from './deadlines.js';

/**
 * What chains say together: the graph of holders across items, and the findings the seed reports
 * state ("components derived from supplies by third-party distributors, mostly based in East
 * Asia"). Pure: callers pass assembled chains and organisation facts.
 */

export interface OrgFacts {
  id: string;
  name: string;
  kind: string;
  country: string | null;
}

export interface RegionFacts {
  /** UN M49 region, e.g. `Asia`. */
  region: string | null;
  /** UN M49 sub-region, e.g. `Eastern Asia`. */
  subregion: string | null;
}

export interface HopWithCountries extends HopLike {
  toCountry: string | null;
}

export interface TracedComponent<H extends HopWithCountries = HopWithCountries> {
  componentId: string;
  itemId: string;
  makerId: string | null;
  /** When the item the component came from was recovered (or the incident, failing that). */
  recoveredOn: string | null;
  chain: Chain<H>;
}

/** Holders that are not intermediaries in trade: the part's users, not its traders. */
const NOT_INTERMEDIARY = new Set(['end_user', 'government']);

/**
 * The intermediaries of one chain in order: each hop's buyer, except the maker and holders that
 * are end users or governments. Up to the diversion point when one is known: holders after it are
 * part of the illicit path, not of legal trade.
 */
export function intermediariesOf<H extends HopWithCountries>(t: TracedComponent<H>, orgs: ReadonlyMap<string, OrgFacts>): { id: string; country: string | null }[] {
  const out: { id: string; country: string | null }[] = [];
  const stopAt = t.chain.diversionPoint?.holderId ?? null;
  for (const h of t.chain.hops) {
    if (h.buyerId === t.makerId) continue;
    const org = orgs.get(h.buyerId);
    if (!org || NOT_INTERMEDIARY.has(org.kind)) {
      if (stopAt && h.buyerId === stopAt) break;
      continue;
    }
    out.push({ id: h.buyerId, country: org.country ?? h.toCountry ?? null });
    if (stopAt && h.buyerId === stopAt) break;
  }
  return out;
}

/**
 * Every holder in trade a chain passes through other than the maker — before or after the
 * diversion point, unlike `intermediariesOf`: for sanctions a listed buyer after the part left
 * legal trade is the point, not noise. End users and governments are not intermediaries; holders
 * the reader may not see (absent from `orgs`) are left out.
 */
export function holdersInTrade<H extends HopWithCountries>(t: TracedComponent<H>, orgs: ReadonlyMap<string, OrgFacts>): string[] {
  const out: string[] = [];
  for (const id of new Set(t.chain.holders)) {
    if (id === t.makerId) continue;
    const org = orgs.get(id);
    if (!org || NOT_INTERMEDIARY.has(org.kind)) continue;
    out.push(id);
  }
  return out;
}

export interface Share {
  key: string;
  count: number;
  share: number;
}

function shares(counts: Map<string, number>, total: number): Share[] {
  return [...counts.entries()]
    .map(([key, count]) => ({ key, count, share: total ? Math.round((count / total) * 10000) / 10000 : 0 }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

function bump(m: Map<string, number>, k: string): void {
  m.set(k, (m.get(k) ?? 0) + 1);
}

export interface SaleToRecovery {
  componentId: string;
  soldOn: string;
  recoveredOn: string;
  days: number;
}

export interface TracingFindings {
  componentsInScope: number;
  tracedComponents: number;
  chainStatus: Record<string, number>;
  /** Each traced component counted once, at its last intermediary in legal trade (shares sum to 1). */
  byLastIntermediaryCountry: Share[];
  byLastIntermediarySubregion: Share[];
  byLastIntermediaryRegion: Share[];
  /** Each traced component counted once per country its chain passes through (shares may sum above 1). */
  byAnyIntermediaryCountry: Share[];
  makerSaleToRecovery: { count: number; medianDays: number | null; minDays: number | null; maxDays: number | null; components: SaleToRecovery[] };
  sharedIntermediaries: { organisationId: string; name: string; country: string | null; components: number; items: number }[];
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function computeFindings<H extends HopWithCountries>(
  components: readonly TracedComponent<H>[],
  orgs: ReadonlyMap<string, OrgFacts>,
  regionOf: (country: string) => RegionFacts,
): TracingFindings {
  const chainStatus: Record<string, number> = { untraced: 0, open: 0, broken: 0, diverted: 0 };
  const lastCountry = new Map<string, number>();
  const lastSub = new Map<string, number>();
  const lastRegion = new Map<string, number>();
  const anyCountry = new Map<string, number>();
  const perOrg = new Map<string, { components: Set<string>; items: Set<string> }>();
  const durations: SaleToRecovery[] = [];
  let traced = 0;
  for (const t of components) {
    chainStatus[t.chain.status] = (chainStatus[t.chain.status] ?? 0) + 1;
    if (t.chain.hops.length === 0) continue;
    traced++;
    const inter = intermediariesOf(t, orgs);
    const last = inter[inter.length - 1];
    const country = last?.country ?? 'unknown';
    bump(lastCountry, country);
    const r = last?.country ? regionOf(last.country) : { region: null, subregion: null };
    bump(lastSub, r.subregion ?? 'unknown');
    bump(lastRegion, r.region ?? 'unknown');
    for (const c of new Set(inter.map((i) => i.country ?? 'unknown'))) bump(anyCountry, c);
    for (const i of new Set(inter.map((x) => x.id))) {
      const e = perOrg.get(i) ?? { components: new Set<string>(), items: new Set<string>() };
      e.components.add(t.componentId);
      e.items.add(t.itemId);
      perOrg.set(i, e);
    }
    // The maker's sale: the first hop sold by the maker, when its date is known.
    const sale = t.chain.hops.find((h) => h.sellerId === t.makerId && h.transferDate);
    if (sale?.transferDate && t.recoveredOn) {
      durations.push({ componentId: t.componentId, soldOn: sale.transferDate, recoveredOn: t.recoveredOn, days: daysBetween(sale.transferDate, t.recoveredOn) });
    }
  }
  const days = durations.map((d) => d.days);
  return {
    componentsInScope: components.length,
    tracedComponents: traced,
    chainStatus,
    byLastIntermediaryCountry: shares(lastCountry, traced),
    byLastIntermediarySubregion: shares(lastSub, traced),
    byLastIntermediaryRegion: shares(lastRegion, traced),
    byAnyIntermediaryCountry: shares(anyCountry, traced),
    makerSaleToRecovery: {
      count: durations.length,
      medianDays: median(days),
      minDays: days.length ? Math.min(...days) : null,
      maxDays: days.length ? Math.max(...days) : null,
      components: durations.sort((a, b) => a.days - b.days || a.componentId.localeCompare(b.componentId)),
    },
    sharedIntermediaries: [...perOrg.entries()]
      .filter(([, e]) => e.components.size >= 2)
      .map(([id, e]) => ({ organisationId: id, name: orgs.get(id)?.name ?? id, country: orgs.get(id)?.country ?? null, components: e.components.size, items: e.items.size }))
      .sort((a, b) => b.components - a.components || b.items - a.items || a.name.localeCompare(b.name)),
  };
}

export interface GraphNode {
  id: string;
  name: string;
  kind: string;
  country: string | null;
  /** Number of component chains that pass through this holder. */
  chains: number;
  items: number;
  /** Is a maker (first holder) of some chain. */
  maker: boolean;
  /** An intermediary present in more than one chain. */
  shared: boolean;
}

export interface GraphEdge {
  sellerId: string;
  buyerId: string;
  hops: number;
  components: number;
}

/** Holders and transfers across many chains; `shared` marks intermediaries several chains pass through. */
export function buildGraph<H extends HopWithCountries>(components: readonly TracedComponent<H>[], orgs: ReadonlyMap<string, OrgFacts>): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const nodeChains = new Map<string, { components: Set<string>; items: Set<string>; maker: boolean }>();
  const edges = new Map<string, { sellerId: string; buyerId: string; hops: Set<string>; components: Set<string> }>();
  const touch = (id: string, t: TracedComponent<H>) => {
    const e = nodeChains.get(id) ?? { components: new Set<string>(), items: new Set<string>(), maker: false };
    e.components.add(t.componentId);
    e.items.add(t.itemId);
    nodeChains.set(id, e);
    return e;
  };
  for (const t of components) {
    if (t.chain.hops.length === 0) continue;
    for (const holder of new Set(t.chain.holders)) touch(holder, t);
    if (t.makerId && t.chain.holders[0] === t.makerId) touch(t.makerId, t).maker = true;
    for (const h of t.chain.hops) {
      const key = `${h.sellerId}>${h.buyerId}`;
      const e = edges.get(key) ?? { sellerId: h.sellerId, buyerId: h.buyerId, hops: new Set<string>(), components: new Set<string>() };
      e.hops.add(h.id);
      e.components.add(t.componentId);
      edges.set(key, e);
    }
  }
  const nodes: GraphNode[] = [...nodeChains.entries()].map(([id, e]) => {
    const org = orgs.get(id);
    const kind = org?.kind ?? 'other';
    return {
      id, name: org?.name ?? id, kind, country: org?.country ?? null, chains: e.components.size, items: e.items.size, maker: e.maker,
      shared: !e.maker && !NOT_INTERMEDIARY.has(kind) && e.components.size >= 2,
    };
  });
  nodes.sort((a, b) => b.chains - a.chains || a.name.localeCompare(b.name));
  return {
    nodes,
    edges: [...edges.values()].map((e) => ({ sellerId: e.sellerId, buyerId: e.buyerId, hops: e.hops.size, components: e.components.size }))
      .sort((a, b) => b.components - a.components || a.sellerId.localeCompare(b.sellerId) || a.buyerId.localeCompare(b.buyerId)),
  };
}
