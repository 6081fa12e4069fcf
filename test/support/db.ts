import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject, afterAll } from 'vitest';
import { createPool, closePool, withDatabaseName, type DB } from '../../src/db/index.js';
import { TEMPLATE } from './global-setup.js';

export interface TestDatabase {
  db: DB;
  pool: pg.Pool;
  url: string;
  name: string;
}

/** A fresh database cloned from the migrated template, dropped when the test file ends. */
export async function freshDatabase(): Promise<TestDatabase> {
  const adminUrl = inject('pgAdminUrl');
  const name = `remnant_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    // Cloning needs the template to itself: test files starting together take turns.
    await admin.query('SELECT pg_advisory_lock(7235100)');
    try {
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE}`);
    } catch (e) {
      const who = await admin.query(`SELECT pid, datname, application_name, state, query FROM pg_stat_activity WHERE datname = '${TEMPLATE}'`);
      throw new Error(`${(e as Error).message}: ${JSON.stringify(who.rows)}`);
    }
    await admin.query('SELECT pg_advisory_unlock(7235100)');
  } finally {
    await admin.end();
  }
  const url = withDatabaseName(adminUrl, name);
  const { db, pool } = createPool(url, 5);
  afterAll(async () => {
    await closePool(db, pool);
    const a = new pg.Client({ connectionString: adminUrl });
    await a.connect();
    await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
    await a.end();
  });
  return { db, pool, url, name };
}
