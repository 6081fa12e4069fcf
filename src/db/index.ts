import type pg from 'pg';
import type { Config } from '../config.js';
import { ensureEmbeddedServer, type EmbeddedServer } from './embedded.js';
import { closePool, createPool, type DB } from './pool.js';
import { migrate, type MigrationResult } from './migrate.js';
import { syncReferenceData } from './reference-sync.js';
import { prepareQueue } from '../jobs/index.js';
import { backfillPhotoFacts } from '../evidence/index.js';

export type { DB, TypedDB, DynamicTables } from './pool.js';
export type * as Schema from './schema.js';
export { migrate } from './migrate.js';
export { createPool, closePool, poolOf } from './pool.js';
export { ensureEmbeddedServer, withDatabaseName } from './embedded.js';
export { sqlText } from './sql-text.js';

export interface Database {
  db: DB;
  pool: pg.Pool;
  url: string;
  /** Set when the embedded server is in use (started here or attached to). */
  embedded: EmbeddedServer | null;
  close(): Promise<void>;
}

/**
 * Opens the configured database: `DATABASE_URL` when set (nothing is started), otherwise the
 * embedded server in the data directory, started or attached to.
 */
export async function openDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir'>, log: (m: string) => void = () => {}): Promise<Database> {
  const embedded = config.databaseUrl ? null : await ensureEmbeddedServer(config.dataDir, log);
  const url = config.databaseUrl ?? embedded!.url;
  const { db, pool } = createPool(url);
  let closed = false;
  return {
    db,
    pool,
    url,
    embedded,
    close: async () => {
      if (closed) return;
      closed = true;
      await closePool(db, pool);
      if (embedded?.owned) await embedded.stop();
    },
  };
}

/** Schema migrations, the job queue's schema, then the versioned reference tables (makers, CHPL, countries) they hold. */
export async function prepareSchema(database: Pick<Database, 'db' | 'pool'>): Promise<MigrationResult> {
  const result = await migrate(database.pool);
  // The job queue's own schema, by pg-boss's migrator (its SQL ships in the package).
  await prepareQueue(database.pool);
  await syncReferenceData(database.db);
  // Images stored before the photo checks: read once more from their originals (src/evidence/photos.ts).
  if (result.applied.some((m) => m === '0007_exif_time_zone.sql' || m === '0008_photo_checks.sql')) await backfillPhotoFacts(database.db);
  return result;
}
