import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { DB } from '../db/index.js';
import * as jobs from '../jobs/index.js';
import { Problem } from '../problems.js';
import { exportBundle } from './export.js';
import { BundleRefused, importBundle } from './import.js';
import { keyFile, loadOrCreateKey } from './keys.js';
import { trustedKey } from './trust.js';
import { verifyBundle, type Verification } from './verify.js';

/**
 * Bundle export, verification and import from the web app, as jobs (src/jobs/): a 1 GB case takes
 * minutes, must report its progress to whichever app server is asked, and must survive a restart.
 * The uploaded bundle is stored in PostgreSQL by the route and read back by the job; an exported
 * bundle is stored the same way under the job (field `bundle`) and downloaded from it until the
 * job expires (jobs.KEEP_DAYS). The CLI runs the same functions in the foreground.
 */
export const EXPORT_JOB = 'bundle-export';
export const VERIFY_JOB = 'bundle-verify';
export const IMPORT_JOB = 'bundle-import';
/** The job_files field an exported bundle is stored under. */
export const BUNDLE_FIELD = 'bundle';

/** What a verification job answers, and what an import's report carries: the verification, plus whether this instance trusts the signer. */
export interface VerificationReport {
  ok: boolean;
  problems: string[];
  signer: { publicKey: string; fingerprint: string; trusted: boolean; name: string | null } | null;
  case: { id: string; title: string } | null;
  instance: { id: string; name: string | null } | null;
  exportedAt: string | null;
  exportedBy: string | null;
  schemaVersion: number | null;
  records: Record<string, number>;
  members: number;
  bytes: number;
}

export async function verificationReport(db: DB, v: Verification): Promise<VerificationReport> {
  const trust = v.signer ? await trustedKey(db, v.signer.publicKey) : null;
  return {
    ok: v.ok,
    problems: v.problems,
    signer: v.signer ? { ...v.signer, trusted: !!trust, name: trust?.name ?? null } : null,
    case: v.manifest?.case ?? null,
    instance: v.manifest?.instance ?? null,
    exportedAt: v.manifest?.exportedAt ?? null,
    exportedBy: v.manifest?.exportedBy ?? null,
    schemaVersion: v.manifest?.schemaVersion ?? null,
    records: v.manifest?.records ?? {},
    members: v.members,
    bytes: v.bytes,
  };
}

/** The uploaded bundle's path in the job's private directory. */
async function upload(ctx: jobs.JobContext): Promise<string> {
  const files = await ctx.files();
  if (!files.file) throw new Problem(422, 'Bundle refused', 'the uploaded bundle is no longer stored; upload it again');
  return files.file.path;
}

/** Declares the three kinds of job; the bundle routes call it once per app. */
export function defineBundleJobs(db: DB, dataDir: string): void {
  jobs.defineJob(EXPORT_JOB, async (ctx) => {
    const caseId = String(ctx.input.caseId);
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'remnant-bundle-'));
    try {
      const file = path.join(dir, 'bundle.tar');
      const r = await exportBundle(db, ctx.actor, loadOrCreateKey(keyFile(dataDir)), caseId, file, (p) => ctx.progress({ ...p }));
      ctx.progress({ phase: 'storing', done: 0, total: r.bytes });
      await jobs.saveOutputFile(db, ctx.id, BUNDLE_FIELD, `remnant-case-${caseId}.tar`, createReadStream(file));
      return { caseId, records: r.records, files: r.files, bytes: r.bytes, fingerprint: r.fingerprint, download: `/api/bundles/exports/${ctx.id}/bundle.tar` };
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  }, { keepFiles: true });

  jobs.defineJob(VERIFY_JOB, async (ctx) => {
    ctx.progress({ phase: 'verifying', done: 0, total: null });
    return verificationReport(db, await verifyBundle(await upload(ctx)));
  });

  jobs.defineJob(IMPORT_JOB, async (ctx) => {
    try {
      const r = await importBundle(db, ctx.actor, await upload(ctx), { allowUntrusted: ctx.input.allowUntrusted === true, onProgress: (p) => ctx.progress({ ...p }) });
      return { importId: r.importId, alreadyImported: r.alreadyImported, trusted: r.trusted, signerName: r.signerName, counts: r.counts, files: r.files, verification: await verificationReport(db, r.verification) };
    } catch (e) {
      // The job's problem carries every reason, as `errors` (what the API and web app show for a job).
      if (e instanceof BundleRefused) throw new Problem(422, 'Bundle refused', e.detail, { errors: e.problems.map((message) => ({ field: 'file', message })) });
      throw e;
    }
  });
}
