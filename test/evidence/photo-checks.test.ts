import { readFileSync } from 'node:fs';
import exifr from 'exifr';
import sharp from 'sharp';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';
import type { TestDatabase } from '../support/db.js';
import { multipart } from '../support/multipart.js';
import { syntheticPhoto, withExif, type ExifFixture } from '../support/exif.js';
import { distanceKm, photoWarnings, type PhotoFacts } from '../../src/evidence/photo-checks.js';
import { NEAR_DUPLICATE_MAX_DISTANCE } from '../../src/evidence/photos.js';
import type { App } from '../../src/http/app.js';

/**
 * Photos that check themselves (issue 23): EXIF plausibility warnings against the incident, near
 * duplicates by perceptual hash (real photos, test/fixtures/photos/), thumbnails without metadata.
 */
const photo = (name: string) => readFileSync(new URL(`../fixtures/photos/${name}`, import.meta.url));
const KHARKIV = { lat: 49.9935, lon: 36.2304 };
/** 300 km due north of Kharkiv: 300 / (π·R/180) degrees of latitude. */
const NORTH_300KM = { lat: KHARKIV.lat + 300 / (Math.PI * 6371.0088 / 180), lon: KHARKIV.lon };

let app: App;
let database: TestDatabase;
beforeAll(async () => {
  ({ app, database } = await testApp());
});

async function upload(content: Buffer, fields: Record<string, string> = {}, name = 'photo.jpg') {
  const r = await app.inject({ method: 'POST', url: '/api/evidence-files', ...multipart({ slot: 'photo', ...fields }, { name, content, type: 'image/jpeg' }) });
  expect(r.statusCode, r.body).toBe(201);
  return r.json<{ id: string; sha256: string }>();
}
const checks = async (id: string) => {
  const r = await app.inject({ method: 'GET', url: `/api/evidence-files/${id}/checks` });
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
};

describe('EXIF plausibility (pure rules)', () => {
  const incident: PhotoFacts['incident'] = { title: 'Strike', occurredFrom: '2024-01-02', ...KHARKIV, locationPrecision: 'locality' };
  const base: PhotoFacts = { capture: { local: '2024-01-03T10:00:00', zoneSource: 'offset', instant: '2024-01-03T08:00:00.000Z' }, gps: KHARKIV, software: 'HDR+ 1.0', uploadedAt: '2024-01-04T09:00:00.000Z', incident };
  it('a consistent photo gets no warning (camera firmware in Software is not editing)', () => {
    expect(photoWarnings(base)).toEqual([]);
  });
  it('GPS 300 km from the incident: a warning with the distance', () => {
    expect(distanceKm(KHARKIV, NORTH_300KM)).toBeCloseTo(300, 1);
    const w = photoWarnings({ ...base, gps: NORTH_300KM });
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({ code: 'gps-far-from-incident', distanceKm: 300 });
    expect(w[0]!.message).toContain('300 km');
  });
  it('30 km is near for a locality, far for an exact place', () => {
    const near = { lat: KHARKIV.lat + 30 / 111.2, lon: KHARKIV.lon };
    expect(photoWarnings({ ...base, gps: near })).toEqual([]);
    expect(photoWarnings({ ...base, gps: near, incident: { ...incident, locationPrecision: 'exact' } })[0]?.code).toBe('gps-far-from-incident');
  });
  it('capture after the upload, and before the incident', () => {
    expect(photoWarnings({ ...base, capture: { local: '2024-01-05T10:00:00', zoneSource: 'offset', instant: '2024-01-05T08:00:00.000Z' } }).map((w) => w.code)).toEqual(['taken-after-upload']);
    expect(photoWarnings({ ...base, capture: { local: '2023-12-30T10:00:00', zoneSource: 'gps', instant: '2023-12-30T08:00:00.000Z' } }).map((w) => w.code)).toEqual(['taken-before-incident']);
  });
  it('without a time zone, only what no zone can explain is flagged', () => {
    // 10 hours after the upload by the wall clock: within the spread of time zones, so no warning.
    expect(photoWarnings({ ...base, capture: { local: '2024-01-04T19:00:00', zoneSource: 'none', instant: null } })).toEqual([]);
    expect(photoWarnings({ ...base, capture: { local: '2024-01-06T19:00:00', zoneSource: 'none', instant: null } }).map((w) => w.code)).toEqual(['taken-after-upload']);
    expect(photoWarnings({ ...base, capture: { local: '2024-01-01T23:00:00', zoneSource: 'none', instant: null } }).map((w) => w.code)).toEqual(['taken-before-incident']);
  });
  it('editing software in the metadata', () => {
    const w = photoWarnings({ ...base, software: 'Adobe Photoshop 25.0 (Windows)' });
    expect(w).toMatchObject([{ code: 'edited-with-software', software: 'Adobe Photoshop 25.0 (Windows)' }]);
  });
});

