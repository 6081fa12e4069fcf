import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { api } from '../api/client';
import { followJob, type JobView } from '../api/jobs';
import { useGet } from '../api/hooks';
import { useCanReview, useSession } from '../api/session';
import type { Page } from '../api/types';
import { PageHead } from '../components/Layout';
import { Async, Empty } from '../components/State';
import { Badge } from '../components/Badge';
import { FormError, SelectField, TextField } from '../components/Field';
import { useForm } from '../components/useForm';
import { formatDate, formatDateTime, formatNumber, formatShare, humanise } from '../lib/format';
import { ListChanges } from './ScreeningChanges';
import { i18n } from '../i18n/index.js';

/** The parts of `GET /api/screening/matches` (src/http/routes/screening.ts, matchRow) this page shows. */
export interface ScreeningMatch {
  id: string;
  organisationId: string;
  organisationName: string;
  listTitle: string;
  listVersionDate: string | null;
  entityReference: string;
  entityCaption: string;
  programmes: string[];
  score: number;
  explanation: unknown;
  status: 'pending' | 'confirmed' | 'dismissed';
  stale: boolean;
  lastScreenedAt: string;
  lastReview: { decision: string; reason: string; reviewerName: string | null; reviewedAt: string } | null;
}

const STATUS_TONE: Record<string, 'red' | 'amber' | 'neutral'> = { confirmed: 'red', pending: 'amber', dismissed: 'neutral' };

/** The scorer's reasons, one line per feature, whatever the explanation's exact shape. */
export function explanationLines(e: unknown): string[] {
  if (!e || typeof e !== 'object') return [];
  const ex = (e as { explanations?: Record<string, { detail?: string; contribution?: number }> }).explanations;
  if (ex && typeof ex === 'object') {
    // The feature is named in the reader's language; its detail is the scorer's own text.
    return Object.entries(ex).map(([k, v]) => `${i18n.t(`screening:feature.${k}`, { defaultValue: humanise(k) })}: ${v?.detail ?? ''}${typeof v?.contribution === 'number' ? ` (+${formatNumber(Number(v.contribution.toFixed(2)))})` : ''}`);
  }
  return [];
}

export function LastReview({ m }: { m: ScreeningMatch }) {
  if (!m.lastReview) return null;
  const r = m.lastReview;
  return <LastReviewLine decision={r.decision} who={r.reviewerName} when={r.reviewedAt} reason={r.reason} />;
}

function LastReviewLine({ decision, who, when, reason }: { decision: string; who: string | null; when: string; reason: string }) {
  const { t } = useTranslation('screening');
  return (
    <div className="small muted">
      {t('lastReview', { decision: t(`decision.${decision}`, { defaultValue: humanise(decision) }), who: who ?? t('aReviewer'), when: formatDateTime(when), reason })}
    </div>
  );
}

export default function Screening() {
  const { t } = useTranslation('screening');
  const { session } = useSession();
  // The queue is for signed-in users (the API answers the public with a 401).
  const signedOut = session !== null && session.user === null;
  const has = session !== null && !signedOut;
  const [status, setStatus] = useState('pending');
  const [stale, setStale] = useState(false);
  const matches = useGet<Page<ScreeningMatch>>(has ? '/api/screening/matches' : null, { status: status || undefined, includeStale: stale ? 'true' : undefined, limit: 200 });
  const lists = useGet<{ data: { id: number; slug: string; title: string; versionDate: string | null; importedAt: string }[] }>(has ? '/api/screening/lists' : null);
  const canReview = useCanReview();
  if (signedOut) {
    return (<><PageHead title={t('title')} /><div className="card"><Empty title={t('signIn')} /></div></>);
  }
  return (
    <>
      <PageHead title={t('title')} lede={t('lede')} />
      {canReview && <ListUpload onDone={() => { matches.reload(); lists.reload(); }} />}
      {lists.data && <ListChanges key={lists.data.data.map((l) => `${l.id}@${l.importedAt}`).join()} lists={lists.data.data} />}
      <section className="card" aria-label={t('queue')}>
        <div className="filters">
          <SelectField label={t('status')} value={status} onChange={(e) => setStatus(e.target.value)} options={[{ value: 'pending', label: t('filter.pending') }, { value: 'confirmed', label: t('filter.confirmed') }, { value: 'dismissed', label: t('filter.dismissed') }, { value: '', label: t('filter.any') }]} />
          <label className="row small" style={{ marginBottom: 8 }}><input type="checkbox" checked={stale} onChange={(e) => setStale(e.target.checked)} /> {t('includeStale')}</label>
          <span className="spacer" />
          {lists.data && <span className="small muted" style={{ marginBottom: 8 }}>{lists.data.data.length ? t('lists', { lists: lists.data.data.map((l) => `${l.title}${l.versionDate ? ` (${formatDate(l.versionDate)})` : ''}`).join(' · ') }) : t('noLists')}</span>}
        </div>
        <Async state={matches} empty={<Empty title={status === 'pending' ? t('noPending') : t('noneWithStatus')} />}>
          {(p) => (
            <>
              <div className="card-body small muted" style={{ paddingBottom: 0 }}>{t('matches', { count: p.total, n: formatNumber(p.total) })}{!canReview && t('reviewersDecide')}</div>
              {p.data.map((m) => <MatchCard key={m.id} m={m} canReview={canReview} onDone={matches.reload} />)}
            </>
          )}
        </Async>
      </section>
    </>
  );
}

