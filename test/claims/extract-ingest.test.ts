import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp, testUser } from '../support/app.js';
import { SYSTEM_ACTOR, type Actor } from '../../src/access/index.js';
import { readPlainText } from '../../src/claims/extract/index.js';
import type { App } from '../../src/http/app.js';
import type { DB } from '../../src/db/index.js';

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
