import type { App } from '../../src/http/app.js';
import type { TestDatabase } from '../support/db.js';
import { createUser } from '../../src/access/accounts.js';
import { SYSTEM_ACTOR, type Role } from '../../src/access/index.js';

/** A signed-in browser: the session cookie and CSRF token from a real sign-in. */
export interface Browser {
  cookie: string;
  csrf: string;
  userId: string;
}

export function sessionCookieOf(setCookie: string | string[] | undefined): string {
  const all = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const c = all.find((x) => x.startsWith('remnant_session='));
  if (!c) throw new Error(`no session cookie in ${JSON.stringify(all)}`);
  return c.split(';')[0]!;
}

export async function signIn(app: App, username: string, password: string): Promise<Browser> {
  const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (r.statusCode !== 200) throw new Error(`sign-in of ${username} failed: ${r.statusCode} ${r.body}`);
  return { cookie: sessionCookieOf(r.headers['set-cookie']), csrf: r.json().csrfToken, userId: r.json().user.id };
}

/** Makes an account with a known password (no one-time password to replace). */
export async function account(database: TestDatabase, username: string, role: Role, displayName?: string): Promise<{ id: string; username: string; password: string }> {
  const password = `pw-${username}-0123456789`;
  const r = await createUser(database.db, SYSTEM_ACTOR, { username, role, password, displayName });
  return { id: r.user.id, username, password };
}

/** Makes an account of `role` and a bearer token for it through the API, as its owner would. */
export async function tokenFor(app: App, database: TestDatabase, username: string, role: Role, scope: 'read' | 'read-write' = 'read-write', displayName?: string) {
  const a = await account(database, username, role, displayName);
  const b = await signIn(app, a.username, a.password);
  const r = await app.inject({
    method: 'POST', url: '/api/tokens', headers: { cookie: b.cookie, 'x-csrf-token': b.csrf }, payload: { name: `${username} token`, scope },
  });
  if (r.statusCode !== 201) throw new Error(`token for ${username}: ${r.statusCode} ${r.body}`);
  return { ...a, token: r.json().secret as string, tokenId: r.json().token.id as string, browser: b };
}
