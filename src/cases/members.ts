import { sql } from 'kysely';
import type { TypedDB as DB } from '../db/index.js';
import { assertCanWrite, readableBy, type Actor, type Visibility } from '../access/index.js';
import { recordWrite, audited } from '../audit/index.js';
import { recordNoun, unreadableIds } from '../access/index.js';
import { get } from '../evidence/index.js';
import { NotFound, ValidationProblem, type FieldError } from '../problems.js';
import { cases, MEMBER_KINDS, type MemberKind } from './spec.js';

/**
 * Adding records to a case and taking them out, one audited write each. Unlike a PATCH of the
 * member lists (which replaces them), these never drop members someone else added meanwhile.
 */
export type MemberInput = Partial<Record<(typeof MEMBER_KINDS)[MemberKind]['field'], string[]>>;

async function lockCase(trx: DB, actor: Actor, caseId: string): Promise<{ createdBy: string; visibility: Visibility }> {
  const existing = await trx.selectFrom('cases').select(['id', 'createdBy', 'visibility']).where('id', '=', caseId).where(readableBy(actor)).forUpdate().executeTakeFirst();
  if (!existing) throw new NotFound('case', caseId);
  const e = existing as { createdBy: string; visibility: Visibility };
  assertCanWrite(actor, 'update', e, { recordType: 'cases' });
  return e;
}

async function membersOf(trx: DB, caseId: string): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const k of Object.values(MEMBER_KINDS)) {
    const rows = await trx.selectFrom(k.table).select(k.column).where('caseId', '=', caseId).orderBy(k.column).execute();
    out[k.field] = rows.map((r) => r[k.column]);
  }
  return out;
}

export async function addMembers(db: DB, actor: Actor, caseId: string, input: MemberInput): Promise<Record<string, unknown>> {
  await audited(db, async (trx) => {
    await lockCase(trx, actor, caseId);
    const before = await membersOf(trx, caseId);
    const errors: FieldError[] = [];
    for (const k of Object.values(MEMBER_KINDS)) {
      const wanted = [...new Set(input[k.field] ?? [])];
      if (wanted.length === 0) continue;
      // A record the actor cannot see is reported as missing, so membership cannot probe for it.
      const missing = new Set(await unreadableIds(trx, actor, k.target, wanted));
      wanted.forEach((w, i) => {
        if (missing.has(w)) errors.push({ field: `${k.field}.${i}`, message: `no ${recordNoun(k.target)} with id ${w}` });
      });
      if (errors.length) continue;
      await trx
        .insertInto(k.table)
        .values(wanted.map((w) => ({ caseId, [k.column]: w })))
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
    if (errors.length) throw new ValidationProblem(errors);
    await sql`UPDATE cases SET updated_by = ${actor.id}::uuid WHERE id = ${caseId}::uuid`.execute(trx);
    await recordWrite(trx, { actorId: actor.id, action: 'add-members', recordType: 'cases', recordId: caseId, before, after: await membersOf(trx, caseId) });
  });
  return get(db, actor, cases, caseId);
}

export async function removeMember(db: DB, actor: Actor, caseId: string, kind: MemberKind, memberId: string): Promise<Record<string, unknown>> {
  const k = MEMBER_KINDS[kind];
  await audited(db, async (trx) => {
    await lockCase(trx, actor, caseId);
    const before = await membersOf(trx, caseId);
    const removed = await trx.deleteFrom(k.table).where('caseId', '=', caseId).where(k.column, '=', memberId).executeTakeFirst();
    if (Number(removed.numDeletedRows) === 0) throw new NotFound(`${k.target.slice(0, -1)} in this case`, memberId);
    await sql`UPDATE cases SET updated_by = ${actor.id}::uuid WHERE id = ${caseId}::uuid`.execute(trx);
    await recordWrite(trx, { actorId: actor.id, action: 'remove-member', recordType: 'cases', recordId: caseId, before, after: await membersOf(trx, caseId) });
  });
  return get(db, actor, cases, caseId);
}
