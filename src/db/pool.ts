import pg from 'pg';
import { CamelCasePlugin, Kysely, PostgresDialect } from 'kysely';
import type { DB as Tables } from './schema.js';

// Counts arrive as int8; we never count past 2^53, and JSON has no bigints, so read them as numbers.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));
// Dates stay 'YYYY-MM-DD' strings: a calendar date has no time zone and must not shift through Date objects.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
// Timestamps travel as ISO 8601 strings, the shape the API schemas declare.
pg.types.setTypeParser(pg.types.builtins.TIMESTAMPTZ, (v) => new Date(v).toISOString());
pg.types.setTypeParser(pg.types.builtins.TIMESTAMP, (v) => new Date(v + 'Z').toISOString());

/**
 * The database with its row types, generated from the migrated schema (src/db/schema.ts, by
 * scripts/db-types.ts; a test fails when it is stale). The CamelCasePlugin maps snake_case columns
 * to the camelCase the API speaks; raw `sql` text is not rewritten, so raw SQL names columns in
 * snake_case and types its rows with `sql<Row>`.
 */
export type TypedDB = Kysely<Tables>;

/** The name most contexts import: the same typed database (it was untyped until every context moved). */
export type DB = TypedDB;

/**
 * Tables named at run time (the generic evidence store, access checks, imports and exports): the
 * compiler knows neither the name nor the columns, so a row is a record of unknown values. Such
 * code asks for this view explicitly, `db.withTables<DynamicTables>()`, a type-only change.
 */
export type DynamicTables = Record<string, Record<string, unknown>>;

/** Closes both: Kysely ends the pool only if it ever ran a query through it. */
export async function closePool(db: DB, pool: pg.Pool): Promise<void> {
  await db.destroy();
  if (!pool.ended) await pool.end();
}

export function createPool(url: string, max = 10): { db: DB; pool: pg.Pool } {
  const pool = new pg.Pool({ connectionString: url, max, application_name: 'remnant' });
  // An idle client losing its server (e.g. during shutdown) must not crash the process.
  pool.on('error', () => {});
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] });
  POOLS.set(db, pool);
  return { db, pool };
}

/** The pool behind a `DB`, for work Kysely cannot do (COPY streams): routes hold only the `DB`. */
const POOLS = new WeakMap<DB, pg.Pool>();
export function poolOf(db: DB): pg.Pool {
  const pool = POOLS.get(db);
  if (!pool) throw new Error('this DB was not made by createPool; no pool to take a connection from');
  return pool;
}
