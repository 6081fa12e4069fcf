import type { DB } from '../db/index.js';

/**
 * Sign-in history for administrators: every sign-in and sign-out, newest first, read from the audit
 * log where accounts.ts records them (one home for the fact; no second table to keep in step).
 */
export interface SignInEntry {
  seq: number;
  at: string;
  action: 'login' | 'logout';
  userId: string | null;
  username: string | null;
  displayName: string | null;
  via: string | null;
}

export async function listSignIns(db: DB, opts: { limit: number; beforeSeq?: number; userId?: string }): Promise<SignInEntry[]> {
  let q = db
    .selectFrom('auditLog as a')
    .leftJoin('users as u', 'u.id', 'a.actorId')
    .select(['a.seq', 'a.at', 'a.action', 'a.actorId as userId', 'u.username', 'u.displayName', 'a.after'])
    .where('a.recordType', '=', 'users')
    .where('a.action', 'in', ['login', 'logout'])
    .orderBy('a.seq', 'desc')
    .limit(opts.limit);
  if (opts.beforeSeq !== undefined) q = q.where('a.seq', '<', opts.beforeSeq);
  if (opts.userId) q = q.where('a.actorId', '=', opts.userId);
  const rows = await q.execute();
  return rows.map((r) => ({
    seq: Number(r.seq),
    at: r.at,
    action: r.action as SignInEntry['action'],
    userId: (r.userId) ?? null,
    username: (r.username) ?? null,
    displayName: (r.displayName) ?? null,
    via: ((r.after as { via?: string } | null)?.via) ?? null,
  }));
}
