import { sql } from 'kysely';
import type { DB } from '../db/index.js';
import { audited } from '../audit/index.js';
import { loadDemoCase } from './kn23.js';
import { loadDemoTraces } from './traces.js';

/**
 * Loads the demo case once per instance: on the first start of an empty database. The marker in
 * `instance_settings` makes a deliberate deletion of the demo records stick across restarts.
 */
export async function loadDemoIfFirstStart(db: DB): Promise<string | null> {
  return audited(db, async (trx) => {
    // Two servers starting together on one database must not both load it.
    await sql`SELECT pg_advisory_xact_lock(7235003)`.execute(trx);
    const marker = await trx.selectFrom('instanceSettings').select('key').where('key', '=', 'demo_loaded').executeTakeFirst();
    if (marker) return null;
    const existing = await sql<{ n: number }>`SELECT (SELECT count(*) FROM items) + (SELECT count(*) FROM sources) AS n`.execute(trx);
    if (existing.rows[0]!.n > 0) return null;
    const summary = await loadDemoCase(trx);
    await loadDemoTraces(trx);
    await trx.insertInto('instanceSettings').values({ key: 'demo_loaded', value: JSON.stringify({ at: new Date().toISOString(), summary }) }).execute();
    return summary;
  });
}
