import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { freshDatabase, type TestDatabase } from '../support/db.js';
import { audited, historyOf, recordWrite } from '../../src/audit/index.js';
import { SYSTEM_ACTOR } from '../../src/access/index.js';

/** The audited write owns one transaction: the write and its entry commit, or neither does. */
let database: TestDatabase;
beforeAll(async () => {
  database = await freshDatabase();
});

async function writeOrganisation(name: string, fail: boolean): Promise<string> {
  let id = '';
  await audited(database.db, async (trx) => {
    const row = await trx.insertInto('organisations').values({ name, kind: 'manufacturer', createdBy: SYSTEM_ACTOR.id, updatedBy: SYSTEM_ACTOR.id }).returning('id').executeTakeFirstOrThrow();
    id = row.id;
    await recordWrite(trx, { actorId: SYSTEM_ACTOR.id, action: 'create', recordType: 'organisations', recordId: id, after: { name } });
    if (fail) throw new Error('refused after the entry');
  }).catch((e: unknown) => {
    if (!fail) throw e;
  });
  return id;
}

const organisationsNamed = async (name: string) =>
  (await sql<{ n: number }>`SELECT count(*)::int AS n FROM organisations WHERE name = ${name}`.execute(database.db)).rows[0]!.n;

describe('audited', () => {
  it('commits the write with its entry', async () => {
    const id = await writeOrganisation('Audited Maker', false);
    expect(await organisationsNamed('Audited Maker')).toBe(1);
    expect((await historyOf(database.db, 'organisations', id)).map((e) => e.action)).toEqual(['create']);
  });

  it('rolls back the write and its entry together when the write fails after recording it', async () => {
    const id = await writeOrganisation('Refused Maker', true);
    expect(id).not.toBe('');
    expect(await organisationsNamed('Refused Maker')).toBe(0);
    expect(await historyOf(database.db, 'organisations', id)).toEqual([]);
  });

  it('joins the transaction it is called in, so an outer rollback takes the inner entry with it', async () => {
    let id = '';
    await expect(audited(database.db, async (outer) => {
      await audited(outer, async (inner) => {
        const row = await inner.insertInto('organisations').values({ name: 'Nested Maker', kind: 'manufacturer', createdBy: SYSTEM_ACTOR.id, updatedBy: SYSTEM_ACTOR.id }).returning('id').executeTakeFirstOrThrow();
        id = row.id;
        await recordWrite(inner, { actorId: SYSTEM_ACTOR.id, action: 'create', recordType: 'organisations', recordId: id });
      });
      throw new Error('the outer write fails');
    })).rejects.toThrow('the outer write fails');
    expect(await organisationsNamed('Nested Maker')).toBe(0);
    expect(await historyOf(database.db, 'organisations', id)).toEqual([]);
  });
});
