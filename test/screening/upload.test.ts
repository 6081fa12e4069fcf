import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, testUser } from '../support/app.js';
import type { TestDatabase } from '../support/db.js';
import { buildApp, type App } from '../../src/http/app.js';
import { loadConfig } from '../../src/config.js';
import type { Actor } from '../../src/access/index.js';
import { followJob, type JobBody } from '../support/jobs.js';

/**
 * `POST /api/lists/import`: upload a list version; a job imports it all or nothing and re-screens
 * every organisation against it. The form is checked at once (400); the file's content by the job,
 * whose problem then names the field as a 400 would.
 */
const fixture = (name: string) => new URL(`../fixtures/lists/${name}`, import.meta.url).pathname;
const UN = readFileSync(fixture('un-consolidated.xml'), 'utf8');
/** The same list without Tanchon Commercial Bank (KPe.003): an older version. */
const UN_WITHOUT_TANCHON = UN.replace(/<ENTITY>(?:(?!<\/ENTITY>)[\s\S])*TANCHON COMMERCIAL BANK[\s\S]*?<\/ENTITY>/, '');

let app: App;
let database: TestDatabase;
let tanchon: string;

function multipart(fields: Record<string, string>, files: { field?: string; name: string; content: string | Buffer }[]) {
  const boundary = '----remnant' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const f of files) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.field ?? 'file'}"; filename="${f.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`));
    parts.push(Buffer.isBuffer(f.content) ? f.content : Buffer.from(f.content));
    parts.push(Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function upload(fields: Record<string, string>, files: { field?: string; name: string; content: string | Buffer }[], on: App = app) {
  const res = await on.inject({ method: 'POST', url: '/api/lists/import', ...multipart(fields, files) });
  return { status: res.statusCode, type: String(res.headers['content-type'] ?? ''), body: res.json(), location: res.headers.location };
}

/** Uploads, expects 202 with the job's URL, and follows the job to its end. */
async function uploadAndWait(fields: Record<string, string>, files: { field?: string; name: string; content: string | Buffer }[]): Promise<JobBody> {
  const r = await upload(fields, files);
  expect(r.status, JSON.stringify(r.body)).toBe(202);
  expect(r.location).toBe(`/api/jobs/${r.body.id}`);
  expect(r.body).toMatchObject({ kind: 'list-import', url: r.location });
  return followJob(app, r.location!);
}

async function appAs(actor: Actor | null): Promise<App> {
  const a = await buildApp({ db: database.db, config: { ...loadConfig({}), maxUploadBytes: 1024 * 1024 }, resolveActor: async () => actor });
  await a.ready();
  return a;
}

const fieldsOf = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field);

beforeAll(async () => {
  ({ app, database } = await testApp({ as: 'reviewer' }));
  const me = await testUser(database, 'reviewer');
  const r = await database.db.insertInto('organisations')
    .values({ name: 'Tanchon Commercial Bank', kind: 'other', country: 'KP', visibility: 'internal', createdBy: me.id, updatedBy: me.id })
    .returning('id').executeTakeFirstOrThrow();
  tanchon = r.id;
});

describe('POST /api/lists/import', () => {
  it('imports an uploaded list (format detected) and screens every organisation against it', async () => {
    expect(UN_WITHOUT_TANCHON).not.toContain('KPe.003');
    const job = await uploadAndWait({}, [{ name: 'consolidated.xml', content: UN_WITHOUT_TANCHON }]);
    expect(job.state, JSON.stringify(job.problem)).toBe('succeeded');
    expect(job.result.import).toMatchObject({ slug: 'un_sc_sanctions', format: 'un', entities: 6, added: 6, versionDate: '2024-03-19', unchanged: false });
    expect(job.result.screening).toMatchObject({ organisations: 1, lists: 1, matches: 0 });
    expect(job.progress).toMatchObject({ phase: 'screening' });
  });

  it('a new version of the list re-screens every organisation at once: a newly listed entry is queued', async () => {
    const job = await uploadAndWait({ list: 'un_sc_sanctions' }, [{ name: 'consolidated.xml', content: UN }]);
    expect(job.result.import).toMatchObject({ entities: 7, added: 1, removed: 0 });
    expect(job.result.screening).toMatchObject({ organisations: 1, newMatches: 1 });
    const queue = await app.inject({ method: 'GET', url: `/api/screening/matches?organisationId=${tanchon}` });
    expect(queue.json().data).toEqual([expect.objectContaining({ entityReference: 'KPe.003', status: 'pending', listVersionDate: '2024-03-19' })]);
  });

  it('is all or nothing: a broken file fails the job with a 400 problem naming the file, and the previous version stays', async () => {
    const job = await uploadAndWait({ format: 'un' }, [{ name: 'consolidated.xml', content: UN.slice(0, Math.floor(UN.length / 2)) + '<<<' }]);
    expect(job.state).toBe('failed');
    expect(job.problem?.status).toBe(400);
    expect(fieldsOf(job.problem!)).toEqual(['file']);
    // Not retried: the file will not get better.
    expect(job.attempts).toBe(1);
    const lists = await app.inject({ method: 'GET', url: '/api/screening/lists' });
    expect(lists.json().data).toEqual([expect.objectContaining({ slug: 'un_sc_sanctions', entityCount: 7 })]);
  });

  it('names the field of every other mistake, and a bad form queues nothing', async () => {
    const before = await database.db.selectFrom('jobs').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(fieldsOf((await upload({ format: 'pdf' }, [{ name: 'consolidated.xml', content: UN }])).body)).toEqual(['format']);
    expect(fieldsOf((await upload({ versionDate: '19 March' }, [{ name: 'consolidated.xml', content: UN }])).body)).toEqual(['versionDate']);
    expect(fieldsOf((await upload({ list: 'Not A Slug' }, [{ name: 'consolidated.xml', content: UN }])).body)).toEqual(['list']);
    expect(fieldsOf((await upload({}, [{ field: 'attachment', name: 'x.xml', content: UN }])).body)).toEqual(['attachment']);
    expect(fieldsOf((await upload({ format: 'un' }, [])).body)).toEqual(['file']);
    const notMultipart = await app.inject({ method: 'POST', url: '/api/lists/import', payload: { file: 'x' } });
    expect(notMultipart.statusCode).toBe(400);
    expect(fieldsOf(notMultipart.json())).toEqual(['file']);
    const after = await database.db.selectFrom('jobs').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    expect(await database.db.selectFrom('jobFiles').select('jobId').where('jobId', 'not in', database.db.selectFrom('jobs').select('id')).execute()).toEqual([]);
    // A file whose format cannot be told is found by the job.
    const unknown = await uploadAndWait({}, [{ name: 'notes.txt', content: 'hello, world\n' }]);
    expect(unknown.state).toBe('failed');
    expect(fieldsOf(unknown.problem!)).toEqual(['format']);
  });

  it('takes OFAC CSV with its alt.csv and add.csv, and a version date', async () => {
    const job = await uploadAndWait({ versionDate: '2024-03-18', screen: 'false' }, [
      { name: 'sdn.csv', content: readFileSync(fixture('sdn.csv')) },
      { field: 'alt', name: 'alt.csv', content: readFileSync(fixture('alt.csv')) },
      { field: 'add', name: 'add.csv', content: readFileSync(fixture('add.csv')) },
    ]);
    expect(job.state, JSON.stringify(job.problem)).toBe('succeeded');
    expect(job.result.import).toMatchObject({ slug: 'us_ofac_sdn', format: 'ofac', versionDate: '2024-03-18' });
    expect(job.result.screening).toBeNull();
  });

  it('is for reviewers and admins', async () => {
    const analyst = await appAs(await testUser(database, 'analyst'));
    expect((await upload({}, [{ name: 'consolidated.xml', content: UN }], analyst)).status).toBe(403);
    await analyst.close();
    const anon = await appAs(null);
    expect((await upload({}, [{ name: 'consolidated.xml', content: UN }], anon)).status).toBe(401);
    await anon.close();
  });

  it('shows the job only to who started it and admins', async () => {
    const r = await upload({ screen: 'false' }, [{ name: 'consolidated.xml', content: UN }]);
    expect(r.status).toBe(202);
    const other = await appAs(await testUser(database, 'reviewer', 'another-reviewer'));
    const seen = await other.inject({ method: 'GET', url: r.location! });
    expect(seen.statusCode).toBe(404);
    await other.close();
    const admin = await appAs({ id: '00000000-0000-0000-0000-000000000001', username: 'system', role: 'admin' });
    expect((await admin.inject({ method: 'GET', url: r.location! })).statusCode).toBe(200);
    await admin.close();
    await followJob(app, r.location!);
  });
});
