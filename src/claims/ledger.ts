import type { z } from 'zod';
import type { DB } from '../db/index.js';
import { assertCanWrite, readableBy, redact, type Actor, type Visibility } from '../access/index.js';
import { recordWrite, audited, type Audited } from '../audit/index.js';
import { computeFindings, metricValue, type Findings, type Scope } from '../findings/index.js';
import { Conflict, Forbidden, NotFound, Unauthorized, ValidationProblem } from '../problems.js';
import { compareWithFinding } from './compare.js';
import { findConflicts } from './conflicts.js';
import type { claimLedgerFields, ledgerClaim, ledgerSchema, ledgerTopic, rulingRow } from './schema.js';
import { asOfWindow, describeDate, describeQuantity, describeSpeaker, describeWindow, type ClaimFacts, type Precision, type Qualifier } from './values.js';
import { checkRuling, mayRule, type ClaimStatus } from './workflow.js';

/**
 * The claims ledger: claims grouped by topic, conflicts side by side, each claim's status with who
 * ruled and why, and — where a topic names a finding — each claim set against the documented figure.
 */
type LedgerClaim = z.infer<typeof ledgerClaim>;
type LedgerTopic = z.infer<typeof ledgerTopic>;
export type Ledger = z.infer<typeof ledgerSchema>;
type TopicRow = LedgerTopic['topic'];

const CLAIM_COLUMNS = [
  'c.id', 'c.topicId', 'c.speaker', 'c.speakerOrganisation', 'c.saidOn', 'c.saidOnPrecision', 'c.quantity', 'c.quantityQualifier', 'c.countsWhat',
  'c.place', 'c.eventFrom', 'c.eventTo', 'c.statement', 'c.quotedText', 'c.status', 'c.statusReason', 'c.statusBy', 'c.statusAt', 'c.illustrative', 'c.visibility',
  'c.sourceId',
] as const;

const TOPIC_COLUMNS = [
  'id', 'visibility', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy', 'externalId', 'illustrative', 'title', 'kind', 'unit', 'cumulative',
  'description', 'caseId', 'findingMetric', 'findingItemId', 'findingCaseId', 'findingIncidentId',
] as const;

function valueText(c: ClaimFacts & { statement?: string | null }, topic: { kind: string; unit: string | null } | null): string {
  const parts: string[] = [];
  if (c.quantity !== null) parts.push(describeQuantity(c.quantity, c.quantityQualifier, topic?.unit ?? c.countsWhat));
  if (c.place) parts.push(`in ${c.place}`);
  if (c.eventFrom && (topic?.kind === 'date' || c.quantity === null)) parts.push(describeWindow(c.eventFrom, c.eventTo ?? c.eventFrom));
  else if (topic && 'cumulative' in topic && topic.cumulative) {
    const w = asOfWindow(c);
    if (w) parts.push(`as of ${w.from === w.to ? describeDate(w.from) : describeWindow(w.from, w.to)}`);
  }
  return parts.length ? parts.join(' ') : (c.statement ?? 'a statement');
}

