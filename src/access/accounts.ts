import { sql } from 'kysely';
import type { DB } from '../db/index.js';
import { recordWrite, audited } from '../audit/index.js';
import { Conflict, Forbidden, NotFound, Unauthorized, ValidationProblem } from '../problems.js';
import { SYSTEM_ACTOR, type Actor } from './index.js';
import { ROLES, type Role, type TokenScope } from './policy.js';
import {
  generatePassword, hashPassword, newApiToken, newCsrfToken, newSessionSecret, passwordProblem, sha256Hex, verifyAgainstNothing, verifyPassword,
} from './secrets.js';

/**
 * Accounts, sessions and personal API tokens. Every change to an account, every sign-in and every
 * token issued or revoked is an audit entry; secrets themselves never are (only the fact).
 */

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  disabled: boolean;
  mustChangePassword: boolean;
  hasPassword: boolean;
  createdAt: string;
}

const USER_COLUMNS = ['id', 'username', 'displayName', 'role', 'disabled', 'mustChangePassword', 'passwordHash', 'createdAt'] as const;

// users.role and api_tokens.scope are text under a CHECK naming ROLES and the token scopes, so the
// generated row types say string; reads narrow them to the unions the CHECKs allow.
type StoredRole = { role: Role };
type StoredScope = { scope: TokenScope };

type UserRow = { id: string; username: string; displayName: string; role: Role; disabled: boolean; mustChangePassword: boolean; passwordHash: string | null; createdAt: string };

function view(u: UserRow): UserView {
  return {
    id: u.id, username: u.username, displayName: u.displayName, role: u.role, disabled: u.disabled,
    mustChangePassword: u.mustChangePassword, hasPassword: u.passwordHash !== null, createdAt: u.createdAt,
  };
}

export const USERNAME_RE = /^[a-z0-9][a-z0-9._-]{1,62}$/;

export function usernameProblem(u: string): string | null {
  return USERNAME_RE.test(u) ? null : 'must be 2–63 characters: lowercase letters, digits, ".", "_" or "-", starting with a letter or digit';
}

export async function listUsers(db: DB): Promise<UserView[]> {
  const rows = await db.selectFrom('users').select([...USER_COLUMNS]).$narrowType<StoredRole>().orderBy('username').execute();
  return rows.map(view);
}

export async function getUser(db: DB, id: string): Promise<UserView> {
  const row = await db.selectFrom('users').select([...USER_COLUMNS]).$narrowType<StoredRole>().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFound('user', id);
  return view(row);
}

export async function findUserByName(db: DB, username: string): Promise<UserView | null> {
  const row = await db.selectFrom('users').select([...USER_COLUMNS]).$narrowType<StoredRole>().where('username', '=', username).executeTakeFirst();
  return row ? view(row) : null;
}

export interface NewUser {
  username: string;
  displayName?: string;
  role: Role;
  /** Absent: a one-time password is generated, returned once, and must be replaced at first use. */
  password?: string;
}

export async function createUser(db: DB, actor: Actor, input: NewUser): Promise<{ user: UserView; password: string | null }> {
  const errors = [];
  const nameProblem = usernameProblem(input.username);
  if (nameProblem) errors.push({ field: 'username', message: nameProblem });
  if (!ROLES.includes(input.role)) errors.push({ field: 'role', message: `must be one of ${ROLES.join(', ')}` });
  if (input.password !== undefined) {
    const p = passwordProblem(input.password);
    if (p) errors.push({ field: 'password', message: p });
  }
  const displayName = (input.displayName ?? input.username).trim();
  if (displayName.length < 1 || displayName.length > 200) errors.push({ field: 'displayName', message: 'must be 1–200 characters' });
  if (errors.length) throw new ValidationProblem(errors);
  const generated = input.password === undefined ? generatePassword() : null;
  const passwordHash = await hashPassword(input.password ?? generated!);
  return audited(db, async (trx) => {
    const taken = await trx.selectFrom('users').select('id').where('username', '=', input.username).executeTakeFirst();
    if (taken) throw new Conflict(`the username "${input.username}" is taken`);
    const row = (await trx
      .insertInto('users')
      .values({ username: input.username, displayName, role: input.role, passwordHash, mustChangePassword: generated !== null, passwordChangedAt: sql`now()` })
      .returning([...USER_COLUMNS]).$narrowType<StoredRole>()
      .executeTakeFirstOrThrow());
    const user = view(row);
    await recordWrite(trx, { actorId: actor.id, action: 'create', recordType: 'users', recordId: user.id, after: user });
    return { user, password: generated };
  });
}

export interface UserChange {
  displayName?: string;
  role?: Role;
  disabled?: boolean;
}

