import { useLocation } from 'wouter';
import { ChartCard, type ChartRow } from './ChartCard';
import { barsOption } from './Chart';
import { chartRows, type Findings } from '../lib/findings';

/**
 * The dashboard's four breakdowns as charts, each with its table. A chunk of its own (echarts is
 * most of the dashboard's code): the headline figures paint before it arrives.
 */
export default function DashboardCharts({ f }: { f: Findings }) {
  const [, navigate] = useLocation();
  const countries = chartRows(f.makerCountries, 'country');
  const makers = chartRows(f.makers, 'maker');
  const years = chartRows(f.dateCodes.byYear, 'year');
  const tiers = chartRows(f.chplTiers, 'tier');
  const go = (list: ChartRow[]) => (name: string) => {
    const hit = list.find((r) => r.name === name);
    if (hit?.href) navigate(hit.href);
  };
  return (
    <div className="grid cols-2">
      <ChartCard title="Components by maker country" hint="Country of the maker's headquarters" rows={countries} option={barsOption(countries.slice(0, 12))} onSelect={go(countries)} />
      <ChartCard title="Components by maker" hint="Top 12 makers" rows={makers} option={barsOption(makers.slice(0, 12), { color: '#5b8fb3' })} onSelect={go(makers)} />
      <ChartCard title="Components by date-code year" hint="Year each date code points to" rows={years} option={barsOption(years, { horizontal: false, color: '#c9a15a' })} onSelect={go(years)} />
      <ChartCard title="Components by CHPL tier" hint="Common High Priority List: tier 1 is most critical" rows={tiers} option={barsOption(tiers, { horizontal: false, color: '#ad3434' })} onSelect={go(tiers)} />
    </div>
  );
}
