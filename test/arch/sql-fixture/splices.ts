// A file that splices text into SQL in each way test/arch/sql.test.ts must catch, beside the
// ways it must let through. It is read as text by the scanner, never run.
import { sql } from 'kysely';

const table = 'components';
const column = 'maker_id';

export const caught = [
  sql`SELECT * FROM ${sql.raw(table)}`, // line 9: an identifier through sql.raw
  `SELECT id FROM components WHERE ${column} IS NULL`, // line 10: an untagged SQL template
  `UPDATE ${table} SET visibility = 'public'`, // line 11
];

export const allowed = [
  sql`SELECT ${sql.ref(column)} FROM ${sql.table(table)}`, // quoted identifiers
  sql`SELECT * FROM components WHERE id = ${column}`, // a parameter
  sql.raw('SELECT 1'), // a literal
  `no ${table} you can see has this id`, // prose
];
