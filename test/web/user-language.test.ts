import { describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';
import { account, signIn } from '../access/support.js';

/** The account's language (issue 24): set by its owner, viewers too, audited, returned by /me and sign-in. */
describe('PATCH /api/auth/me {language}', () => {
  it('sets, audits, returns and clears the language; refuses an unknown one and the public', async () => {
    const { app, database } = await testApp({ as: 'real' });
    const a = await account(database, 'reader-uk', 'viewer');
    const b = await signIn(app, a.username, a.password);
    const headers = { cookie: b.cookie, 'x-csrf-token': b.csrf };
    const me = async () => (await app.inject({ method: 'GET', url: '/api/auth/me', headers })).json().user.language;
    expect(await me()).toBeNull();

    const set = await app.inject({ method: 'PATCH', url: '/api/auth/me', headers, payload: { language: 'uk' } });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toEqual({ language: 'uk' });
    expect(await me()).toBe('uk');
    const again = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: a.username, password: a.password } });
    expect(again.json().user.language).toBe('uk');

    const audit = await database.db.selectFrom('auditLog').select(['action', 'before', 'after']).where('recordType', '=', 'users')
      .where('recordId', '=', a.id).where('action', '=', 'update').execute();
    expect(audit.map((e) => [e.before, e.after])).toEqual([[{ language: null }, { language: 'uk' }]]);

    const bad = await app.inject({ method: 'PATCH', url: '/api/auth/me', headers, payload: { language: 'ru' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.body).toContain('language');
    expect(await me()).toBe('uk');

    expect((await app.inject({ method: 'PATCH', url: '/api/auth/me', headers, payload: { language: null } })).json()).toEqual({ language: null });
    expect(await me()).toBeNull();
    expect((await app.inject({ method: 'PATCH', url: '/api/auth/me', payload: { language: 'uk' } })).statusCode).toBe(401);
  });
});
