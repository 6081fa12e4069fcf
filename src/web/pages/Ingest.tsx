import { Fragment, useState } from 'react';
import { Link, useLocation, useParams } from 'wouter';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api/client';
import { useAll, useGet } from '../api/hooks';
import type { Answer } from '../api/typed';
import type { Source } from '../api/types';
import { PageHead } from '../components/Layout';
import { FormError, TextArea, TextField } from '../components/Field';
import { followJob, type JobView } from '../api/jobs';
import { ErrorState, Loading } from '../components/State';
import { formatDate, formatDateAt, formatNumber, formatQuantity } from '../lib/format';

type CandidateRow = Answer<'list_source_candidates'>[number];
type TopicAnswer = Answer<'get_claim_topics'>;
type Topic = { id: string; title: string };

/** The fields this form shows; a server error naming one of them is shown beside it. */
const FORM_FIELDS = ['title', 'publishedOn', 'file', 'text'] as const;

/**
 * Upload a report (HTML, PDF or text) or paste it: it becomes a source, and the server proposes its
 * candidate claims. The publication date is asked for, or taken from the file's own metadata; a
 * large file is read by a job whose progress is shown here.
 */
export function IngestForm() {
  const { t } = useTranslation('ingest');
  const [, navigate] = useLocation();
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [published, setPublished] = useState('');
  const [unknownDate, setUnknownDate] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [job, setJob] = useState<JobView<{ sourceId: string }> | null>(null);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setJob(null);
    try {
      if (file) {
        const form = new FormData();
        if (title) form.set('title', title);
        // Blank: the file's own date, else the server asks for one.
        form.set('publishedOn', unknownDate ? 'unknown' : published);
        form.set('file', file);
        const r = await api.post<{ sourceId: string } | JobView<{ sourceId: string }>>('/api/ingest/file', form);
        const sourceId = 'sourceId' in r ? r.sourceId : (await followJob(r, setJob)).sourceId;
        navigate(`/ingest/${sourceId}`);
      } else {
        const r = await api.post<{ sourceId: string }>('/api/ingest/text', { title, text, publishedOn: unknownDate ? null : published || undefined });
        navigate(`/ingest/${r.sourceId}`);
      }
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, 'Error', String(err)));
    } finally {
      setBusy(false);
    }
  };
  const phase = typeof job?.progress?.phase === 'string' ? job.progress.phase : null;
  return (
    <>
      <PageHead title={t('form.title')} lede={t('form.lede')} />
      <form className="card card-body" onSubmit={(e) => void submit(e)} aria-label={t('form.label')} noValidate>
        <TextField label={t('form.file')} name="file" type="file" accept=".html,.htm,.pdf,.txt,text/html,application/pdf,text/plain"
          help={t('form.fileHelp')} error={error?.forField('file')} onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        <TextField label={t('form.reportTitle')} name="title" value={title} onChange={(e) => setTitle(e.target.value)}
          help={file ? t('form.titleFromFile') : undefined} error={error?.forField('title')} />
        <TextField label={t('form.published')} name="publishedOn" type="date" value={published} disabled={unknownDate}
          help={file ? t('form.dateFromFile') : undefined} error={error?.forField('publishedOn')} onChange={(e) => setPublished(e.target.value)} />
        <label><input type="checkbox" checked={unknownDate} onChange={(e) => setUnknownDate(e.target.checked)} /> {t('form.dateUnknown')}</label>
        <TextArea label={t('form.text')} name="text" rows={16} value={text} disabled={file !== null}
          help={file ? t('form.textFromFile') : undefined} error={error?.forField('text')} onChange={(e) => setText(e.target.value)} />
        {error && <FormError messages={error.errors.length ? error.unclaimed(FORM_FIELDS).map((f) => `${f.field}: ${f.message}`) : [error.detail || error.message]} />}
        {job && job.state !== 'failed' && (
          <div role="status" className="small muted" data-job-state={job.state}>
            {t(`job.${job.state}`, { phase: phase ? t(`phase.${phase}`, { defaultValue: phase }) : '' })}
          </div>
        )}
        <button type="submit" className="primary" disabled={busy}>{t('form.submit')}</button>
      </form>
    </>
  );
}