function MatchCard({ m, canReview, onDone }: { m: ScreeningMatch; canReview: boolean; onDone: () => void }) {
  const { t } = useTranslation('screening');
  const f = useForm({ reason: '' });
  const decide = async (e: FormEvent, decision: string) => {
    e.preventDefault();
    const ok = await f.run(() => api.post(`/api/screening/matches/${m.id}/review`, { decision, reason: f.values.reason }));
    if (ok !== undefined) onDone();
  };
  return (
    <article className="finding" aria-label={t('pair', { organisation: m.organisationName, entity: m.entityCaption })}>
      <div className="num">{formatShare(Math.round(m.score * 100) / 100)}</div>
      <div style={{ flex: 1, minWidth: 0 }}>
        <div className="row">
          <Link href={`/organisations/${m.organisationId}`}><strong>{m.organisationName}</strong></Link>
          <span className="muted">≈</span>
          <strong>{m.entityCaption}</strong>
          <Badge tone={STATUS_TONE[m.status] ?? 'neutral'}>{t(`state.${m.status}`)}</Badge>
          {m.stale && <Badge tone="outline">{t('stale')}</Badge>}
        </div>
        <div className="why">{m.listTitle}{m.listVersionDate ? ` (${formatDate(m.listVersionDate)})` : ''} · {m.entityReference}{m.programmes.length ? ` · ${m.programmes.join(', ')}` : ''}</div>
        <ul className="small" style={{ margin: '4px 0', paddingLeft: 18 }}>{explanationLines(m.explanation).map((l) => <li key={l}>{l}</li>)}</ul>
        <LastReview m={m} />
        {canReview && (
          <form className="row" style={{ alignItems: 'flex-end', marginTop: 6 }} onSubmit={(e) => void decide(e, m.status === 'pending' ? 'confirmed' : 'reopened')}>
            <TextField label={t('reason')} {...f.bind('reason')} onInput={() => f.error && f.setError(null)} className="grow" placeholder={t('reasonPlaceholder')} />
            {m.status === 'pending' ? (
              <>
                <button type="submit" className="primary" disabled={f.busy} style={{ marginBottom: 4 }}>{t('confirm')}</button>
                <button type="button" disabled={f.busy} onClick={(e) => void decide(e, 'dismissed')} style={{ marginBottom: 4 }}>{t('dismiss')}</button>
              </>
            ) : (
              <button type="submit" disabled={f.busy} style={{ marginBottom: 4 }}>{t('reopen')}</button>
            )}
          </form>
        )}
        {canReview && <FormError messages={f.otherErrors(['reason'])} />}
      </div>
    </article>
  );
}

/** The list formats the server reads ('' detects from the file); named by screening.json `format.*`. */
const FORMATS = ['', 'un', 'ofac', 'ofac-xml', 'ftm', 'targets'] as const;

interface ListImportResult {
  import: { slug: string; title: string; versionDate: string | null; entities: number; added: number; removed: number; unchanged: boolean };
  screening: { organisations: number; matches: number; newMatches: number; stale: number } | null;
}

/**
 * Upload a new version of a sanctions list (reviewers and admins): the server stores it and a job
 * imports it all or nothing, then screens every organisation against it; the job's progress is
 * shown while it runs (any app server may run it) and its result summarised here.
 */
