import type { TypedDB as DB, Schema } from '../db/index.js';
import type { Updateable } from 'kysely';
import { readableBy, type Actor, type Visibility } from '../access/index.js';
import { recordWrite, type Audited } from '../audit/index.js';
import { assertLinkable } from '../access/index.js';
import { Conflict, NotFound, ValidationProblem } from '../problems.js';
import { applyTransition, allowedFrom, TransitionRefused, type TraceState, type TraceStatus } from './status-machine.js';
import { deadlineState } from './deadlines.js';
import type { TraceRequestRow } from './schemas.js';
import { anyUuid, type Row, REQUEST_COLUMNS, REQUEST_TYPE } from './store-common.js';

/** The rows and locked steps behind trace requests, shared by the request, reply and letter stores (not on the face). */

export async function decorateRequests(db: DB, actor: Actor | null, rows: Row[], today: string): Promise<TraceRequestRow[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id as string);
  const links = await db.selectFrom('traceRequestComponents').select(['traceRequestId', 'componentId'])
    .where('traceRequestId', '=', anyUuid(ids)).orderBy('componentId').execute();
  const byReq = new Map<string, string[]>();
  for (const l of links) byReq.set(l.traceRequestId, [...(byReq.get(l.traceRequestId) ?? []), l.componentId]);
  const orgIds = [...new Set(rows.map((r) => r.organisationId as string))];
  const orgs = await db.selectFrom('organisations').select(['id', 'name']).where('id', '=', anyUuid(orgIds)).where(readableBy(actor)).execute();
  const names = new Map(orgs.map((o) => [o.id, o.name]));
  return rows.map((r) => ({
    ...(r as Omit<TraceRequestRow, 'componentIds' | 'organisationName' | 'allowedTransitions' | 'deadline'>),
    organisationName: names.get(r.organisationId as string) ?? null,
    componentIds: byReq.get(r.id as string) ?? [],
    allowedTransitions: [...allowedFrom(r.status as TraceStatus)],
    deadline: deadlineState(r as { status: string; replyDue: string | null; rightOfReplyDue: string | null }, today),
  }));
}

export async function lockRequest(trx: DB, actor: Actor, id: string) {
  const row = await trx.selectFrom('traceRequests').select([...REQUEST_COLUMNS]).where('id', '=', id).where(readableBy(actor)).forUpdate().executeTakeFirst();
  if (!row) throw new NotFound('trace request', id);
  return row;
}

export async function componentIdsOf(trx: DB, requestId: string): Promise<string[]> {
  const rows = await trx.selectFrom('traceRequestComponents').select('componentId').where('traceRequestId', '=', requestId).orderBy('componentId').execute();
  return rows.map((r) => r.componentId);
}

/** Ids the actor cannot see are reported exactly like ids that do not exist: no probing (the one rule in src/access/links.ts). */
export async function assertReadable(trx: DB, actor: Actor, table: 'components' | 'organisations' | 'sources', ids: readonly string[], field: string): Promise<void> {
  await assertLinkable(trx, actor, [{ field, table, ids }]);
}

export async function writeRequestComponents(trx: DB, requestId: string, componentIds: readonly string[]): Promise<void> {
  await trx.deleteFrom('traceRequestComponents').where('traceRequestId', '=', requestId).execute();
  const unique = [...new Set(componentIds)];
  if (unique.length) await trx.insertInto('traceRequestComponents').values(unique.map((c) => ({ traceRequestId: requestId, componentId: c }))).execute();
}

export interface RequestInput {
  organisationId?: string;
  componentIds?: string[];
  context?: string | null;
  signingOrganisation?: string | null;
  notes?: string | null;
  illustrative?: boolean;
  visibility?: Visibility;
}

/** Columns stored as is from the request body (the rest are links or set by transitions). */
export function requestValues(input: RequestInput): Updateable<Schema.TraceRequests> {
  const { organisationId, context, signingOrganisation, notes, illustrative, visibility } = input;
  return { organisationId, context, signingOrganisation, notes, illustrative, visibility };
}

export async function insertRequest(
  trx: Audited<DB>, actor: Actor, input: RequestInput & { organisationId: string; componentIds: string[] }, extra: Updateable<Schema.TraceRequests> = {},
) {
  const row = await trx.insertInto('traceRequests')
    .values({ ...requestValues(input), ...extra, organisationId: input.organisationId, createdBy: actor.id, updatedBy: actor.id })
    .returning([...REQUEST_COLUMNS]).executeTakeFirstOrThrow();
  await writeRequestComponents(trx, row.id, input.componentIds);
  await recordWrite(trx, { actorId: actor.id, action: 'create', recordType: REQUEST_TYPE, recordId: row.id, after: { ...row, componentIds: [...new Set(input.componentIds)].sort() } });
  return row;
}

export function refusal(e: TransitionRefused): Error {
  if (e.kind === 'date') return new ValidationProblem([{ field: 'on', message: e.message }]);
  return new Conflict(e.message, { from: e.from, to: e.to, allowedTransitions: e.allowed });
}

export function appendNote(existing: unknown, on: string, label: string, note: string | undefined): string | undefined {
  if (!note) return undefined;
  const line = `[${on} ${label}] ${note}`;
  return existing ? `${existing as string}\n${line}` : line;
}

/** Moves a request through the status machine inside an open transaction; returns the new row. */
export async function transitionLocked(trx: Audited<DB>, actor: Actor, existing: Row, to: string, on: string, today: string, note?: string): Promise<Row> {
  let changes;
  try {
    changes = applyTransition(existing as unknown as TraceState, to, on, today);
  } catch (e) {
    if (e instanceof TransitionRefused) throw refusal(e);
    throw e;
  }
  const id = existing.id as string;
  if (to === 'sent') {
    const n = (await componentIdsOf(trx, id)).length;
    if (n === 0) throw new ValidationProblem([{ field: 'componentIds', message: 'a request names at least one component before it is sent' }]);
  }
  const notes = appendNote(existing.notes, on, to, note);
  const row = await trx.updateTable('traceRequests').set({ ...changes, ...(notes ? { notes } : {}), updatedBy: actor.id })
    .where('id', '=', id).returning([...REQUEST_COLUMNS]).executeTakeFirstOrThrow();
  await recordWrite(trx, { actorId: actor.id, action: `transition:${existing.status}->${to}`, recordType: REQUEST_TYPE, recordId: id, before: existing, after: row });
  return row;
}
