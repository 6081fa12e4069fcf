import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, type RawBuilder } from 'kysely';

/**
 * A Kysely that only compiles (it never connects): for statements a plain `pg` client must run,
 * such as `CREATE DATABASE` on the maintenance connection or DDL on a loader's own connection.
 * Identifiers in the template go through `sql.id`/`sql.ref`/`sql.table`, values become `$n`.
 */
const compiler = new Kysely<Record<string, never>>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

/** The text and parameters of a `sql` template, for `client.query(text, parameters)`. */
export function sqlText(q: RawBuilder<unknown>): { text: string; values: unknown[] } {
  const c = q.compile(compiler);
  return { text: c.sql, values: [...c.parameters] };
}
