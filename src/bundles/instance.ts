import os from 'node:os';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { DB } from '../db/index.js';

export interface InstanceIdentity {
  id: string;
  name: string | null;
}

/**
 * Who this instance is, as written into the bundles it signs: a random id made once and kept in
 * `instance_settings` (so it survives restarts and travels with a restore), and a readable name
 * from `REMNANT_INSTANCE_NAME` (the host name when unset).
 */
export async function instanceIdentity(db: DB, env: NodeJS.ProcessEnv = process.env): Promise<InstanceIdentity> {
  await sql`INSERT INTO instance_settings (key, value) VALUES ('instance_id', to_jsonb(${randomUUID()}::text)) ON CONFLICT (key) DO NOTHING`.execute(db);
  const row = await sql<{ id: string }>`SELECT value #>> '{}' AS id FROM instance_settings WHERE key = 'instance_id'`.execute(db);
  return { id: row.rows[0]!.id, name: env.REMNANT_INSTANCE_NAME || os.hostname() || null };
}
