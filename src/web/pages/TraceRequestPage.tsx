import { useEffect, useState, type FormEvent } from 'react';
import { Link, useLocation, useParams } from 'wouter';
import { Trans, useTranslation } from 'react-i18next';
import { api, ApiError } from '../api/client';
import { useGet } from '../api/hooks';
import { useCanEdit, useCanWrite } from '../api/session';
import { PageHead } from '../components/Layout';
import { ErrorState, Loading } from '../components/State';
import { RecordHistoryCard } from '../components/RecordHistory';
import { Badge, Illustrative } from '../components/Badge';
import { FormError, SelectField, TextArea, TextField } from '../components/Field';
import { ChainList } from '../components/ChainView';
import { TraceCorrespondence } from '../components/TraceCorrespondence';
import { CorrectDates } from '../components/CorrectDates';
import { compact, useForm } from '../components/useForm';
import { useOrganisationNames } from '../lib/lookups';
import { formatDate, humanise } from '../lib/format';
import { PHASE_TONE, type TraceRequest } from '../lib/tracing';
import { Deadline } from './Tracing';

export default function TraceRequestPage() {
  const { id } = useParams<{ id: string }>();
  // Keyed by id: a follow-up opens as a fresh page, not with the previous request's chains and form.
  return <RequestView key={id} id={id} />;
}

function RequestView({ id }: { id: string }) {
  const { t } = useTranslation('tracing');
  const req = useGet<TraceRequest>(`/api/trace-requests/${id}`);
  const canWrite = useCanWrite();
  // Status changes and replies edit the request, which field investigators never own (they do not
  // create trace requests): the API refuses them, so they are not offered. Filing correspondence is
  // creating an evidence file, which they may.
  const canEdit = useCanEdit();
  const [chainsTick, setChainsTick] = useState(0);
  if (req.error) return <div className="card"><ErrorState error={req.error} retry={req.reload} /></div>;
  if (!req.data) return <div className="card"><Loading lines={5} /></div>;
  const r = req.data;
  const changed = () => { req.reload(); setChainsTick((t) => t + 1); };
  return (
    <>
      <PageHead
        title={r.reference}
        eyebrow={<><Link href="/tracing">{t('title')}</Link><span aria-hidden="true">/</span><Badge tone={PHASE_TONE[r.deadline.phase] ?? 'neutral'}>{humanise(r.status)}</Badge><Illustrative on={r.illustrative} /></>}
        lede={<Trans t={t} i18nKey="request.lede" values={{ org: r.organisationName ?? t('request.theOrganisation'), what: t('request.components', { count: r.componentIds.length }) }} components={{ org: <Link href={`/organisations/${r.organisationId}`} /> }} />}
        actions={<>
          {/* The letter itself stays in English whatever the interface language: it goes to makers worldwide. */}
          <a className="button small" href={`/api/trace-requests/${r.id}/letter.pdf`} title={t('request.letterTitle')} hrefLang="en">{t('request.letterPdf')}</a>
          <a className="button small" href={`/api/trace-requests/${r.id}/letter.txt`} target="_blank" rel="noreferrer" title={t('request.letterTitle')} hrefLang="en">{t('request.letterText')}</a>
        </>}
      />
      <div className="stack">
        <div className="grid cols-2">
          <section className="card" aria-label={t('request.statusDeadlines')}>
            <div className="card-head"><h2>{t('request.statusDeadlines')}</h2></div>
            <div className="card-body">
              <dl className="props">
                <dt>{t('request.status')}</dt><dd>{humanise(r.status)} <span className="muted small">({humanise(r.deadline.phase)})</span></dd>
                <dt>{t('request.sent')}</dt><dd>{formatDate(r.sentOn) || '—'}</dd>
                <dt>{t('request.replyDue')}</dt><dd><Deadline r={r} /></dd>
                {r.acknowledgedOn && <><dt>{t('request.acknowledged')}</dt><dd>{formatDate(r.acknowledgedOn)}</dd></>}
                {r.repliedOn && <><dt>{t('request.replied')}</dt><dd>{formatDate(r.repliedOn)}</dd></>}
                {r.declinedOn && <><dt>{t('request.declined')}</dt><dd>{formatDate(r.declinedOn)}</dd></>}
                {r.noReplyOn && <><dt>{t('request.noReply')}</dt><dd>{formatDate(r.noReplyOn)}</dd></>}
                {r.closedOn && <><dt>{t('request.closed')}</dt><dd>{formatDate(r.closedOn)}</dd></>}
                {r.rightOfReplyDue && <><dt>{t('request.rightOfReply')}</dt><dd>{formatDate(r.rightOfReplyDue)}</dd></>}
                {r.parentRequestId && <><dt>{t('request.follows')}</dt><dd><Link href={`/tracing/${r.parentRequestId}`}>{t('request.earlier')}</Link></dd></>}
                {r.signingOrganisation && <><dt>{t('request.signedBy')}</dt><dd>{r.signingOrganisation}</dd></>}
              </dl>
              {canEdit && <Transitions r={r} onDone={changed} />}
              {canEdit && <CorrectDates key={r.updatedAt} r={r} onDone={changed} />}
            </div>
          </section>
          <section className="card" aria-label={t('request.context')}>
            <div className="card-head"><h2>{t('request.context')}</h2></div>
            <div className="card-body small" style={{ whiteSpace: 'pre-wrap' }}>{r.context || <span className="muted">{t('request.noContext')}</span>}</div>
          </section>
        </div>
        <ChainList componentIds={r.componentIds} tick={chainsTick} />
        {canEdit && ['sent', 'acknowledged', 'no_reply'].includes(r.status) && <ReplyForm r={r} onDone={changed} />}
        <TraceCorrespondence requestId={r.id} canWrite={canWrite} />
        <RecordHistoryCard recordType="trace-requests" recordId={r.id} what="trace request" />
      </div>
    </>
  );
}

