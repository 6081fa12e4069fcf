import { lazy, Suspense, useMemo } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { useQuery } from '../api/hooks';
import type { Answer } from '../api/typed';
import { loadDashboard } from '../api/prefetch';
import type { MapPoint } from '../components/WorldMap';
import { PageHead } from '../components/Layout';
import { ExportBundleButton, PackageButton } from '../components/EvidenceTransfer';
import { ErrorState, Loading, Empty } from '../components/State';
import { Illustrative } from '../components/Badge';
import { SanctionedParties } from '../components/SanctionedParties';
import { RecordHistoryCard } from '../components/RecordHistory';
import { topKnown, type Findings } from '../lib/findings';
import { countryName, formatDate, formatNumber, formatPercent } from '../lib/format';
import { useTranslation } from 'react-i18next';

// The map (d3 and the atlas) and the charts (echarts) are chunks of their own, requested together
// with the dashboard's data: the headline figures paint as soon as the one API answer arrives.
const WorldMap = lazy(() => import('../components/WorldMap').then((m) => ({ default: m.WorldMap })));
const DashboardCharts = lazy(() => import('../components/DashboardCharts'));
const Timeline = lazy(() => import('../components/Timeline'));

type Dashboard = Answer<'case_dashboard'>;

/** The headline numbers, each the server's figure as it comes (nothing is counted here). */
function Headlines({ f }: { f: Findings }) {
  const { t } = useTranslation('dashboard');
  const top = topKnown(f.makerCountries);
  return (
    <section aria-label={t('headlines')} className="grid cols-4">
      <Link href="/components" className="card stat" data-testid="headline-components">
        <div className="value">{formatNumber(f.components.units)}</div>
        <div className="label">{t('componentsRecorded')}</div>
        <div className="sub">{t('inItems', { items: t('items', { count: f.items.count }), partNumbers: t('partNumbers', { count: f.components.partNumbers.count }) })}</div>
      </Link>
      <Link href="/organisations?kind=manufacturer" className="card stat">
        <div className="value">{formatNumber(f.makers.distinct)}</div>
        <div className="label">{t('makersIdentified')}</div>
        <div className="sub">{t('headquarteredIn', { count: f.makerCountries.distinct })}</div>
      </Link>
      <Link href={top ? `/components?makerCountry=${top.key}` : '/components'} className="card stat">
        <div className="value">{top ? formatPercent(top.share) : '—'}</div>
        <div className="label">{top ? t('madeIn', { country: countryName(top.key) }) : t('noMakerCountry')}</div>
        <div className="sub">{top ? t('components', { count: top.units }) : ' '}</div>
      </Link>
      <div className="card stat">
        <div className="value">{f.noEarlierThan ? formatDate(f.noEarlierThan.date) : '—'}</div>
        <div className="label">{f.noEarlierThan ? t('noEarlierThan') : t('noDateCode')}</div>
        <div className="sub" title={f.noEarlierThan?.note}>{t('withDateCode', { count: f.dateCodes.datedRecords })}</div>
      </div>
    </section>
  );
}

export default function Dashboard() {
  const caseParam = new URLSearchParams(useSearch()).get('case') ?? undefined;
  const [, navigate] = useLocation();
  const { t } = useTranslation('dashboard');
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
        title={chosen ? chosen.title : t('title')}
        eyebrow={
          d && d.cases.length > 0 ? (
            <>
              <label htmlFor="case-pick">{t('case')}</label>
              <select id="case-pick" value={chosen?.id ?? 'all'} onChange={(e) => navigate(`/?case=${e.target.value}`)} style={{ width: 'auto', padding: '2px 8px' }}>
                {d.cases.map((c) => <option key={c.id} value={c.id}>{c.title}</option>)}
                <option value="all">{t('allRecords')}</option>
              </select>
              {chosen && <Illustrative on={chosen.illustrative} />}
            </>
          ) : (
            <span>{t('allInWorkspace')}</span>
          )
        }
        lede={chosen?.summary ?? t('lede')}
        actions={<>{chosen && <><PackageButton kind="case" id={chosen.id} /><ExportBundleButton caseId={chosen.id} /></>}<Link href="/items" className="button primary">{t('enterComponents')}</Link></>}
      />
      {dash.error ? (
        <div className="card"><ErrorState error={dash.error} retry={dash.reload} /></div>
      ) : !d ? (
        <div className="card"><Loading lines={6} label={t('loading')} /></div>
      ) : d.findings.components.records.count === 0 && d.findings.items.count === 0 && d.incidentsTotal === 0 ? (
        <div className="card">
          <Empty title={t('empty')}>{t('emptyHint')} <Link href="/items">{t('goToItems')}</Link></Empty>
        </div>
      ) : (
        <div className="stack">
          <Headlines f={d.findings} />
          <SanctionedParties sanctioned={d.findings.sanctioned} scope={chosen ? t('thisCase') : t('allRecords').toLowerCase()} />
          {d.findings.notes.length > 0 && (
            <section className="card" aria-label={t('notes')}>
              <div className="card-head"><h2>{t('findings')}</h2><span className="hint">{t('findingsHint')}</span></div>
              {d.findings.notes.map((n) => <div key={n} className="finding"><div>{n}</div></div>)}
            </section>
          )}
          <Suspense fallback={<div className="card"><Loading lines={4} label={t('drawingCharts')} /></div>}>
            <DashboardCharts f={d.findings} />
          </Suspense>
          <div className="grid cols-2">
            <section className="card" aria-label={t('incidentMap')}>
              <div className="card-head">
                <h2>{t('incidents')}</h2>
                <Link href="/map" className="small">{t('openMap')}</Link>
              </div>
              {points.length === 0 ? <Empty title={t('noLocation')} /> : (
                <Suspense fallback={<Loading lines={4} label={t('drawingMap')} />}>
                  <WorldMap points={points} height={300} label={t('mapOf', { count: points.length })} onSelect={(id) => navigate(`/map?incident=${id}`)} />
                </Suspense>
              )}
            </section>
            <section className="card" aria-label={t('timelineLabel')}>
              <div className="card-head">
                <div>
                  <h2>{t('timeline')}</h2>
                  <div className="hint">{t('timelineCounts', { incidents: t('incidentsN', { count: d.incidentsTotal }), claims: t('claimsN', { count: d.claimsTotal }) })}{d.incidents.length < d.incidentsTotal || d.claims.length < d.claimsTotal ? t('firstDrawn', { n: formatNumber(d.incidents.length + d.claims.length) }) : ''}</div>
                </div>
                <Link href="/claims" className="small">{t('claimsLedger')}</Link>
              </div>
              <Suspense fallback={<Loading lines={3} label={t('drawingTimeline')} />}>
                <Timeline incidents={d.incidents} claims={d.claims} onSelect={(kind, id) => navigate(kind === 'incident' ? `/map?incident=${id}` : `/claims?claim=${id}`)} />
              </Suspense>
            </section>
          </div>
          <p className="small muted">{t('computedBy', { scope: d.findings.scope.label, audience: d.findings.audience })}</p>
        </div>
      )}
      {/* The case record's own changes (title, summary, members), for signed-in users; the public sees nothing here. */}
      {chosen && <div style={{ marginTop: 16 }}><RecordHistoryCard recordType="cases" recordId={chosen.id} what="case" /></div>}
    </>
  );
}
