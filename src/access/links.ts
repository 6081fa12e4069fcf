import { sql } from 'kysely';
import type { DB, DynamicTables } from '../db/index.js';
import { ValidationProblem, type FieldError } from '../problems.js';
import { readableBy, type Actor } from './index.js';

/**
 * Links respect access: a write may set a foreign key only to a record its actor can read. A record
 * the actor cannot read is answered exactly like one that does not exist (the same 400, the same
 * words), so a link cannot be used to probe for restricted records, and its owner never finds
 * someone else's component hung on their restricted item. The evidence store applies this to every
 * foreign key a write sets; trace requests and hops, case members and evidence files call it too.
 */

export interface LinkTarget {
  /** The request field named in the 400, e.g. `itemId`, `sourceIds` or `hops.0.sellerId`. */
  field: string;
  /** The linked table as Kysely names it (camelCase), e.g. `items`. */
  table: string;
  ids: readonly string[];
}

/** `custodyEvents` → `custody event`: how a 400 names the missing record. */
export function recordNoun(table: string): string {
  return table.replace(/s$/, '').replace(/[A-Z]/g, (c) => ' ' + c.toLowerCase());
}

/** Of `ids`, those the actor cannot read, whether they do not exist or are hidden from them, in the order given. */
export async function unreadableIds(db: DB, actor: Actor | null, table: string, ids: readonly string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  // A malformed id cannot name a record: it is as missing as any other (and must not reach a uuid cast).
  const wellFormed = unique.filter((i) => UUID.test(i));
  const found = wellFormed.length
    ? await db.withTables<DynamicTables>().selectFrom(table).select('id').where('id', '=', sql<string>`ANY(${wellFormed}::uuid[])`).where(readableBy(actor)).execute()
    : [];
  const have = new Set(found.map((r) => r.id as string));
  return unique.filter((i) => !have.has(i));
}
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The 400 for every linked id the actor cannot read, each under its field; nothing when all are readable. */
export async function linkProblems(db: DB, actor: Actor | null, targets: readonly LinkTarget[]): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  for (const t of targets) {
    for (const id of await unreadableIds(db, actor, t.table, t.ids)) errors.push({ field: t.field, message: `no ${recordNoun(t.table)} with id ${id}` });
  }
  return errors;
}

/** Throws the 400 unless the actor can read every record the write links to. */
export async function assertLinkable(db: DB, actor: Actor | null, targets: readonly LinkTarget[]): Promise<void> {
  const errors = await linkProblems(db, actor, targets);
  if (errors.length) throw new ValidationProblem(errors);
}

/**
 * The foreign keys of a table that lead to records with access rules (a `visibility` and a
 * `created_by`, which `readableBy` tests), as camelCase column → camelCase table, read from the
 * database's own catalogue: a foreign key added by a later migration is guarded without being
 * declared again. The schema does not change while a process runs, so each table is asked once.
 */
export function guardedForeignKeys(db: DB, table: string): Promise<Map<string, string>> {
  let known = FOREIGN_KEYS.get(table);
  if (!known) {
    known = readForeignKeys(db, table);
    FOREIGN_KEYS.set(table, known);
    known.catch(() => FOREIGN_KEYS.delete(table));
  }
  return known;
}
const FOREIGN_KEYS = new Map<string, Promise<Map<string, string>>>();

const snake = (s: string) => s.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase());
const camel = (s: string) => s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

async function readForeignKeys(db: DB, table: string): Promise<Map<string, string>> {
  const { rows } = await sql<{ col: string; target: string }>`
    SELECT a.attname AS col, ct.relname AS target
      FROM pg_constraint c
      JOIN pg_class ct ON ct.oid = c.confrelid
      JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
     WHERE c.contype = 'f' AND cardinality(c.conkey) = 1 AND c.conrelid = to_regclass(${snake(table)})
       AND EXISTS (SELECT 1 FROM pg_attribute v WHERE v.attrelid = ct.oid AND v.attname = 'visibility' AND NOT v.attisdropped)
       AND EXISTS (SELECT 1 FROM pg_attribute o WHERE o.attrelid = ct.oid AND o.attname = 'created_by' AND NOT o.attisdropped)
     ORDER BY 1`.execute(db);
  return new Map(rows.map((r) => [camel(r.col), camel(r.target)]));
}
