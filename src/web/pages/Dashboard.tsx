import { useMemo } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { useAll } from '../api/hooks';
import type { Claim, Component, Incident, Item } from '../api/types';
import { PageHead } from '../components/Layout';
import { ErrorState, Loading, Empty } from '../components/State';
import { ChartCard, type ChartRow } from '../components/ChartCard';
import { barsOption } from '../components/Chart';
import { WorldMap, type MapPoint } from '../components/WorldMap';
import { Timeline } from '../components/Timeline';
import { Illustrative } from '../components/Badge';
import { SanctionedParties } from '../components/SanctionedParties';
import { RecordHistoryCard } from '../components/RecordHistory';
import { useOrganisationNames } from '../lib/lookups';
import { useFindings, useFindingsAvailable } from '../lib/findings';
import { figuresFromComponents, figuresFromFindings, topKnown, type Figures } from '../lib/figures';
import { useCases, type Case } from '../lib/cases';
import { formatDate, formatNumber, percent, plural } from '../lib/format';

/**
 * Figures for the chosen case (or every record): the server's findings when it computes them,
 * otherwise the component records counted here.
 */
function useFigures(chosen: Case | null, available: boolean | undefined) {
  const findings = useFindings(chosen ? `/api/cases/${chosen.id}/findings` : '/api/findings', available);
  const components = useAll<Component>(available === false ? '/api/components' : null);
  const items = useAll<Item>(available === false ? '/api/items' : null);
  const makers = useOrganisationNames();
  const figures = useMemo<Figures | undefined>(() => {
    if (findings.data) return figuresFromFindings(findings.data);
    if (components.data && items.data) return figuresFromComponents(components.data, makers, items.data.length);
    return undefined;
  }, [findings.data, components.data, items.data, makers]);
  return {
    figures,
    sanctioned: findings.data?.sanctioned,
    error: findings.error ?? components.error ?? items.error,
    reload: () => { findings.reload(); components.reload(); items.reload(); },
    truncated: components.truncated,
  };
}

function Headlines({ f }: { f: Figures }) {
  const top = topKnown(f.countries);
  const tier12 = f.tiers.filter((t) => t.name === 'Tier 1' || t.name === 'Tier 2').reduce((n, t) => n + t.value, 0);
  return (
    <section aria-label="Headline findings" className="grid cols-4">
      <Link href="/components" className="card stat">
        <div className="value">{formatNumber(f.units)}</div>
        <div className="label">components recorded</div>
        <div className="sub">in {plural(f.items, 'item')} · {formatNumber(f.identifiedUnits)} identified</div>
      </Link>
      <Link href="/organisations?kind=manufacturer" className="card stat">
        <div className="value">{formatNumber(f.makersDistinct)}</div>
        <div className="label">makers identified</div>
        <div className="sub">headquartered in {plural(f.countriesDistinct, 'country', 'countries')}</div>
      </Link>
      <Link href={top?.href ?? '/components'} className="card stat">
        <div className="value">{top ? percent(top.value, f.units) : '—'}</div>
        <div className="label">{top ? `made by companies in ${top.name}` : 'no maker country identified yet'}</div>
        <div className="sub">{top ? plural(top.value, 'component') : ' '}</div>
      </Link>
      <Link href={f.latestYear ? `/components?year=${f.latestYear}` : '/components'} className="card stat">
        <div className="value">{f.noEarlierThan ? formatDate(f.noEarlierThan.date) : f.latestYear ?? '—'}</div>
        <div className="label">{f.noEarlierThan ? 'made no earlier than' : 'latest production date read'}</div>
        <div className="sub">{tier12 ? `${plural(tier12, 'component')} in CHPL tiers 1–2` : 'from date codes on the markings'}</div>
      </Link>
    </section>
  );
}