function ListUpload({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation('screening');
  const f = useForm({ format: '', list: '', versionDate: '' });
  const [file, setFile] = useState<File | null>(null);
  const [extra, setExtra] = useState<File[]>([]);
  const [result, setResult] = useState<ListImportResult | null>(null);
  const [job, setJob] = useState<JobView<ListImportResult> | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setResult(null);
    const body = new FormData();
    for (const [k, v] of Object.entries(f.values)) if (v) body.append(k, v);
    // OFAC's companions go by their names: alt.csv (aliases) and add.csv (addresses).
    for (const x of extra) body.append(/alt/i.test(x.name) ? 'alt' : 'add', x, x.name);
    if (file) body.append('file', file, file.name);
    const r = await f.run(async () => followJob(await api.post<JobView<ListImportResult>>('/api/lists/import', body), setJob));
    setJob(null);
    if (r) {
      setResult(r);
      onDone();
    }
  };
  const i = result?.import;
  const sc = result?.screening;
  return (
    <section className="card" aria-label={t('upload.title')}>
      <div className="card-head"><div><h2>{t('upload.title')}</h2><div className="hint">{t('upload.hint')}</div></div></div>
      <form className="card-body" onSubmit={(e) => void submit(e)}>
        <div className="filters">
          <TextField label={t('upload.file')} type="file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} error={f.error?.forField('file')} help={t('upload.fileHelp')} className="grow" />
          <TextField label={t('upload.extra')} type="file" multiple onChange={(e) => setExtra([...(e.target.files ?? [])])} error={f.error?.forField('alt') ?? f.error?.forField('add')} />
        </div>
        <div className="filters">
          <SelectField label={t('upload.format')} {...f.bind('format')} options={FORMATS.map((x) => ({ value: x, label: t(`format.${x || 'detect'}`) }))} />
          <TextField label={t('upload.list')} {...f.bind('list')} placeholder={t('upload.listPlaceholder')} />
          <TextField label={t('upload.versionDate')} type="date" {...f.bind('versionDate')} />
          <button type="submit" className="primary" disabled={f.busy || !file} style={{ marginBottom: 8 }}>{t('upload.submit')}</button>
        </div>
        <FormError messages={f.otherErrors(['file', 'alt', 'add', 'format', 'list', 'versionDate'])} />
        {f.busy && <JobProgress job={job} />}
        {i && (
          <div className="notice" role="status">
            <strong>{i.title}</strong> ({i.slug}): {t('upload.imported', {
              entries: t('upload.entries', { count: i.entities, n: formatNumber(i.entities) }),
              version: i.versionDate ? formatDate(i.versionDate) : t('upload.undated'),
              changes: i.unchanged ? t('upload.same') : t('upload.changes', { added: formatNumber(i.added), removed: formatNumber(i.removed) }),
            })}
            {sc && t('upload.screened', {
              organisations: t('upload.organisations', { count: sc.organisations, n: formatNumber(sc.organisations) }),
              matches: t('matches', { count: sc.matches, n: formatNumber(sc.matches) }),
              new: formatNumber(sc.newMatches), stale: formatNumber(sc.stale),
            })}
          </div>
        )}
      </form>
    </section>
  );
}

/** What the list-import job reports: waiting for a server, bytes of the file read, then screening. */
function JobProgress({ job }: { job: JobView | null }) {
  const p = (job?.progress ?? {}) as { phase?: string; bytesRead?: number; bytesTotal?: number; entities?: number };
  const { t } = useTranslation('screening');
  const reading = job?.state === 'running' && p.phase === 'importing' && p.bytesTotal;
  const label = !job ? t('job.uploading')
    : job.state === 'queued' ? (job.attempts > 0 ? t('job.interrupted') : t('job.waiting'))
    : p.phase === 'screening' ? t('job.screening')
    : reading ? t('job.reading', { entries: t('upload.entries', { count: p.entities ?? 0, n: formatNumber(p.entities ?? 0) }) }) : t('job.importing');
  return (
    <div role="status" aria-live="polite">
      {reading ? <progress aria-label={t('job.progress')} max={p.bytesTotal} value={p.bytesRead ?? 0} style={{ width: '100%' }} /> : <progress aria-label={t('job.progress')} style={{ width: '100%' }} />}
      <div className="hint">{label}</div>
    </div>
  );
}