/** The report with each candidate highlighted, and the candidates to decide on. Conflicts and comparisons are the server's. */
export function IngestReview() {
  const { t } = useTranslation('ingest');
  const { id } = useParams<{ id: string }>();
  const source = useGet<Source>(`/api/sources/${id}`);
  const candidates = useGet<CandidateRow[]>(`/api/sources/${id}/candidates`);
  const topics = useAll<Topic>('/api/claim-topics');
  const [active, setActive] = useState<string | null>(null);
  if (source.error || candidates.error) return <div className="card"><ErrorState error={(source.error ?? candidates.error)!} retry={candidates.reload} /></div>;
  if (!source.data || !candidates.data) return <div className="card"><Loading lines={8} /></div>;
  const text = source.data.fullText ?? '';
  // One mark per distinct span (several figures may stand in one sentence).
  const spans = [...new Map(candidates.data.map((c) => [`${c.start}-${c.end}`, c])).values()].sort((a, b) => a.start - b.start);
  const body: React.ReactNode[] = [];
  let at = 0;
  for (const s of spans) {
    if (s.start < at) continue;
    body.push(<Fragment key={`t${at}`}>{text.slice(at, s.start)}</Fragment>);
    body.push(<mark key={s.id} data-span={`${s.start}-${s.end}`} className={active === `${s.start}-${s.end}` ? 'active' : undefined} onClick={() => setActive(`${s.start}-${s.end}`)}>{text.slice(s.start, s.end)}</mark>);
    at = s.end;
  }
  body.push(<Fragment key="tail">{text.slice(at)}</Fragment>);
  return (
    <>
      <PageHead title={source.data.title} eyebrow={<Link href={`/sources/${id}`}>{t('review.source')}</Link>} lede={source.data.publishedOn ? t('review.published', { date: formatDate(source.data.publishedOn) }) : t('review.dateUnknown')} />
      <div className="grid side">
        <article className="card"><div className="card-body reader">{body}</div></article>
        <aside className="card" aria-label={t('review.candidates')}>
          <div className="card-head"><h2>{t('review.candidates')}</h2></div>
          <ul className="claim-list">
            {candidates.data.map((c) => (
              <CandidateItem key={c.id} c={c} topics={topics.data ?? []} onChange={candidates.reload} onFocus={() => setActive(`${c.start}-${c.end}`)} />
            ))}
          </ul>
        </aside>
      </div>
    </>
  );
}

