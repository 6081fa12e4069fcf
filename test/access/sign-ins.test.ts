import { beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';
import type { TestDatabase } from '../support/db.js';
import type { App } from '../../src/http/app.js';
import { account, signIn } from './support.js';

/** Sign-in history for admins (GET /api/sign-ins): real sign-ins and sign-outs, newest first, admins only. */
let app: App;
let database: TestDatabase;
beforeAll(async () => {
  ({ app, database } = await testApp({ as: 'real' }));
});

describe('sign-in history', () => {
  it('lists sign-ins and sign-outs newest first with the account named, pages with beforeSeq, and refuses non-admins', async () => {
    const admin = await account(database, 'root', 'admin', 'Root Admin');
    const alice = await account(database, 'alice', 'analyst', 'Alice Analyst');
    const a1 = await signIn(app, alice.username, alice.password);
    const out = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: a1.cookie, 'x-csrf-token': a1.csrf } });
    expect(out.statusCode).toBe(204);
    const a2 = await signIn(app, alice.username, alice.password);
    const b = await signIn(app, admin.username, admin.password);

    const r = await app.inject({ method: 'GET', url: '/api/sign-ins?limit=3', headers: { cookie: b.cookie } });
    expect(r.statusCode, r.body).toBe(200);
    const page = r.json<{ data: { seq: number; action: string; username: string; via: string | null }[]; nextBeforeSeq: number | null }>();
    expect(page.data.map((e) => [e.username, e.action])).toEqual([['root', 'login'], ['alice', 'login'], ['alice', 'logout']]);
    expect(page.data[0]!.via).toBe('password');
    expect(page.nextBeforeSeq).toBe(page.data[2]!.seq);

    const rest = (await app.inject({ method: 'GET', url: `/api/sign-ins?beforeSeq=${page.nextBeforeSeq}`, headers: { cookie: b.cookie } })).json();
    expect(rest.data.map((e: { username: string; action: string }) => [e.username, e.action])).toEqual([['alice', 'login']]);
    expect(rest.nextBeforeSeq).toBeNull();

    const mine = (await app.inject({ method: 'GET', url: `/api/sign-ins?userId=${admin.id}`, headers: { cookie: b.cookie } })).json();
    expect(mine.data.map((e: { username: string }) => e.username)).toEqual(['root']);

    const refused = await app.inject({ method: 'GET', url: '/api/sign-ins', headers: { cookie: a2.cookie } });
    expect(refused.statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/sign-ins' })).statusCode).toBe(401);
  });
});
