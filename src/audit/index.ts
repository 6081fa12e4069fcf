import { sql, type RawBuilder } from 'kysely';
import type { TypedDB as DB } from '../db/index.js';
import type { Audited } from './audited.js';

export { audited, inOpenTransaction, type Audited } from './audited.js';

/**
 * The audit log's face: every write runs in `audited(db, (trx) => …)` and records its entry with
 * `recordWrite(trx, …)`, which accepts only such a transaction, so a write and its audit entry
 * commit or vanish together. Hashing and chaining happen in
 * PostgreSQL (see migration 0030_audit.sql).
 */
// `string & {}` rather than `string`: any action is allowed, and editors still offer the three usual ones.
export type AuditAction = 'create' | 'update' | 'delete' | (string & {});

export interface AuditEntryInput {
  actorId: string | null;
  action: AuditAction;
  recordType: string;
  recordId: string | null;
  before?: unknown;
  after?: unknown;
}

// Anything raw SQL runs on, whatever its row types: the audit entry is raw SQL that needs only the
// executor, not the tables (it was the bridge while contexts moved from untyped storage to TypedDB).
type SqlExecutor = Parameters<RawBuilder<unknown>['execute']>[0];

/** Appends one entry inside an audited write's transaction (`audited`), so the write and its entry commit together. */
export async function recordWrite(trx: Audited<SqlExecutor>, e: AuditEntryInput): Promise<number> {
  const j = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));
  const r = await sql<{ seq: number }>`SELECT remnant_audit(${e.actorId}::uuid, ${e.action}, ${e.recordType}, ${e.recordId},
    ${j(e.before)}::jsonb, ${j(e.after)}::jsonb) AS seq`.execute(trx);
  return r.rows[0]!.seq;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actorId: string | null;
  action: string;
  recordType: string;
  recordId: string | null;
  before: unknown;
  after: unknown;
  hash: string;
}

export async function historyOf(db: DB, recordType: string, recordId: string): Promise<AuditEntry[]> {
  return (await db
    .selectFrom('auditLog')
    .select(['seq', 'at', 'actorId', 'action', 'recordType', 'recordId', 'before', 'after', 'hash'])
    .where('recordType', '=', recordType)
    .where('recordId', '=', recordId)
    .orderBy('seq')
    .execute());
}

export interface ChainReport {
  ok: boolean;
  entries: number;
  /** The first entry whose link or hash does not match, if any. */
  firstBroken: { seq: number; reason: string } | null;
}

/** Recomputes the whole chain in one pass inside PostgreSQL. */
export async function verifyChain(db: DB): Promise<ChainReport> {
  const r = await sql<{ seq: number; reason: string | null; n: number }>`
    WITH chain AS (
      SELECT seq, hash, prev_hash,
             lag(hash) OVER (ORDER BY seq) AS expected_prev,
             remnant_audit_hash(prev_hash, seq, at, actor_id, action, record_type, record_id, before, after) AS recomputed,
             row_number() OVER (ORDER BY seq) AS rn
        FROM audit_log)
    SELECT seq,
           CASE WHEN rn = 1 AND prev_hash <> repeat('0', 64) THEN 'the first entry does not start the chain (entries before it were removed)'
                WHEN rn > 1 AND prev_hash IS DISTINCT FROM expected_prev THEN 'its link to the previous entry is broken (an entry was removed, inserted or reordered)'
                WHEN hash <> recomputed THEN 'its content does not match its hash (the entry was edited)'
           END AS reason,
           (SELECT count(*) FROM audit_log) AS n
      FROM chain
     WHERE (rn = 1 AND prev_hash <> repeat('0', 64)) OR (rn > 1 AND prev_hash IS DISTINCT FROM expected_prev) OR hash <> recomputed
     ORDER BY seq LIMIT 1`.execute(db);
  if (r.rows.length === 0) {
    const n = await sql<{ n: number }>`SELECT count(*) AS n FROM audit_log`.execute(db);
    return { ok: true, entries: n.rows[0]!.n, firstBroken: null };
  }
  const row = r.rows[0]!;
  return { ok: false, entries: row.n, firstBroken: { seq: row.seq, reason: row.reason ?? 'unknown' } };
}

