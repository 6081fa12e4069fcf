// Writes to audited tables in and out of an audited write, for test/arch/audited.test.ts. Read as
// text by the scanner, never run.
import { sql, type Kysely } from 'kysely';
import { audited, recordWrite, type Audited } from '../../../src/audit/index.js';

interface Tables { items: { id: string; label: string }; itemNotes: { id: string } }

export async function unaudited(db: Kysely<Tables>, table: 'items' | 'itemNotes') {
  await db.insertInto('items').values({ id: '1', label: 'x' }).execute(); // line 9: caught
  await sql`UPDATE components SET notes = '' WHERE id = ${'1'}`.execute(db); // line 10: caught
  await db.deleteFrom(table).execute(); // line 11: caught (a table named at run time)
  await db.insertInto('itemNotes').values({ id: '1' }).execute(); // not an audited table
}

export async function inside(db: Kysely<Tables>) {
  await audited(db, async (trx) => {
    await trx.updateTable('items').set({ label: 'y' }).execute();
    await helper(trx);
    await recordWrite(trx, { actorId: null, action: 'update', recordType: 'items', recordId: '1' });
  });
}

async function helper(trx: Audited<Kysely<Tables>>) {
  await trx.deleteFrom('items as i').execute();
}
