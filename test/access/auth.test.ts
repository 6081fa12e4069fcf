import { beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';
import type { TestDatabase } from '../support/db.js';
import type { App } from '../../src/http/app.js';
import { ensureFirstAdmin } from '../../src/access/accounts.js';
import { account, sessionCookieOf, signIn, tokenFor } from './support.js';

/**
 * Accounts end to end through the real app: sign-in with argon2-hashed passwords, the session
 * cookie and CSRF header of the web-app contract, personal API tokens, the printed one-time
 * password of the first admin, and the sign-in rate limit. No shortcut resolver: `as: 'real'`.
 */
let app: App;
let database: TestDatabase;
beforeAll(async () => {
  ({ app, database } = await testApp({ as: 'real' }));
});

const ORG = { name: 'Example Components Ltd', kind: 'distributor', country: 'HK' };

describe('sign-in with a session cookie', () => {
  it('signs in, sets an httpOnly SameSite=Lax cookie, answers /me, and signs out', async () => {
    const a = await account(database, 'alice', 'analyst', 'Alice Analyst');
    const stored = await database.db.selectFrom('users').select(['passwordHash']).where('username', '=', 'alice').executeTakeFirstOrThrow();
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
    expect(stored.passwordHash).not.toContain(a.password);

    const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'alice', password: a.password } });
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.user).toMatchObject({ id: a.id, username: 'alice', displayName: 'Alice Analyst', role: 'analyst' });
    expect(typeof body.csrfToken).toBe('string');
    const setCookie = String(r.headers['set-cookie']);
    expect(setCookie).toMatch(/^remnant_session=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).toMatch(/Path=\//);
    const cookie = sessionCookieOf(r.headers['set-cookie']);
    // Only the hash of the cookie is stored.
    const sessions = await database.db.selectFrom('sessions').select(['tokenSha256']).execute();
    expect(sessions.map((s) => s.tokenSha256)).not.toContain(cookie.split('=')[1]);

    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(me.json()).toEqual({ user: { id: a.id, username: 'alice', displayName: 'Alice Analyst', role: 'analyst', mustChangePassword: false, language: null }, csrfToken: body.csrfToken, permissions: ['public', 'read', 'write', 'edit'] });

    const out = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie, 'x-csrf-token': body.csrfToken } });
    expect(out.statusCode).toBe(204);
    const after = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(after.json()).toEqual({ user: null, csrfToken: null, permissions: ['public'] });
    // The old cookie no longer writes anything.
    const w = await app.inject({ method: 'POST', url: '/api/organisations', headers: { cookie, 'x-csrf-token': body.csrfToken }, payload: ORG });
    expect(w.statusCode).toBe(401);
  });

  it('refuses wrong credentials with the same 401 problem for unknown users, wrong passwords and disabled accounts', async () => {
    await account(database, 'bob', 'viewer');
    const disabled = await account(database, 'carol', 'viewer');
    await database.db.updateTable('users').set({ disabled: true }).where('id', '=', disabled.id).execute();
    const attempts = [
      { username: 'bob', password: 'not-the-password' },
      { username: 'nobody-here', password: 'whatever-password' },
      { username: 'carol', password: disabled.password },
      { username: 'system', password: 'anything-at-all' },
    ];
    const details = new Set<string>();
    for (const p of attempts) {
      const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: p });
      expect(r.statusCode, JSON.stringify(p)).toBe(401);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.headers['set-cookie']).toBeUndefined();
      details.add(r.json().detail);
    }
    expect(details.size).toBe(1);
  });

  it('names the field of a malformed sign-in', async () => {
    const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'bob' } });
    expect(r.statusCode).toBe(400);
    expect(r.json().errors.map((e: { field: string }) => e.field)).toContain('password');
  });

  it('needs the CSRF header on cookie-authenticated writes, not on reads', async () => {
    const a = await account(database, 'dora', 'analyst');
    const b = await signIn(app, a.username, a.password);
    const none = await app.inject({ method: 'POST', url: '/api/organisations', headers: { cookie: b.cookie }, payload: ORG });
    expect(none.statusCode).toBe(403);
    expect(none.headers['content-type']).toContain('application/problem+json');
    expect(none.json().detail).toContain('x-csrf-token');
    const wrong = await app.inject({ method: 'POST', url: '/api/organisations', headers: { cookie: b.cookie, 'x-csrf-token': 'x'.repeat(b.csrf.length) }, payload: ORG });
    expect(wrong.statusCode).toBe(403);
    const right = await app.inject({ method: 'POST', url: '/api/organisations', headers: { cookie: b.cookie, 'x-csrf-token': b.csrf }, payload: ORG });
    expect(right.statusCode).toBe(201);
    expect(right.json().createdBy).toBe(a.id);
    const read = await app.inject({ method: 'GET', url: `/api/organisations/${right.json().id}`, headers: { cookie: b.cookie } });
    expect(read.statusCode).toBe(200);
    // Nothing was written by the refused attempts.
    const n = await database.db.selectFrom('organisations').select((eb) => eb.fn.countAll<number>().as('n')).where('createdBy', '=', a.id).executeTakeFirstOrThrow();
    expect(n.n).toBe(1);
  });

  it('treats anonymous writes as 401 and lets the public read only what is published', async () => {
    const w = await app.inject({ method: 'POST', url: '/api/organisations', payload: ORG });
    expect(w.statusCode).toBe(401);
    expect(w.headers['content-type']).toContain('application/problem+json');
    const list = await app.inject({ method: 'GET', url: '/api/organisations' });
    expect(list.statusCode).toBe(200);
    expect(list.json().data.every((o: { visibility: string }) => o.visibility === 'public')).toBe(true);
  });
});