/**
 * The last entry of the chain. Deleting entries from the end leaves a chain that is consistent in
 * itself, so no check inside the database can see it; writing the head down elsewhere (a ticket,
 * a report, a second system) and passing it back to `verifyAnchor` can.
 */
export async function chainHead(db: DB): Promise<{ seq: number; hash: string } | null> {
  const row = await db.selectFrom('auditLog').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return row ? { seq: row.seq, hash: row.hash } : null;
}

/** Whether an entry recorded earlier as `seq:hash` is still in the log, unchanged. */
export async function verifyAnchor(db: DB, anchor: { seq: number; hash: string }): Promise<{ ok: boolean; reason: string | null }> {
  const row = await db.selectFrom('auditLog').select(['hash']).where('seq', '=', anchor.seq).executeTakeFirst();
  if (!row) return { ok: false, reason: `entry ${anchor.seq} is gone (entries were removed from the log)` };
  if (row.hash !== anchor.hash) return { ok: false, reason: `entry ${anchor.seq} has hash ${String(row.hash)}, not the ${anchor.hash} recorded earlier` };
  return { ok: true, reason: null };
}

export interface BlobReport {
  ok: boolean;
  blobs: number;
  broken: number;
  /** The first stored file (by hash) whose content no longer matches the hash it is addressed by. */
  firstBroken: { sha256: string; actual: string; reason: string; evidenceFileIds: string[] } | null;
}

/**
 * Re-hashes every stored file inside PostgreSQL (the bytes need not cross the wire) and compares
 * each with the SHA-256 it is addressed by, and each evidence file's recorded size with its content's.
 */
export async function verifyBlobs(db: DB): Promise<BlobReport> {
  const r = await sql<{ sha256: string; actual: string; sizeOk: boolean; files: string[] | null }>`
    WITH checked AS (
      SELECT b.sha256, encode(sha256(b.content), 'hex') AS actual,
             NOT EXISTS (SELECT 1 FROM evidence_files f WHERE f.sha256 = b.sha256 AND f.size_bytes <> octet_length(b.content)) AS size_ok
        FROM blobs b)
    SELECT c.sha256, c.actual, c.size_ok,
           (SELECT array_agg(f.id::text ORDER BY f.id) FROM evidence_files f WHERE f.sha256 = c.sha256) AS files
      FROM checked c
     WHERE c.actual <> c.sha256 OR NOT c.size_ok
     ORDER BY c.sha256`.execute(db);
  const n = await sql<{ n: number }>`SELECT count(*) AS n FROM blobs`.execute(db);
  const first = r.rows[0];
  return {
    ok: r.rows.length === 0,
    blobs: n.rows[0]!.n,
    broken: r.rows.length,
    firstBroken: first
      ? {
          sha256: first.sha256,
          actual: first.actual,
          reason: first.actual !== first.sha256 ? 'its content does not match its SHA-256 (the file was altered)' : 'an evidence file records a different size than its content',
          evidenceFileIds: first.files ?? [],
        }
      : null,
  };
}

export interface AuditQuery {
  recordType?: string;
  recordId?: string;
  actorId?: string;
  action?: string;
  afterSeq?: number;
  limit: number;
}

/** The log, oldest first, paged by sequence number (stable while entries are appended). */
export async function listAudit(db: DB, q: AuditQuery): Promise<AuditEntry[]> {
  let query = db.selectFrom('auditLog').select(['seq', 'at', 'actorId', 'action', 'recordType', 'recordId', 'before', 'after', 'hash']);
  if (q.recordType) query = query.where('recordType', '=', q.recordType);
  if (q.recordId) query = query.where('recordId', '=', q.recordId);
  if (q.actorId) query = query.where('actorId', '=', q.actorId);
  if (q.action) query = query.where('action', '=', q.action);
  if (q.afterSeq !== undefined) query = query.where('seq', '>', q.afterSeq);
  return (await query.orderBy('seq').limit(q.limit).execute());
}
