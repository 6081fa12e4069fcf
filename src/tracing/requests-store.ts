import type { TypedDB as DB } from '../db/index.js';
import { assertCanWrite, readableBy, type Actor } from '../access/index.js';
import { recordWrite, audited, type Audited } from '../audit/index.js';
import { Conflict, NotFound, ValidationProblem } from '../problems.js';
import { type TraceState, type TraceStatus } from './status-machine.js';
import { correctDates, type Corrections } from './corrections.js';
import type { TraceRequestRow } from './schemas.js';
import { type Row, REQUEST_COLUMNS, REQUEST_TYPE } from './store-common.js';

import { decorateRequests, lockRequest, componentIdsOf, assertReadable, writeRequestComponents, requestValues, insertRequest, appendNote, transitionLocked, type RequestInput } from './request-rows.js';
export type { RequestInput } from './request-rows.js';

/** Trace requests against the database: list, read, create, update, delete, status transitions, date corrections and the overdue list; each write in one transaction with its audit entry. */

export interface RequestFilter {
  status?: TraceStatus;
  organisationId?: string;
  componentId?: string;
  illustrative?: boolean;
  limit: number;
  offset: number;
}

export async function listRequests(db: DB, actor: Actor | null, f: RequestFilter, today: string) {
  let q = db.selectFrom('traceRequests').where(readableBy(actor));
  if (f.status) q = q.where('status', '=', f.status);
  if (f.organisationId) q = q.where('organisationId', '=', f.organisationId);
  if (f.illustrative !== undefined) q = q.where('illustrative', '=', f.illustrative);
  if (f.componentId) {
    q = q.where((eb) => eb('id', 'in', eb.selectFrom('traceRequestComponents').select('traceRequestId').where('componentId', '=', f.componentId!)));
  }
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q.select([...REQUEST_COLUMNS]).orderBy('createdAt', 'desc').orderBy('id').limit(f.limit).offset(f.offset).execute();
  return { data: await decorateRequests(db, actor, rows, today), total: total.n, limit: f.limit, offset: f.offset };
}

export async function getRequest(db: DB, actor: Actor | null, id: string, today: string): Promise<TraceRequestRow> {
  const row = await db.selectFrom('traceRequests').select([...REQUEST_COLUMNS]).where('id', '=', id).where(readableBy(actor)).executeTakeFirst();
  if (!row) throw new NotFound('trace request', id);
  return (await decorateRequests(db, actor, [row], today))[0]!;
}

/** Creates a request inside an open transaction (the demo loader and replies use this). */
export async function createRequestIn(trx: Audited<DB>, actor: Actor, input: RequestInput & { organisationId: string; componentIds: string[] }, extra: Row = {}): Promise<string> {
  assertCanWrite(actor, 'create', undefined, { recordType: REQUEST_TYPE, visibility: input.visibility });
  await assertReadable(trx, actor, 'organisations', [input.organisationId], 'organisationId');
  await assertReadable(trx, actor, 'components', input.componentIds, 'componentIds');
  return (await insertRequest(trx, actor, input, extra)).id;
}

export async function createRequest(db: DB, actor: Actor, input: RequestInput & { organisationId: string; componentIds: string[] }, today: string): Promise<TraceRequestRow> {
  const id = await audited(db, (trx) => createRequestIn(trx, actor, input));
  return getRequest(db, actor, id, today);
}

/** What a letter says: frozen once it has been sent, so that the record matches what the company received. */
const LETTER_FIELDS = ['organisationId', 'componentIds', 'context', 'signingOrganisation'] as const;

export async function updateRequest(db: DB, actor: Actor, id: string, input: RequestInput, today: string): Promise<TraceRequestRow> {
  await audited(db, async (trx) => {
    const existing = await lockRequest(trx, actor, id);
    assertCanWrite(actor, 'update', existing, { recordType: REQUEST_TYPE, visibility: input.visibility });
    if (existing.status !== 'draft') {
      const frozen = LETTER_FIELDS.filter((f) => input[f] !== undefined);
      if (frozen.length) {
        throw new Conflict(`this request was ${existing.status === 'closed' ? 'closed' : 'sent'}; ${frozen.join(', ')} can change only while it is a draft (open a new request instead)`, { status: existing.status, fields: frozen });
      }
    }
    if (input.organisationId) await assertReadable(trx, actor, 'organisations', [input.organisationId], 'organisationId');
    if (input.componentIds) await assertReadable(trx, actor, 'components', input.componentIds, 'componentIds');
    const before = { ...existing, componentIds: await componentIdsOf(trx, id) };
    const values = requestValues(input);
    let row = existing;
    if (Object.keys(values).length) {
      row = await trx.updateTable('traceRequests').set({ ...values, updatedBy: actor.id }).where('id', '=', id).returning([...REQUEST_COLUMNS]).executeTakeFirstOrThrow();
    }
    if (input.componentIds) await writeRequestComponents(trx, id, input.componentIds);
    await recordWrite(trx, { actorId: actor.id, action: 'update', recordType: REQUEST_TYPE, recordId: id, before, after: { ...row, componentIds: await componentIdsOf(trx, id) } });
  });
  return getRequest(db, actor, id, today);
}

