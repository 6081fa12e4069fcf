import { sql } from 'kysely';
import type { DB } from '../db/index.js';
import { Problem } from '../problems.js';

/**
 * The sign-in rate limit, kept in PostgreSQL (`login_attempts`) so that every app server on one
 * database counts the same attempts: with a counter per process, N servers behind a balancer
 * would allow N times the guesses.
 *
 * Two sliding windows, each over the last minute:
 * - per username (whatever the address): a password guessed from many addresses is still limited;
 * - per client address (whatever the username): one address cannot try a common password on many
 *   accounts. Higher, because an office or a field team shares one address.
 * Only failed attempts count: signing in does not use up anyone's allowance, and a refused (429)
 * attempt is not recorded either, so the wait is never prolonged by trying during it.
 *
 * An attempt is reserved before the password is checked (under an advisory lock per username and
 * per address, so concurrent attempts on several servers cannot all slip under the limit) and
 * released again if the password was right.
 */
export const LOGIN_LIMITS = {
  username: { max: 10, windowSeconds: 60 },
  address: { max: 50, windowSeconds: 60 },
} as const;

/** Advisory-lock namespaces (pg_advisory_xact_lock(int, int)), one per counter so keys never collide across them. */
const LOCK_USERNAME = 0x5e51;
const LOCK_ADDRESS = 0x5e52;

export class TooManyAttempts extends Problem {
  constructor(readonly retryAfterSeconds: number, by: 'username' | 'address') {
    const limit = LOGIN_LIMITS[by];
    super(429, 'Too many requests', `too many failed sign-in attempts for this ${by === 'username' ? 'username' : 'client address'} (${limit.max} a minute); try again in ${retryAfterSeconds} s`);
  }
}

/** Seconds until the `max`-th most recent attempt leaves the window (at least 1). Pure. */
export function retryAfter(attemptTimes: Date[], now: Date, limit: { max: number; windowSeconds: number }): number {
  const newestFirst = [...attemptTimes].sort((a, b) => b.getTime() - a.getTime());
  const pivot = newestFirst[limit.max - 1];
  if (!pivot) return 1;
  return Math.max(1, Math.ceil((pivot.getTime() + limit.windowSeconds * 1000 - now.getTime()) / 1000));
}

/**
 * Reserves one attempt for (username, address), or throws TooManyAttempts with the seconds to wait.
 * Returns the reservation's id: pass it to `releaseLoginAttempt` when the sign-in succeeded.
 */
export async function reserveLoginAttempt(db: DB, username: string, address: string): Promise<string> {
  const user = username.slice(0, 100);
  const addr = address.slice(0, 100);
  return db.transaction().execute(async (trx) => {
    // Always username first, then address: one order for every request, so no two can deadlock.
    await sql`SELECT pg_advisory_xact_lock(${LOCK_USERNAME}, hashtext(${user}))`.execute(trx);
    await sql`SELECT pg_advisory_xact_lock(${LOCK_ADDRESS}, hashtext(${addr}))`.execute(trx);
    const oldest = Math.max(LOGIN_LIMITS.username.windowSeconds, LOGIN_LIMITS.address.windowSeconds);
    // Cleanup: what has left every window will never count again (index on `at`).
    await sql`DELETE FROM login_attempts WHERE at < clock_timestamp() - make_interval(secs => ${oldest})`.execute(trx);
    const now = (await sql<{ now: Date }>`SELECT clock_timestamp() AS now`.execute(trx)).rows[0]!.now;
    for (const by of ['username', 'address'] as const) {
      const limit = LOGIN_LIMITS[by];
      const recent = await sql<{ at: Date }>`
        SELECT at FROM login_attempts
        WHERE ${sql.ref(by)} = ${by === 'username' ? user : addr} AND at > ${now}::timestamptz - make_interval(secs => ${limit.windowSeconds})
        ORDER BY at DESC LIMIT ${limit.max}`.execute(trx);
      if (recent.rows.length >= limit.max) throw new TooManyAttempts(retryAfter(recent.rows.map((r) => new Date(r.at)), new Date(now), limit), by);
    }
    const row = await sql<{ id: string }>`INSERT INTO login_attempts (username, address) VALUES (${user}, ${addr}) RETURNING id`.execute(trx);
    return String(row.rows[0]!.id);
  });
}

/** A successful sign-in does not count against the limit. */
export async function releaseLoginAttempt(db: DB, id: string): Promise<void> {
  await sql`DELETE FROM login_attempts WHERE id = ${id}`.execute(db);
}
