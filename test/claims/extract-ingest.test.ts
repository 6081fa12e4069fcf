import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, testUser } from '../support/app.js';
import { SYSTEM_ACTOR, type Actor } from '../../src/access/index.js';
import { readPlainText } from '../../src/claims/extract/index.js';
import type { App } from '../../src/http/app.js';
import type { DB } from '../../src/db/index.js';
import { INLINE_REPORT_BYTES } from '../../src/claims/index.js';
import { followJob } from '../support/jobs.js';

/** A pasted seed report through the API: source with hashed text, candidates, accept / edit / reject, re-reading, the ledger's conflict. */
const reports = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'eval', 'claims', 'reports');
const seed = readPlainText(readFileSync(path.join(reports, 'seed-003-us-nine-launches.txt'), 'utf8')).text;

let app: App;
let db: DB;
let as: Actor | null = SYSTEM_ACTOR;
const users: Record<string, Actor> = {};

beforeAll(async () => {
  const t = await testApp({ resolveActor: async () => as });
  app = t.app;
  db = t.database.db;
  users.viewer = await testUser(t.database, 'viewer');
});

async function call(method: 'GET' | 'POST', url: string, payload?: unknown) {
  const res = await app.inject({ method, url, ...(payload === undefined ? {} : { payload: payload as object }) });
  return { status: res.statusCode, body: res.json(), type: res.headers['content-type'] };
}