/** One button per transition the API allows now; its refusal (a 409, or a bad date) shows beside the controls. */
function Transitions({ r, onDone }: { r: TraceRequest; onDone: () => void }) {
  const { t } = useTranslation('tracing');
  const [on, setOn] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => setError(null), [r.status]);
  if (r.allowedTransitions.length === 0) return <p className="small muted" style={{ marginBottom: 0 }}>{t('request.isClosed')}</p>;
  const go = async (to: string) => {
    setBusy(true);
    setError(null);
    try {
      await api.post(`/api/trace-requests/${r.id}/transition`, compact({ to, on }));
      onDone();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'Error', String(e)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div role="group" aria-label={t('request.changeStatus')} style={{ marginTop: 14 }}>
      <div style={{ maxWidth: 260 }}>
        <TextField label={t('request.on')} type="date" value={on} onChange={(e) => setOn(e.target.value)} error={error?.forField('on')} help={t('request.onHelp')} />
      </div>
      <div className="row" style={{ marginTop: 8 }}>
        {r.allowedTransitions.map((to) => (
          <button key={to} type="button" disabled={busy} onClick={() => void go(to)}>{t(`transition.${to}`, { defaultValue: humanise(to) })}</button>
        ))}
      </div>
      {error && !error.forField('on') && <div className="form-error" role="alert" style={{ marginTop: 8 }}>{error.detail || error.title}</div>}
    </div>
  );
}

const ASSESSMENTS = ['legal', 'unknown', 'diversion_suspected'];
const DOCUMENT_KINDS = ['', 'invoice', 'export_licence', 'delivery_note', 'customs_declaration', 'contract', 'other'];