export async function deleteRequest(db: DB, actor: Actor, id: string): Promise<void> {
  await audited(db, async (trx) => {
    const existing = await lockRequest(trx, actor, id);
    assertCanWrite(actor, 'delete', existing, { recordType: REQUEST_TYPE });
    if (existing.status !== 'draft') {
      throw new Conflict(`only a draft can be deleted; this request is ${existing.status}: close it instead (POST /api/trace-requests/${id}/transition with {"to": "closed"})`, { status: existing.status });
    }
    const files = await trx.selectFrom('evidenceFiles').select((eb) => eb.fn.countAll<number>().as('n')).where('traceRequestId', '=', id).executeTakeFirstOrThrow();
    const children = await trx.selectFrom('traceRequests').select((eb) => eb.fn.countAll<number>().as('n')).where('parentRequestId', '=', id).executeTakeFirstOrThrow();
    const refs = [files.n ? `${files.n} correspondence file(s)` : null, children.n ? `${children.n} follow-up request(s)` : null].filter(Boolean);
    if (refs.length) throw new Conflict(`this request is still referenced by ${refs.join(' and ')}; remove those first`);
    const before = { ...existing, componentIds: await componentIdsOf(trx, id) };
    await trx.deleteFrom('traceRequests').where('id', '=', id).execute();
    await recordWrite(trx, { actorId: actor.id, action: 'delete', recordType: REQUEST_TYPE, recordId: id, before });
  });
}

export async function transitionRequestIn(trx: Audited<DB>, actor: Actor, id: string, body: { to: string; on?: string; note?: string }, today: string): Promise<void> {
  const existing = await lockRequest(trx, actor, id);
  assertCanWrite(actor, 'update', existing, { recordType: REQUEST_TYPE });
  await transitionLocked(trx, actor, existing, body.to, body.on ?? today, today, body.note);
}

export async function transitionRequest(db: DB, actor: Actor, id: string, body: { to: string; on?: string; note?: string }, today: string): Promise<TraceRequestRow> {
  await audited(db, (trx) => transitionRequestIn(trx, actor, id, body, today));
  return getRequest(db, actor, id, today);
}

/**
 * Corrects the recorded dates of events (sent, acknowledged, replied, …) with a reason, audited as
 * `correct-dates` with the row before and after; the rules are in corrections.ts.
 */
export async function correctRequestDates(db: DB, actor: Actor, id: string, body: Corrections & { reason: string }, today: string): Promise<TraceRequestRow> {
  await audited(db, async (trx) => {
    const existing = await lockRequest(trx, actor, id);
    assertCanWrite(actor, 'update', existing, { recordType: REQUEST_TYPE });
    const { reason, ...corrections } = body;
    const result = correctDates(existing as unknown as TraceState, corrections, today);
    if ('problems' in result) throw new ValidationProblem(result.problems);
    if (Object.keys(result.changes).length === 0) return;
    const notes = appendNote(existing.notes, today, 'dates corrected', reason);
    const row = await trx.updateTable('traceRequests').set({ ...result.changes, ...(notes ? { notes } : {}), updatedBy: actor.id })
      .where('id', '=', id).returning([...REQUEST_COLUMNS]).executeTakeFirstOrThrow();
    await recordWrite(trx, { actorId: actor.id, action: 'correct-dates', recordType: REQUEST_TYPE, recordId: id, before: existing, after: row });
  });
  return getRequest(db, actor, id, today);
}

export async function overdueRequests(db: DB, actor: Actor | null, on: string, limit = 500): Promise<TraceRequestRow[]> {
  const rows = await db.selectFrom('traceRequests').select([...REQUEST_COLUMNS])
    .where('status', 'in', ['sent', 'acknowledged']).where('replyDue', '<', on).where(readableBy(actor))
    .orderBy('replyDue').orderBy('reference').limit(limit).execute();
  return decorateRequests(db, actor, rows, on);
}