describe('ingesting a pasted report', () => {
  let sourceId: string;
  let candidates: { id: string; state: string; text: string; start: number; end: number; proposal: { quantity: number | null; quantityKind: string | null; speakerOrg: string | null } }[];

  it('stores the source with its text hashed, and proposes candidates whose offsets point into that text', async () => {
    const r = await call('POST', '/api/ingest/text', { title: 'US: at least nine launches', text: seed, publishedOn: '2024-02-10', publisher: 'Example outlet', language: 'en' });
    expect(r.status).toBe(201);
    sourceId = r.body.sourceId;
    candidates = r.body.candidates;
    const source = (await call('GET', `/api/sources/${sourceId}`)).body;
    expect(source).toMatchObject({ publishedOn: '2024-02-10', fullText: seed });
    expect(source.textSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(candidates.length).toBeGreaterThan(5);
    for (const c of candidates) expect(seed.slice(c.start, c.end)).toBe(c.text);
    expect(candidates.every((c) => c.state === 'pending')).toBe(true);
  });

  it('accepts two, edits one before accepting, rejects one; re-reading does not bring the rejected one back', async () => {
    const nine = candidates.find((c) => c.proposal.quantity === 9 && c.text.includes('occasions'))!;
    const five = candidates.find((c) => c.proposal.quantity === 5)!;
    const three = candidates.find((c) => c.proposal.quantity === 3)!;
    const containers = candidates.find((c) => c.proposal.quantityKind === 'containers')!;
    const a = await call('POST', `/api/claim-candidates/${nine.id}/accept`, {});
    expect(a.status).toBe(200);
    const claim = (await call('GET', `/api/claims/${a.body.claimId}`)).body;
    expect(claim).toMatchObject({ sourceId, status: 'unverified', quantity: 9, quantityQualifier: 'at_least', speakerOrganisation: 'United States', saidOn: '2024-02-06' });
    expect((await call('POST', `/api/claim-candidates/${five.id}/accept`, {})).status).toBe(200);
    const edited = await call('POST', `/api/claim-candidates/${three.id}/accept`, { speakerOrganisation: 'Republic of Korea mission to the UN', countsWhat: 'launches' });
    expect((await call('GET', `/api/claims/${edited.body.claimId}`)).body).toMatchObject({ speakerOrganisation: 'Republic of Korea mission to the UN', countsWhat: 'launches', quantity: 3 });
    expect((await call('POST', `/api/claim-candidates/${containers.id}/reject`)).body.state).toBe('rejected');

    const again = await call('POST', `/api/sources/${sourceId}/candidates`);
    expect(again.body.added).toBe(0);
    expect(again.body.candidates.find((c: { id: string }) => c.id === containers.id).state).toBe('rejected');
    expect(again.body.candidates.filter((c: { state: string }) => c.state === 'accepted')).toHaveLength(3);
    // A decided candidate cannot be decided again.
    expect((await call('POST', `/api/claim-candidates/${containers.id}/accept`, {})).status).toBe(409);
  });

  it('sets an accepted claim against the ledger: 3 occasions vs at least 9 conflict once filed under one topic', async () => {
    const accepted = (await call('GET', `/api/sources/${sourceId}/candidates`)).body.filter((c: { state: string }) => c.state === 'accepted');
    const nine = accepted.find((c: { proposal: { quantity: number } }) => c.proposal.quantity === 9).claimId;
    const three = accepted.find((c: { proposal: { quantity: number } }) => c.proposal.quantity === 3).claimId;
    const topic = (await call('POST', '/api/claim-topics', { title: 'DPRK missiles launched by Russia', kind: 'quantity', unit: 'launches' })).body.id;
    expect((await call('POST', `/api/claim-topics/${topic}/claims`, { claimIds: [nine, three] })).status).toBeLessThan(300);
    const ledger = (await call('GET', `/api/ledger?topicId=${topic}`)).body;
    const conflicts = ledger.topics[0].conflicts as { claimIds?: string[]; a?: string; b?: string }[];
    expect(conflicts.length).toBeGreaterThan(0);
  });

  it('refuses empty text, a missing publication date and a viewer, storing nothing', async () => {
    const before = await db.selectFrom('sources').select(db.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const empty = await call('POST', '/api/ingest/text', { title: 'x', text: '  \n ', publishedOn: null });
    expect(empty.status).toBe(400);
    expect(empty.type).toContain('application/problem+json');
    expect(JSON.stringify(empty.body)).toContain('text');
    const undated = await call('POST', '/api/ingest/text', { title: 'x', text: seed });
    expect(undated.status).toBe(400);
    expect(JSON.stringify(undated.body)).toContain('publishedOn');
    as = users.viewer!;
    expect((await call('POST', '/api/ingest/text', { title: 'x', text: seed, publishedOn: null })).status).toBe(403);
    as = SYSTEM_ACTOR;
    const after = await db.selectFrom('sources').select(db.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toEqual(before.n);
  });
});

/** A multipart body as a browser sends it (the test's own: no client library). */
function multipart(fields: Record<string, string>, file: { name: string; content: Buffer }) {
  const boundary = `----remnant${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`), file.content, Buffer.from('\r\n'));
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('ingesting a report file', () => {
  const page = (date: string | null) => `<!doctype html><html lang="en"><head><title>KN-23 report</title><meta property="og:site_name" content="Example News">
    ${date ? `<meta property="article:published_time" content="${date}T09:00:00Z">` : ''}</head><body><nav><a href="/">Home</a></nav><article>
    ${seed.split('\n').slice(1, 12).map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;
  const count = async (table: 'sources' | 'evidenceFiles') => Number((await db.selectFrom(table).select(db.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('keeps the page as a hashed evidence file beside its extracted text, with the page\'s date and publisher', async () => {
    const content = Buffer.from(page('2024-02-10'));
    const r = await app.inject({ method: 'POST', url: '/api/ingest/file', ...multipart({}, { name: 'report.html', content }) });
    expect(r.statusCode, r.body).toBe(201);
    const source = (await call('GET', `/api/sources/${r.json().sourceId}`)).body;
    expect(source).toMatchObject({ title: 'KN-23 report', publisher: 'Example News', publishedOn: '2024-02-10', language: 'en' });
    expect(source.fileSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(source.textSha256).not.toBe(source.fileSha256);
    const files = (await call('GET', `/api/evidence-files?sourceId=${source.id}`)).body.data as { sha256: string }[];
    expect(files.map((f) => f.sha256)).toEqual([source.fileSha256]);
    expect(r.json().candidates.some((c: { proposal: { quantity: number | null } }) => c.proposal.quantity === 9)).toBe(true);
  });

  it('asks for the publication date when the page has none, and refuses a page with no article; nothing is stored', async () => {
    const [sources, files] = [await count('sources'), await count('evidenceFiles')];
    const undated = await app.inject({ method: 'POST', url: '/api/ingest/file', ...multipart({}, { name: 'report.html', content: Buffer.from(page(null)) }) });
    expect(undated.statusCode).toBe(400);
    expect(undated.json().errors[0].field).toBe('publishedOn');
    const empty = await app.inject({ method: 'POST', url: '/api/ingest/file', ...multipart({ publishedOn: 'unknown' }, { name: 'x.html', content: Buffer.from('<html><body><nav>Home</nav></body></html>') }) });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().detail).toContain('no article found');
    expect([await count('sources'), await count('evidenceFiles')]).toEqual([sources, files]);
    // With the date marked unknown, the same undated page goes in.
    const unknown = await app.inject({ method: 'POST', url: '/api/ingest/file', ...multipart({ publishedOn: 'unknown' }, { name: 'report.html', content: Buffer.from(page(null)) }) });
    expect(unknown.statusCode).toBe(201);
    expect((await call('GET', `/api/sources/${unknown.json().sourceId}`)).body.publishedOn).toBeNull();
  });
});

describe('a large report file is read by a job; a file that is not a report by its content is refused', () => {
  const article = `<article>${seed.split('\n').slice(1, 12).map((p) => `<p>${p}</p>`).join('')}</article>`;
  // Over INLINE_REPORT_BYTES: a page saved with its scripts and comments is often this size.
  const padding = `<!-- ${'saved page furniture '.repeat(15_000)} -->`;
  const big = (body: string) => Buffer.from(`<!doctype html><html lang="en"><head><title>Big KN-23 page</title><meta property="article:published_time" content="2024-02-10T09:00:00Z"></head><body>${padding}${body}</body></html>`);
  const count = async () => Number((await db.selectFrom('sources').select(db.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('answers 202 with a job whose result is the new source, with its candidates and the file kept', async () => {
    const content = big(article);
    expect(content.byteLength).toBeGreaterThan(INLINE_REPORT_BYTES);
    const r = await app.inject({ method: 'POST', url: '/api/ingest/file', ...multipart({}, { name: 'big.html', content }) });
    expect(r.statusCode, r.body).toBe(202);
    expect(r.headers.location).toBe(`/api/jobs/${r.json().id}`);
    const job = await followJob(app, r.headers.location as string);
    expect(job.state, JSON.stringify(job.problem)).toBe('succeeded');
    const sourceId = job.result.sourceId as string;
    const source = (await call('GET', `/api/sources/${sourceId}`)).body;
    expect(source).toMatchObject({ title: 'Big KN-23 page', publishedOn: '2024-02-10' });
    expect(source.fileSha256).toMatch(/^[0-9a-f]{64}$/);
    const candidates = (await call('GET', `/api/sources/${sourceId}/candidates`)).body as { proposal: { quantity: number | null } }[];
    expect(candidates.some((c) => c.proposal.quantity === 9)).toBe(true);
  });

  it('fails the job with a problem naming the file when the large page has no article; nothing is stored', async () => {
    const before = await count();
    const r = await app.inject({ method: 'POST', url: '/api/ingest/file', ...multipart({}, { name: 'big.html', content: big('<nav>Home</nav>') }) });
    expect(r.statusCode).toBe(202);
    const job = await followJob(app, r.headers.location as string);
    expect(job.state).toBe('failed');
    expect(job.problem).toMatchObject({ status: 400, errors: [{ field: 'file' }] });
    expect(job.problem!.errors![0]!.message).toContain('no article found');
    expect(await count()).toBe(before);
  });

  it('refuses an image named .pdf (small or large) with a 400 naming file, before any job', async () => {
    const png = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex'), Buffer.alloc(16)]);
    for (const content of [png, Buffer.concat([png, Buffer.alloc(INLINE_REPORT_BYTES + 10)])]) {
      const r = await app.inject({ method: 'POST', url: '/api/ingest/file', ...multipart({ publishedOn: 'unknown' }, { name: 'report.pdf', content }) });
      expect(r.statusCode).toBe(400);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.json().errors[0]).toMatchObject({ field: 'file', message: expect.stringContaining('image/png') });
    }
  });
});
