import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api/client';
import { useGet } from '../api/hooks';
import { useCanWrite } from '../api/session';
import { PageHead } from '../components/Layout';
import { Async, Empty } from '../components/State';
import { Badge } from '../components/Badge';
import { DataTable } from '../components/DataTable';
import { FormError, SelectField } from '../components/Field';
import { formatNumber, humanise } from '../lib/format';

/**
 * The parts of the import (src/http/routes/transfer.ts, jobSchema) this page shows: the server
 * reads them from the import's jobs in PostgreSQL, so any app server answers and a restart loses nothing.
 */
interface Job {
  id: string;
  /** The job doing the current step (`GET /api/jobs/:id`). */
  jobUrl: string;
  state: 'validating' | 'ready' | 'invalid' | 'committing' | 'committed' | 'failed';
  phase: string | null;
  fileName: string;
  resource: string | null;
  rowsRead: number;
  rowsTotal: number | null;
  bytesRead: number;
  bytesTotal: number | null;
  mapping: Record<string, string> | null;
  unmappedHeaders: string[];
  errors: number;
  warnings: number;
  problems: { row: number; column: string; value: string; reason: string; severity: 'error' | 'warning' }[];
  problemsTruncated: boolean;
  counts: { rows: number; inserted: number; updated: number; unchanged: number; duplicates: number; createdItems: number; createdMakers: number; identified: number } | null;
  committed: boolean;
  error: { title: string; detail: string } | null;
}
interface FieldsDoc {
  data: { resource: string; fields: { name: string; kind: string; required: boolean }[] }[];
}

const BUSY = new Set(['validating', 'committing']);
const STATE_TONE: Record<string, 'red' | 'amber' | 'green' | 'neutral'> = { invalid: 'red', failed: 'red', ready: 'green', committed: 'green', validating: 'amber', committing: 'amber' };

