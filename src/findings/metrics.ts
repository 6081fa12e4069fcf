/**
 * Named figures of a findings result, so that a claim can be set against one ("claimed more than
 * 290 components; documented here: N"). A metric key is a name with an optional argument:
 * `components`, `countryShare:US`, `yearShare:2021-2023`. Pure.
 */
import type { DateWindow } from './dates.js';
import type { Findings, RecordRefs } from './types.js';

export type MetricValue =
  | { kind: 'number'; value: number; unit: string; text: string; refs: RecordRefs | null }
  | { kind: 'date'; window: DateWindow; text: string; refs: RecordRefs | null };

export const METRICS: Record<string, { arg: 'none' | 'country' | 'yearRange'; value?: 'date'; description: string }> = {
  items: { arg: 'none', description: 'items in the scope' },
  components: { arg: 'none', description: 'documented component units (Σ quantity)' },
  componentRecords: { arg: 'none', description: 'component records' },
  partNumbers: { arg: 'none', description: 'distinct part numbers' },
  makers: { arg: 'none', description: 'distinct makers' },
  makerCountries: { arg: 'none', description: 'distinct maker countries by headquarters' },
  makerCountriesByParent: { arg: 'none', description: 'distinct maker countries by ultimate parent' },
  countryShare: { arg: 'country', description: 'percent of units whose maker is headquartered in the country' },
  parentCountryShare: { arg: 'country', description: "percent of units whose maker's ultimate parent is in the country" },
  datedShare: { arg: 'none', description: 'percent of units with a readable date code' },
  yearShare: { arg: 'yearRange', description: 'percent of dated units produced within the years (e.g. 2021-2023)' },
  noEarlierThan: { arg: 'none', value: 'date', description: 'assembled no earlier than (latest production lower bound)' },
  productionToUseMaxDays: { arg: 'none', description: 'most days between production and use (item scope)' },
  productionWindow: { arg: 'none', value: 'date', description: 'window in which the item was produced (item scope)' },
  identicalItems: { arg: 'none', description: 'other items identical to this one (item scope) or items in identical pairs (group)' },
  sanctionedMakers: { arg: 'none', description: 'makers with a confirmed sanctions match (signed-in readers only)' },
  sanctionedIntermediaries: { arg: 'none', description: 'intermediaries on the chains with a confirmed sanctions match (signed-in readers only)' },
};

/** Whether a metric yields a number or a date window (a topic's kind must match). */
export function metricValueKind(key: string): 'number' | 'date' | null {
  const p = parseMetricKey(key);
  return 'error' in p ? null : METRICS[p.name]!.value === 'date' ? 'date' : 'number';
}

export function parseMetricKey(key: string): { name: string; arg: string | null } | { error: string } {
  const [name, arg, ...rest] = key.split(':');
  if (!name || rest.length) return { error: `"${key}" is not a metric key (name or name:argument)` };
  const spec = METRICS[name];
  if (!spec) return { error: `unknown metric "${name}"; known: ${Object.keys(METRICS).join(', ')}` };
  if (spec.arg === 'none' && arg !== undefined) return { error: `metric ${name} takes no argument` };
  if (spec.arg === 'country' && !/^[A-Z]{2}$/.test(arg ?? '')) return { error: `metric ${name} needs a country code, e.g. ${name}:US` };
  if (spec.arg === 'yearRange' && !/^\d{4}(-\d{4})?$/.test(arg ?? '')) return { error: `metric ${name} needs a year or year range, e.g. ${name}:2021-2023` };
  return { name, arg: arg ?? null };
}

const components = (f: Findings): RecordRefs => f.components.records;

