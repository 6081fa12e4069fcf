import { Link } from 'wouter';
import { useTranslation } from 'react-i18next';
import { useGet } from '../api/hooks';
import type { Page } from '../api/types';
import { Async, Empty } from './State';
import { Badge, Country } from './Badge';
import { DataTable } from './DataTable';
import { useSession } from '../api/session';
import { formatDate, formatNumber, formatShare, humanise } from '../lib/format';
import { PHASE_TONE } from '../lib/tracing';

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

/** Trace requests sent to the organisation and the transfers it took part in (issue: tracing). */
export function OrgTracing({ organisationId, names }: { organisationId: string; names: Map<string, string> }) {
  const { t } = useTranslation('tracing');
  const requests = useGet<Page<TraceRequest>>('/api/trace-requests', { organisationId, limit: 100 });
  const hops = useGet<Page<Hop>>('/api/trace-hops', { organisationId, limit: 200 });
  const name = (id: string) => (id === organisationId ? <strong>{names.get(id) ?? t('org.thisOrganisation')}</strong> : <Link href={`/organisations/${id}`}>{names.get(id) ?? t('organisation')}</Link>);
  return (
    <div className="grid cols-2">
      <section className="card" aria-label={t('requests')}>
        <div className="card-head"><h2>{t('requests')}</h2><span className="hint">{t('org.requestsHint')}</span></div>
        <Async state={requests} empty={<Empty title={t('org.noRequests')} />}>
          {(p) => (
            <DataTable rows={p.data} rowKey={(r) => r.id} caption={t('requests')} columns={[
              { key: 'ref', label: t('col.reference'), render: (r) => <Link href={`/tracing/${r.id}`} className="mono">{r.reference}</Link>, sortValue: (r) => r.reference },
              { key: 'status', label: t('col.status'), render: (r) => <Badge tone={PHASE_TONE[r.deadline.phase] ?? 'neutral'}>{humanise(r.status)}</Badge>, sortValue: (r) => r.status },
              { key: 'sent', label: t('col.sent'), render: (r) => formatDate(r.sentOn), sortValue: (r) => r.sentOn },
              { key: 'due', label: t('col.due'), render: (r) => <>{formatDate(r.replyDue)}{r.deadline.daysOverdue > 0 && <div className="small" style={{ color: 'var(--red)' }}>{t('deadline.overdue', { count: r.deadline.daysOverdue })}</div>}</>, sortValue: (r) => r.replyDue },
              { key: 'n', label: t('col.parts'), numeric: true, render: (r) => formatNumber(r.componentIds.length), sortValue: (r) => r.componentIds.length },
            ]} />
          )}
        </Async>
      </section>
      <section className="card" aria-label={t('org.transfers')}>
        <div className="card-head"><h2>{t('org.transfers')}</h2><span className="hint">{t('org.transfersHint')}</span></div>
        <Async state={hops} empty={<Empty title={t('org.noTransfers')} />}>
          {(p) => (
            <DataTable rows={p.data} rowKey={(h) => h.id} caption={t('org.transfers')} columns={[
              { key: 'date', label: t('col.date'), render: (h) => formatDate(h.transferDate), sortValue: (h) => h.transferDate },
              { key: 'who', label: t('col.sellerBuyer'), render: (h) => <>{name(h.sellerId)} → {name(h.buyerId)}<div className="small muted">{h.fromCountry && <Country code={h.fromCountry} />}{h.fromCountry || h.toCountry ? ' → ' : ''}{h.toCountry && <Country code={h.toCountry} />}</div></> },
              { key: 'part', label: t('col.part'), render: (h) => <span className="mono">{h.partNumber ?? '—'}</span>, sortValue: (h) => h.partNumber },
              { key: 'assess', label: t('col.assessment'), render: (h) => <Badge tone={h.assessment === 'diversion_suspected' ? 'red' : 'neutral'}>{humanise(h.assessment)}</Badge>, sortValue: (h) => h.assessment },
            ]} />
          )}
        </Async>
      </section>
    </div>
  );
}

/** Sanctions-list matches for the organisation (issue: screening), confirmed and awaiting review. */
export function OrgScreening({ organisationId }: { organisationId: string }) {
  // The file's other component reads `tracing`; these messages are the organisation page's.
  const { t } = useTranslation('organisation');
  // Screening is for signed-in users only (the API answers the public with a 401): nothing to show them.
  const signedIn = !!useSession().session?.user;
  const s = useGet<Screening>(signedIn ? `/api/screening/organisations/${organisationId}` : null);
  if (!signedIn) return null;
  return (
    <section className="card" aria-label={t('organisation:screening.title')}>
      <div className="card-head">
        <h2>{t('organisation:screening.title')}</h2>
        <Link href="/screening" className="small">{t('organisation:screening.queue')}</Link>
        <span className="spacer" />
        {s.data && (s.data.sanctioned ? <Badge tone="red">{t('organisation:screening.listed')}</Badge> : <Badge tone="green">{t('organisation:screening.notListed')}</Badge>)}
      </div>
      <Async state={s} isEmpty={(d) => d.confirmed.length + d.pending.length === 0} empty={<Empty title={t('organisation:screening.none')} />}>
        {(d) => (
          <>
            {[...d.confirmed, ...d.pending].map((m) => (
              <div key={m.id} className="finding">
                <div className="num">{formatShare(Math.round(m.score * 100) / 100)}</div>
                <div>
                  <strong>{m.entityCaption}</strong> <Badge tone={m.status === 'confirmed' ? 'red' : 'amber'}>{humanise(m.status).toLowerCase()}</Badge>
                  <div className="why">{m.listTitle}{m.programmes.length ? ` · ${m.programmes.join(', ')}` : ''}</div>
                  {m.lastReview && <div className="why">{t('organisation:screening.review', { decision: humanise(m.lastReview.decision), reviewer: m.lastReview.reviewerName ?? t('organisation:screening.aReviewer'), date: formatDate(m.lastReview.reviewedAt), reason: m.lastReview.reason })}</div>}
                </div>
              </div>
            ))}
          </>
        )}
      </Async>
    </section>
  );
}
