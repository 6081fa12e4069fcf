import { sql } from 'kysely';
import type { DB } from '../db/index.js';

/**
 * The audit log's face: every write goes through `recordWrite` inside the writing transaction, so
 * a write and its audit entry commit or vanish together. Hashing and chaining happen in
 * PostgreSQL (see migration 0030_audit.sql).
 */
export type AuditAction = 'create' | 'update' | 'delete' | string;

export interface AuditEntryInput {
  actorId: string | null;
  action: AuditAction;
  recordType: string;
  recordId: string | null;
  before?: unknown;
  after?: unknown;
}

export async function recordWrite(trx: DB, e: AuditEntryInput): Promise<number> {
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
    .execute()) as AuditEntry[];
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
