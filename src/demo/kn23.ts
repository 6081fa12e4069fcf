import type { DB } from '../db/index.js';

/** The KN-23/KN-24 demo case. Placeholder until the findings work lands: loads nothing yet. */
export async function loadDemoCase(_db: DB): Promise<string> {
  return 'demo case not yet available';
}