async function loadClaims(
  db: DB, actor: Actor | null, where: { ids?: string[]; topicIds?: string[]; caseId?: string; unfiledOnly?: boolean; limit?: number },
): Promise<(LedgerClaim & ClaimFacts)[]> {
  let q = db
    .selectFrom('claims as c')
    .leftJoin('sources as s', (j) => j.onRef('s.id', '=', 'c.sourceId').on(readableBy(actor, 's')))
    .select([...CLAIM_COLUMNS, 's.id as sId', 's.kind as sKind', 's.title as sTitle', 's.publisher as sPublisher', 's.publishedOn as sPublishedOn', 's.illustrative as sIllustrative'])
    // claims.status is text under a CHECK naming CLAIM_STATUSES: the generated type says string.
    .$narrowType<{ status: ClaimStatus }>()
    .where(readableBy(actor, 'c'));
  if (where.ids) q = q.where('c.id', 'in', where.ids);
  if (where.topicIds) q = q.where('c.topicId', 'in', where.topicIds.length ? where.topicIds : ['00000000-0000-0000-0000-000000000000']);
  if (where.caseId) q = q.where('c.id', 'in', db.selectFrom('caseClaims').select('claimId').where('caseId', '=', where.caseId));
  if (where.unfiledOnly) q = q.where('c.topicId', 'is', null);
  const rows = await q.orderBy('c.saidOn').orderBy('c.id').limit(where.limit ?? 5000).execute();
  return rows.map((r) => {
    const row = redact('claims', r as Record<string, unknown>, actor) as typeof r;
    const facts: ClaimFacts = {
      id: row.id, speaker: row.speaker, speakerOrganisation: row.speakerOrganisation, saidOn: row.saidOn, saidOnPrecision: row.saidOnPrecision as Precision,
      quantity: row.quantity, quantityQualifier: row.quantityQualifier as Qualifier | null, countsWhat: row.countsWhat, place: row.place,
      eventFrom: row.eventFrom, eventTo: row.eventTo,
    };
    return {
      ...facts,
      topicId: row.topicId,
      who: describeSpeaker(facts),
      said: describeDate(row.saidOn, row.saidOnPrecision as Precision),
      value: '',
      statement: row.statement,
      quotedText: row.quotedText,
      status: row.status,
      statusReason: row.statusReason,
      statusBy: row.statusBy,
      statusAt: row.statusAt,
      illustrative: row.illustrative,
      visibility: row.visibility,
      // The left join types every source column nullable; they are NOT NULL, so a joined source has them all.
      source: row.sId && row.sKind !== null && row.sTitle !== null && row.sIllustrative !== null
        ? { id: row.sId, kind: row.sKind, title: row.sTitle, publisher: row.sPublisher, publishedOn: row.sPublishedOn, illustrative: row.sIllustrative }
        : null,
    };
  });
}

function scopeOfTopic(t: TopicRow): Scope {
  if (t.findingItemId) return { kind: 'item', id: t.findingItemId };
  if (t.findingCaseId) return { kind: 'case', id: t.findingCaseId };
  if (t.findingIncidentId) return { kind: 'incident', id: t.findingIncidentId };
  return { kind: 'all' };
}

/**
 * The ledger, for one case, one topic, or (neither) every topic. Findings a topic names are
 * computed for the same actor, so the public never sees a figure over records it may not read.
 */
export async function buildLedger(db: DB, actor: Actor | null, filter: { caseId?: string; topicId?: string } = {}): Promise<Ledger> {
  let tq = db.selectFrom('claimTopics').select([...TOPIC_COLUMNS]).where(readableBy(actor));
  if (filter.topicId) tq = tq.where('id', '=', filter.topicId);
  if (filter.caseId) {
    const kase = await db.selectFrom('cases').select('id').where('id', '=', filter.caseId).where(readableBy(actor)).executeTakeFirst();
    if (!kase) throw new NotFound('case', filter.caseId);
    const caseId = filter.caseId;
    tq = tq.where((eb) => eb.or([
      eb('caseId', '=', caseId),
      eb('id', 'in', eb.selectFrom('claims').innerJoin('caseClaims', 'caseClaims.claimId', 'claims.id').select('claims.topicId').where('caseClaims.caseId', '=', caseId).where('claims.topicId', 'is not', null)),
    ]));
  }
  const topicRows = (await tq.orderBy('title').execute()).map((t) => redact('claim-topics', t as Record<string, unknown>, actor) as TopicRow);
  if (filter.topicId && topicRows.length === 0) throw new NotFound('claim topic', filter.topicId);

  const claims = await loadClaims(db, actor, { topicIds: topicRows.map((t) => t.id) });
  const findingsCache = new Map<string, Promise<Findings | null>>();
  const findingsFor = (scope: Scope, withSimilarity: boolean) => {
    const key = JSON.stringify([scope, withSimilarity]);
    if (!findingsCache.has(key)) {
      // A scope the actor cannot see (or that was deleted) leaves the comparison empty, not the ledger broken.
      findingsCache.set(key, computeFindings(db, actor, scope, { idLimit: 50, similarity: withSimilarity ? {} : false }).catch((e) => {
        if (e instanceof NotFound) return null;
        throw e;
      }));
    }
    return findingsCache.get(key)!;
  };

  const topics: LedgerTopic[] = [];
  let conflictCount = 0;
  for (const topic of topicRows) {
    const own = claims.filter((c) => c.topicId === topic.id);
    for (const c of own) c.value = valueText(c, topic);
    const conflicts = findConflicts({ kind: topic.kind, unit: topic.unit, cumulative: topic.cumulative }, own);
    conflictCount += conflicts.length;
    const statusCounts: Record<string, number> = {};
    for (const c of own) statusCounts[c.status] = (statusCounts[c.status] ?? 0) + 1;
    let finding: LedgerTopic['finding'] = null;
    if (topic.findingMetric) {
      const scope = scopeOfTopic(topic);
      const f = await findingsFor(scope, topic.findingMetric === 'identicalItems');
      const value = f ? metricValue(f, topic.findingMetric) : null;
      const illustrative = (f?.illustrative.components ?? 0) > 0;
      finding = {
        metric: topic.findingMetric,
        scope: f ? f.scope : { kind: scope.kind, id: 'id' in scope ? scope.id : null, label: 'not visible to you' },
        value: value?.text ?? null,
        illustrative,
        comparisons: own.map((c) => compareWithFinding(c, { kind: topic.kind, unit: topic.unit }, value, illustrative)),
      };
    }
    topics.push({ topic, claims: own.map(stripFacts), conflicts, statusCounts, finding });
  }

  const unfiled = await loadClaims(db, actor, { caseId: filter.caseId, unfiledOnly: true, limit: filter.caseId ? 5000 : 500 });
  for (const c of unfiled) c.value = valueText(c, null);
  return { topics, unfiled: filter.topicId ? [] : unfiled.map(stripFacts), conflictCount };
}

