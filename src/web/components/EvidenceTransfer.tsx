import { useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api/client';
import { followJob, type JobView } from '../api/jobs';
import { useCanAdmin, useSession } from '../api/session';
import { formatBytes, formatNumber, humanise } from '../lib/format';
// The server's own type of the report (type-only: no server code reaches the bundle).
import type { VerificationReport } from '../../bundles/index.js';

/**
 * Evidence that travels (issue 22): the evidence package (PDF) of an item or a case, a case's
 * signed bundle, and a bundle's verification and import. Each is a job on the server; these
 * controls start it, show its progress as the job reports it and, when it is done, what it
 * made (a download) or found (the verification report, the counts imported). Nothing is worked
 * out here: the words shown are the server's.
 */

type Progress = { phase?: string; done?: number; total?: number | null };

/** Runs one job at a time: start it, follow it, keep its last state, its result or its problem. */
function useJob<R>() {
  const [job, setJob] = useState<JobView<R> | null>(null);
  const [result, setResult] = useState<R | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const busy = !!job && (job.state === 'queued' || job.state === 'running');
  const run = async (start: () => Promise<JobView<R>>) => {
    setResult(null);
    setError(null);
    try {
      setResult(await followJob(await start(), setJob));
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'Error', (e as Error).message));
    }
  };
  return { job, result, error, busy, run };
}

/** The job's progress as a bar (a share when the job knows its total) and its phase in words. */
function JobProgress({ job }: { job: JobView<unknown> | null }) {
  const { t } = useTranslation('bundles');
  if (!job || (job.state !== 'queued' && job.state !== 'running')) return null;
  const p = (job.progress ?? {}) as Progress;
  const known = typeof p.total === 'number' && p.total > 0 && typeof p.done === 'number';
  return (
    <div className="job-progress" role="status">
      {known ? <progress max={p.total!} value={p.done} /> : <progress />}
      <span className="small">{job.state === 'queued' ? t('queued') : t('running', { phase: p.phase ?? '' })}</span>
    </div>
  );
}

function Problem({ error }: { error: ApiError | null }) {
  if (!error) return null;
  return (
    <div className="form-error" role="alert">
      <strong>{error.title}</strong>: {error.detail}
      {error.errors.length > 0 && <ul>{error.errors.map((e, i) => <li key={i}>{e.message}</li>)}</ul>}
    </div>
  );
}

interface PackageResult { bytes: number; download: string; records: number; files: number }

/** "Evidence package (PDF)": the audiences offered are those the server lets this user ask for. */
export function PackageButton({ kind, id }: { kind: 'item' | 'case'; id: string }) {
  const { t } = useTranslation('bundles');
  const { session } = useSession();
  const signedIn = !!session?.user;
  const [audience, setAudience] = useState<'internal' | 'public'>('internal');
  const j = useJob<PackageResult>();
  // The public's package needs no job: it is the public route, as the portal would serve it.
  if (!signedIn) return <a className="button" href={`/api/${kind}s/${id}/package.pdf`} download>{t('package')}</a>;
  return (
    <div className="transfer-control">
      <div className="row">
        <select aria-label={t('audience')} value={audience} onChange={(e) => setAudience(e.target.value as 'internal' | 'public')} disabled={j.busy}>
          <option value="internal">{t('audienceInternal')}</option>
          <option value="public">{t('audiencePublic')}</option>
        </select>
        <button type="button" className="button" disabled={j.busy} onClick={() => void j.run(() => api.post<JobView<PackageResult>>('/api/packages', { kind, id, audience }))}>
          {t('package')}
        </button>
      </div>
      <JobProgress job={j.job} />
      <Problem error={j.error} />
      {j.result && (
        <a className="button primary" href={j.result.download} download data-testid="package-download">
          {t('downloadPdf', { size: formatBytes(j.result.bytes), records: formatNumber(j.result.records) })}
        </a>
      )}
    </div>
  );
}

interface ExportResult { bytes: number; download: string; files: number; records: Record<string, number>; fingerprint: string }

/** "Export bundle" (admins): the case's records and files, signed by this instance's key. */
export function ExportBundleButton({ caseId }: { caseId: string }) {
  const { t } = useTranslation('bundles');
  const isAdmin = useCanAdmin();
  const j = useJob<ExportResult>();
  if (!isAdmin) return null;
  return (
    <div className="transfer-control">
      <button type="button" className="button" disabled={j.busy} onClick={() => void j.run(() => api.post<JobView<ExportResult>>('/api/bundles/exports', { caseId }))}>
        {t('exportBundle')}
      </button>
      <JobProgress job={j.job} />
      <Problem error={j.error} />
      {j.result && (
        <a className="button primary" href={j.result.download} download data-testid="bundle-download">
          {t('downloadBundle', { size: formatBytes(j.result.bytes), files: formatNumber(j.result.files), fingerprint: j.result.fingerprint })}
        </a>
      )}
    </div>
  );
}

