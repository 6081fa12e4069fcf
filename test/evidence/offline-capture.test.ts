import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, testUser } from '../support/app.js';
import { multipart } from '../support/multipart.js';
import { buildApp, type App } from '../../src/http/app.js';
import { loadConfig } from '../../src/config.js';
import type { TestDatabase } from '../support/db.js';

/**
 * Offline capture (issue 23): a record synced from a phone carries its own id as Idempotency-Key, so
 * a retry returns the record made the first time instead of a second one; a photo's SHA-256 computed
 * on the phone is checked; the audit entry says it was captured offline, when, and when it synced.
 */
const JPEG = readFileSync(new URL('../fixtures/tracing/chip.jpg', import.meta.url));
let app: App;
let database: TestDatabase;
let other: App;

beforeAll(async () => {
  ({ app, database } = await testApp());
  const someoneElse = await testUser(database, 'field', 'field-2');
  other = await buildApp({ db: database.db, config: loadConfig({}), resolveActor: async () => someoneElse });
  await other.ready();
});
afterAll(async () => {
  await other?.close();
});

const incident = { title: 'Crater near Kharkiv', occurredFrom: '2024-01-02', placeName: 'Kharkiv', lat: 49.99, lon: 36.23, locationPrecision: 'locality' };
const count = async (table: string, id: string) =>
  Number((await database.db.selectFrom(table as 'incidents').select((eb) => eb.fn.countAll().as('n')).where('id', '=', id).executeTakeFirstOrThrow()).n);

describe('creates with an Idempotency-Key', () => {
  it('uses the key as the id, and a retry returns the same record without a second one or a second audit entry', async () => {
    const key = randomUUID();
    const headers = { 'idempotency-key': key, 'x-captured-at': '2026-12-07T18:04:00+02:00' };
    const first = await app.inject({ method: 'POST', url: '/api/incidents', headers, payload: incident });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().id).toBe(key);
    const again = await app.inject({ method: 'POST', url: '/api/incidents', headers, payload: incident });
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect(await count('incidents', key)).toBe(1);
    const history = (await app.inject({ method: 'GET', url: `/api/incidents/${key}/history` })).json().data;
    expect(history).toHaveLength(1);
    expect(history[0].after.capture).toMatchObject({ offline: true, capturedAt: '2026-12-07T16:04:00.000Z' });
    expect(Date.parse(history[0].after.capture.syncedAt)).toBeGreaterThan(Date.parse('2026-12-07T16:04:00Z'));
  });

  it('two retries at once still make one record', async () => {
    const key = randomUUID();
    const rs = await Promise.all([1, 2, 3].map(() => app.inject({ method: 'POST', url: '/api/incidents', headers: { 'idempotency-key': key }, payload: incident })));
    expect(rs.map((r) => r.statusCode)).toEqual([201, 201, 201]);
    expect(await count('incidents', key)).toBe(1);
  });

  it('an item and its components synced in order, each once', async () => {
    const inc = randomUUID(), item = randomUUID(), comp = randomUUID();
    for (let i = 0; i < 2; i++) {
      expect((await app.inject({ method: 'POST', url: '/api/incidents', headers: { 'idempotency-key': inc }, payload: incident })).statusCode).toBe(201);
      const it = await app.inject({ method: 'POST', url: '/api/items', headers: { 'idempotency-key': item }, payload: { label: 'Remnant A', incidentId: inc } });
      expect(it.statusCode, it.body).toBe(201);
      const c = await app.inject({ method: 'POST', url: '/api/components', headers: { 'idempotency-key': comp }, payload: { itemId: item, markingRaw: 'STM32F407VGT6' } });
      expect(c.statusCode, c.body).toBe(201);
    }
    expect([await count('incidents', inc), await count('items', item), await count('components', comp)]).toEqual([1, 1, 1]);
  });

  it('a key already used by someone else is a 409, never their record', async () => {
    const key = randomUUID();
    expect((await app.inject({ method: 'POST', url: '/api/incidents', headers: { 'idempotency-key': key }, payload: incident })).statusCode).toBe(201);
    const r = await other.inject({ method: 'POST', url: '/api/incidents', headers: { 'idempotency-key': key }, payload: incident });
    expect(r.statusCode, r.body).toBe(409);
    expect(r.json().detail).toContain('someone else');
  });

  it('refuses a key that is no UUID and a capture time that is no date, naming the header', async () => {
    const bad = await app.inject({ method: 'POST', url: '/api/incidents', headers: { 'idempotency-key': 'abc' }, payload: incident });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json().errors[0].field).toBe('Idempotency-Key');
    const when = await app.inject({ method: 'POST', url: '/api/incidents', headers: { 'idempotency-key': randomUUID(), 'x-captured-at': 'yesterday' }, payload: incident });
    expect(when.statusCode).toBe(400);
    expect(when.json().errors[0].field).toBe('X-Captured-At');
  });
});

describe('photos synced from the phone', () => {
  const sha = createHash('sha256').update(JPEG).digest('hex');
  it('takes a photo whose SHA-256 matches, once, however often it is sent', async () => {
    const key = randomUUID();
    const send = () => {
      const body = multipart({ slot: 'photo' }, { name: 'chip.jpg', content: JPEG, type: 'image/jpeg' });
      return app.inject({ method: 'POST', url: '/api/evidence-files', payload: body.payload, headers: { ...body.headers, 'idempotency-key': key, 'x-content-sha256': sha, 'x-captured-at': '2026-12-07T16:00:00Z' } });
    };
    const a = await send();
    expect(a.statusCode, a.body).toBe(201);
    expect(a.json()).toMatchObject({ id: key, sha256: sha });
    const b = await send();
    expect(b.json().id).toBe(key);
    expect(await count('evidence_files', key)).toBe(1);
  });
  it('refuses a photo changed on the way (hash mismatch), naming the header, and stores nothing', async () => {
    const key = randomUUID();
    const body = multipart({ slot: 'photo' }, { name: 'chip.jpg', content: JPEG.subarray(0, JPEG.length - 100), type: 'image/jpeg' });
    const r = await app.inject({ method: 'POST', url: '/api/evidence-files', payload: body.payload, headers: { ...body.headers, 'idempotency-key': key, 'x-content-sha256': sha } });
    expect(r.statusCode).toBe(400);
    expect(r.json().errors[0].field).toBe('X-Content-SHA256');
    expect(await count('evidence_files', key)).toBe(0);
  });
});