/** Upload a table, see the automatic mapping (and override it), every problem of the dry run, the progress, then commit. */
export default function Import() {
  const { t } = useTranslation('import');
  const canWrite = useCanWrite();
  const fields = useGet<FieldsDoc>(canWrite ? '/api/import-fields' : null);
  const [file, setFile] = useState<File | null>(null);
  const [resource, setResource] = useState('');
  const [mapping, setMapping] = useState<Record<string, string> | null>(null);
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  // Poll the job while it validates or commits.
  useEffect(() => {
    if (!job || !BUSY.has(job.state)) return;
    const timer = setTimeout(() => {
      api.get<Job>(`/api/imports/${job.id}`).then(setJob, (e: unknown) => setError(e instanceof ApiError ? e : new ApiError(0, 'Error', String(e))));
    }, 400);
    return () => clearTimeout(timer);
  }, [job]);
  // The automatic mapping, once known, becomes the editable one.
  useEffect(() => {
    if (job?.mapping && mapping === null) setMapping(job.mapping);
  }, [job, mapping]);

  const start = async (e: FormEvent, withMapping: boolean) => {
    e.preventDefault();
    if (!file) {
      setError(new ApiError(400, 'Invalid input', 'file: is required', [{ field: 'file', message: t('chooseFile') }]));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const form = new FormData();
      const res = resource || job?.resource || '';
      if (res) form.set('resource', res);
      if (withMapping && mapping) {
        // Fields left unmapped are sent as null so the server does not map them by itself again.
        const doc = fields.data?.data.find((d) => d.resource === res);
        form.set('map', JSON.stringify(Object.fromEntries((doc?.fields ?? []).map((f) => [f.name, mapping[f.name] || null]))));
      }
      form.set('file', file);
      if (!withMapping) setMapping(null);
      setJob(await api.post<Job>('/api/imports', form));
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, 'Error', String(err)));
    } finally {
      setBusy(false);
    }
  };
  const commit = async () => {
    if (!job) return;
    setBusy(true);
    setError(null);
    try {
      setJob(await api.post<Job>(`/api/imports/${job.id}/commit`));
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, 'Error', String(err)));
    } finally {
      setBusy(false);
    }
  };

  if (!canWrite) return (<><PageHead title={t('title')} /><div className="card"><Empty title={t('signIn')} /></div></>);
  const resources = fields.data?.data.map((d) => d.resource) ?? [];
  const doc = fields.data?.data.find((d) => d.resource === (job?.resource ?? resource));
  const headers = job ? [...new Set([...Object.values(job.mapping ?? {}), ...job.unmappedHeaders])].sort() : [];
  const fileError = error?.forField('file');
  return (
    <>
      <PageHead title={t('title')} lede={t('lede')} />
      <div className="stack">
        <section className="card" aria-label={t('upload')}>
          <form className="card-body" onSubmit={(e) => void start(e, false)}>
            <div className="grid cols-2">
              <div className="field">
                <label htmlFor="import-file">{t('file')}</label>
                <input id="import-file" type="file" accept=".csv,.tsv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" aria-invalid={fileError ? true : undefined} aria-describedby={fileError ? 'import-file-error' : undefined}
                  onChange={(e) => { setFile(e.target.files?.[0] ?? null); setJob(null); setMapping(null); }} />
                {fileError && <div className="error" id="import-file-error" role="alert">{fileError}</div>}
              </div>
              <SelectField label={t('records')} value={resource} onChange={(e) => setResource(e.target.value)} error={error?.forField('resource')}
                options={[{ value: '', label: t('detect') }, ...resources.map((r) => ({ value: r, label: t(`resource.${r}`, { defaultValue: humanise(r) }) }))]} />
            </div>
            <FormError messages={error ? (error.errors.length ? error.unclaimed(['file', 'resource', ...(doc?.fields.map((f) => f.name) ?? [])]).map((x) => `${x.field}: ${x.message}`) : [error.detail || error.title]) : []} />
            <div className="row" style={{ marginTop: 10 }}>
              <button type="submit" className="primary" disabled={busy}>{t('run')}</button>
              <span className="small muted">{t('runHint')}</span>
            </div>
          </form>
        </section>
        {job && <Progress job={job} />}
        {job && !BUSY.has(job.state) && (
          <section className="card" aria-label={t('problems')}>
            <div className="card-head">
              <div><h2>{t('problems')}</h2><div className="hint">{t('problemsHint')}</div></div>
              <span className="row">{job.errors > 0 && <Badge tone="red">{t('errors', { count: job.errors, n: formatNumber(job.errors) })}</Badge>}{job.warnings > 0 && <Badge tone="amber">{t('warnings', { count: job.warnings, n: formatNumber(job.warnings) })}</Badge>}</span>
            </div>
            <Async state={{ data: job.problems, error: undefined, loading: false, reload: () => undefined }} empty={<Empty title={t('noProblem')} />}>
              {(rows) => (
                <DataTable rows={rows} rowKey={(p) => `${p.row}-${p.column}-${p.reason}`} caption={t('caption')} columns={[
                  { key: 'row', label: t('col.row'), numeric: true, render: (p) => formatNumber(p.row), sortValue: (p) => p.row },
                  { key: 'column', label: t('col.column'), render: (p) => p.column, sortValue: (p) => p.column },
                  { key: 'value', label: t('col.value'), render: (p) => <span className="mono">{p.value || t('empty')}</span>, sortValue: (p) => p.value },
                  { key: 'reason', label: t('col.reason'), render: (p) => p.reason },
                  { key: 'sev', label: t('col.severity'), render: (p) => <Badge tone={p.severity === 'error' ? 'red' : 'amber'}>{t(`severity.${p.severity}`)}</Badge>, sortValue: (p) => p.severity },
                ]} />
              )}
            </Async>
            {job.problemsTruncated && <div className="card-body small muted">{t('truncated')}</div>}
            <div className="card-body row">
              {job.state === 'ready' && <button type="button" className="primary" disabled={busy} onClick={() => void commit()}>{t('commit', { count: job.counts?.rows ?? 0, n: formatNumber(job.counts?.rows ?? 0) })}</button>}
              {job.state === 'invalid' && <span className="small">{t('invalid')}</span>}
              {job.state === 'committed' && <span className="small" role="status">{t('committed', { added: formatNumber(job.counts?.inserted ?? 0), updated: formatNumber(job.counts?.updated ?? 0), unchanged: formatNumber(job.counts?.unchanged ?? 0) })}</span>}
              {job.state === 'failed' && job.error && <span className="small" role="alert" style={{ color: 'var(--red)' }}>{job.error.title}: {job.error.detail}</span>}
            </div>
          </section>
        )}
        {job && job.mapping && mapping && doc && (
          <section className="card" aria-label={t('mapping')}>
            <div className="card-head"><div><h2>{t('mapping')}</h2><div className="hint">{t('mappingHint')}</div></div></div>
            <form className="card-body" onSubmit={(e) => void start(e, true)}>
              <div className="grid cols-3">
                {doc.fields.map((f) => (
                  <SelectField key={f.name} label={`${t(`field.${f.name}`, { defaultValue: humanise(f.name.replace(/([a-z])([A-Z])/g, (_m, a: string, b: string) => `${a} ${b.toLowerCase()}`)) })}${f.required ? ' *' : ''}`} value={mapping[f.name] ?? ''} error={error?.forField(f.name)}
                    onChange={(e) => setMapping({ ...mapping, [f.name]: e.target.value })}
                    options={[{ value: '', label: t('notImported') }, ...headers.map((h) => ({ value: h, label: h }))]} />
                ))}
              </div>
              {job.unmappedHeaders.length > 0 && <p className="small muted">{t('unmapped', { columns: job.unmappedHeaders.join(', ') })}</p>}
              <button type="submit" disabled={busy || BUSY.has(job.state)}>{t('runMapped')}</button>
            </form>
          </section>
        )}
      </div>
    </>
  );
}

function Progress({ job }: { job: Job }) {
  const { t } = useTranslation('import');
  const total = job.bytesTotal ?? 0;
  const pct = total > 0 ? Math.min(100, Math.round((job.bytesRead / total) * 100)) : BUSY.has(job.state) ? 0 : 100;
  return (
    <section className="card" aria-label={t('progress')}>
      <div className="card-body">
        <div className="row">
          <strong>{job.fileName}</strong>
          {job.resource && <span className="small muted">{t(`resource.${job.resource}`, { defaultValue: humanise(job.resource) })}</span>}
          <Badge tone={STATE_TONE[job.state] ?? 'neutral'}>{t(`state.${job.state}`)}</Badge>
          <span className="spacer" />
          <span className="small muted">{job.rowsTotal ? t('rowsReadOf', { count: job.rowsRead, n: formatNumber(job.rowsRead), total: formatNumber(job.rowsTotal) }) : t('rowsRead', { count: job.rowsRead, n: formatNumber(job.rowsRead) })}</span>
        </div>
        {BUSY.has(job.state) && job.phase === null && <div className="hint" role="status">{job.state === 'committing' ? t('waitingCommit') : t('waitingDryRun')}</div>}
        <progress max={100} value={pct} aria-label={t('progressLabel')} style={{ width: '100%', marginTop: 8 }}>{pct}%</progress>
      </div>
    </section>
  );
}