describe('checks through the API', () => {
  it('a photo of an item whose incident is 300 km away is warned about, with the distance; Photoshop too', async () => {
    const inc = await app.inject({ method: 'POST', url: '/api/incidents', payload: { title: 'Strike on Kharkiv', occurredFrom: '2024-01-02', ...KHARKIV, locationPrecision: 'locality' } });
    expect(inc.statusCode, inc.body).toBe(201);
    const item = (await app.inject({ method: 'POST', url: '/api/items', payload: { label: 'tail section', incidentId: inc.json().id } })).json();
    const f: ExifFixture = { dateTimeOriginal: '2024:01:03 10:00:00', offsetTimeOriginal: '+02:00', gps: NORTH_300KM, software: 'Adobe Photoshop 25.0 (Windows)' };
    const file = await upload(withExif(await syntheticPhoto(11), f), { itemId: item.id });
    const c = await checks(file.id);
    expect(c.warnings.map((w: { code: string }) => w.code).sort()).toEqual(['edited-with-software', 'gps-far-from-incident']);
    expect(c.warnings.find((w: { code: string }) => w.code === 'gps-far-from-incident')).toMatchObject({ distanceKm: 300 });
  });

  it('a recompressed and resized copy of a real photo is flagged, with the other photo; a different photo is not', async () => {
    const original = photo('coffee.jpg');
    const copy = await sharp(original).resize(256).jpeg({ quality: 45 }).toBuffer();
    const a = await upload(original, {}, 'coffee.jpg');
    const b = await upload(copy, {}, 'coffee-from-a-messenger.jpg');
    const other = await upload(photo('chelsea.jpg'), {}, 'chelsea.jpg');
    const c = await checks(b.id);
    expect(c.duplicateSearch).toBe('done');
    expect(c.maxDistance).toBe(NEAR_DUPLICATE_MAX_DISTANCE);
    const ids = c.nearDuplicates.map((d: { file: { id: string } }) => d.file.id);
    expect(ids).toContain(a.id);
    expect(ids).not.toContain(other.id);
    const hit = c.nearDuplicates.find((d: { file: { id: string } }) => d.file.id === a.id);
    expect(hit.sameContent).toBe(false);
    expect(hit.distance).toBeLessThanOrEqual(NEAR_DUPLICATE_MAX_DISTANCE);
    expect(hit.file.originalName).toBe('coffee.jpg');
    expect((await checks(other.id)).nearDuplicates.map((d: { file: { id: string } }) => d.file.id)).not.toContain(a.id);
  });

  it('a text file has no duplicate search and no thumbnail', async () => {
    const r = await app.inject({ method: 'POST', url: '/api/evidence-files', ...multipart({ slot: 'document' }, { name: 'notes.txt', content: Buffer.from('field notes\n'), type: 'text/plain' }) });
    const c = await checks(r.json().id);
    expect(c.duplicateSearch).toBe('not-an-image');
    const t = await app.inject({ method: 'GET', url: `/api/evidence-files/${r.json().id}/thumbnail` });
    expect(t.statusCode).toBe(400);
    expect(t.json().errors[0].field).toBe('id');
  });
});

describe('thumbnails', () => {
  it('are upright JPEGs within the size, without EXIF or GPS, made once and then read from the cache', async () => {
    const f = await upload(withExif(photo('rocket.jpg'), { gps: KHARKIV, software: 'Camera 1.0', dateTimeOriginal: '2024:01:03 10:00:00' }), {}, 'rocket.jpg');
    const r = await app.inject({ method: 'GET', url: `/api/evidence-files/${f.id}/thumbnail?size=160` });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toBe('image/jpeg');
    const m = await sharp(r.rawPayload).metadata();
    expect(Math.max(m.width, m.height)).toBe(160);
    expect(await exifr.parse(r.rawPayload, { gps: true }).catch(() => undefined)).toBeUndefined();
    const cached = await sql<{ n: number }>`SELECT count(*)::int AS n FROM image_thumbnails WHERE sha256 = ${f.sha256}`.execute(database.db);
    expect(cached.rows[0]!.n).toBe(1);
    // Served from the cache: change the cached bytes and the route returns them.
    await sql`UPDATE image_thumbnails SET content = ${Buffer.from('cached')} WHERE sha256 = ${f.sha256}`.execute(database.db);
    expect((await app.inject({ method: 'GET', url: `/api/evidence-files/${f.id}/thumbnail?size=160` })).rawPayload.toString()).toBe('cached');
  });
  it('refuses a size that is not offered, naming it', async () => {
    const f = await upload(photo('rocket.jpg'), {}, 'rocket2.jpg');
    const r = await app.inject({ method: 'GET', url: `/api/evidence-files/${f.id}/thumbnail?size=100` });
    expect(r.statusCode).toBe(400);
    expect(r.headers['content-type']).toContain('application/problem+json');
    expect(JSON.stringify(r.json())).toContain('size');
  });
});
