import { lazy, Suspense, useMemo } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { useQuery } from '../api/hooks';
import type { Answer } from '../api/typed';
import { loadDashboard } from '../api/prefetch';
import type { MapPoint } from '../components/WorldMap';
import { PageHead } from '../components/Layout';
import { ErrorState, Loading, Empty } from '../components/State';
import { Illustrative } from '../components/Badge';
import { SanctionedParties } from '../components/SanctionedParties';
import { RecordHistoryCard } from '../components/RecordHistory';
import { topKnown, type Findings } from '../lib/findings';
import { formatDate, formatNumber, plural } from '../lib/format';

// The map (d3 and the atlas) and the charts (echarts) are chunks of their own, requested together
// with the dashboard's data: the headline figures paint as soon as the one API answer arrives.
const WorldMap = lazy(() => import('../components/WorldMap').then((m) => ({ default: m.WorldMap })));
const DashboardCharts = lazy(() => import('../components/DashboardCharts'));
const Timeline = lazy(() => import('../components/Timeline'));

type Dashboard = Answer<'case_dashboard'>;

/** The headline numbers, each the server's figure as it comes (nothing is counted here). */
function Headlines({ f }: { f: Findings }) {
  const top = topKnown(f.makerCountries);
  return (
    <section aria-label="Headline findings" className="grid cols-4">
      <Link href="/components" className="card stat" data-testid="headline-components">
        <div className="value">{formatNumber(f.components.units)}</div>
        <div className="label">components recorded</div>
        <div className="sub">in {plural(f.items.count, 'item')} · {plural(f.components.partNumbers.count, 'part number')}</div>
      </Link>
      <Link href="/organisations?kind=manufacturer" className="card stat">
        <div className="value">{formatNumber(f.makers.distinct)}</div>
        <div className="label">makers identified</div>
        <div className="sub">headquartered in {plural(f.makerCountries.distinct, 'country', 'countries')}</div>
      </Link>
      <Link href={top ? `/components?makerCountry=${top.key}` : '/components'} className="card stat">
        <div className="value">{top ? `${Math.round(top.share * 1000) / 10}%` : '—'}</div>
        <div className="label">{top ? `made by companies in ${top.label}` : 'no maker country identified yet'}</div>
        <div className="sub">{top ? plural(top.units, 'component') : ' '}</div>
      </Link>
      <div className="card stat">
        <div className="value">{f.noEarlierThan ? formatDate(f.noEarlierThan.date) : '—'}</div>
        <div className="label">{f.noEarlierThan ? 'made no earlier than' : 'no date code read yet'}</div>
        <div className="sub" title={f.noEarlierThan?.note}>{plural(f.dateCodes.datedRecords, 'record')} with a date code</div>
      </div>
    </section>
  );
}

export default function Dashboard() {
  const caseParam = new URLSearchParams(useSearch()).get('case') ?? undefined;
  const [, navigate] = useLocation();
  // One request for the whole first screen (the session is the other): GET /api/dashboard.
  const dash = useQuery<Dashboard>(`dashboard:${caseParam ?? ''}`, (signal) => loadDashboard(caseParam, signal));
  const d = dash.data;
  const points: MapPoint[] = useMemo(
    () => (d?.incidents ?? []).filter((i) => i.lat !== null && i.lon !== null).map((i) => ({ id: i.id, lat: i.lat!, lon: i.lon!, precision: i.locationPrecision, place: i.placeName, label: i.title })),
    [d],
  );
  const chosen = d?.case ?? null;

  return (
    <>
      <PageHead
        title={chosen ? chosen.title : 'Case dashboard'}
        eyebrow={
          d && d.cases.length > 0 ? (
            <>
              <label htmlFor="case-pick">Case</label>
              <select id="case-pick" value={chosen?.id ?? 'all'} onChange={(e) => navigate(`/?case=${e.target.value}`)} style={{ width: 'auto', padding: '2px 8px' }}>
                {d.cases.map((c) => <option key={c.id} value={c.id}>{c.title}</option>)}
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
      {dash.error ? (
        <div className="card"><ErrorState error={dash.error} retry={dash.reload} /></div>
      ) : !d ? (
        <div className="card"><Loading lines={6} label="Loading the case" /></div>
      ) : d.findings.components.records.count === 0 && d.findings.items.count === 0 && d.incidentsTotal === 0 ? (
        <div className="card">
          <Empty title="No evidence yet.">Create an item (a recovered weapon) and enter its components; the dashboard then counts them. <Link href="/items">Go to items</Link></Empty>
        </div>
      ) : (
        <div className="stack">
          <Headlines f={d.findings} />
          <SanctionedParties sanctioned={d.findings.sanctioned} scope={chosen ? 'this case' : 'all records'} />
          {d.findings.notes.length > 0 && (
            <section className="card" aria-label="Notes on the findings">
              <div className="card-head"><h2>Findings</h2><span className="hint">computed by the server from the records you may see</span></div>
              {d.findings.notes.map((n) => <div key={n} className="finding"><div>{n}</div></div>)}
            </section>
          )}
          <Suspense fallback={<div className="card"><Loading lines={4} label="Drawing the charts" /></div>}>
            <DashboardCharts f={d.findings} />
          </Suspense>
          <div className="grid cols-2">
            <section className="card" aria-label="Incident map">
              <div className="card-head">
                <h2>Incidents</h2>
                <Link href="/map" className="small">Open map</Link>
              </div>
              {points.length === 0 ? <Empty title="No incident has a location yet." /> : (
                <Suspense fallback={<Loading lines={4} label="Drawing the map" />}>
                  <WorldMap points={points} height={300} label={`Map of ${points.length} incidents`} onSelect={(id) => navigate(`/map?incident=${id}`)} />
                </Suspense>
              )}
            </section>
            <section className="card" aria-label="Timeline of incidents and claims">
              <div className="card-head">
                <div>
                  <h2>Timeline</h2>
                  <div className="hint">{plural(d.incidentsTotal, 'incident')} and {plural(d.claimsTotal, 'claim')}{d.incidents.length < d.incidentsTotal || d.claims.length < d.claimsTotal ? ` (the first ${formatNumber(d.incidents.length + d.claims.length)} drawn)` : ''}</div>
                </div>
                <Link href="/claims" className="small">Claims ledger</Link>
              </div>
              <Suspense fallback={<Loading lines={3} label="Drawing the timeline" />}>
                <Timeline incidents={d.incidents} claims={d.claims} onSelect={(kind, id) => navigate(kind === 'incident' ? `/map?incident=${id}` : `/claims?claim=${id}`)} />
              </Suspense>
            </section>
          </div>
          <p className="small muted">Figures computed by the server ({d.findings.scope.label}, {d.findings.audience}).</p>
        </div>
      )}
      {/* The case record's own changes (title, summary, members), for signed-in users; the public sees nothing here. */}
      {chosen && <div style={{ marginTop: 16 }}><RecordHistoryCard recordType="cases" recordId={chosen.id} what="case" /></div>}
    </>
  );
}
