import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, testUser } from '../support/app.js';
import { buildApp, type App } from '../../src/http/app.js';
import { loadConfig } from '../../src/config.js';
import type { TestDatabase } from '../support/db.js';

let app: App;
let database: TestDatabase;
beforeAll(async () => {
  ({ app, database } = await testApp());
});

function multipart(fields: Record<string, string>, file: { name: string; content: string | Buffer }) {
  const boundary = '----remnant' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: text/csv\r\n\r\n`));
  parts.push(Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content));
  parts.push(Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Polls a job until it leaves its running state (bounded by the test timeout, not by a clock assertion). */
async function settle(a: App, id: string): Promise<Record<string, unknown>> {
  for (;;) {
    const res = await a.inject({ method: 'GET', url: `/api/imports/${id}` });
    expect(res.statusCode).toBe(200);
    const job = res.json<Record<string, unknown>>();
    if (job.state !== 'validating' && job.state !== 'committing') return job;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('import jobs over HTTP', () => {
  it('uploads, dry-runs with progress and problems, then commits all or nothing', async () => {
    const csv = 'Title,Date,Place,Latitude,Longitude,Precision,Sensitive,Visibility\nStrike on Kharkiv,2024-01-02,Kharkiv,49.9935,36.2304,exact,yes,public\nStrike on Kyiv,2024-01-05,Kyiv,,,,,internal\n';
    const start = await app.inject({ method: 'POST', url: '/api/imports', ...multipart({ resource: 'incidents' }, { name: 'incidents.csv', content: csv }) });
    expect(start.statusCode).toBe(202);
    const job = await settle(app, start.json().id);
    expect(job).toMatchObject({ state: 'ready', resource: 'incidents', rowsRead: 2, errors: 0, committed: false, counts: { inserted: 2 } });
    expect((await app.inject({ method: 'GET', url: '/api/incidents' })).json().total).toBe(0);

    const commit = await app.inject({ method: 'POST', url: `/api/imports/${job.id}/commit` });
    expect(commit.statusCode).toBe(202);
    const done = await settle(app, job.id as string);
    expect(done).toMatchObject({ state: 'committed', committed: true, counts: { inserted: 2 } });
    expect((await app.inject({ method: 'GET', url: '/api/incidents' })).json().total).toBe(2);
  });

  it('a file with errors cannot be committed; the problems name row, column, value and reason', async () => {
    const start = await app.inject({ method: 'POST', url: '/api/imports', ...multipart({ resource: 'incidents', map: 'occurredFrom=When' }, { name: 'bad.csv', content: 'Title,When\nA,not a date\n' }) });
    const job = await settle(app, start.json().id);
    expect(job.state).toBe('invalid');
    expect(job.problems).toEqual([{ row: 2, column: 'When', value: 'not a date', reason: expect.stringMatching(/not a date/), severity: 'error' }]);
    const commit = await app.inject({ method: 'POST', url: `/api/imports/${job.id}/commit` });
    expect(commit.statusCode).toBe(409);
    expect(commit.headers['content-type']).toContain('application/problem+json');
  });

  it('a mapping that cannot work fails the job with the fields named; bad form input is a 400', async () => {
    const start = await app.inject({ method: 'POST', url: '/api/imports', ...multipart({ resource: 'components' }, { name: 'x.csv', content: 'Colour\nred\n' }) });
    const job = await settle(app, start.json().id);
    expect(job.state).toBe('failed');
    expect((job.error as { detail: string }).detail).toMatch(/markingRaw/);
    const bad = await app.inject({ method: 'POST', url: '/api/imports', ...multipart({ resource: 'weapons' }, { name: 'x.csv', content: 'a\n1\n' }) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('resource');
  });

  it("another user cannot see someone's import", async () => {
    const start = await app.inject({ method: 'POST', url: '/api/imports', ...multipart({ resource: 'incidents' }, { name: 'x.csv', content: 'Title,Date\nA,2024-01-01\n' }) });
    const analyst = await testUser(database, 'analyst');
    const other = await buildApp({ db: database.db, config: loadConfig({}), resolveActor: async () => analyst });
    await other.ready();
    const res = await other.inject({ method: 'GET', url: `/api/imports/${start.json().id}` });
    expect(res.statusCode).toBe(404);
    await other.close();
    await settle(app, start.json().id);
  });
});

describe('exports over HTTP', () => {
  it('streams CSV, JSON Lines and GeoJSON of a list, with the list filters', async () => {
    const csv = await app.inject({ method: 'GET', url: '/api/export/incidents.csv' });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\n')[0]).toMatch(/^id,visibility,/);
    const jsonl = await app.inject({ method: 'GET', url: '/api/export/incidents.jsonl?visibility=public' });
    expect(jsonl.body.trim().split('\n').map((l) => JSON.parse(l).title)).toEqual(['Strike on Kharkiv']);
    const found = await app.inject({ method: 'GET', url: '/api/export/incidents.jsonl?q=kyiv' });
    expect(found.body.trim().split('\n').map((l) => JSON.parse(l).title)).toEqual(['Strike on Kyiv']);
    const geo = await app.inject({ method: 'GET', url: '/api/export/incidents.geojson' });
    const fc = geo.json();
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features).toHaveLength(1);
    expect(fc.features[0].geometry.coordinates).toEqual([36.2304, 49.9935]);
  });

  it('the public gets public records only, redacted like the portal', async () => {
    const { app: pub } = await testApp({ as: 'public' });
    await pub.inject({ method: 'GET', url: '/api/health' });
    // The public app has its own database: load the same two incidents there as the system.
    const priv = await buildApp({ db: (pub as unknown as { db: App['db'] }).db, config: loadConfig({}) , resolveActor: async () => ({ id: '00000000-0000-0000-0000-000000000001', username: 'system', role: 'admin' }) });
    await priv.ready();
    const csv = 'Title,Date,Place,Latitude,Longitude,Precision,Sensitive,Visibility\nStrike on Kharkiv,2024-01-02,Kharkiv,49.9935,36.2304,exact,yes,public\nStrike on Kyiv,2024-01-05,Kyiv,50.45,30.52,exact,,internal\n';
    const start = await priv.inject({ method: 'POST', url: '/api/imports', ...multipart({ resource: 'incidents' }, { name: 'i.csv', content: csv }) });
    await settle(priv, start.json().id);
    await priv.inject({ method: 'POST', url: `/api/imports/${start.json().id}/commit` });
    expect((await settle(priv, start.json().id)).state).toBe('committed');
    const geo = (await pub.inject({ method: 'GET', url: '/api/export/incidents.geojson' })).json();
    expect(geo.features).toHaveLength(1);
    // A sensitive location is coarsened for the public, exactly as the portal shows it.
    expect(geo.features[0].geometry.coordinates).toEqual([36.2, 50]);
    expect(geo.features[0].properties.locationPrecision).toBe('region');
    expect(geo.features[0].properties.createdBy).toBeNull();
    const lines = (await pub.inject({ method: 'GET', url: '/api/export/incidents.jsonl' })).body.trim().split('\n');
    expect(lines).toHaveLength(1);
    await priv.close();
  });

  it('answers bad export requests with a problem naming the field', async () => {
    for (const url of ['/api/export/weapons.csv', '/api/export/components.geojson', '/api/export/components.xml', '/api/export/incidents.csv?from=yesterday']) {
      const res = await app.inject({ method: 'GET', url });
      expect({ url, status: res.statusCode }).toEqual({ url, status: 400 });
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    const missing = await app.inject({ method: 'GET', url: '/api/cases/00000000-0000-4000-8000-000000000000/export.jsonl' });
    expect(missing.statusCode).toBe(404);
  });

  it('exports a whole case', async () => {
    const inc = (await database.pool.query(`SELECT id FROM incidents WHERE title = 'Strike on Kharkiv'`)).rows[0].id as string;
    const c = await database.pool.query(`INSERT INTO cases (title, created_by, updated_by) VALUES ('KN-23 in Kharkiv', $1, $1) RETURNING id`, ['00000000-0000-0000-0000-000000000001']);
    await database.pool.query(`INSERT INTO case_incidents (case_id, incident_id) VALUES ($1, $2)`, [c.rows[0].id, inc]);
    const res = await app.inject({ method: 'GET', url: `/api/cases/${c.rows[0].id}/export.jsonl` });
    expect(res.statusCode).toBe(200);
    const lines = res.body.trim().split('\n').map((l) => JSON.parse(l) as { resource: string; record: { title?: string } });
    expect(lines.map((l) => l.resource)).toEqual(['cases', 'incidents']);
    expect(lines[1]!.record.title).toBe('Strike on Kharkiv');
    const ftm = await app.inject({ method: 'GET', url: `/api/cases/${c.rows[0].id}/export.ftm.jsonl` });
    expect(ftm.body.trim().split('\n').map((l) => JSON.parse(l).schema)).toEqual(['Event']);
  });
});