/** Records the organisation's answer: the transfer it names (to a known or a new buyer), optionally a follow-up request to that buyer. */
function ReplyForm({ r, onDone }: { r: TraceRequest; onDone: () => void }) {
  const { t } = useTranslation('tracing');
  const names = useOrganisationNames();
  const [, navigate] = useLocation();
  const f = useForm({ outcome: 'replied', on: '', buyerId: '', buyerName: '', buyerCountry: '', transferDate: '', quantity: '', documentKind: '', documentRef: '', assessment: 'legal', note: '', followUp: false as boolean });
  const [done, setDone] = useState<string | null>(null);
  const orgOptions = [{ value: '', label: f.values.buyerName ? t('reply.newBuyerBelow') : t('reply.choose') }, ...[...names].filter(([oid]) => oid !== r.organisationId).sort((a, b) => a[1].localeCompare(b[1])).map(([value, label]) => ({ value, label }))];
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    const v = f.values;
    const replied = v.outcome === 'replied';
    const hop = compact({
      buyerId: v.buyerName ? undefined : v.buyerId,
      buyer: v.buyerName ? compact({ name: v.buyerName, country: v.buyerCountry.toUpperCase() }) : undefined,
      transferDate: v.transferDate, quantity: v.quantity ? Number(v.quantity) : undefined,
      documentKind: v.documentKind, documentRef: v.documentRef, assessment: v.assessment,
    });
    const res = await f.run(() => api.post<{ hops: unknown[]; followUp: TraceRequest | null }>(`/api/trace-requests/${r.id}/replies`, compact({
      outcome: v.outcome, on: v.on, note: v.note,
      hops: replied ? [hop] : [],
      followUp: replied && v.followUp ? {} : undefined,
    })));
    if (!res) return;
    if (res.followUp) {
      navigate(`/tracing/${res.followUp.id}`);
      return;
    }
    setDone(replied ? t('reply.doneReplied') : t('reply.doneDeclined'));
    onDone();
  };
  const replied = f.values.outcome === 'replied';
  return (
    <section className="card" aria-label={t('reply.aria')}>
      <div className="card-head"><div><h2>{t('reply.title')}</h2><div className="hint">{t('reply.hint')}</div></div></div>
      <form className="card-body" onSubmit={(e) => void submit(e)}>
        <div className="grid cols-3">
          <SelectField label={t('reply.outcome')} {...f.bind('outcome')} options={[{ value: 'replied', label: t('reply.replied') }, { value: 'declined', label: t('reply.declined') }]} />
          <TextField label={t('reply.answeredOn')} type="date" {...f.bind('on')} help={t('reply.todayWhenEmpty')} />
          {replied && <SelectField label={t('reply.soldTo')} {...f.bind('buyerId')} options={orgOptions} disabled={!!f.values.buyerName} />}
          {replied && <TextField label={t('reply.newBuyerName')} {...f.bind('buyerName')} error={f.error?.forField('name')} />}
          {replied && f.values.buyerName && <TextField label={t('reply.newBuyerCountry')} {...f.bind('buyerCountry')} maxLength={2} error={f.error?.forField('country')} />}
          {replied && <TextField label={t('reply.transferDate')} type="date" {...f.bind('transferDate')} />}
          {replied && <TextField label={t('reply.quantity')} type="number" min={1} {...f.bind('quantity')} />}
          {replied && <SelectField label={t('reply.document')} {...f.bind('documentKind')} options={DOCUMENT_KINDS.map((d) => ({ value: d, label: d ? humanise(d) : t('reply.noDocument') }))} />}
          {replied && <TextField label={t('reply.documentRef')} {...f.bind('documentRef')} />}
          {replied && <SelectField label={t('reply.assessment')} {...f.bind('assessment')} options={ASSESSMENTS.map((a) => ({ value: a, label: humanise(a) }))} />}
        </div>
        <TextArea label={t('reply.note')} rows={2} {...f.bind('note')} className="mt" />
        {replied && (
          <label className="row small" style={{ margin: '8px 0' }}>
            <input type="checkbox" checked={f.values.followUp} onChange={(e) => f.set('followUp', e.target.checked)} /> {t('reply.followUp')}
          </label>
        )}
        <FormError messages={f.otherErrors(['outcome', 'on', 'buyerId', 'name', 'country', 'transferDate', 'quantity', 'documentKind', 'documentRef', 'assessment', 'note'])} />
        <div className="row">
          <button type="submit" className="primary" disabled={f.busy}>{t('reply.submit')}</button>
          {done && <span className="small" role="status">{done}</span>}
        </div>
      </form>
    </section>
  );
}
