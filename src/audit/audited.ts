import type { Kysely } from 'kysely';

declare const AUDITED: unique symbol;

/**
 * A connection inside a transaction that `audited` opened: the only kind `recordWrite` accepts,
 * so an audit entry cannot be written outside the transaction of the write it describes. A helper
 * that writes an audited table inside its caller's transaction takes its connection as
 * `Audited<DB>` (test/arch/audited.test.ts holds every such write to this).
 */
export type Audited<T> = T & { readonly [AUDITED]: true };

/**
 * The audited write: runs `write` in one transaction (the write, its checks and its audit entries
 * commit or vanish together). Called with a connection that is already in a transaction (a nested
 * helper, the demo load inside its caller's), it joins that one instead of opening another.
 */
export async function audited<S, T>(db: Audited<Kysely<S>>, write: (trx: Audited<Kysely<S>>) => Promise<T>): Promise<T>;
export async function audited<S, T>(db: Kysely<S>, write: (trx: Audited<Kysely<S>>) => Promise<T>): Promise<T>;
export async function audited<S, T>(db: Kysely<S>, write: (trx: Audited<Kysely<S>>) => Promise<T>): Promise<T> {
  if (db.isTransaction) return write(db as Audited<Kysely<S>>);
  return db.transaction().execute((trx) => write(trx as Kysely<S> as Audited<Kysely<S>>));
}

/**
 * For the one caller that runs its own transaction by hand on a single connection (a table import:
 * BEGIN, COPY streams and temporary tables, COMMIT): declares that connection to be inside it.
 */
export function inOpenTransaction<T>(conn: T): Audited<T> {
  return conn as Audited<T>;
}