describe('one-time passwords', () => {
  it('makes the first admin on first start, once, and makes them replace the password before writing', async () => {
    // Other tests in this file made accounts already; a fresh instance is what first start sees.
    const fresh = await testApp({ as: 'real' });
    const first = await ensureFirstAdmin(fresh.database.db);
    expect(first?.username).toBe('admin');
    expect(await ensureFirstAdmin(fresh.database.db)).toBeNull();

    const b = await signIn(fresh.app, 'admin', first!.password);
    const me = await fresh.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: b.cookie } });
    expect(me.json().user).toMatchObject({ role: 'admin', mustChangePassword: true });
    const blocked = await fresh.app.inject({ method: 'POST', url: '/api/organisations', headers: { cookie: b.cookie, 'x-csrf-token': b.csrf }, payload: ORG });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().detail).toContain('one-time password');

    const weak = await fresh.app.inject({
      method: 'POST', url: '/api/auth/password', headers: { cookie: b.cookie, 'x-csrf-token': b.csrf }, payload: { currentPassword: first!.password, newPassword: 'short' },
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors[0].field).toBe('newPassword');
    const wrongCurrent = await fresh.app.inject({
      method: 'POST', url: '/api/auth/password', headers: { cookie: b.cookie, 'x-csrf-token': b.csrf }, payload: { currentPassword: 'not-it-at-all', newPassword: 'a-long-new-password' },
    });
    expect(wrongCurrent.statusCode).toBe(400);
    expect(wrongCurrent.json().errors[0].field).toBe('currentPassword');
    const changed = await fresh.app.inject({
      method: 'POST', url: '/api/auth/password', headers: { cookie: b.cookie, 'x-csrf-token': b.csrf }, payload: { currentPassword: first!.password, newPassword: 'a-long-new-password' },
    });
    expect(changed.statusCode).toBe(204);
    const ok = await fresh.app.inject({ method: 'POST', url: '/api/organisations', headers: { cookie: b.cookie, 'x-csrf-token': b.csrf }, payload: ORG });
    expect(ok.statusCode).toBe(201);
    const old = await fresh.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: first!.password } });
    expect(old.statusCode).toBe(401);
  });

  it('lets an admin create accounts with a one-time password shown once', async () => {
    const admin = await tokenFor(app, database, 'root', 'admin');
    const auth = { authorization: `Bearer ${admin.token}` };
    const r = await app.inject({ method: 'POST', url: '/api/users', headers: auth, payload: { username: 'fieldy', role: 'field', displayName: 'Field Person' } });
    expect(r.statusCode).toBe(201);
    const otp = r.json().oneTimePassword as string;
    expect(otp).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
    expect(r.json().user).toMatchObject({ username: 'fieldy', role: 'field', mustChangePassword: true });
    const dup = await app.inject({ method: 'POST', url: '/api/users', headers: auth, payload: { username: 'fieldy', role: 'field' } });
    expect(dup.statusCode).toBe(409);
    const bad = await app.inject({ method: 'POST', url: '/api/users', headers: auth, payload: { username: 'No Spaces!', role: 'boss' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['role']);
    const badName = await app.inject({ method: 'POST', url: '/api/users', headers: auth, payload: { username: 'No Spaces!', role: 'field' } });
    expect(badName.statusCode).toBe(400);
    expect(badName.json().errors[0].field).toBe('username');
    await signIn(app, 'fieldy', otp);
    // The audit log records the account, never the password or its hash.
    const entries = await database.db.selectFrom('auditLog').select(['after']).where('recordType', '=', 'users').execute();
    const text = JSON.stringify(entries);
    expect(text).toContain('fieldy');
    expect(text).not.toContain(otp);
    expect(text).not.toContain('$argon2');
  });

  it('ends the sessions of a disabled account and refuses to disable the last admin', async () => {
    const admin = await tokenFor(app, database, 'root2', 'admin');
    const auth = { authorization: `Bearer ${admin.token}` };
    const v = await account(database, 'eve', 'viewer');
    const b = await signIn(app, v.username, v.password);
    const d = await app.inject({ method: 'PATCH', url: `/api/users/${v.id}`, headers: auth, payload: { disabled: true } });
    expect(d.statusCode).toBe(200);
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: b.cookie } });
    expect(me.json().user).toBeNull();
    // root and root2 are admins here: demoting both in turn must stop at the last one.
    const users = (await app.inject({ method: 'GET', url: '/api/users', headers: auth })).json().data as { id: string; role: string; hasPassword: boolean; disabled: boolean }[];
    const admins = users.filter((u) => u.role === 'admin' && u.hasPassword && !u.disabled);
    const results = [];
    for (const a of admins) results.push((await app.inject({ method: 'PATCH', url: `/api/users/${a.id}`, headers: auth, payload: { role: 'viewer' } })).statusCode);
    expect(results.at(-1)).toBe(409);
  });
});

