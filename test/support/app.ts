import { loadConfig } from '../../src/config.js';
import { buildApp, type App, type ActorResolver } from '../../src/http/app.js';
import { freshDatabase, type TestDatabase } from './db.js';
import { afterAll } from 'vitest';

/** The real app on a fresh database, driven with `app.inject` (no sockets). */
export async function testApp(opts: { resolveActor?: ActorResolver } = {}): Promise<{ app: App; database: TestDatabase }> {
  const database = await freshDatabase();
  const config = { ...loadConfig({}), maxUploadBytes: 1024 * 1024 };
  const app = await buildApp({ db: database.db, config, resolveActor: opts.resolveActor });
  await app.ready();
  afterAll(async () => {
    await app.close();
  });
  return { app, database };
}