function stripFacts(c: LedgerClaim & ClaimFacts): LedgerClaim {
  return c;
}

async function lockClaim(trx: DB, actor: Actor, claimId: string) {
  const claim = await trx.selectFrom('claims').selectAll().where('id', '=', claimId).where(readableBy(actor)).forUpdate().executeTakeFirst();
  if (!claim) throw new NotFound('claim', claimId);
  return claim as Record<string, unknown> & { status: ClaimStatus; createdBy: string; visibility: Visibility; topicId: string | null };
}

function auditView(c: Record<string, unknown>): Record<string, unknown> {
  const { search: _search, ...rest } = c;
  return rest;
}

/**
 * Rules on a claim: a reviewer or admin sets its status with a reason. The claim keeps the status
 * in force; `claim_rulings` keeps every ruling in order; the audit log records the write.
 */
export async function ruleOnClaim(db: DB, actor: Actor | null, claimId: string, ruling: { status: ClaimStatus; reason: string }): Promise<z.infer<typeof rulingRow>> {
  if (!actor) throw new Unauthorized('sign in to rule on claims');
  if (!mayRule(actor.role)) throw new Forbidden(`a ${actor.role} may not rule on claims; reviewers and admins do`);
  return audited(db, async (trx) => {
    const claim = await lockClaim(trx, actor, claimId);
    const errors = checkRuling(claim.status, ruling.status, ruling.reason);
    const statusError = errors.find((e) => e.field === 'status');
    // An impossible transition is a clash with the claim's current state, not malformed input.
    if (statusError) throw new Conflict(statusError.message, { field: 'status', current: claim.status });
    if (errors.length) throw new ValidationProblem(errors);
    const updated = await trx
      .updateTable('claims')
      .set({ status: ruling.status, statusReason: ruling.reason.trim(), statusBy: actor.id, statusAt: new Date().toISOString(), updatedBy: actor.id })
      .where('id', '=', claimId)
      .returningAll()
      .executeTakeFirstOrThrow();
    const row = await trx
      .insertInto('claimRulings')
      .values({ claimId, fromStatus: claim.status, toStatus: ruling.status, reason: ruling.reason.trim(), decidedBy: actor.id })
      .returning(['id', 'claimId', 'fromStatus', 'toStatus', 'reason', 'decidedBy', 'decidedAt'])
      .executeTakeFirstOrThrow();
    await recordWrite(trx, { actorId: actor.id, action: 'rule', recordType: 'claims', recordId: claimId, before: auditView(claim), after: auditView(updated) });
    const name = await trx.selectFrom('users').select('displayName').where('id', '=', actor.id).executeTakeFirst();
    return { ...(row as Omit<z.infer<typeof rulingRow>, 'decidedByName'>), decidedByName: name?.displayName ?? actor.username };
  });
}

