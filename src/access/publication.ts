import { sql } from 'kysely';
import type { DB, DynamicTables } from '../db/index.js';
import { recordWrite, audited } from '../audit/index.js';
import { Conflict, Forbidden, NotFound, ValidationProblem } from '../problems.js';
import { assertCanWrite, readableBy, type Actor } from './index.js';
import { auditActionFor, can, type Visibility } from './policy.js';
import { recordType, recordTypeNames, type RecordType } from './records.js';
import { sha256Hex } from './secrets.js';

/**
 * Publishing: a reviewer's decision to release a record (or a derived figure) to the public, and
 * its reverse. Each is an audit entry of its own (`publish` / `unpublish`), so the history of a
 * record says who released it and when. The same checks apply when a PATCH sets `visibility`
 * (the evidence store calls `assertPublishable`).
 */

function typeOrProblem(name: string): RecordType {
  const t = recordType(name);
  if (!t) throw new ValidationProblem([{ field: 'recordType', message: `must be one of ${recordTypeNames().join(', ')}` }]);
  return t;
}

/** Throws unless `row` (about to become public) has everything containing it public already. */
export async function assertPublishable(trx: DB, typeName: string, row: Record<string, unknown>): Promise<void> {
  const t = recordType(typeName);
  if (!t) return;
  const why = t.publishable?.(row);
  if (why) throw new Conflict(why);
  for (const p of t.parents) {
    const parentId = row[p.column];
    if (parentId === null || parentId === undefined) continue;
    const pt = recordType(p.type);
    if (!pt) continue;
    const parent = await trx.withTables<DynamicTables>().selectFrom(pt.table).select(['visibility']).where('id', '=', parentId).executeTakeFirst();
    if (parent && parent.visibility !== 'public') {
      throw new Conflict(`publish the ${p.type.replace(/s$/, '').replace(/-/g, ' ')} ${String(parentId)} first: a public record cannot sit inside a ${String(parent.visibility)} one`, {
        blockedBy: { recordType: p.type, recordId: parentId },
      });
    }
  }
}

function withoutSearch(row: Record<string, unknown>): Record<string, unknown> {
  const { search: _search, ...rest } = row;
  return rest;
}

