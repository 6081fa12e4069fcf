import { Link } from 'wouter';
import { useGet } from '../api/hooks';
import type { Page } from '../api/types';
import { Async, Empty } from './State';
import { Badge, Country } from './Badge';
import { DataTable } from './DataTable';
import { useSession } from '../api/session';
import { formatDate, formatNumber, humanise } from '../lib/format';

/** The parts of the tracing API's rows (src/tracing/schemas.ts) this page shows. */
interface TraceRequest {
  id: string;
  reference: string;
  status: string;
  sentOn: string | null;
  replyDue: string | null;
  componentIds: string[];
  deadline: { phase: string; daysOverdue: number; daysLeft: number };
}
interface Hop {
  id: string;
  sellerId: string;
  buyerId: string;
  transferDate: string | null;
  quantity: number | null;
  fromCountry: string | null;
  toCountry: string | null;
  partNumber: string | null;
  assessment: string;
  documentKind: string | null;
}
/** The parts of `GET /api/screening/organisations/:id` this page shows. */
interface Screening {
  sanctioned: boolean;
  confirmed: ScreeningMatch[];
  pending: ScreeningMatch[];
}
interface ScreeningMatch {
  id: string;
  listTitle: string;
  entityCaption: string;
  programmes: string[];
  score: number;
  status: string;
  lastReview?: { decision: string; reason: string; reviewerName: string | null; reviewedAt: string } | null;
}

const PHASE_TONE: Record<string, 'red' | 'amber' | 'green' | 'neutral'> = { reply_overdue: 'red', right_of_reply_expired: 'amber', answered: 'green' };

/** Trace requests sent to the organisation and the transfers it took part in (issue: tracing). */
export function OrgTracing({ organisationId, names }: { organisationId: string; names: Map<string, string> }) {
  const requests = useGet<Page<TraceRequest>>('/api/trace-requests', { organisationId, limit: 100 });
  const hops = useGet<Page<Hop>>('/api/trace-hops', { organisationId, limit: 200 });
  const name = (id: string) => (id === organisationId ? <strong>{names.get(id) ?? 'this organisation'}</strong> : <Link href={`/organisations/${id}`}>{names.get(id) ?? 'Organisation'}</Link>);
  return (
    <div className="grid cols-2">
      <section className="card" aria-label="Trace requests">
        <div className="card-head"><h2>Trace requests</h2><span className="hint">asked of this organisation</span></div>
        <Async state={requests} empty={<Empty title="No trace request sent to this organisation." />}>
          {(p) => (
            <DataTable rows={p.data} rowKey={(r) => r.id} caption="Trace requests" columns={[
              { key: 'ref', label: 'Reference', render: (r) => <Link href={`/tracing/${r.id}`} className="mono">{r.reference}</Link>, sortValue: (r) => r.reference },
              { key: 'status', label: 'Status', render: (r) => <Badge tone={PHASE_TONE[r.deadline.phase] ?? 'neutral'}>{humanise(r.status)}</Badge>, sortValue: (r) => r.status },
              { key: 'sent', label: 'Sent', render: (r) => formatDate(r.sentOn), sortValue: (r) => r.sentOn },
              { key: 'due', label: 'Reply due', render: (r) => <>{formatDate(r.replyDue)}{r.deadline.daysOverdue > 0 && <div className="small" style={{ color: 'var(--red)' }}>{r.deadline.daysOverdue} days overdue</div>}</>, sortValue: (r) => r.replyDue },
              { key: 'n', label: 'Parts', numeric: true, render: (r) => formatNumber(r.componentIds.length), sortValue: (r) => r.componentIds.length },
            ]} />
          )}
        </Async>
      </section>
      <section className="card" aria-label="Transfers">
        <div className="card-head"><h2>Transfers</h2><span className="hint">sales to or from this organisation</span></div>
        <Async state={hops} empty={<Empty title="No transfer recorded." />}>
          {(p) => (
            <DataTable rows={p.data} rowKey={(h) => h.id} caption="Transfers" columns={[
              { key: 'date', label: 'Date', render: (h) => formatDate(h.transferDate), sortValue: (h) => h.transferDate },
              { key: 'who', label: 'Seller → buyer', render: (h) => <>{name(h.sellerId)} → {name(h.buyerId)}<div className="small muted">{h.fromCountry && <Country code={h.fromCountry} />}{h.fromCountry || h.toCountry ? ' → ' : ''}{h.toCountry && <Country code={h.toCountry} />}</div></> },
              { key: 'part', label: 'Part', render: (h) => <span className="mono">{h.partNumber ?? '—'}</span>, sortValue: (h) => h.partNumber },
              { key: 'assess', label: 'Assessment', render: (h) => <Badge tone={h.assessment === 'diversion_suspected' ? 'red' : 'neutral'}>{humanise(h.assessment)}</Badge>, sortValue: (h) => h.assessment },
            ]} />
          )}
        </Async>
      </section>
    </div>
  );
}

/** Sanctions-list matches for the organisation (issue: screening), confirmed and awaiting review. */
export function OrgScreening({ organisationId }: { organisationId: string }) {
  // Screening is for signed-in users only (the API answers the public with a 401): nothing to show them.
  const signedIn = !!useSession().session?.user;
  const s = useGet<Screening>(signedIn ? `/api/screening/organisations/${organisationId}` : null);
  if (!signedIn) return null;
  return (
    <section className="card" aria-label="Sanctions screening">
      <div className="card-head">
        <h2>Sanctions screening</h2>
        <Link href="/screening" className="small">Review queue</Link>
        <span className="spacer" />
        {s.data && (s.data.sanctioned ? <Badge tone="red">listed</Badge> : <Badge tone="green">no confirmed listing</Badge>)}
      </div>
      <Async state={s} isEmpty={(d) => d.confirmed.length + d.pending.length === 0} empty={<Empty title="No match on the sanctions lists loaded." />}>
        {(d) => (
          <>
            {[...d.confirmed, ...d.pending].map((m) => (
              <div key={m.id} className="finding">
                <div className="num">{Math.round(m.score * 100)}%</div>
                <div>
                  <strong>{m.entityCaption}</strong> <Badge tone={m.status === 'confirmed' ? 'red' : 'amber'}>{m.status}</Badge>
                  <div className="why">{m.listTitle}{m.programmes.length ? ` · ${m.programmes.join(', ')}` : ''}</div>
                  {m.lastReview && <div className="why">{humanise(m.lastReview.decision)} by {m.lastReview.reviewerName ?? 'a reviewer'} on {formatDate(m.lastReview.reviewedAt)}: “{m.lastReview.reason}”</div>}
                </div>
              </div>
            ))}
          </>
        )}
      </Async>
    </section>
  );
}
