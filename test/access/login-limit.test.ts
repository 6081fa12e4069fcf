import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testApp } from '../support/app.js';
import type { TestDatabase } from '../support/db.js';
import { buildApp, type App } from '../../src/http/app.js';
import { loadConfig } from '../../src/config.js';
import { closePool, createPool } from '../../src/db/index.js';
import { LOGIN_LIMITS, retryAfter } from '../../src/access/login-limit.js';
import { account } from './support.js';

/**
 * The sign-in rate limit is kept in PostgreSQL: two app instances on one database — each with its
 * own connection pool, as two servers would have — count the same failed attempts.
 */
let a: App;
let b: App;
let database: TestDatabase;
let poolB: ReturnType<typeof createPool>;
beforeAll(async () => {
  ({ app: a, database } = await testApp({ as: 'real' }));
  poolB = createPool(database.url);
  b = await buildApp({ db: poolB.db, config: { ...loadConfig({}), maxUploadBytes: 1024 * 1024 } });
  await b.ready();
});
afterAll(async () => {
  await b.close();
  await closePool(poolB.db, poolB.pool);
});

const login = (app: App, username: string, password: string, address = '127.0.0.1') =>
  app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: address });

describe('the sign-in limit, shared by every server on the database', () => {
  it('counts failed attempts on both instances together, then refuses on both with a 429 problem and Retry-After', async () => {
    const u = await account(database, 'shared', 'viewer');
    const codes: number[] = [];
    for (let i = 0; i < LOGIN_LIMITS.username.max; i++) codes.push((await login(i % 2 ? b : a, 'shared', 'wrong-password!', '127.0.0.2')).statusCode);
    expect(codes.every((c) => c === 401)).toBe(true);
    for (const app of [a, b]) {
      const r = await login(app, 'shared', u.password, '127.0.0.2');
      expect(r.statusCode).toBe(429);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.json()).toMatchObject({ status: 429, title: 'Too many requests' });
      const wait = Number(r.headers['retry-after']);
      expect(wait).toBeGreaterThanOrEqual(1);
      expect(wait).toBeLessThanOrEqual(LOGIN_LIMITS.username.windowSeconds);
    }
    // The same username from another address is limited too: the guesses are about this account.
    expect((await login(b, 'shared', u.password, '127.0.0.3')).statusCode).toBe(429);
    // Refused attempts were not recorded (they do not prolong the wait).
    const n = await database.db.selectFrom('loginAttempts').select((eb) => eb.fn.countAll<number>().as('n')).where('username', '=', 'shared').executeTakeFirstOrThrow();
    expect(n.n).toBe(LOGIN_LIMITS.username.max);
    // Another account from the same address signs in.
    const other = await account(database, 'unshared', 'viewer');
    expect((await login(a, other.username, other.password, '127.0.0.2')).statusCode).toBe(200);
  });

  it('limits one address trying many usernames, on both instances', async () => {
    const address = '127.0.0.4';
    for (let i = 0; i < LOGIN_LIMITS.address.max; i++) expect((await login(i % 2 ? a : b, `spray-${i}`, 'Summer2024!x', address)).statusCode).toBe(401);
    const v = await account(database, 'victim', 'viewer');
    expect((await login(a, v.username, v.password, address)).statusCode).toBe(429);
    expect((await login(b, v.username, v.password, '127.0.0.5')).statusCode).toBe(200);
  });

  it('does not count successful sign-ins', async () => {
    const u = await account(database, 'frequent', 'viewer');
    for (let i = 0; i < LOGIN_LIMITS.username.max + 2; i++) expect((await login(i % 2 ? a : b, u.username, u.password, '127.0.0.6')).statusCode).toBe(200);
    const n = await database.db.selectFrom('loginAttempts').select((eb) => eb.fn.countAll<number>().as('n')).where('username', '=', 'frequent').executeTakeFirstOrThrow();
    expect(n.n).toBe(0);
  });

  it('forgets attempts older than the window, and deletes them', async () => {
    const u = await account(database, 'patient', 'viewer');
    await sql`INSERT INTO login_attempts (at, username, address)
      SELECT now() - interval '2 minutes', 'patient', '127.0.0.7' FROM generate_series(1, ${LOGIN_LIMITS.username.max + 5})`.execute(database.db);
    expect((await login(b, u.username, u.password, '127.0.0.7')).statusCode).toBe(200);
    const old = await sql<{ n: number }>`SELECT count(*)::int AS n FROM login_attempts WHERE at < now() - interval '1 minute'`.execute(database.db);
    expect(old.rows[0]!.n).toBe(0);
  });

  it('says how long to wait: until the oldest attempt that keeps the count at the limit leaves the window', () => {
    const now = new Date('2025-01-01T00:01:00Z');
    const times = [50, 40, 30].map((s) => new Date(now.getTime() - s * 1000));
    expect(retryAfter(times, now, { max: 3, windowSeconds: 60 })).toBe(10);
    expect(retryAfter(times, now, { max: 2, windowSeconds: 60 })).toBe(20);
    expect(retryAfter([now], now, { max: 1, windowSeconds: 60 })).toBe(60);
  });
});
