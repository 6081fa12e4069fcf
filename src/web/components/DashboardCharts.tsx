import { useLocation } from 'wouter';
import { ChartCard, type ChartRow } from './ChartCard';
import { barsOption } from './Chart';
import { chartRows, type Findings } from '../lib/findings';
import { useTranslation } from 'react-i18next';

/**
 * The dashboard's four breakdowns as charts, each with its table. A chunk of its own (echarts is
 * most of the dashboard's code): the headline figures paint before it arrives.
 */
export default function DashboardCharts({ f }: { f: Findings }) {
  const [, navigate] = useLocation();
  const { t } = useTranslation('dashboard');
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
      <ChartCard title={t('charts.byCountry')} hint={t('charts.byCountryHint')} rows={countries} option={barsOption(countries.slice(0, 12))} onSelect={go(countries)} />
      <ChartCard title={t('charts.byMaker')} hint={t('charts.byMakerHint')} rows={makers} option={barsOption(makers.slice(0, 12), { color: '#5b8fb3' })} onSelect={go(makers)} />
      <ChartCard title={t('charts.byYear')} hint={t('charts.byYearHint')} rows={years} option={barsOption(years, { horizontal: false, color: '#c9a15a' })} onSelect={go(years)} />
      <ChartCard title={t('charts.byTier')} hint={t('charts.byTierHint')} rows={tiers} option={barsOption(tiers, { horizontal: false, color: '#ad3434' })} onSelect={go(tiers)} />
    </div>
  );
}
