import { useState } from 'react';
import { Link } from 'wouter';
import { useGet, type Loadable } from '../api/hooks';
import type { Page } from '../api/types';
import { PageHead } from '../components/Layout';
import { Async, Empty } from '../components/State';
import { Badge, Country, Illustrative } from '../components/Badge';
import { DataTable } from '../components/DataTable';
import { SanctionBadges } from '../components/ChainView';
import { SelectField } from '../components/Field';
import { formatDate, formatNumber, humanise, plural } from '../lib/format';
import { PHASE_TONE, TRACE_STATUSES, type Graph, type TraceRequest } from '../lib/tracing';

/** Trace requests with their status and deadlines, an overdue filter, and intermediaries shared across chains. */
export default function Tracing() {
  const [status, setStatus] = useState('');
  const [overdue, setOverdue] = useState(false);
  const list = useGet<Page<TraceRequest>>(!overdue ? '/api/trace-requests' : null, { status: status || undefined, limit: 500 });
  const late = useGet<{ on: string; data: TraceRequest[] }>(overdue ? '/api/trace-requests/overdue' : null);
  const graph = useGet<Graph>('/api/tracing/graph');
  const rows: Loadable<TraceRequest[]> = overdue ? { ...late, data: late.data?.data } : { ...list, data: list.data?.data };
  const shown = rows.data ? rows.data.filter((r) => !overdue || !status || r.status === status) : undefined;

  return (
    <>
      <PageHead title="Tracing" lede="Requests to makers and distributors asking where the parts found in the weapons went, the transfers their replies name, and the intermediaries several chains pass through." />
      <div className="stack">
        <section className="card" aria-label="Trace requests">
          <div className="filters">
            <SelectField label="Status" value={status} onChange={(e) => setStatus(e.target.value)} options={[{ value: '', label: 'Any status' }, ...TRACE_STATUSES.map((s) => ({ value: s, label: humanise(s) }))]} />
            <label className="row small" style={{ marginBottom: 8 }}>
              <input type="checkbox" checked={overdue} onChange={(e) => setOverdue(e.target.checked)} /> Overdue only
            </label>
            {shown && <span className="small muted" style={{ marginBottom: 8 }}>{plural(shown.length, 'request')}{overdue && late.data ? ` overdue on ${formatDate(late.data.on)}` : ''}</span>}
          </div>
          <Async state={{ ...rows, data: shown }} empty={<Empty title={overdue ? 'No request is overdue.' : status ? 'No request has this status.' : 'No trace request yet.'}>{!overdue && !status && 'Requests are written from an organisation’s page or through the API.'}</Empty>}>
            {(rs) => (
              <DataTable rows={rs} rowKey={(r) => r.id} caption="Trace requests" columns={[
                { key: 'ref', label: 'Reference', render: (r) => <><Link href={`/tracing/${r.id}`} className="mono">{r.reference}</Link> <Illustrative on={r.illustrative} /></>, sortValue: (r) => r.reference },
                { key: 'org', label: 'Asked of', render: (r) => <Link href={`/organisations/${r.organisationId}`}>{r.organisationName ?? 'Organisation'}</Link>, sortValue: (r) => r.organisationName },
                { key: 'status', label: 'Status', render: (r) => <Badge tone={PHASE_TONE[r.deadline.phase] ?? 'neutral'}>{humanise(r.status)}</Badge>, sortValue: (r) => r.status },
                { key: 'sent', label: 'Sent', render: (r) => formatDate(r.sentOn), sortValue: (r) => r.sentOn },
                { key: 'due', label: 'Reply due', render: (r) => <Deadline r={r} />, sortValue: (r) => r.replyDue },
                { key: 'n', label: 'Parts', numeric: true, render: (r) => formatNumber(r.componentIds.length), sortValue: (r) => r.componentIds.length },
              ]} />
            )}
          </Async>
        </section>
        <section className="card" aria-label="Shared intermediaries">
          <div className="card-head"><div><h2>Shared intermediaries</h2><div className="hint">Holders that several chains pass through</div></div></div>
          <Async state={{ ...graph, data: graph.data?.nodes.filter((n) => n.shared && !n.maker) }} empty={<Empty title="No intermediary is shared by two chains yet." />}>
            {(nodes) => (
              <DataTable rows={nodes} rowKey={(n) => n.id} caption="Shared intermediaries" columns={[
                { key: 'name', label: 'Intermediary', render: (n) => <><Link href={`/organisations/${n.id}`}>{n.name}</Link><SanctionBadges sanctions={n.sanctions} /></>, sortValue: (n) => n.name },
                { key: 'kind', label: 'Kind', render: (n) => humanise(n.kind), sortValue: (n) => n.kind },
                { key: 'country', label: 'Country', render: (n) => <Country code={n.country} />, sortValue: (n) => n.country },
                { key: 'chains', label: 'Chains', numeric: true, render: (n) => formatNumber(n.chains), sortValue: (n) => n.chains },
                { key: 'items', label: 'Items', numeric: true, render: (n) => formatNumber(n.items), sortValue: (n) => n.items },
              ]} />
            )}
          </Async>
        </section>
      </div>
    </>
  );
}

export function Deadline({ r }: { r: TraceRequest }) {
  return (
    <>
      {formatDate(r.replyDue)}
      {r.deadline.daysOverdue > 0 && <div className="small" style={{ color: 'var(--red)' }}>{plural(r.deadline.daysOverdue, 'day')} overdue</div>}
      {r.deadline.phase === 'awaiting_reply' && <div className="small muted">{plural(r.deadline.daysLeft, 'day')} left</div>}
    </>
  );
}
