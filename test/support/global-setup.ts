import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { ensureEmbeddedServer, withDatabaseName, createPool, closePool, prepareSchema } from '../../src/db/index.js';

/**
 * One real PostgreSQL for the whole run: the embedded server in a temporary directory, or the
 * server at DATABASE_URL (CI runs the suite both ways). A template database is migrated once;
 * each test file clones it, which takes milliseconds.
 */
export const TEMPLATE = 'remnant_test_template';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let adminUrl: string;
  let stop = async () => {};
  let tmp: string | null = null;
  if (process.env.DATABASE_URL) {
    adminUrl = process.env.DATABASE_URL;
  } else {
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'remnant-test-'));
    await fs.chmod(tmp, 0o755);
    const server = await ensureEmbeddedServer(tmp);
    adminUrl = server.url;
    stop = () => server.stop();
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${TEMPLATE}`);
  } finally {
    await admin.end();
  }
  const { db, pool } = createPool(withDatabaseName(adminUrl, TEMPLATE), 2);
  try {
    await prepareSchema({ db, pool });
  } finally {
    await closePool(db, pool);
  }
  project.provide('pgAdminUrl', adminUrl);
  return async () => {
    await stop();
    if (tmp) await fs.rm(tmp, { recursive: true, force: true });
  };
}