/** Locks the admins so that two concurrent demotions cannot both see "another admin remains". */
async function assertAnotherAdminRemains(trx: DB, leaving: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(7235030)`.execute(trx);
  const n = await trx
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .where('disabled', '=', false)
    .where('passwordHash', 'is not', null)
    .where('id', '<>', leaving)
    .executeTakeFirstOrThrow();
  if (n.n === 0) throw new Conflict('this is the last admin who can sign in; make another admin first');
}

export async function updateUser(db: DB, actor: Actor, id: string, change: UserChange): Promise<UserView> {
  if (id === SYSTEM_ACTOR.id) throw new Forbidden('the system account owns records loaded by Remnant itself and cannot be changed');
  return audited(db, async (trx) => {
    const before = (await trx.selectFrom('users').select([...USER_COLUMNS]).$narrowType<StoredRole>().where('id', '=', id).forUpdate().executeTakeFirst());
    if (!before) throw new NotFound('user', id);
    const set: Record<string, unknown> = {};
    if (change.displayName !== undefined) set.displayName = change.displayName.trim();
    if (change.role !== undefined) set.role = change.role;
    if (change.disabled !== undefined) set.disabled = change.disabled;
    const losesAdmin = before.role === 'admin' && !before.disabled && ((change.role !== undefined && change.role !== 'admin') || change.disabled === true);
    if (losesAdmin) await assertAnotherAdminRemains(trx, id);
    if (Object.keys(set).length === 0) return view(before);
    const after = (await trx.updateTable('users').set(set).where('id', '=', id).returning([...USER_COLUMNS]).$narrowType<StoredRole>().executeTakeFirstOrThrow());
    // A disabled account or a changed role must not live on in open sessions.
    if (change.disabled === true || (change.role !== undefined && change.role !== before.role)) {
      await trx.deleteFrom('sessions').where('userId', '=', id).execute();
    }
    await recordWrite(trx, { actorId: actor.id, action: 'update', recordType: 'users', recordId: id, before: view(before), after: view(after) });
    return view(after);
  });
}

/** An admin resets someone's password: a new one-time password, all their sessions ended. */
export async function resetPassword(db: DB, actor: Actor, id: string): Promise<{ user: UserView; password: string }> {
  if (id === SYSTEM_ACTOR.id) throw new Forbidden('the system account cannot sign in');
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  return audited(db, async (trx) => {
    const row = (await trx
      .updateTable('users')
      .set({ passwordHash, mustChangePassword: true, passwordChangedAt: sql`now()` })
      .where('id', '=', id)
      .returning([...USER_COLUMNS]).$narrowType<StoredRole>()
      .executeTakeFirst());
    if (!row) throw new NotFound('user', id);
    await trx.deleteFrom('sessions').where('userId', '=', id).execute();
    await recordWrite(trx, { actorId: actor.id, action: 'password-reset', recordType: 'users', recordId: id, after: { mustChangePassword: true } });
    return { user: view(row), password };
  });
}

/** The owner replaces their password; every other session of theirs ends. */
export async function changeOwnPassword(db: DB, actor: Actor, current: string, next: string, keepSession: string | null): Promise<void> {
  const p = passwordProblem(next);
  if (p) throw new ValidationProblem([{ field: 'newPassword', message: p }]);
  if (current === next) throw new ValidationProblem([{ field: 'newPassword', message: 'must differ from the current password' }]);
  const row = await db.selectFrom('users').select(['passwordHash']).where('id', '=', actor.id).executeTakeFirst();
  if (!row?.passwordHash || !(await verifyPassword(row.passwordHash, current))) {
    throw new ValidationProblem([{ field: 'currentPassword', message: 'is not your current password' }]);
  }
  const passwordHash = await hashPassword(next);
  await audited(db, async (trx) => {
    await trx.updateTable('users').set({ passwordHash, mustChangePassword: false, passwordChangedAt: sql`now()` }).where('id', '=', actor.id).execute();
    let del = trx.deleteFrom('sessions').where('userId', '=', actor.id);
    if (keepSession) del = del.where('tokenSha256', '<>', keepSession);
    await del.execute();
    await recordWrite(trx, { actorId: actor.id, action: 'password-change', recordType: 'users', recordId: actor.id, after: { mustChangePassword: false } });
  });
}

/**
 * First start: if nobody but `system` can sign in, make (or re-arm) the `admin` account with a
 * one-time password and return it for printing. Returns null when someone can already sign in.
 */
export async function ensureFirstAdmin(db: DB): Promise<{ username: string; password: string } | null> {
  // The usual case (accounts exist) costs one query, not an argon2 hash.
  const anyone = await db.selectFrom('users').select('id').where('passwordHash', 'is not', null).where('id', '<>', SYSTEM_ACTOR.id).executeTakeFirst();
  if (anyone) return null;
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  return audited(db, async (trx) => {
    // Two servers starting together on one database must not both print a password.
    await sql`SELECT pg_advisory_xact_lock(7235031)`.execute(trx);
    const someone = await trx.selectFrom('users').select('id').where('passwordHash', 'is not', null).where('id', '<>', SYSTEM_ACTOR.id).executeTakeFirst();
    if (someone) return null;
    const existing = await trx.selectFrom('users').select(['id']).where('username', '=', 'admin').executeTakeFirst();
    let id: string;
    if (existing) {
      id = existing.id;
      await trx.updateTable('users').set({ passwordHash, role: 'admin', disabled: false, mustChangePassword: true, passwordChangedAt: sql`now()` }).where('id', '=', id).execute();
    } else {
      const row = await trx
        .insertInto('users')
        .values({ username: 'admin', displayName: 'Administrator', role: 'admin', passwordHash, mustChangePassword: true, passwordChangedAt: sql`now()` })
        .returning(['id'])
        .executeTakeFirstOrThrow();
      id = row.id;
    }
    const after = view((await trx.selectFrom('users').select([...USER_COLUMNS]).$narrowType<StoredRole>().where('id', '=', id).executeTakeFirstOrThrow()));
    await recordWrite(trx, { actorId: SYSTEM_ACTOR.id, action: existing ? 'password-reset' : 'create', recordType: 'users', recordId: id, after });
    return { username: 'admin', password };
  });
}

// ---------------------------------------------------------------------------------------------
// Sessions

/** A session ends 12 hours after its last use, and 14 days after sign-in at the latest. */
export const SESSION_IDLE_HOURS = 12;
export const SESSION_MAX_DAYS = 14;
/** last_seen_at is refreshed at most this often, so that reading does not mean writing on every request. */
const TOUCH_AFTER_SECONDS = 300;

export interface SignedIn {
  actor: Actor;
  displayName: string;
  mustChangePassword: boolean;
}

export interface LoginResult extends SignedIn {
  sessionToken: string;
  sessionSha256: string;
  csrfToken: string;
  maxAgeSeconds: number;
}

const WRONG = 'wrong username or password';

export async function login(db: DB, username: string, password: string, userAgent: string | null): Promise<LoginResult> {
  const row = await db
    .selectFrom('users')
    .select(['id', 'username', 'displayName', 'role', 'passwordHash', 'disabled', 'mustChangePassword'])
    .where('username', '=', username)
    .executeTakeFirst();
  // The same message, and the same argon2 cost, whether the account is unknown, disabled or the password wrong.
  if (!row || !row.passwordHash) {
    await verifyAgainstNothing(password);
    throw new Unauthorized(WRONG);
  }
  const ok = await verifyPassword(row.passwordHash, password);
  if (!ok || row.disabled) throw new Unauthorized(WRONG);
  const secret = newSessionSecret();
  const csrfToken = newCsrfToken();
  await audited(db, async (trx) => {
    await trx.deleteFrom('sessions').where('expiresAt', '<', sql<string>`now()`).execute();
    await trx
      .insertInto('sessions')
      .values({
        tokenSha256: secret.sha256, userId: row.id, csrfToken, userAgent: userAgent?.slice(0, 500) ?? null,
        expiresAt: sql`now() + make_interval(hours => ${SESSION_IDLE_HOURS})`,
      })
      .execute();
    await recordWrite(trx, { actorId: row.id, action: 'login', recordType: 'users', recordId: row.id, after: { via: 'password' } });
  });
  return {
    actor: { id: row.id, username: row.username, role: row.role as Role },
    displayName: row.displayName,
    mustChangePassword: row.mustChangePassword as boolean,
    sessionToken: secret.token,
    sessionSha256: secret.sha256,
    csrfToken,
    maxAgeSeconds: SESSION_MAX_DAYS * 86400,
  };
}

export async function logout(db: DB, sessionSha256: string, actor: Actor): Promise<void> {
  await audited(db, async (trx) => {
    const gone = await trx.deleteFrom('sessions').where('tokenSha256', '=', sessionSha256).returning(['userId']).executeTakeFirst();
    if (gone) await recordWrite(trx, { actorId: actor.id, action: 'logout', recordType: 'users', recordId: actor.id });
  });
}

export interface SessionAuth extends SignedIn {
  sessionSha256: string;
  csrfToken: string;
}

export async function resolveSession(db: DB, sessionToken: string): Promise<SessionAuth | null> {
  const sha = sha256Hex(sessionToken);
  const r = await sql<{ id: string; username: string; displayName: string; role: Role; mustChangePassword: boolean; csrfToken: string; stale: boolean }>`
    SELECT u.id, u.username, u.display_name, u.role, u.must_change_password, s.csrf_token,
           s.last_seen_at < now() - make_interval(secs => ${TOUCH_AFTER_SECONDS}) AS stale
      FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.token_sha256 = ${sha} AND s.expires_at > now() AND NOT u.disabled AND u.password_hash IS NOT NULL`.execute(db);
  const row = r.rows[0];
  if (!row) return null;
  if (row.stale) {
    await sql`UPDATE sessions SET last_seen_at = now(),
        expires_at = least(now() + make_interval(hours => ${SESSION_IDLE_HOURS}), created_at + make_interval(days => ${SESSION_MAX_DAYS}))
      WHERE token_sha256 = ${sha}`.execute(db);
  }
  return {
    actor: { id: row.id, username: row.username, role: row.role },
    displayName: row.displayName,
    mustChangePassword: row.mustChangePassword,
    sessionSha256: sha,
    csrfToken: row.csrfToken,
  };
}

// ---------------------------------------------------------------------------------------------
// Personal API tokens

/** last_used_at is written at most once a minute per token. */
const TOKEN_TOUCH_SECONDS = 60;

export interface TokenView {
  id: string;
  userId: string;
  name: string;
  prefix: string;
  scope: TokenScope;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const TOKEN_COLUMNS = ['id', 'userId', 'name', 'prefix', 'scope', 'createdAt', 'expiresAt', 'lastUsedAt', 'revokedAt'] as const;

export async function createToken(db: DB, actor: Actor, input: { name: string; scope: TokenScope; expiresAt?: string | null }): Promise<{ token: TokenView; secret: string }> {
  const t = newApiToken();
  return audited(db, async (trx) => {
    const row = (await trx
      .insertInto('apiTokens')
      .values({ userId: actor.id, name: input.name.trim(), tokenSha256: t.sha256, prefix: t.prefix, scope: input.scope, expiresAt: input.expiresAt ?? null })
      .returning([...TOKEN_COLUMNS]).$narrowType<StoredScope>()
      .executeTakeFirstOrThrow());
    await recordWrite(trx, { actorId: actor.id, action: 'create', recordType: 'api-tokens', recordId: row.id, after: row });
    return { token: row, secret: t.token };
  });
}

export async function listTokens(db: DB, actor: Actor, all: boolean): Promise<TokenView[]> {
  let q = db.selectFrom('apiTokens').select([...TOKEN_COLUMNS]).$narrowType<StoredScope>();
  if (!all) q = q.where('userId', '=', actor.id);
  return (await q.orderBy('createdAt', 'desc').orderBy('id').execute());
}

/** Owners revoke their own tokens; admins anyone's. Revoking twice is harmless. */
export async function revokeToken(db: DB, actor: Actor, id: string, asAdmin: boolean): Promise<TokenView> {
  return audited(db, async (trx) => {
    const before = (await trx.selectFrom('apiTokens').select([...TOKEN_COLUMNS]).$narrowType<StoredScope>().where('id', '=', id).forUpdate().executeTakeFirst());
    // Someone else's token is "not found", not "forbidden": its existence is not the caller's business.
    if (!before || (before.userId !== actor.id && !asAdmin)) throw new NotFound('API token', id);
    if (before.revokedAt) return before;
    const after = (await trx.updateTable('apiTokens').set({ revokedAt: sql`now()` }).where('id', '=', id).returning([...TOKEN_COLUMNS]).$narrowType<StoredScope>().executeTakeFirstOrThrow());
    await recordWrite(trx, { actorId: actor.id, action: 'revoke', recordType: 'api-tokens', recordId: id, before, after });
    return after;
  });
}

export interface TokenAuth extends SignedIn {
  tokenId: string;
  scope: TokenScope;
}

export async function resolveToken(db: DB, token: string): Promise<TokenAuth | null> {
  const sha = sha256Hex(token);
  const r = await sql<{ tokenId: string; scope: TokenScope; stale: boolean; id: string; username: string; displayName: string; role: Role; mustChangePassword: boolean }>`
    SELECT t.id AS token_id, t.scope,
           (t.last_used_at IS NULL OR t.last_used_at < now() - make_interval(secs => ${TOKEN_TOUCH_SECONDS})) AS stale,
           u.id, u.username, u.display_name, u.role, u.must_change_password
      FROM api_tokens t JOIN users u ON u.id = t.user_id
     WHERE t.token_sha256 = ${sha} AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now()) AND NOT u.disabled`.execute(db);
  const row = r.rows[0];
  if (!row) return null;
  if (row.stale) await sql`UPDATE api_tokens SET last_used_at = now() WHERE id = ${row.tokenId}`.execute(db);
  return {
    actor: { id: row.id, username: row.username, role: row.role },
    displayName: row.displayName,
    mustChangePassword: row.mustChangePassword,
    tokenId: row.tokenId,
    scope: row.scope,
  };
}