function CandidateItem({ c, topics, onChange, onFocus }: { c: CandidateRow; topics: Topic[]; onChange: () => void; onFocus: () => void }) {
  const { t } = useTranslation('ingest');
  const p = c.proposal;
  const [editing, setEditing] = useState(false);
  const [org, setOrg] = useState(p.speakerOrg ?? '');
  const [quantity, setQuantity] = useState(p.quantity === null ? '' : String(p.quantity));
  const [counts, setCounts] = useState(p.quantityKind ?? '');
  const [topic, setTopic] = useState('');
  const [filed, setFiled] = useState<TopicAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const act = async (fn: () => Promise<unknown>) => {
    setError(null);
    try { await fn(); onChange(); } catch (e) { setError((e as Error).message); }
  };
  const accept = (edits: Record<string, unknown> = {}) => act(() => api.post(`/api/claim-candidates/${c.id}/accept`, edits));
  const file = () => act(async () => {
    await api.post(`/api/claim-topics/${topic}/claims`, { claimIds: [c.claimId] });
    setFiled(await api.get<TopicAnswer>(`/api/claim-topics/${topic}`));
  });
  const conflicts = filed?.conflicts.filter((x) => x.a === c.claimId || x.b === c.claimId) ?? [];
  const comparisons = filed?.finding?.comparisons.filter((x) => x.claimId === c.claimId) ?? [];
  // The extractor's dates are as precise as the report says: YYYY, YYYY-MM or YYYY-MM-DD.
  const said = p.dateSaid && formatDateAt(p.dateSaid, p.dateSaid.length === 4 ? 'year' : p.dateSaid.length === 7 ? 'month' : 'day');
  const label = p.kind === 'quantity' ? `${formatQuantity(p.quantity, p.quantityQualifier)} ${p.quantityKind ?? ''}`.trim() : t('review.statement');
  return (
    <li data-candidate={c.id} data-state={c.state} onMouseEnter={onFocus} style={{ padding: '8px 0', borderBottom: '1px solid var(--line, #ddd)' }}>
      <div><strong>{label}</strong> <span className="small muted">{t('review.stateConfidence', { state: t(`review.state.${c.state}`, { defaultValue: c.state }), confidence: formatNumber(Number(p.confidence.toFixed(2))) })}</span></div>
      <div className="small">{[p.speaker, p.speakerOrg].filter(Boolean).join(', ') || t('review.unattributed')}{p.dateSaid && t('review.said', { date: said })}{p.weapon && ` · ${p.weapon}`}{p.place && ` · ${p.place}`}</div>
      {p.notes.length > 0 && <div className="small muted">{p.notes.join('; ')}</div>}
      {c.state === 'pending' && !editing && (
        <div className="actions" style={{ display: 'flex', gap: 6, flexWrap: 'wrap' }}>
          <button type="button" onClick={() => void accept()}>{t('review.accept')}</button>
          <button type="button" onClick={() => setEditing(true)}>{t('review.edit')}</button>
          <button type="button" onClick={() => void act(() => api.post(`/api/claim-candidates/${c.id}/reject`))}>{t('review.reject')}</button>
        </div>
      )}
      {c.state === 'pending' && editing && (
        <form onSubmit={(e) => { e.preventDefault(); void accept({ speakerOrganisation: org || null, quantity: quantity === '' ? null : Number(quantity), countsWhat: counts || null }); }}>
          <label>{t('review.organisation')} <input name="speakerOrganisation" value={org} onChange={(e) => setOrg(e.target.value)} /></label>
          <label>{t('review.quantity')} <input name="quantity" type="number" value={quantity} onChange={(e) => setQuantity(e.target.value)} /></label>
          <label>{t('review.counts')} <input name="countsWhat" value={counts} onChange={(e) => setCounts(e.target.value)} /></label>
          <button type="submit">{t('review.saveAccept')}</button>
        </form>
      )}
      {c.state === 'accepted' && c.claimId && (
        <div className="small">
          <Link href={`/sources/${c.sourceId}?claim=${c.claimId}`}>{t('review.claim')}</Link>{' '}
          <select aria-label={t('review.topic')} value={topic} onChange={(e) => setTopic(e.target.value)}>
            <option value="">{t('review.chooseTopic')}</option>
            {topics.map((tp) => <option key={tp.id} value={tp.id}>{tp.title}</option>)}
          </select>
          <button type="button" disabled={!topic} onClick={() => void file()}>{t('review.file')}</button>
          {filed && (
            <div data-conflicts={conflicts.length}>
              {conflicts.length === 0 ? <div>{t('review.noConflict', { topic: filed.topic.title })}</div>
                : conflicts.map((x) => <div key={`${x.a}-${x.b}`} className="conflict" style={{ color: 'var(--red)' }}>{t('review.conflict', { reason: x.reason })}{x.caveat && ` (${x.caveat})`}</div>)}
              {comparisons.map((x) => <div key={x.claimId}>{x.text}</div>)}
            </div>
          )}
        </div>
      )}
      {error && <div role="alert" className="small" style={{ color: 'var(--red)' }}>{error}</div>}
    </li>
  );
}
