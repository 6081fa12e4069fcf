import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { runRemnant, type CliResult } from '../support/cli.js';
import { testApp } from '../support/app.js';
import type { TestDatabase } from '../support/db.js';
import type { App } from '../../src/http/app.js';

/**
 * `remnant user …` and `remnant token …`, run in this process against this test's database
 * (DATABASE_URL), then checked through the real app: the printed one-time password signs in, the
 * printed token authenticates, a disabled account does not.
 */
let app: App;
let database: TestDatabase;
beforeAll(async () => {
  ({ app, database } = await testApp({ as: 'real' }));
});

afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

async function remnant(...args: string[]): Promise<CliResult> {
  return runRemnant(database.url, ...args);
}

async function login(username: string, password: string) {
  return app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
}

describe('remnant user', () => {
  it('adds an account with a printed one-time password that must be replaced', async () => {
    const r = await remnant('user', 'add', 'field-one', '--role', 'field', '--display-name', 'Field One');
    expect(r.exitCode, r.err).toBe(0);
    const m = /one-time password for field-one: (\S+)/.exec(r.out);
    expect(m).not.toBeNull();
    const res = await login('field-one', m![1]!);
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({ username: 'field-one', displayName: 'Field One', role: 'field', mustChangePassword: true });
  });

  it('adds an admin with --admin, lists accounts, changes roles, resets passwords and disables', async () => {
    const add = await remnant('user', 'add', 'boss', '--admin');
    const first = /one-time password for boss: (\S+)/.exec(add.out)![1]!;
    const list = await remnant('user', 'list');
    expect(list.out).toMatch(/^boss\tadmin\tboss\t\(one-time password\)$/m);
    expect(list.out).toMatch(/^system\tadmin\tRemnant \(system\)\t\(cannot sign in\)$/m);

    const role = await remnant('user', 'role', 'field-one', 'analyst');
    expect(role.exitCode, role.err).toBe(0);
    const reset = await remnant('user', 'reset-password', 'boss');
    const second = /one-time password for boss: (\S+)/.exec(reset.out)![1]!;
    expect(second).not.toBe(first);
    expect((await login('boss', first)).statusCode).toBe(401);
    expect((await login('boss', second)).statusCode).toBe(200);

    // boss is the only admin who can sign in: the one account that cannot be disabled.
    const last = await remnant('user', 'disable', 'boss');
    expect(last.exitCode).toBe(1);
    expect(last.err).toContain('last admin');
    const reset2 = await remnant('user', 'reset-password', 'field-one');
    const pw = /one-time password for field-one: (\S+)/.exec(reset2.out)![1]!;
    expect((await remnant('user', 'disable', 'field-one')).exitCode).toBe(0);
    expect((await login('field-one', pw)).statusCode).toBe(401);
    expect((await remnant('user', 'enable', 'field-one')).exitCode).toBe(0);
    expect((await login('field-one', pw)).statusCode).toBe(200);
  });

  it('names the bad input and exits 1', async () => {
    const role = await remnant('user', 'add', 'someone', '--role', 'boss');
    expect(role.exitCode).toBe(1);
    expect(role.err).toContain('role: must be one of');
    const name = await remnant('user', 'add', 'Bad Name', '--role', 'viewer');
    expect(name.exitCode).toBe(1);
    expect(name.err).toContain('username');
    const dup = await remnant('user', 'add', 'field-one', '--role', 'viewer');
    expect(dup.exitCode).toBe(1);
    expect(dup.err).toContain('taken');
    const missing = await remnant('user', 'reset-password', 'nobody');
    expect(missing.exitCode).toBe(1);
  });
});

describe('remnant token', () => {
  it('prints a token that authenticates, lists it without the secret, and revokes it', async () => {
    await remnant('user', 'add', 'robot', '--role', 'analyst');
    const c = await remnant('token', 'create', 'robot', '--name', 'nightly export', '--scope', 'read-write');
    expect(c.exitCode, c.err).toBe(0);
    const token = c.out.trim();
    expect(token).toMatch(/^rmt_[A-Za-z0-9_-]{43}$/);
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } });
    expect(me.json().user.username).toBe('robot');
    const list = await remnant('token', 'list', 'robot');
    expect(list.out).toContain('nightly export');
    expect(list.out).not.toContain(token);
    const id = list.out.split('\t')[0]!;
    expect((await remnant('token', 'revoke', id)).exitCode).toBe(0);
    const after = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } });
    expect(after.statusCode).toBe(401);
    const bad = await remnant('token', 'create', 'robot', '--name', 'x', '--scope', 'everything');
    expect(bad.exitCode).toBe(1);
    expect(bad.err).toContain('scope');
  });
});
