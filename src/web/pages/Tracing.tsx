import { useState } from 'react';
import { Link } from 'wouter';
import { useTranslation } from 'react-i18next';
import { useGet, type Loadable } from '../api/hooks';
import type { Page } from '../api/types';
import { PageHead } from '../components/Layout';
import { Async, Empty } from '../components/State';
import { Badge, Country, Illustrative } from '../components/Badge';
import { DataTable } from '../components/DataTable';
import { SanctionBadges } from '../components/ChainView';
import { SelectField } from '../components/Field';
import { formatDate, formatNumber, humanise } from '../lib/format';
import { PHASE_TONE, TRACE_STATUSES, type Graph, type TraceRequest } from '../lib/tracing';

/** Trace requests with their status and deadlines, an overdue filter, and intermediaries shared across chains. */
export default function Tracing() {
  const { t } = useTranslation('tracing');
  const [status, setStatus] = useState('');
  const [overdue, setOverdue] = useState(false);
  const list = useGet<Page<TraceRequest>>(!overdue ? '/api/trace-requests' : null, { status: status || undefined, limit: 500 });
  const late = useGet<{ on: string; data: TraceRequest[] }>(overdue ? '/api/trace-requests/overdue' : null);
  const graph = useGet<Graph>('/api/tracing/graph');
  const rows: Loadable<TraceRequest[]> = overdue ? { ...late, data: late.data?.data } : { ...list, data: list.data?.data };
  const shown = rows.data ? rows.data.filter((r) => !overdue || !status || r.status === status) : undefined;

  return (
    <>
      <PageHead title={t('title')} lede={t('lede')} />
      <div className="stack">
        <section className="card" aria-label={t('requests')}>
          <div className="filters">
            <SelectField label={t('status')} value={status} onChange={(e) => setStatus(e.target.value)} options={[{ value: '', label: t('anyStatus') }, ...TRACE_STATUSES.map((s) => ({ value: s, label: humanise(s) }))]} />
            <label className="row small" style={{ marginBottom: 8 }}>
              <input type="checkbox" checked={overdue} onChange={(e) => setOverdue(e.target.checked)} /> {t('overdueOnly')}
            </label>
            {shown && <span className="small muted" style={{ marginBottom: 8 }}>{overdue && late.data ? t('countOverdue', { count: shown.length, date: formatDate(late.data.on) }) : t('count', { count: shown.length })}</span>}
          </div>
          <Async state={{ ...rows, data: shown }} empty={<Empty title={overdue ? t('noneOverdue') : status ? t('noneWithStatus') : t('none')}>{!overdue && !status && t('noneHint')}</Empty>}>
            {(rs) => (
              <DataTable rows={rs} rowKey={(r) => r.id} caption={t('requests')} columns={[
                { key: 'ref', label: t('col.reference'), render: (r) => <><Link href={`/tracing/${r.id}`} className="mono">{r.reference}</Link> <Illustrative on={r.illustrative} /></>, sortValue: (r) => r.reference },
                { key: 'org', label: t('col.askedOf'), render: (r) => <Link href={`/organisations/${r.organisationId}`}>{r.organisationName ?? t('organisation')}</Link>, sortValue: (r) => r.organisationName },
                { key: 'status', label: t('col.status'), render: (r) => <Badge tone={PHASE_TONE[r.deadline.phase] ?? 'neutral'}>{humanise(r.status)}</Badge>, sortValue: (r) => r.status },
                { key: 'sent', label: t('col.sent'), render: (r) => formatDate(r.sentOn), sortValue: (r) => r.sentOn },
                { key: 'due', label: t('col.due'), render: (r) => <Deadline r={r} />, sortValue: (r) => r.replyDue },
                { key: 'n', label: t('col.parts'), numeric: true, render: (r) => formatNumber(r.componentIds.length), sortValue: (r) => r.componentIds.length },
              ]} />
            )}
          </Async>
        </section>
        <section className="card" aria-label={t('shared.title')}>
          <div className="card-head"><div><h2>{t('shared.title')}</h2><div className="hint">{t('shared.hint')}</div></div></div>
          <Async state={{ ...graph, data: graph.data?.nodes.filter((n) => n.shared && !n.maker) }} empty={<Empty title={t('shared.none')} />}>
            {(nodes) => (
              <DataTable rows={nodes} rowKey={(n) => n.id} caption={t('shared.title')} columns={[
                { key: 'name', label: t('col.intermediary'), render: (n) => <><Link href={`/organisations/${n.id}`}>{n.name}</Link><SanctionBadges sanctions={n.sanctions} /></>, sortValue: (n) => n.name },
                { key: 'kind', label: t('col.kind'), render: (n) => humanise(n.kind), sortValue: (n) => n.kind },
                { key: 'country', label: t('col.country'), render: (n) => <Country code={n.country} />, sortValue: (n) => n.country },
                { key: 'chains', label: t('col.chains'), numeric: true, render: (n) => formatNumber(n.chains), sortValue: (n) => n.chains },
                { key: 'items', label: t('col.items'), numeric: true, render: (n) => formatNumber(n.items), sortValue: (n) => n.items },
              ]} />
            )}
          </Async>
        </section>
      </div>
    </>
  );
}

export function Deadline({ r }: { r: TraceRequest }) {
  const { t } = useTranslation('tracing');
  return (
    <>
      {formatDate(r.replyDue)}
      {r.deadline.daysOverdue > 0 && <div className="small" style={{ color: 'var(--red)' }}>{t('deadline.overdue', { count: r.deadline.daysOverdue })}</div>}
      {r.deadline.phase === 'awaiting_reply' && <div className="small muted">{t('deadline.left', { count: r.deadline.daysLeft })}</div>}
    </>
  );
}
