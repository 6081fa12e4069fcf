import { useMemo } from 'react';
import { Link, useLocation } from 'wouter';
import { useAll } from '../api/hooks';
import type { Claim, Component, Incident, Item } from '../api/types';
import { useOrganisationNames } from '../lib/lookups';
import { PageHead } from '../components/Layout';
import { ErrorState, Loading, Empty } from '../components/State';
import { ChartCard, type ChartRow } from '../components/ChartCard';
import { barsOption } from '../components/Chart';
import { WorldMap, type MapPoint } from '../components/WorldMap';
import { Timeline } from '../components/Timeline';
import { byTier, byYear, countBy, summarise } from '../lib/aggregate';
import { countryName, formatNumber, percent, plural } from '../lib/format';

export default function Dashboard() {
  const components = useAll<Component>('/api/components');
  const items = useAll<Item>('/api/items');
  const incidents = useAll<Incident>('/api/incidents');
  const claims = useAll<Claim>('/api/claims');
  const makers = useOrganisationNames();
  const [, navigate] = useLocation();

  const rows = components.data ?? [];
  const summary = useMemo(() => summarise(rows), [rows]);
  const countries: ChartRow[] = useMemo(
    () => countBy(rows, (c) => c.makerCountry).map((b) => ({ name: b.key ? countryName(b.key) : 'Unknown', value: b.count, href: `/components?makerCountry=${b.key || 'none'}`, code: b.key })),
    [rows],
  );
  const byMaker: ChartRow[] = useMemo(
    () => countBy(rows, (c) => c.makerId).map((b) => ({ name: b.key ? makers.get(b.key) ?? 'Unnamed maker' : 'Maker not identified', value: b.count, href: b.key ? `/organisations/${b.key}` : '/components?makerId=none' })),
    [rows, makers],
  );
  const years: ChartRow[] = useMemo(() => byYear(rows).map((b) => ({ name: b.key || 'No date code', value: b.count, href: `/components?year=${b.key || 'none'}` })), [rows]);
  const tiers: ChartRow[] = useMemo(() => byTier(rows).map((b) => ({ name: b.key ? `Tier ${b.key}` : 'Not classified', value: b.count, href: `/components?chplTier=${b.key || 'none'}` })), [rows]);
  const points: MapPoint[] = useMemo(
    () => (incidents.data ?? []).filter((i) => i.lat !== null && i.lon !== null).map((i) => ({ id: i.id, lat: i.lat!, lon: i.lon!, precision: i.locationPrecision, place: i.placeName, label: i.title })),
    [incidents.data],
  );

  const firstError = components.error ?? items.error ?? incidents.error ?? claims.error;
  const ready = components.data && items.data && incidents.data && claims.data;
  const go = (list: ChartRow[]) => (name: string) => {
    const hit = list.find((r) => r.name === name);
    if (hit?.href) navigate(hit.href);
  };
  const tier12 = rows.filter((c) => c.chplTier === '1' || c.chplTier === '2').reduce((n, c) => n + c.quantity, 0);
  const top = countries.find((c) => c.name !== 'Unknown');

  return (
    <>
      <PageHead
        title="Case dashboard"
        eyebrow={<span>All records in this workspace</span>}
        lede="What the recovered weapons were built from: components by maker, country, production date and control tier, with the incidents and claims they came from. Click any bar or number to see the records behind it."
        actions={<Link href="/items" className="button primary">Enter components</Link>}
      />
      {firstError ? (
        <div className="card"><ErrorState error={firstError} retry={() => { components.reload(); items.reload(); incidents.reload(); claims.reload(); }} /></div>
      ) : !ready ? (
        <div className="card"><Loading lines={6} label="Loading the case" /></div>
      ) : rows.length === 0 && items.data!.length === 0 ? (
        <div className="card">
          <Empty title="No evidence yet.">Create an item (a recovered weapon) and enter its components; the dashboard then counts them. <Link href="/items">Go to items</Link></Empty>
        </div>
      ) : (
        <div className="stack">
          <section aria-label="Headline findings" className="grid cols-4">
            <Link href="/components" className="card stat">
              <div className="value">{formatNumber(summary.components)}</div>
              <div className="label">components recorded</div>
              <div className="sub">in {plural(items.data!.length, 'item')} · {formatNumber(summary.identified)} with maker or part number</div>
            </Link>
            <Link href="/organisations?kind=manufacturer" className="card stat">
              <div className="value">{formatNumber(summary.makers)}</div>
              <div className="label">makers identified</div>
              <div className="sub">headquartered in {plural(summary.countries, 'country', 'countries')}</div>
            </Link>
            <Link href={top?.href ?? '/components'} className="card stat">
              <div className="value">{top ? percent(top.value, summary.components) : '—'}</div>
              <div className="label">{top ? `made by companies in ${top.name}` : 'no maker country identified yet'}</div>
              <div className="sub">{top ? plural(top.value, 'component') : ' '}</div>
            </Link>
            <Link href={summary.latestYear ? `/components?year=${summary.latestYear}` : '/components'} className="card stat">
              <div className="value">{summary.latestYear ?? '—'}</div>
              <div className="label">latest production date read</div>
              <div className="sub">{tier12 ? `${plural(tier12, 'component')} in CHPL tiers 1–2` : 'from date codes on the markings'}</div>
            </Link>
          </section>
          {components.truncated && <div className="notice amber">Counting the first {formatNumber(rows.length)} components only.</div>}
          <div className="grid cols-2">
            <ChartCard title="Components by maker country" hint="Country of the maker's headquarters" rows={countries} option={barsOption(countries.slice(0, 12))} onSelect={go(countries)} />
            <ChartCard title="Components by maker" hint="Top 12 makers" rows={byMaker} option={barsOption(byMaker.slice(0, 12), { color: '#5b8fb3' })} onSelect={go(byMaker)} />
            <ChartCard title="Components by date-code year" hint="Latest year each date code allows" rows={years} option={barsOption(years, { horizontal: false, color: '#c9a15a' })} onSelect={go(years)} />
            <ChartCard title="Components by CHPL tier" hint="Common High Priority List: tier 1 is most critical" rows={tiers} option={barsOption(tiers, { horizontal: false, color: '#ad3434' })} onSelect={go(tiers)} />
          </div>
          <div className="grid cols-2">
            <section className="card" aria-label="Incident map">
              <div className="card-head">
                <h2>Incidents</h2>
                <Link href="/map" className="small">Open map</Link>
              </div>
              {points.length === 0 ? <Empty title="No incident has a location yet." /> : <WorldMap points={points} height={300} label={`Map of ${points.length} incidents`} onSelect={(id) => navigate(`/map?incident=${id}`)} />}
            </section>
            <section className="card" aria-label="Timeline of incidents and claims">
              <div className="card-head">
                <div>
                  <h2>Timeline</h2>
                  <div className="hint">{plural(incidents.data!.length, 'incident')} and {plural(claims.data!.length, 'claim')}</div>
                </div>
                <Link href="/claims" className="small">Claims ledger</Link>
              </div>
              <Timeline incidents={incidents.data!} claims={claims.data!} onSelect={(kind, id) => navigate(kind === 'incident' ? `/map?incident=${id}` : `/claims?claim=${id}`)} />
            </section>
          </div>
        </div>
      )}
    </>
  );
}