export async function rulingsOf(db: DB, actor: Actor | null, claimId: string): Promise<z.infer<typeof rulingRow>[]> {
  const claim = await db.selectFrom('claims').select('id').where('id', '=', claimId).where(readableBy(actor)).executeTakeFirst();
  if (!claim) throw new NotFound('claim', claimId);
  const rows = await db
    .selectFrom('claimRulings as r')
    .leftJoin('users as u', 'u.id', 'r.decidedBy')
    .select(['r.id', 'r.claimId', 'r.fromStatus', 'r.toStatus', 'r.reason', 'r.decidedBy', 'u.displayName as decidedByName', 'r.decidedAt'])
    .$narrowType<{ fromStatus: ClaimStatus; toStatus: ClaimStatus }>()
    .where('r.claimId', '=', claimId)
    .orderBy('r.id')
    .execute();
  // The public learns what was decided and why, not by whom.
  return rows.map((r) => (actor ? r : { ...r, decidedBy: null, decidedByName: null }));
}

/** Files a claim under a topic (or takes it out with topicId null) and records how precisely its date is known. */
export async function setClaimLedgerFields(db: DB, actor: Actor, claimId: string, input: z.infer<typeof claimLedgerFields>): Promise<LedgerClaim> {
  await audited(db, async (trx) => {
    await setFields(trx, actor, claimId, input, 'claim');
  });
  const [c] = await loadClaims(db, actor, { ids: [claimId] });
  const topic = c!.topicId
    ? await db.selectFrom('claimTopics').select(['kind', 'unit', 'cumulative']).where('id', '=', c!.topicId).executeTakeFirst()
    : undefined;
  c!.value = valueText(c!, (topic) ?? null);
  return c!;
}

async function setFields(trx: Audited<DB>, actor: Actor, claimId: string, input: z.infer<typeof claimLedgerFields>, field: string): Promise<void> {
  const claim = await lockClaim(trx, actor, claimId);
  assertCanWrite(actor, 'update', { createdBy: claim.createdBy, visibility: claim.visibility }, { recordType: 'claims' });
  if (input.topicId) {
    const topic = await trx.selectFrom('claimTopics').select('id').where('id', '=', input.topicId).where(readableBy(actor)).executeTakeFirst();
    if (!topic) throw new ValidationProblem([{ field: 'topicId', message: `no claim topic with id ${input.topicId}` }]);
  }
  const values: Record<string, unknown> = {};
  if (input.topicId !== undefined) values.topicId = input.topicId;
  if (input.saidOnPrecision !== undefined) values.saidOnPrecision = input.saidOnPrecision;
  if (input.statement !== undefined) {
    if (input.statement !== null && !input.statement.trim()) throw new ValidationProblem([{ field: 'statement', message: 'must not be empty (send null to clear it)' }]);
    values.statement = input.statement === null ? null : input.statement.trim();
  }
  if (Object.keys(values).length === 0) throw new ValidationProblem([{ field, message: 'nothing to change: give topicId, saidOnPrecision or statement' }]);
  const updated = await trx.updateTable('claims').set({ ...values, updatedBy: actor.id }).where('id', '=', claimId).returningAll().executeTakeFirstOrThrow();
  await recordWrite(trx, { actorId: actor.id, action: 'update', recordType: 'claims', recordId: claimId, before: auditView(claim), after: auditView(updated) });
}

/** Files several claims under one topic in one transaction (all or none). */
export async function fileClaims(db: DB, actor: Actor, topicId: string, claimIds: string[]): Promise<void> {
  await audited(db, async (trx) => {
    const topic = await trx.selectFrom('claimTopics').select(['id', 'createdBy', 'visibility']).where('id', '=', topicId).where(readableBy(actor)).executeTakeFirst();
    if (!topic) throw new NotFound('claim topic', topicId);
    const unique = [...new Set(claimIds)];
    const visible = new Set((await trx.selectFrom('claims').select('id').where('id', 'in', unique).where(readableBy(actor)).execute()).map((r) => r.id));
    const missing = unique.map((c, i) => ({ c, i })).filter(({ c }) => !visible.has(c));
    if (missing.length) throw new ValidationProblem(missing.map(({ c, i }) => ({ field: `claimIds.${i}`, message: `no claim with id ${c}` })));
    for (const c of unique) await setFields(trx, actor, c, { topicId }, 'claimIds');
  });
}

export async function unfileClaim(db: DB, actor: Actor, topicId: string, claimId: string): Promise<void> {
  await audited(db, async (trx) => {
    const claim = await lockClaim(trx, actor, claimId);
    if (claim.topicId !== topicId) throw new NotFound('claim filed under this topic', claimId);
    await setFields(trx, actor, claimId, { topicId: null }, 'claimId');
  });
}