/** The value of a metric in a findings result; null when the findings hold nothing to say. */
export function metricValue(f: Findings, key: string): MetricValue | null {
  const parsed = parseMetricKey(key);
  if ('error' in parsed) return null;
  const { name, arg } = parsed;
  const num = (value: number, unit: string, text: string, refs: RecordRefs | null): MetricValue => ({ kind: 'number', value, unit, text, refs });
  switch (name) {
    case 'items':
      return num(f.items.count, 'items', `${f.items.count} items`, f.items);
    case 'components':
      return num(f.components.units, 'components', `${f.components.units} components`, components(f));
    case 'componentRecords':
      return num(f.components.records.count, 'records', `${f.components.records.count} component records`, components(f));
    case 'partNumbers':
      return num(f.components.partNumbers.count, 'part numbers', `${f.components.partNumbers.count} distinct part numbers`, components(f));
    case 'makers':
      return num(f.makers.distinct, 'companies', `${f.makers.distinct} makers`, components(f));
    case 'makerCountries':
      return num(f.makerCountries.distinct, 'countries', `${f.makerCountries.distinct} countries (by headquarters)`, components(f));
    case 'makerCountriesByParent':
      return num(f.makerCountriesByParent.distinct, 'countries', `${f.makerCountriesByParent.distinct} countries (by ultimate parent)`, components(f));
    case 'countryShare':
    case 'parentCountryShare': {
      const b = (name === 'countryShare' ? f.makerCountries : f.makerCountriesByParent).buckets.find((x) => x.key === arg);
      const share = b?.share ?? 0;
      return num(share, 'percent', `${share}% of units (${b?.units ?? 0} of ${f.components.units}) from ${b?.label ?? arg} ${name === 'countryShare' ? 'makers' : 'parent companies'}`,
        b ? { table: 'components', count: b.records, ids: b.ids, truncated: b.truncated } : null);
    }
    case 'datedShare':
      return num(f.dateCodes.share, 'percent', `${f.dateCodes.share}% of units (${f.dateCodes.datedUnits} of ${f.components.units}) have a readable date code`, null);
    case 'yearShare': {
      const [lo, hi] = (arg ?? '').split('-').map(Number);
      const top = hi ?? lo!;
      let inRange = 0;
      for (const b of f.dateCodes.byYear.buckets) {
        if (!b.key) continue;
        const years = b.key.split('–').map(Number);
        if (years.every((y) => y >= lo! && y <= top)) inRange += b.units;
      }
      const total = f.dateCodes.datedUnits;
      const share = total > 0 ? Math.round((inRange / total) * 1000) / 10 : 0;
      return num(share, 'percent', `${share}% of dated units (${inRange} of ${total}) produced in ${arg}`, null);
    }
    case 'noEarlierThan':
      return f.noEarlierThan
        ? { kind: 'date', window: { from: f.noEarlierThan.date, to: f.noEarlierThan.date }, text: `no earlier than ${f.noEarlierThan.date}`, refs: f.noEarlierThan.refs }
        : null;
    case 'productionToUseMaxDays': {
      const t = f.timelines.find((x) => x.interval);
      return t?.interval ? num(t.interval.maxDays, 'days', `at most ${t.interval.maxDays} days between production and use (${t.label})`, null) : null;
    }
    case 'productionWindow': {
      const t = f.timelines.find((x) => x.interval || x.mark);
      const w = t?.interval?.production ?? t?.mark?.window;
      return w && t ? { kind: 'date', window: w, text: `produced between ${w.from} and ${w.to} (${t.label})`, refs: null } : null;
    }
    case 'identicalItems': {
      if (f.scope.kind === 'item') {
        const ids = f.similarity.similarItems.filter((s) => s.similarity.verdict === 'identical').map((s) => s.itemId);
        return num(ids.length, 'items', `${ids.length} other items identical to this one (score ≥ ${f.similarity.thresholds.identicalAt})`, { table: 'items', count: ids.length, ids, truncated: false });
      }
      const ids = new Set<string>();
      for (const p of f.similarity.pairs) if (p.similarity.verdict === 'identical') ids.add(p.a.itemId).add(p.b.itemId);
      return num(ids.size, 'items', `${ids.size} items in identical pairs`, { table: 'items', count: ids.size, ids: [...ids], truncated: false });
    }
    case 'sanctionedMakers':
    case 'sanctionedIntermediaries': {
      // Null for the public: screening decisions are not published.
      if (!f.sanctioned || !f.sanctioned.screened) return null;
      const role = name === 'sanctionedMakers' ? 'maker' : 'intermediary';
      const ids = f.sanctioned.parties.filter((p) => p.roles.includes(role)).map((p) => p.organisationId);
      const n = role === 'maker' ? f.sanctioned.makers : f.sanctioned.intermediaries;
      return num(n, 'companies', `${n} ${role === 'maker' ? 'makers' : 'intermediaries'} with a confirmed sanctions match`, { table: 'organisations', count: n, ids, truncated: false });
    }
    default:
      return null;
  }
}
