/**
 * Pure aggregations of component records for the dashboard and item findings. They run in the browser
 * until the findings API (issue 3) computes case findings on the server; kept free of React and DOM so
 * they are unit-tested in Node (test/web/aggregate.test.ts).
 */

export interface ComponentLike {
  itemId: string;
  makerId: string | null;
  makerCountry: string | null;
  productionFrom: string | null;
  productionTo: string | null;
  chplTier: string | null;
  subAssembly: string | null;
  partNumber: string | null;
  quantity: number;
}

export interface Bucket {
  key: string;
  count: number;
}

/** Counts weighted by `quantity` (one record may stand for several identical parts on a board). */
export function countBy<T extends { quantity?: number }>(rows: readonly T[], keyOf: (r: T) => string | null): Bucket[] {
  const m = new Map<string, number>();
  for (const r of rows) {
    const k = keyOf(r) ?? '';
    m.set(k, (m.get(k) ?? 0) + (r.quantity ?? 1));
  }
  return [...m.entries()].map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

/**
 * The production year a date-code reading points to. A window inside one calendar year is that year;
 * a window spanning years is attributed to its last year, the conservative "made no later than" reading.
 */
export function productionYear(c: Pick<ComponentLike, 'productionFrom' | 'productionTo'>): number | null {
  const to = c.productionTo ?? c.productionFrom;
  if (!to) return null;
  const y = Number(to.slice(0, 4));
  return Number.isFinite(y) ? y : null;
}

export function byYear(rows: readonly ComponentLike[]): Bucket[] {
  const buckets = countBy(rows, (r) => {
    const y = productionYear(r);
    return y === null ? null : String(y);
  });
  return buckets.sort((a, b) => (a.key === '' ? 1 : b.key === '' ? -1 : a.key.localeCompare(b.key)));
}

const TIER_ORDER = ['1', '2', '3.A', '3.B', '4.A', '4.B', ''];
export function byTier(rows: readonly ComponentLike[]): Bucket[] {
  return countBy(rows, (r) => r.chplTier).sort((a, b) => TIER_ORDER.indexOf(a.key) - TIER_ORDER.indexOf(b.key));
}

export interface Summary {
  components: number;
  records: number;
  makers: number;
  countries: number;
  identified: number;
  latestYear: number | null;
  topCountry: Bucket | null;
}

export function summarise(rows: readonly ComponentLike[]): Summary {
  const components = rows.reduce((n, r) => n + (r.quantity ?? 1), 0);
  const makers = new Set(rows.map((r) => r.makerId).filter(Boolean)).size;
  const countries = countBy(rows.filter((r) => r.makerCountry), (r) => r.makerCountry);
  const identified = rows.filter((r) => r.makerId || r.partNumber).reduce((n, r) => n + (r.quantity ?? 1), 0);
  const years = rows.map(productionYear).filter((y): y is number => y !== null);
  return {
    components,
    records: rows.length,
    makers,
    countries: countries.length,
    identified,
    latestYear: years.length ? Math.max(...years) : null,
    topCountry: countries[0] ?? null,
  };
}

export interface Comparison {
  shared: string[];
  onlyHere: string[];
  onlyThere: string[];
  /** Jaccard similarity of the two part-number sets, 0..1. */
  similarity: number;
}

/** Compares two items by the set of part numbers found in them (markings that were not read are left out). */
export function compareParts(here: readonly Pick<ComponentLike, 'partNumber'>[], there: readonly Pick<ComponentLike, 'partNumber'>[]): Comparison {
  const a = new Set(here.map((c) => c.partNumber).filter((p): p is string => !!p));
  const b = new Set(there.map((c) => c.partNumber).filter((p): p is string => !!p));
  const shared = [...a].filter((p) => b.has(p)).sort();
  const onlyHere = [...a].filter((p) => !b.has(p)).sort();
  const onlyThere = [...b].filter((p) => !a.has(p)).sort();
  const union = a.size + b.size - shared.length;
  return { shared, onlyHere, onlyThere, similarity: union ? shared.length / union : 0 };
}