/** Sets a record's visibility through the same rules as any write, audited as publish/unpublish/update. */
export async function setVisibility(db: DB, actor: Actor, typeName: string, id: string, visibility: Visibility): Promise<{ before: Visibility; after: Visibility; seq: number | null }> {
  const t = typeOrProblem(typeName);
  return audited(db, async (trx) => {
    const existing = await trx.withTables<DynamicTables>().selectFrom(t.table).selectAll().where('id', '=', id).where(readableBy(actor)).forUpdate().executeTakeFirst();
    if (!existing) throw new NotFound(typeName.replace(/s$/, '').replace(/-/g, ' '), id);
    assertCanWrite(actor, 'update', existing as { createdBy: string; visibility: Visibility }, { recordType: typeName, visibility });
    if (existing.visibility === visibility) return { before: visibility, after: visibility, seq: null };
    if (visibility === 'public') await assertPublishable(trx, typeName, existing);
    const after = await trx.withTables<DynamicTables>().updateTable(t.table).set({ visibility, updatedBy: actor.id }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    const seq = await recordWrite(trx, {
      actorId: actor.id,
      action: auditActionFor(existing, after) ?? 'update',
      recordType: typeName,
      recordId: id,
      before: withoutSearch(existing),
      after: withoutSearch(after),
    });
    return { before: existing.visibility as Visibility, after: visibility, seq };
  });
}

// ---------------------------------------------------------------------------------------------
// Aggregates

/**
 * Derived figures (counts over components, a finding's totals) follow their strictest input: the
 * public sees a live figure only if every input is public. Otherwise it sees the snapshot a
 * reviewer released here, or nothing. Contexts computing aggregates call `publishedAggregate` when
 * the actor is the public.
 */
export interface PublishedAggregate {
  recordType: string;
  recordId: string;
  snapshot: unknown;
  snapshotSha256: string;
  publishedBy: string;
  publishedAt: string;
}

export async function publishAggregate(db: DB, actor: Actor, recordTypeName: string, recordId: string, snapshot: unknown): Promise<PublishedAggregate> {
  if (!can(actor.role, 'publish')) throw new Forbidden('only a reviewer may release a figure to the public');
  const text = JSON.stringify(snapshot);
  if (text === undefined) throw new ValidationProblem([{ field: 'snapshot', message: 'is required' }]);
  return audited(db, async (trx) => {
    const before = await trx.selectFrom('publishedAggregates').selectAll().where('recordType', '=', recordTypeName).where('recordId', '=', recordId).forUpdate().executeTakeFirst();
    const row = (await trx
      .insertInto('publishedAggregates')
      .values({ recordType: recordTypeName, recordId, snapshot: text, snapshotSha256: sha256Hex(text), publishedBy: actor.id, publishedAt: sql`now()` })
      .onConflict((oc) => oc.columns(['recordType', 'recordId']).doUpdateSet({
        snapshot: text, snapshotSha256: sha256Hex(text), publishedBy: actor.id, publishedAt: sql`now()`,
      }))
      .returningAll()
      .executeTakeFirstOrThrow()) as PublishedAggregate;
    await recordWrite(trx, { actorId: actor.id, action: 'publish-aggregate', recordType: recordTypeName, recordId, before: before ?? null, after: row });
    return row;
  });
}

export async function withdrawAggregate(db: DB, actor: Actor, recordTypeName: string, recordId: string): Promise<void> {
  if (!can(actor.role, 'publish')) throw new Forbidden('only a reviewer may withdraw a released figure');
  await audited(db, async (trx) => {
    const gone = await trx.deleteFrom('publishedAggregates').where('recordType', '=', recordTypeName).where('recordId', '=', recordId).returningAll().executeTakeFirst();
    if (!gone) throw new NotFound('published figure', `${recordTypeName}/${recordId}`);
    await recordWrite(trx, { actorId: actor.id, action: 'unpublish-aggregate', recordType: recordTypeName, recordId, before: gone });
  });
}

export async function publishedAggregate(db: DB, recordTypeName: string, recordId: string): Promise<PublishedAggregate | null> {
  const row = await db.selectFrom('publishedAggregates').selectAll().where('recordType', '=', recordTypeName).where('recordId', '=', recordId).executeTakeFirst();
  return (row as PublishedAggregate | undefined) ?? null;
}

// ---------------------------------------------------------------------------------------------
// Named-user grants on restricted records

export interface GrantView {
  recordId: string;
  recordType: string;
  userId: string;
  username: string;
  displayName: string;
  grantedBy: string;
  grantedAt: string;
}

async function loadForGrant(trx: DB, actor: Actor, typeName: string, recordId: string): Promise<Record<string, unknown>> {
  const t = typeOrProblem(typeName);
  const row = await trx.withTables<DynamicTables>().selectFrom(t.table).select(['id', 'createdBy', 'visibility']).where('id', '=', recordId).where(readableBy(actor)).executeTakeFirst();
  if (!row) throw new NotFound(typeName.replace(/s$/, '').replace(/-/g, ' '), recordId);
  return row;
}

function assertMayGrant(actor: Actor, row: Record<string, unknown>): void {
  // Whoever created a restricted record names who else may read it; admins may always.
  if (actor.role !== 'admin' && row.createdBy !== actor.id) throw new Forbidden('only the record\u2019s creator or an admin names who may read it');
}

export async function listGrants(db: DB, actor: Actor, typeName: string, recordId: string): Promise<GrantView[]> {
  await loadForGrant(db, actor, typeName, recordId);
  return (await db
    .selectFrom('recordGrants as g')
    .innerJoin('users as u', 'u.id', 'g.userId')
    .select(['g.recordId', 'g.recordType', 'g.userId', 'u.username', 'u.displayName', 'g.grantedBy', 'g.grantedAt'])
    .where('g.recordId', '=', recordId)
    .orderBy('u.username')
    .execute());
}

export async function grant(db: DB, actor: Actor, typeName: string, recordId: string, userId: string): Promise<GrantView[]> {
  await audited(db, async (trx) => {
    const row = await loadForGrant(trx, actor, typeName, recordId);
    assertMayGrant(actor, row);
    const user = await trx.selectFrom('users').select(['id']).where('id', '=', userId).executeTakeFirst();
    if (!user) throw new ValidationProblem([{ field: 'userId', message: `no user with id ${userId}` }]);
    const added = await trx
      .insertInto('recordGrants')
      .values({ recordId, recordType: typeName, userId, grantedBy: actor.id })
      .onConflict((oc) => oc.columns(['recordId', 'userId']).doNothing())
      .returning(['userId'])
      .executeTakeFirst();
    if (added) await recordWrite(trx, { actorId: actor.id, action: 'grant', recordType: typeName, recordId, after: { userId } });
  });
  return listGrants(db, actor, typeName, recordId);
}

export async function revokeGrant(db: DB, actor: Actor, typeName: string, recordId: string, userId: string): Promise<void> {
  await audited(db, async (trx) => {
    const row = await loadForGrant(trx, actor, typeName, recordId);
    assertMayGrant(actor, row);
    const gone = await trx.deleteFrom('recordGrants').where('recordId', '=', recordId).where('userId', '=', userId).returning(['userId']).executeTakeFirst();
    if (!gone) throw new NotFound('grant', `${recordId}/${userId}`);
    await recordWrite(trx, { actorId: actor.id, action: 'revoke-grant', recordType: typeName, recordId, before: { userId } });
  });
}
