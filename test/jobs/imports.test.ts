import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testUser } from '../support/app.js';
import { freshDatabase, type TestDatabase } from '../support/db.js';
import { followJob } from '../support/jobs.js';
import { buildApp, type App } from '../../src/http/app.js';
import { loadConfig } from '../../src/config.js';
import type { Actor } from '../../src/access/index.js';

/** Table imports from the web app are jobs in PostgreSQL: another app server (or the same after a restart) sees and finishes them. */
let database: TestDatabase;
let analyst: Actor;
const apps: App[] = [];

async function appAs(actor: Actor): Promise<App> {
  const a = await buildApp({ db: database.db, config: loadConfig({}), resolveActor: async () => actor });
  await a.ready();
  apps.push(a);
  return a;
}

function multipart(fields: Record<string, string>, file: { name: string; content: string }) {
  const boundary = '----remnant' + Math.random().toString(16).slice(2);
  let body = '';
  for (const [k, v] of Object.entries(fields)) body += `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`;
  body += `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: text/csv\r\n\r\n${file.content}\r\n--${boundary}--\r\n`;
  return { payload: Buffer.from(body), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

beforeAll(async () => {
  database = await freshDatabase();
  analyst = await testUser(database, 'analyst');
});
afterAll(async () => {
  for (const a of apps) await a.close();
});

describe('table imports as jobs', () => {
  it('answers 202 with the job URL; a second server reports it and commits it; the first server may be gone', async () => {
    const first = await appAs(analyst);
    const csv = 'Title,Date,Country\nJob strike A,2024-01-02,UA\nJob strike B,2024-01-03,UA\n';
    const res = await first.inject({ method: 'POST', url: '/api/imports', ...multipart({ resource: 'incidents' }, { name: 'strikes.csv', content: csv }) });
    expect(res.statusCode, res.body).toBe(202);
    const started = res.json();
    expect(res.headers.location).toBe(started.jobUrl);
    expect(started).toMatchObject({ state: 'validating', fileName: 'strikes.csv' });
    const check = await followJob(first, started.jobUrl);
    expect(check).toMatchObject({ kind: 'table-import-check', state: 'succeeded', result: { errors: 0, rowsRead: 2, committed: false } });
    await first.close();

    // Another app server: the import is in PostgreSQL, not in the first one's memory.
    const second = await appAs(analyst);
    const seen = await second.inject({ method: 'GET', url: `/api/imports/${started.id}` });
    expect(seen.json()).toMatchObject({ state: 'ready', rowsRead: 2, errors: 0, fileName: 'strikes.csv' });
    // Two commit requests at once (a double click, or two servers) queue one commit job.
    const [commit, twin] = await Promise.all([1, 2].map(() => second.inject({ method: 'POST', url: `/api/imports/${started.id}/commit` })));
    expect(commit!.statusCode).toBe(202);
    expect(twin!.statusCode).toBe(202);
    expect(twin!.json().jobUrl).toBe(commit!.json().jobUrl);
    expect(commit!.json().jobUrl).not.toBe(started.jobUrl);
    const committed = await followJob(second, commit!.json().jobUrl);
    expect(committed).toMatchObject({ kind: 'table-import-commit', state: 'succeeded', result: { committed: true, counts: { inserted: 2 } } });
    expect((await second.inject({ method: 'GET', url: `/api/imports/${started.id}` })).json()).toMatchObject({ state: 'committed', committed: true });
    expect(await database.db.selectFrom('jobs').select('id').where('kind', '=', 'table-import-commit').execute()).toHaveLength(1);
    const rows = await database.db.selectFrom('incidents').select('title').where('title', 'like', 'Job strike %').orderBy('title').execute();
    expect(rows.map((r) => r.title)).toEqual(['Job strike A', 'Job strike B']);
    // Committing again changes nothing and queues nothing.
    const again = await second.inject({ method: 'POST', url: `/api/imports/${started.id}/commit` });
    expect(again.json()).toMatchObject({ state: 'committed', jobUrl: commit!.json().jobUrl });
    // The stored upload went with the commit.
    expect(await database.db.selectFrom('jobFiles').select('seq').where('jobId', '=', started.id).execute()).toEqual([]);
  });

  it('keeps the job from other users, and discarding it removes its upload', async () => {
    const mine = await appAs(analyst);
    const res = await mine.inject({ method: 'POST', url: '/api/imports', ...multipart({ resource: 'incidents' }, { name: 'x.csv', content: 'Title,Date\nA,2024-01-01\n' }) });
    const started = res.json();
    const other = await appAs(await testUser(database, 'analyst', 'other-analyst'));
    expect((await other.inject({ method: 'GET', url: started.jobUrl })).statusCode).toBe(404);
    expect((await other.inject({ method: 'DELETE', url: `/api/imports/${started.id}` })).statusCode).toBe(404);
    await followJob(mine, started.jobUrl);
    expect((await mine.inject({ method: 'DELETE', url: `/api/imports/${started.id}` })).statusCode).toBe(204);
    expect((await mine.inject({ method: 'GET', url: started.jobUrl })).statusCode).toBe(404);
    expect(await database.db.selectFrom('jobFiles').select('seq').where('jobId', '=', started.id).execute()).toEqual([]);
  });
});
