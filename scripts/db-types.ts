/**
 * Generates src/db/schema.ts, the TypeScript types of the migrated database, with kysely-codegen
 * run against a real PostgreSQL: the embedded server in a temporary directory, or the server at
 * DATABASE_URL (a scratch database is made there and dropped). test/db/schema-types.test.ts fails
 * when the committed file differs from what the migrations give.
 *
 *   npx tsx scripts/db-types.ts
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { closePool, createPool, ensureEmbeddedServer, prepareSchema, withDatabaseName } from '../src/db/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SCHEMA_TYPES = path.join(root, 'src/db/schema.ts');
// How src/db/pool.ts hands values to the code: counts and numerics as numbers, dates and times as
// ISO strings. The generated types must say the same.
const TYPE_MAPPING = { int8: 'number', numeric: 'number', date: 'string', timestamptz: 'string', timestamp: 'string' };

/** The types of the (migrated) database at `url`, as kysely-codegen prints them. */
export function schemaTypes(url: string): string {
  const args = [
    '--dialect', 'postgres', '--url', url, '--camel-case', '--date-parser', 'string', '--numeric-parser', 'number',
    '--type-mapping', JSON.stringify(TYPE_MAPPING), '--exclude-pattern', '{pgboss.*,remnant_migrations}', '--log-level', 'error', '--print',
  ];
  const r = spawnSync(path.join(root, 'node_modules/.bin/kysely-codegen'), args, { cwd: root, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`kysely-codegen failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

async function main(): Promise<void> {
  let adminUrl = process.env.DATABASE_URL;
  let stop = async () => {};
  let tmp: string | null = null;
  if (!adminUrl) {
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'remnant-codegen-'));
    await fs.chmod(tmp, 0o755);
    const server = await ensureEmbeddedServer(tmp);
    adminUrl = server.url;
    stop = () => server.stop();
  }
  const scratch = `remnant_codegen_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${scratch}`);
    const url = withDatabaseName(adminUrl, scratch);
    const { db, pool } = createPool(url, 2);
    try {
      await prepareSchema({ db, pool });
    } finally {
      await closePool(db, pool);
    }
    await fs.writeFile(SCHEMA_TYPES, schemaTypes(url));
    console.log(`wrote ${path.relative(root, SCHEMA_TYPES)}`);
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${scratch} WITH (FORCE)`).catch(() => {});
    await admin.end();
    await stop();
    if (tmp) await fs.rm(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => { console.error(e); process.exitCode = 1; });
}
