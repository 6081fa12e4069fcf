import type { App } from '../app.js';
import health from './health.js';
import evidence from './evidence.js';
import evidenceFiles from './evidence-files.js';
import findings from './findings.js';
import claims from './claims.js';
import cases from './cases.js';
import tracing from './tracing.js';
import screening from './screening.js';
import accounts from './accounts.js';
import audit from './audit.js';
import identify from './identify.js';
import transfer from './transfer.js';
import search from './search.js';
import jobs from './jobs.js';
import ingest from './ingest.js';
import bundles from './bundles.js';
import ocr from './ocr.js';

/** Every API area registers here: one line, one routes file per context. */
export async function registerRoutes(app: App): Promise<void> {
  await app.register(health);
  await app.register(evidence);
  await app.register(evidenceFiles);
  await app.register(findings);
  await app.register(claims);
  await app.register(cases);
  await app.register(tracing);
  await app.register(screening);
  await app.register(accounts);
  await app.register(audit);
  await app.register(identify);
  await app.register(transfer);
  await app.register(search);
  await app.register(jobs);
  await app.register(ingest);
  await app.register(bundles);
  await app.register(ocr);
}