describe('personal API tokens', () => {
  it('stores only the hash, shows the secret once, records last use, and can be revoked', async () => {
    const t = await tokenFor(app, database, 'tom', 'analyst', 'read-write');
    expect(t.token).toMatch(/^rmt_/);
    const row = await database.db.selectFrom('apiTokens').selectAll().where('id', '=', t.tokenId).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(t.token);
    expect(row.lastUsedAt).toBeNull();

    const auth = { authorization: `Bearer ${t.token}` };
    const created = await app.inject({ method: 'POST', url: '/api/organisations', headers: auth, payload: ORG });
    expect(created.statusCode).toBe(201);
    const listed = await app.inject({ method: 'GET', url: '/api/tokens', headers: auth });
    expect(listed.statusCode).toBe(200);
    const mine = listed.json().data.find((x: { id: string }) => x.id === t.tokenId);
    expect(mine.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(listed.json())).not.toContain(t.token);

    // A token cannot mint tokens: a stolen one would otherwise outlive its revocation.
    const mint = await app.inject({ method: 'POST', url: '/api/tokens', headers: auth, payload: { name: 'x', scope: 'read' } });
    expect(mint.statusCode).toBe(403);

    const revoke = await app.inject({ method: 'DELETE', url: `/api/tokens/${t.tokenId}`, headers: { cookie: t.browser.cookie, 'x-csrf-token': t.browser.csrf } });
    expect(revoke.statusCode).toBe(204);
    const after = await app.inject({ method: 'GET', url: '/api/organisations', headers: auth });
    expect(after.statusCode).toBe(401);
    expect(after.json().detail).toContain('revoked');
  });

  it('lets a read-scoped token read but not write, and needs no CSRF header', async () => {
    const t = await tokenFor(app, database, 'rita', 'analyst', 'read');
    const auth = { authorization: `Bearer ${t.token}` };
    const r = await app.inject({ method: 'GET', url: '/api/organisations', headers: auth });
    expect(r.statusCode).toBe(200);
    const w = await app.inject({ method: 'POST', url: '/api/organisations', headers: auth, payload: ORG });
    expect(w.statusCode).toBe(403);
    expect(w.json().detail).toContain('read-only');
  });

  it('refuses a malformed or unknown bearer token instead of treating it as the public', async () => {
    for (const h of ['Bearer rmt_nope', 'Basic YWxpY2U6cHc=', 'Bearer']) {
      const r = await app.inject({ method: 'GET', url: '/api/organisations', headers: { authorization: h } });
      expect(r.statusCode, h).toBe(401);
    }
  });

  it('does not let one user revoke another\u2019s token', async () => {
    const a = await tokenFor(app, database, 'uma', 'analyst');
    const b = await tokenFor(app, database, 'ulf', 'analyst');
    const r = await app.inject({ method: 'DELETE', url: `/api/tokens/${a.tokenId}`, headers: { authorization: `Bearer ${b.token}` } });
    expect(r.statusCode).toBe(404);
    const still = await app.inject({ method: 'GET', url: '/api/organisations', headers: { authorization: `Bearer ${a.token}` } });
    expect(still.statusCode).toBe(200);
  });
});

describe('sign-in rate limit', () => {
  it('allows 10 failed attempts a minute per username, then answers 429 as a problem', async () => {
    const a = await account(database, 'limited', 'viewer');
    const codes: number[] = [];
    for (let i = 0; i < 12; i++) {
      codes.push((await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'limited', password: 'wrong-password!' } })).statusCode);
    }
    expect(codes.slice(0, 10).every((c) => c === 401)).toBe(true);
    expect(codes.slice(10)).toEqual([429, 429]);
    const limited = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'limited', password: a.password } });
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toContain('application/problem+json');
    // Another username from the same address is not locked out by someone guessing at "limited".
    const other = await account(database, 'unlimited', 'viewer');
    await signIn(app, other.username, other.password);
  });
});
