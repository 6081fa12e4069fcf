import type { App } from '../app.js';
import health from './health.js';
import evidence from './evidence.js';
import evidenceFiles from './evidence-files.js';

/** Every API area registers here: one line, one routes file per context. */
export async function registerRoutes(app: App): Promise<void> {
  await app.register(health);
  await app.register(evidence);
  await app.register(evidenceFiles);
}
