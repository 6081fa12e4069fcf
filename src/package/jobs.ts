import { Readable } from 'node:stream';
import type { DB } from '../db/index.js';
import * as jobs from '../jobs/index.js';
import { evidencePackage } from './package.js';
import type { PackageScope } from './gather.js';
import type { Language } from '../messages/index.js';

/**
 * Evidence packages from the web app, as jobs: the package of a whole case takes seconds (its
 * findings, charts and every photo), longer than a request should wait, so the route answers 202
 * and the PDF is stored under the job (field `package`) to download until the job expires.
 */
export const PACKAGE_JOB = 'evidence-package';
export const PACKAGE_FIELD = 'package';
export type PackageAudience = 'internal' | 'public';

export interface PackageJobInput {
  kind: PackageScope['kind'];
  id: string;
  audience: PackageAudience;
  /** Absent in jobs queued before languages: English. */
  language?: Language;
}

export function definePackageJob(db: DB): void {
  jobs.defineJob(PACKAGE_JOB, async (ctx) => {
    const input = ctx.input as unknown as PackageJobInput;
    ctx.progress({ phase: 'rendering' });
    // The public package is read as the public reads (published records, redacted), whoever asks.
    const r = await evidencePackage(db, input.audience === 'public' ? null : ctx.actor, { kind: input.kind, id: input.id }, new Date(), input.language ?? 'en');
    ctx.progress({ phase: 'storing' });
    await jobs.saveOutputFile(db, ctx.id, PACKAGE_FIELD, `remnant-${input.kind}-${input.id}${input.audience === 'public' ? '-public' : ''}${input.language && input.language !== 'en' ? `-${input.language}` : ''}.pdf`, Readable.from([r.pdf]));
    return { ...input, bytes: r.pdf.length, records: r.recordIds.length, files: r.fileHashes.length, download: `/api/packages/${ctx.id}/package.pdf` };
  }, { keepFiles: true });
}