interface ImportResult { importId: string; alreadyImported: boolean; trusted: boolean; signerName: string | null; counts: Record<string, { created: number; matched: number }>; files: number; verification: VerificationReport }

function Report({ r }: { r: VerificationReport }) {
  const { t } = useTranslation('bundles');
  return (
    <div className="card transfer-report" data-testid="verification-report">
      <strong>{r.ok ? t('verified') : t('notVerified')}</strong>
      {r.problems.length > 0 && <ul className="form-error">{r.problems.map((p, i) => <li key={i}>{p}</li>)}</ul>}
      <dl className="props">
        {r.case && <><dt>{t('case')}</dt><dd>{r.case.title}</dd></>}
        {r.instance && <><dt>{t('from')}</dt><dd>{r.instance.name ?? r.instance.id}</dd></>}
        {r.exportedBy && <><dt>{t('exportedBy')}</dt><dd>{r.exportedBy} · {r.exportedAt}</dd></>}
        {r.signer && <><dt>{t('signer')}</dt><dd><code>{r.signer.fingerprint}</code> · {r.signer.trusted ? t('trusted', { name: r.signer.name ?? '' }) : t('untrusted')}</dd></>}
        <dt>{t('size')}</dt><dd>{formatBytes(r.bytes)} · {t('members', { count: r.members, n: formatNumber(r.members) })}</dd>
      </dl>
      {Object.keys(r.records).length > 0 && (
        <ul className="small">{Object.entries(r.records).map(([k, n]) => <li key={k}>{humanise(k)}: {formatNumber(n)}</li>)}</ul>
      )}
    </div>
  );
}

/** "Import bundle" (admins): upload, see the verification, then import (all or nothing) and see what came in. */
export function ImportBundle() {
  const { t } = useTranslation('bundles');
  const [file, setFile] = useState<File | null>(null);
  const [allowUntrusted, setAllowUntrusted] = useState(false);
  const verify = useJob<VerificationReport>();
  const imp = useJob<ImportResult>();
  const busy = verify.busy || imp.busy;
  const form = (extra: Record<string, string> = {}) => {
    const fd = new FormData();
    for (const [k, v] of Object.entries(extra)) fd.append(k, v);
    fd.append('file', file!);
    return fd;
  };
  return (
    <section className="card" aria-label={t('importTitle')}>
      <div className="card-head"><h2>{t('importTitle')}</h2><span className="hint">{t('importHint')}</span></div>
      <div className="row">
        <input type="file" accept=".tar,application/x-tar" aria-label={t('bundleFile')} onChange={(e: ChangeEvent<HTMLInputElement>) => setFile(e.target.files?.[0] ?? null)} disabled={busy} />
        <label className="check"><input type="checkbox" checked={allowUntrusted} onChange={(e) => setAllowUntrusted(e.target.checked)} disabled={busy} /> {t('allowUntrusted')}</label>
      </div>
      <div className="row">
        <button type="button" className="button" disabled={!file || busy} onClick={() => void verify.run(() => api.post<JobView<VerificationReport>>('/api/bundles/verify', form()))}>{t('verify')}</button>
        <button type="button" className="button primary" disabled={!file || busy} onClick={() => void imp.run(() => api.post<JobView<ImportResult>>('/api/bundles/imports', form({ allowUntrusted: String(allowUntrusted) })))}>{t('import')}</button>
      </div>
      <JobProgress job={verify.job} />
      <JobProgress job={imp.job} />
      <Problem error={verify.error} />
      <Problem error={imp.error} />
      {verify.result && <Report r={verify.result} />}
      {imp.result && (
        <div data-testid="import-result">
          <p role="status">{imp.result.alreadyImported ? t('alreadyImported') : t('imported', { files: formatNumber(imp.result.files) })}</p>
          {!imp.result.alreadyImported && (
            <ul className="small">
              {Object.entries(imp.result.counts).map(([k, c]) => <li key={k}>{t('counted', { what: humanise(k), created: formatNumber(c.created), matched: formatNumber(c.matched) })}</li>)}
            </ul>
          )}
          <Report r={imp.result.verification} />
        </div>
      )}
    </section>
  );
}
