import type { ChartRow } from '../components/ChartCard';
import type { Breakdown, Findings } from './findings';
import { byTier, byYear, countBy, summarise, type ComponentLike } from './aggregate';
import { countryName } from './format';

/**
 * The figures a dashboard or an item page shows, from either source: the server's findings when it
 * computes them, or the component records counted in the browser. Each chart row carries the
 * drill-down address of the records behind it.
 */
export interface Figures {
  source: 'server' | 'browser';
  units: number;
  records: number;
  items: number;
  identifiedUnits: number;
  makersDistinct: number;
  countriesDistinct: number;
  latestYear: number | null;
  noEarlierThan: { date: string; note: string } | null;
  countries: ChartRow[];
  makers: ChartRow[];
  years: ChartRow[];
  tiers: ChartRow[];
  notes: string[];
}

const OTHER = '__other__';
const hrefs = {
  country: (k: string | null) => `/components?makerCountry=${k ?? 'none'}`,
  maker: (k: string | null) => (k ? `/organisations/${k}` : '/components?makerId=none'),
  year: (k: string | null) => `/components?year=${k ?? 'none'}`,
  tier: (k: string | null) => `/components?chplTier=${k ?? 'none'}`,
};

function rows(b: Breakdown, href: (k: string | null) => string, label?: (k: string | null, fallback: string) => string): ChartRow[] {
  return b.buckets.map((x) => ({ name: label ? label(x.key, x.label) : x.label, value: x.units, key: x.key, href: x.key === OTHER ? undefined : href(x.key) }));
}

export function figuresFromFindings(f: Findings): Figures {
  const years = f.dateCodes.byYear.buckets.map((b) => Number(b.key)).filter((y) => Number.isFinite(y) && y > 0);
  return {
    source: 'server',
    units: f.components.units,
    records: f.components.records.count,
    items: f.items.count,
    identifiedUnits: f.components.units - f.components.unidentifiedUnits,
    makersDistinct: f.makers.distinct,
    countriesDistinct: f.makerCountries.distinct,
    latestYear: f.noEarlierThan ? Number(f.noEarlierThan.date.slice(0, 4)) : years.length ? Math.max(...years) : null,
    noEarlierThan: f.noEarlierThan,
    countries: rows(f.makerCountries, hrefs.country, (k, l) => (k && k !== OTHER ? countryName(k) : k === null ? 'Unknown' : l)),
    makers: rows(f.makers, hrefs.maker, (k, l) => (k === null ? 'Maker not identified' : l)),
    years: rows(f.dateCodes.byYear, hrefs.year, (k, l) => (k === null ? 'No date code' : l))
      .sort((a, b) => (a.name === 'No date code' ? 1 : b.name === 'No date code' ? -1 : a.name.localeCompare(b.name))),
    tiers: rows(f.chplTiers, hrefs.tier, (k) => (k === null ? 'Not classified' : `Tier ${k}`)),
    notes: f.notes,
  };
}

export function figuresFromComponents(components: readonly ComponentLike[], makerNames: Map<string, string>, items: number): Figures {
  const s = summarise(components);
  return {
    source: 'browser',
    units: s.components,
    records: s.records,
    items,
    identifiedUnits: s.identified,
    makersDistinct: s.makers,
    countriesDistinct: s.countries,
    latestYear: s.latestYear,
    noEarlierThan: null,
    countries: countBy(components, (c) => c.makerCountry).map((b) => ({ key: b.key || null, name: b.key ? countryName(b.key) : 'Unknown', value: b.count, href: hrefs.country(b.key || null) })),
    makers: countBy(components, (c) => c.makerId).map((b) => ({ key: b.key || null, name: b.key ? makerNames.get(b.key) ?? 'Unnamed maker' : 'Maker not identified', value: b.count, href: hrefs.maker(b.key || null) })),
    years: byYear(components).map((b) => ({ name: b.key || 'No date code', value: b.count, href: hrefs.year(b.key || null) })),
    tiers: byTier(components).map((b) => ({ name: b.key ? `Tier ${b.key}` : 'Not classified', value: b.count, href: hrefs.tier(b.key || null) })),
    notes: [],
  };
}

/** The first named (known) bucket: "made by companies in …" headlines skip the unknown bucket. */
export function topKnown(list: ChartRow[]): ChartRow | undefined {
  return list.find((r) => r.name !== 'Unknown' && r.href !== undefined);
}
