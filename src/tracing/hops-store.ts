import type { TypedDB as DB, Schema } from '../db/index.js';
import type { Insertable, Updateable } from 'kysely';
import { assertCanWrite, readableBy, type Actor, type Visibility } from '../access/index.js';
import { recordWrite, audited, type Audited } from '../audit/index.js';
import { Conflict, NotFound, ValidationProblem, type FieldError } from '../problems.js';
import { toDayNumber } from './deadlines.js';
import { findCycle } from './chain.js';
import type { HopRow, TraceRequestRow } from './schemas.js';
import { anyUuid, type Row, REQUEST_COLUMNS, HOP_COLUMNS, REQUEST_TYPE, HOP_TYPE } from './store-common.js';
import { getRequest } from './requests-store.js';
import { lockRequest, componentIdsOf, assertReadable, insertRequest, appendNote, transitionLocked } from './request-rows.js';

/** Hops (transfers) against the database: listing, recording a reply as hops and follow-up requests, and the hop writes; each write in one transaction with its audit entries. */

async function decorateHops(db: DB, rows: Row[]): Promise<HopRow[]> {
  if (rows.length === 0) return [];
  const links = await db.selectFrom('traceHopComponents').select(['traceHopId', 'componentId'])
    .where('traceHopId', '=', anyUuid(rows.map((r) => r.id as string))).orderBy('componentId').execute();
  const by = new Map<string, string[]>();
  for (const l of links) by.set(l.traceHopId, [...(by.get(l.traceHopId) ?? []), l.componentId]);
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

/** The columns a hop's body sets as they are (Kysely leaves out the ones not given). */
function hopValues(input: HopInput): Updateable<Schema.TraceHops> {
  const { transferDate, quantity, documentKind, documentRef, fromCountry, toCountry, partNumber, lot, assessment, notes } = input;
  return { transferDate, quantity, documentKind, documentRef, fromCountry, toCountry, partNumber, lot, assessment, notes };
}

async function insertHop(trx: Audited<DB>, actor: Actor, values: Omit<Insertable<Schema.TraceHops>, 'createdBy' | 'updatedBy'>, componentIds: readonly string[]) {
  const row = await trx.insertInto('traceHops').values({ ...values, createdBy: actor.id, updatedBy: actor.id }).returning([...HOP_COLUMNS]).executeTakeFirstOrThrow();
  const unique = [...new Set(componentIds)];
  await trx.insertInto('traceHopComponents').values(unique.map((c) => ({ traceHopId: row.id, componentId: c }))).execute();
  await recordWrite(trx, { actorId: actor.id, action: 'create', recordType: HOP_TYPE, recordId: row.id, after: { ...row, componentIds: unique.sort() } });
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
  for (const r of rows) byComponent.set(r.componentId, [...(byComponent.get(r.componentId) ?? []), { sellerId: r.sellerId, buyerId: r.buyerId }]);
  for (const [componentId, hops] of byComponent) {
    const cycle = findCycle(hops);
    if (!cycle) continue;
    const orgs = await trx.selectFrom('organisations').select(['id', 'name']).where('id', '=', anyUuid(cycle)).execute();
    const name = new Map(orgs.map((o) => [o.id, o.name]));
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
  const out = await audited(db, (trx) => recordReplyIn(trx, actor, id, input, today));
  const hops = await db.selectFrom('traceHops').select([...HOP_COLUMNS]).where('id', '=', anyUuid(out.hopIds)).execute();
  const order = new Map(out.hopIds.map((h, i) => [h, i]));
  hops.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  return {
    request: await getRequest(db, actor, out.requestId, today),
    hops: await decorateHops(db, hops),
    followUp: out.followUpId ? await getRequest(db, actor, out.followUpId, today) : null,
    createdOrganisationIds: out.createdOrganisationIds,
  };
}

/** `recordReply` inside an open transaction; returns the ids it wrote. */
export async function recordReplyIn(trx: Audited<DB>, actor: Actor, id: string, input: ReplyInput, today: string): Promise<{ requestId: string; hopIds: string[]; followUpId: string | null; createdOrganisationIds: string[] }> {
  const on = input.on ?? today;
  {
    const existing = await lockRequest(trx, actor, id);
    assertCanWrite(actor, 'update', existing, { recordType: REQUEST_TYPE });
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
    const visibility = existing.visibility;
    const illustrative = existing.illustrative;
    const errors: FieldError[] = [];
    const createdOrganisationIds: string[] = [];
    const hopRows: Awaited<ReturnType<typeof insertHop>>[] = [];
    for (const [i, h] of input.hops.entries()) {
      const sellerId = h.sellerId ?? (existing.organisationId);
      if (h.sellerId) await assertReadable(trx, actor, 'organisations', [h.sellerId], `hops.${i}.sellerId`);
      let buyerId = h.buyerId;
      if (buyerId) await assertReadable(trx, actor, 'organisations', [buyerId], `hops.${i}.buyerId`);
      else if (h.buyer) {
        // A holder first named in this reply is as confidential as the reply itself.
        const org = await trx.insertInto('organisations').values({
          name: h.buyer.name, kind: h.buyer.kind, country: h.buyer.country ?? null, aliases: h.buyer.aliases ?? [],
          illustrative, visibility: visibility === 'restricted' ? 'restricted' : 'internal', createdBy: actor.id, updatedBy: actor.id,
        }).returningAll().executeTakeFirstOrThrow();
        await recordWrite(trx, { actorId: actor.id, action: 'create', recordType: 'organisations', recordId: org.id, after: org });
        buyerId = org.id;
        createdOrganisationIds.push(buyerId);
      }
      if (!buyerId) {
        errors.push({ field: `hops.${i}.buyerId`, message: 'is required (or name a new buyer in buyer)' });
        continue;
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
      const comps = (await trx.selectFrom('traceHopComponents').select('componentId').where('traceHopId', '=', hop.id).execute()).map((r) => r.componentId);
      const follow = await insertRequest(trx, actor, {
        organisationId: hop.buyerId,
        componentIds: comps,
        context: input.followUp.context !== undefined ? input.followUp.context : (existing.context),
        signingOrganisation: existing.signingOrganisation,
        illustrative,
        visibility,
      }, { parentRequestId: id, promptedByHopId: hop.id });
      followUpId = follow.id;
    }
    return { requestId: request.id as string, hopIds: hopRows.map((h) => h.id), followUpId, createdOrganisationIds };
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
  const id = await audited(db, async (trx) => {
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
    return row.id;
  });
  return getHop(db, actor, id);
}

/** Seller, buyer and components are not editable: a different transfer is a new record (and a new cycle check). */
export async function updateHop(db: DB, actor: Actor, id: string, input: HopInput & { visibility?: Visibility; illustrative?: boolean }): Promise<HopRow> {
  await audited(db, async (trx) => {
    const existing = await trx.selectFrom('traceHops').select([...HOP_COLUMNS]).where('id', '=', id).where(readableBy(actor)).forUpdate().executeTakeFirst();
    if (!existing) throw new NotFound('transfer (trace hop)', id);
    assertCanWrite(actor, 'update', existing, { recordType: HOP_TYPE, visibility: input.visibility });
    const values = { ...hopValues(input), ...(input.visibility !== undefined ? { visibility: input.visibility } : {}), ...(input.illustrative !== undefined ? { illustrative: input.illustrative } : {}) };
    if (Object.keys(values).length === 0) return;
    const row = await trx.updateTable('traceHops').set({ ...values, updatedBy: actor.id }).where('id', '=', id).returning([...HOP_COLUMNS]).executeTakeFirstOrThrow();
    await recordWrite(trx, { actorId: actor.id, action: 'update', recordType: HOP_TYPE, recordId: id, before: existing, after: row });
  });
  return getHop(db, actor, id);
}

export async function deleteHop(db: DB, actor: Actor, id: string): Promise<void> {
  await audited(db, async (trx) => {
    const existing = await trx.selectFrom('traceHops').select([...HOP_COLUMNS]).where('id', '=', id).where(readableBy(actor)).forUpdate().executeTakeFirst();
    if (!existing) throw new NotFound('transfer (trace hop)', id);
    assertCanWrite(actor, 'delete', existing, { recordType: HOP_TYPE });
    const prompted = await trx.selectFrom('traceRequests').select(['reference']).where('promptedByHopId', '=', id).execute();
    if (prompted.length) {
      throw new Conflict(`follow-up request(s) ${prompted.map((p) => p.reference).join(', ')} were sent because of this transfer; delete or close them first`);
    }
    const comps = (await trx.selectFrom('traceHopComponents').select('componentId').where('traceHopId', '=', id).execute()).map((r) => r.componentId);
    await trx.deleteFrom('traceHops').where('id', '=', id).execute();
    await recordWrite(trx, { actorId: actor.id, action: 'delete', recordType: HOP_TYPE, recordId: id, before: { ...existing, componentIds: comps.sort() } });
  });
}
