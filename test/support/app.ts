import { loadConfig } from '../../src/config.js';
import { buildApp, type App, type ActorResolver } from '../../src/http/app.js';
import { SYSTEM_ACTOR, type Actor, type Role } from '../../src/access/index.js';
import { freshDatabase, type TestDatabase } from './db.js';
import { afterAll } from 'vitest';

/**
 * Who the test app's requests act as:
 * - `admin` (default): the system account, an admin, so tests about other things need no sign-in;
 * - another role: a user of that role, created in the test database (`test-<role>`);
 * - `public`: an anonymous visitor;
 * - `real`: no shortcut — requests authenticate with real session cookies, CSRF tokens and bearer
 *   tokens, as in production.
 */
export type TestIdentity = Role | 'public' | 'real';

export interface TestAppOptions {
  as?: TestIdentity;
  /** A resolver of your own; overrides `as`. */
  resolveActor?: ActorResolver;
}

/** The real app on a fresh database, driven with `app.inject` (no sockets). */
export async function testApp(opts: TestAppOptions = {}): Promise<{ app: App; database: TestDatabase; actor: Actor | null }> {
  const database = await freshDatabase();
  const config = { ...loadConfig({}), maxUploadBytes: 1024 * 1024 };
  const as = opts.as ?? 'admin';
  let actor: Actor | null = null;
  let resolveActor: ActorResolver | undefined = opts.resolveActor;
  if (!resolveActor && as !== 'real') {
    actor = as === 'public' ? null : as === 'admin' ? SYSTEM_ACTOR : await testUser(database, as);
    const fixed = actor;
    resolveActor = async () => fixed;
  }
  const app = await buildApp({ db: database.db, config, resolveActor });
  await app.ready();
  afterAll(async () => {
    await app.close();
  });
  return { app, database, actor };
}

/** A user of `role` in the test database, without a password (it signs in only through a resolver). */
export async function testUser(database: TestDatabase, role: Role, username = `test-${role}`): Promise<Actor> {
  const row = await database.db
    .insertInto('users')
    .values({ username, displayName: `Test ${role}`, role })
    .onConflict((oc) => oc.column('username').doUpdateSet({ role }))
    .returning(['id', 'username', 'role'])
    .executeTakeFirstOrThrow();
  return { id: row.id, username: row.username, role: row.role as Role };
}