export default function Dashboard() {
  const params = new URLSearchParams(useSearch());
  const [, navigate] = useLocation();
  const available = useFindingsAvailable();
  const { cases } = useCases();
  // Cases need the findings API to be counted; without it the dashboard covers every record.
  const caseParam = params.get('case');
  const chosen = available && cases ? (caseParam === 'all' ? null : cases.find((c) => c.id === caseParam) ?? cases[0] ?? null) : null;
  const { figures, sanctioned, error, reload, truncated } = useFigures(chosen, available);
  const incidents = useAll<Incident>('/api/incidents');
  const claims = useAll<Claim>('/api/claims');

  const caseIncidents = useMemo(() => (incidents.data ?? []).filter((i) => !chosen || chosen.incidentIds.includes(i.id)), [incidents.data, chosen]);
  const caseClaims = useMemo(() => (claims.data ?? []).filter((c) => !chosen || chosen.claimIds.includes(c.id)), [claims.data, chosen]);
  const points: MapPoint[] = useMemo(
    () => caseIncidents.filter((i) => i.lat !== null && i.lon !== null).map((i) => ({ id: i.id, lat: i.lat!, lon: i.lon!, precision: i.locationPrecision, place: i.placeName, label: i.title })),
    [caseIncidents],
  );
  const go = (list: ChartRow[]) => (name: string) => {
    const hit = list.find((r) => r.name === name);
    if (hit?.href) navigate(hit.href);
  };
  const firstError = error ?? incidents.error ?? claims.error;

  return (
    <>
      <PageHead
        title={chosen ? chosen.title : 'Case dashboard'}
        eyebrow={
          cases && cases.length > 0 && available ? (
            <>
              <label htmlFor="case-pick">Case</label>
              <select id="case-pick" value={chosen?.id ?? 'all'} onChange={(e) => navigate(`/?case=${e.target.value}`)} style={{ width: 'auto', padding: '2px 8px' }}>
                {cases.map((c) => <option key={c.id} value={c.id}>{c.title}</option>)}
                <option value="all">All records</option>
              </select>
              {chosen && <Illustrative on={chosen.illustrative} />}
            </>
          ) : (
            <span>All records in this workspace</span>
          )
        }
        lede={chosen?.summary ?? 'What the recovered weapons were built from: components by maker, country, production date and control tier, with the incidents and claims they came from. Click any bar or number to see the records behind it.'}
        actions={<Link href="/items" className="button primary">Enter components</Link>}
      />
      {firstError ? (
        <div className="card"><ErrorState error={firstError} retry={() => { reload(); incidents.reload(); claims.reload(); }} /></div>
      ) : !figures || !incidents.data || !claims.data ? (
        <div className="card"><Loading lines={6} label="Loading the case" /></div>
      ) : figures.records === 0 && figures.items === 0 && caseIncidents.length === 0 ? (
        <div className="card">
          <Empty title="No evidence yet.">Create an item (a recovered weapon) and enter its components; the dashboard then counts them. <Link href="/items">Go to items</Link></Empty>
        </div>
      ) : (
        <div className="stack">
          <Headlines f={figures} />
          <SanctionedParties sanctioned={sanctioned} scope={chosen ? 'this case' : 'all records'} />
          {truncated && <div className="notice amber">Counting the first {formatNumber(figures.records)} component records only.</div>}
          {figures.notes.length > 0 && (
            <section className="card" aria-label="Notes on the findings">
              <div className="card-head"><h2>Findings</h2><span className="hint">computed by the server from the records you may see</span></div>
              {figures.notes.map((n) => <div key={n} className="finding"><div>{n}</div></div>)}
            </section>
          )}
          <div className="grid cols-2">
            <ChartCard title="Components by maker country" hint="Country of the maker's headquarters" rows={figures.countries} option={barsOption(figures.countries.slice(0, 12))} onSelect={go(figures.countries)} />
            <ChartCard title="Components by maker" hint="Top 12 makers" rows={figures.makers} option={barsOption(figures.makers.slice(0, 12), { color: '#5b8fb3' })} onSelect={go(figures.makers)} />
            <ChartCard title="Components by date-code year" hint="Year each date code points to" rows={figures.years} option={barsOption(figures.years, { horizontal: false, color: '#c9a15a' })} onSelect={go(figures.years)} />
            <ChartCard title="Components by CHPL tier" hint="Common High Priority List: tier 1 is most critical" rows={figures.tiers} option={barsOption(figures.tiers, { horizontal: false, color: '#ad3434' })} onSelect={go(figures.tiers)} />
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
                  <div className="hint">{plural(caseIncidents.length, 'incident')} and {plural(caseClaims.length, 'claim')}</div>
                </div>
                <Link href="/claims" className="small">Claims ledger</Link>
              </div>
              <Timeline incidents={caseIncidents} claims={caseClaims} onSelect={(kind, id) => navigate(kind === 'incident' ? `/map?incident=${id}` : `/claims?claim=${id}`)} />
            </section>
          </div>
          <p className="small muted">{figures.source === 'server' ? 'Figures computed by the server (findings API).' : 'Figures counted in the browser from the component records; the findings API is not deployed on this server.'}</p>
        </div>
      )}
      {/* The case record's own changes (title, summary, members), for signed-in users; the public sees nothing here. */}
      {chosen && <div style={{ marginTop: 16 }}><RecordHistoryCard recordType="cases" recordId={chosen.id} what="case" /></div>}
    </>
  );
}
