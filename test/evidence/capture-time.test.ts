import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';
import { multipart } from '../support/multipart.js';
import { syntheticPhoto, withExif, type ExifFixture } from '../support/exif.js';
import { captureTime, describeCaptureTime } from '../../src/evidence/capture-time.js';
import { backfillPhotoFacts } from '../../src/evidence/photos.js';
import type { App } from '../../src/http/app.js';
import type { TestDatabase } from '../support/db.js';

/**
 * EXIF capture times keep their zone (issue 18): with OffsetTimeOriginal the instant is known; with
 * only GPS time it is derived from the GPS clock; with neither the camera's wall clock is kept as
 * written, labelled "time zone unknown", and no instant is claimed.
 */
let app: App;
let database: TestDatabase;
beforeAll(async () => {
  ({ app, database } = await testApp());
});

async function upload(f: ExifFixture, seed: number) {
  const content = withExif(await syntheticPhoto(seed), f);
  const r = await app.inject({ method: 'POST', url: '/api/evidence-files', ...multipart({ slot: 'photo' }, { name: `p${seed}.jpg`, content, type: 'image/jpeg' }) });
  expect(r.statusCode, r.body).toBe(201);
  return r.json();
}

describe('capture time from a real EXIF block, through the upload API', () => {
  it('offset present: the instant is the wall clock minus the offset', async () => {
    const f = await upload({ dateTimeOriginal: '2024:05:01 10:11:12', offsetTimeOriginal: '+03:00' }, 1);
    expect(f).toMatchObject({ exifTakenLocal: '2024-05-01T10:11:12', exifZoneSource: 'offset', exifUtcOffset: '+03:00', exifTakenAt: '2024-05-01T07:11:12.000Z' });
    const again = await app.inject({ method: 'GET', url: `/api/evidence-files/${f.id}` });
    expect(again.json()).toMatchObject({ exifTakenLocal: '2024-05-01T10:11:12', exifZoneSource: 'offset' });
  });

  it('GPS time only: the zone is derived from the GPS clock (a fix 2 minutes old still gives +03:00)', async () => {
    const f = await upload({ dateTimeOriginal: '2024:05:01 10:11:12', gps: { lat: 49.99, lon: 36.23 }, gpsTime: { date: '2024:05:01', time: [7, 9, 40] } }, 2);
    expect(f).toMatchObject({ exifTakenLocal: '2024-05-01T10:11:12', exifZoneSource: 'gps', exifUtcOffset: '+03:00', exifTakenAt: '2024-05-01T07:11:12.000Z' });
    expect(f.gpsLat).toBeCloseTo(49.99, 4);
  });

  it('neither: local camera time, time zone unknown — no instant, not labelled UTC', async () => {
    const f = await upload({ dateTimeOriginal: '2024:05:01 10:11:12' }, 3);
    expect(f).toMatchObject({ exifTakenLocal: '2024-05-01T10:11:12', exifZoneSource: 'none', exifUtcOffset: null, exifTakenAt: null });
  });

  it('no EXIF time at all: every capture field is null', async () => {
    const f = await upload({ software: 'Camera 1.0' }, 4);
    expect(f).toMatchObject({ exifTakenLocal: null, exifZoneSource: null, exifUtcOffset: null, exifTakenAt: null });
  });
});

describe('captureTime (pure)', () => {
  it('a GPS time that is no real zone away from the wall clock leaves the zone unknown', () => {
    expect(captureTime({ DateTimeOriginal: '2024:05:01 10:11:12', GPSDateStamp: '2024:05:01', GPSTimeStamp: [7, 18, 40] })).toMatchObject({ zoneSource: 'none', instant: null });
  });
  it('negative offsets, the day rolling back, and zeroed clocks', () => {
    expect(captureTime({ DateTimeOriginal: '2024:05:01 01:00:00', OffsetTimeOriginal: '-05:00' })?.instant).toBe('2024-05-01T06:00:00.000Z');
    expect(captureTime({ DateTimeOriginal: '2024:05:01 01:00:00', OffsetTimeOriginal: '+03:00' })?.instant).toBe('2024-04-30T22:00:00.000Z');
    expect(captureTime({ DateTimeOriginal: '0000:00:00 00:00:00' })).toBeNull();
    expect(captureTime({ DateTimeOriginal: '2023:02:29 10:00:00' })).toBeNull();
  });
  it('an offset tag that is no offset is ignored, not trusted', () => {
    expect(captureTime({ DateTimeOriginal: '2024:05:01 10:11:12', OffsetTimeOriginal: '+25:00' })).toMatchObject({ zoneSource: 'none' });
  });
});

describe('describeCaptureTime (the evidence package\'s words)', () => {
  it('says local camera time, time zone unknown, or the offset and where it came from', () => {
    expect(describeCaptureTime({ exifTakenLocal: '2024-05-01T10:11:12', exifZoneSource: 'none', exifUtcOffset: null })).toBe('2024-05-01 10:11:12, local camera time, time zone unknown');
    expect(describeCaptureTime({ exifTakenLocal: '2024-05-01T10:11:12', exifZoneSource: 'gps', exifUtcOffset: '+03:00' })).toBe('2024-05-01 10:11:12 UTC+03:00 (zone from GPS time)');
    expect(describeCaptureTime({ exifTakenLocal: null })).toBe('none');
  });
});

describe('images stored before the photo checks', () => {
  it('get their capture zone, Software and perceptual hash read again from the stored original', async () => {
    const content = withExif(await syntheticPhoto(21), { dateTimeOriginal: '2024:05:01 10:11:12', gps: { lat: 49.99, lon: 36.23 }, gpsTime: { date: '2024:05:01', time: [7, 10, 0] }, software: 'Adobe Photoshop 25.0' });
    const r = await app.inject({ method: 'POST', url: '/api/evidence-files', ...multipart({ slot: 'photo' }, { name: 'old.jpg', content, type: 'image/jpeg' }) });
    const id = r.json().id as string;
    // As migration 0007 left a row stored before it: wall clock kept, zone unknown, nothing else.
    await sql`UPDATE evidence_files SET phash = NULL, exif_software = NULL, exif_taken_at = NULL, exif_zone_source = 'none', exif_utc_offset = NULL WHERE id = ${id}`.execute(database.db);
    // (Rows come back camelCased: the pool's CamelCasePlugin.)
    const before = await sql<{ updatedAt: string }>`SELECT updated_at FROM evidence_files WHERE id = ${id}`.execute(database.db);
    expect(await backfillPhotoFacts(database.db)).toBeGreaterThanOrEqual(1);
    const after = await sql<{ phash: string; exifSoftware: string; exifZoneSource: string; exifTakenAt: string; updatedAt: string }>`
      SELECT phash::text, exif_software, exif_zone_source, exif_taken_at, updated_at FROM evidence_files WHERE id = ${id}`.execute(database.db);
    expect(after.rows[0]).toMatchObject({ exifSoftware: 'Adobe Photoshop 25.0', exifZoneSource: 'gps', exifTakenAt: '2024-05-01T07:11:12.000Z' });
    expect(after.rows[0]!.phash).toMatch(/^[01]{64}$/);
    expect(after.rows[0]!.updatedAt).toBe(before.rows[0]!.updatedAt);
  });
});
