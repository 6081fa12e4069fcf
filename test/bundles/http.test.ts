import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';
import { loadDemoIfFirstStart } from '../../src/demo/index.js';

describe('package and bundle routes', () => {
  // The key goes to a temporary file, not the working tree's data directory.
  beforeAll(async () => {
    process.env.REMNANT_BUNDLE_KEY = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'remnant-key-')), 'k.pem');
  });
  afterAll(() => {
    delete process.env.REMNANT_BUNDLE_KEY;
  });
  it('serves an item package as PDF, 404 for an unknown item, and admin-only key routes', async () => {
    const { app, database } = await testApp();
    await loadDemoIfFirstStart(database.db);
    const item = await database.db.selectFrom('items').select('id').orderBy('id').executeTakeFirstOrThrow();
    const r = await app.inject({ method: 'GET', url: `/api/items/${item.id}/package.pdf` });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    expect(r.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const missing = await app.inject({ method: 'GET', url: '/api/cases/3f1c2a9e-5b7d-4c1e-9a2b-7d8e9f0a1b2c/package.pdf' });
    expect(missing.statusCode).toBe(404);
    const bad = await app.inject({ method: 'GET', url: '/api/cases/not-a-uuid/package.pdf' });
    expect(bad.statusCode).toBe(400);
    const key = await app.inject({ method: 'GET', url: '/api/bundles/key' });
    expect(key.statusCode).toBe(200);
    const trust = await app.inject({ method: 'POST', url: '/api/bundles/trusted-keys', payload: { publicKey: key.json().publicKey, name: 'Ourselves' } });
    expect(trust.statusCode).toBe(201);
    expect(trust.json().fingerprint).toBe(key.json().fingerprint);
    const badKey = await app.inject({ method: 'POST', url: '/api/bundles/trusted-keys', payload: { publicKey: 'nope', name: '' } });
    expect(badKey.statusCode).toBe(400);
    expect(badKey.headers['content-type']).toMatch(/problem\+json/);
    await app.close();
    const viewer = await testApp({ as: 'viewer' });
    expect((await viewer.app.inject({ method: 'GET', url: '/api/bundles/key' })).statusCode).toBe(403);
    await viewer.app.close();
  });
});
