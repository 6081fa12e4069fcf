import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';
import { followJob } from '../support/jobs.js';
import { loadDemoIfFirstStart } from '../../src/demo/index.js';
import { SYSTEM_ACTOR } from '../../src/access/index.js';
import { computeFindings } from '../../src/findings/index.js';

/** A multipart body with one file field "file" and text fields. */
function form(fields: Record<string, string>, content: Buffer) {
  const parts: Buffer[] = [];
  const b = 'remnantbundle' + Math.random().toString(16).slice(2);
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="case.tar"\r\nContent-Type: application/x-tar\r\n\r\n`), content, Buffer.from(`\r\n--${b}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${b}` } };
}

beforeAll(async () => {
  // The key goes to a temporary file, not the working tree's data directory.
  process.env.REMNANT_BUNDLE_KEY = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'remnant-key-')), 'k.pem');
});
afterAll(() => {
  delete process.env.REMNANT_BUNDLE_KEY;
});

describe('bundles and packages through HTTP, as jobs', () => {
  it('exports a case, verifies and imports it into an empty instance with the same findings; refuses untrusted and tampered bundles', async () => {
    const a = await testApp();
    await loadDemoIfFirstStart(a.database.db);
    const caseId = (await a.database.db.selectFrom('cases').select('id').executeTakeFirstOrThrow()).id;
    // A file whose bytes are not UTF-8 text travels intact (upload, job storage, download).
    const itemId = (await a.database.db.selectFrom('caseItems').select('itemId').where('caseId', '=', caseId).executeTakeFirstOrThrow()).itemId;
    const binary = Buffer.from(Array.from({ length: 3000 }, (_x, i) => (i * 37 + 255) % 256));
    const sha = createHash('sha256').update(binary).digest('hex');
    await sql`INSERT INTO blobs (sha256, size_bytes, content) VALUES (${sha}, ${binary.length}, ${binary})`.execute(a.database.db);
    await sql`INSERT INTO evidence_files (sha256, original_name, media_type, size_bytes, item_id, created_by, updated_by)
      VALUES (${sha}, 'binary.bin', 'application/octet-stream', ${binary.length}, ${itemId}, ${SYSTEM_ACTOR.id}, ${SYSTEM_ACTOR.id})`.execute(a.database.db);

    const bad = await a.app.inject({ method: 'POST', url: '/api/bundles/exports', payload: { caseId: 'nope' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/problem\+json/);
    expect(bad.json().errors[0].field).toMatch(/caseId/);
    expect((await a.app.inject({ method: 'POST', url: '/api/bundles/exports', payload: { caseId: '3f1c2a9e-5b7d-4c1e-9a2b-7d8e9f0a1b2c' } })).statusCode).toBe(404);

    const started = await a.app.inject({ method: 'POST', url: '/api/bundles/exports', payload: { caseId } });
    expect(started.statusCode).toBe(202);
    expect(started.headers.location).toBe(started.json().url);
    const done = await followJob(a.app, started.json().url, 60_000);
    expect(done.problem).toBeNull();
    expect(done.state).toBe('succeeded');
    expect(done.result.records.components).toBeGreaterThan(0);
    const dl = await a.app.inject({ method: 'GET', url: done.result.download });
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('application/x-tar');
    const bundle = dl.rawPayload;
    expect(bundle.length).toBe(done.result.bytes);
    // Records left the instance: the export is in the audit log.
    const audit = await a.database.db.selectFrom('auditLog').select(['action', 'recordId']).where('recordType', '=', 'bundle_export').execute();
    expect(audit).toEqual([{ action: 'export', recordId: caseId }]);

    const b = await testApp();
    const verify = await b.app.inject({ method: 'POST', url: '/api/bundles/verify', ...form({}, bundle) });
    expect(verify.statusCode).toBe(202);
    const report = (await followJob(b.app, verify.json().url)).result;
    expect(report.ok).toBe(true);
    expect(report.case.id).toBe(caseId);
    expect(report.signer.trusted).toBe(false);

    // Untrusted: refused with the reason, nothing imported; then imported marked untrusted.
    const refused = await followJob(b.app, (await b.app.inject({ method: 'POST', url: '/api/bundles/imports', ...form({}, bundle) })).json().url);
    expect(refused.state).toBe('failed');
    expect(refused.problem!.errors![0]!.message).toMatch(/does not trust/);
    expect(await b.database.db.selectFrom('cases').select('id').execute()).toEqual([]);

    const tampered = Buffer.from(bundle);
    tampered[tampered.length - 2048] = tampered[tampered.length - 2048]! ^ 1; // inside the last member's body
    const badReport = (await followJob(b.app, (await b.app.inject({ method: 'POST', url: '/api/bundles/verify', ...form({}, tampered) })).json().url)).result;
    expect(badReport.ok).toBe(false);
    expect(badReport.problems.join('\n')).toMatch(/SHA-256/);

    const imported = await followJob(b.app, (await b.app.inject({ method: 'POST', url: '/api/bundles/imports', ...form({ allowUntrusted: 'true' }, bundle) })).json().url, 60_000);
    expect(imported.problem).toBeNull();
    expect(imported.result.trusted).toBe(false);
    expect(imported.result.counts.components.created).toBe(done.result.records.components);
    const before = await computeFindings(a.database.db, SYSTEM_ACTOR, { kind: 'case', id: caseId });
    const after = await computeFindings(b.database.db, SYSTEM_ACTOR, { kind: 'case', id: caseId });
    expect(after.makers).toEqual(before.makers);
    expect(after.makerCountries).toEqual(before.makerCountries);
    expect(after.dateCodes).toEqual(before.dateCodes);
    const copied = await sql<{ content: Buffer }>`SELECT content FROM blobs WHERE sha256 = ${sha}`.execute(b.database.db);
    expect(copied.rows[0]!.content.equals(binary)).toBe(true);

    const noFile = await b.app.inject({ method: 'POST', url: '/api/bundles/imports', payload: { allowUntrusted: true } });
    expect(noFile.statusCode).toBe(400);
    expect(noFile.json().errors[0].field).toBe('file');
    await a.app.close();
    await b.app.close();
  }, 180_000);

  it('makes a package as a job and serves its PDF; bundles are for admins', async () => {
    const viewer = await testApp({ as: 'viewer' });
    await loadDemoIfFirstStart(viewer.database.db);
    const itemId = (await viewer.database.db.selectFrom('items').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
    expect((await viewer.app.inject({ method: 'POST', url: '/api/bundles/exports', payload: { caseId: itemId } })).statusCode).toBe(403);
    expect((await viewer.app.inject({ method: 'POST', url: '/api/packages', payload: { kind: 'item', id: itemId, audience: 'everyone' } })).statusCode).toBe(400);
    const started = await viewer.app.inject({ method: 'POST', url: '/api/packages', payload: { kind: 'item', id: itemId } });
    expect(started.statusCode).toBe(202);
    const job = await followJob(viewer.app, started.json().url, 60_000);
    expect(job.state).toBe('succeeded');
    const pdf = await viewer.app.inject({ method: 'GET', url: job.result.download });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.rawPayload.length).toBe(job.result.bytes);
    await viewer.app.close();
  }, 120_000);
});
