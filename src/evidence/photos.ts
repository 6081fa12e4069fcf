import { sql } from 'kysely';
import type { DB } from '../db/index.js';
import { readableBy, redact, type Actor } from '../access/index.js';
import { NotFound, ValidationProblem } from '../problems.js';
import { describeFile, readExif, readFileContent, sha256Hex, type EvidenceFile } from './files.js';
import { makeThumbnail, perceptualHash, THUMBNAIL_SIZES, type ThumbnailSize } from './images.js';
import { photoWarnings, type PhotoFacts, type PhotoWarning } from './photo-checks.js';

/**
 * Photos that check themselves: thumbnails made once per content hash, and what is worth knowing
 * about a photo before quoting it — near duplicates among the files the reader can see, and the
 * plausibility of its metadata against its incident (rules in photo-checks.ts).
 */

/**
 * Two photos whose perceptual hashes differ in at most this many of 64 bits are shown as near
 * duplicates. Measured on real photos (`npm run eval:photos`, docs/photos.md): recompressed,
 * resized and lightly cropped copies against distinct photos.
 */
export const NEAR_DUPLICATE_MAX_DISTANCE = 10;

export interface Thumbnail {
  content: Buffer;
  sha256: string;
}

export function isThumbnailSize(n: number): n is ThumbnailSize {
  return (THUMBNAIL_SIZES as readonly number[]).includes(n);
}

/**
 * The thumbnail of an image file the actor can read: from the cache, or made from the checked
 * original and cached. Made without any metadata, so it is the same for the public and for
 * signed-in readers.
 */
export async function thumbnailOf(db: DB, actor: Actor | null, id: string, size: ThumbnailSize): Promise<Thumbnail> {
  const meta = await describeFile(db, actor, id);
  const sha = String(meta.sha256);
  if (!String(meta.mediaType).startsWith('image/')) throw new ValidationProblem([{ field: 'id', message: `this file is ${meta.mediaType}, not an image: it has no thumbnail` }]);
  const cached = await db.selectFrom('imageThumbnails').select('content').where('sha256', '=', sha).where('size', '=', size).executeTakeFirst();
  if (cached) return { content: cached.content, sha256: sha };
  const { content } = await readFileContent(db, actor, id);
  const made = await makeThumbnail(content, size);
  if (!made) throw new ValidationProblem([{ field: 'id', message: `this ${meta.mediaType} image cannot be decoded to make a thumbnail; download the original instead` }]);
  await db.insertInto('imageThumbnails').values({ sha256: sha, size, content: made }).onConflict((oc) => oc.columns(['sha256', 'size']).doNothing()).execute();
  return { content: made, sha256: sha };
}

export interface NearDuplicate {
  file: EvidenceFile;
  /** Hamming distance of the perceptual hashes (0–64); 0 with the same SHA-256 is the same file. */
  distance: number;
  sameContent: boolean;
}

export interface PhotoChecks {
  warnings: PhotoWarning[];
  nearDuplicates: NearDuplicate[];
  /** Why no duplicate search was possible (not an image, or one that cannot be decoded). */
  duplicateSearch: 'done' | 'not-an-image' | 'not-decodable';
  maxDistance: number;
}

/** The incident a file documents: its own, its item's, or its component's item's. */
async function incidentOf(db: DB, actor: Actor | null, id: string): Promise<PhotoFacts['incident']> {
  const row = await db
    .selectFrom('evidenceFiles as f')
    .leftJoin('components as c', 'c.id', 'f.componentId')
    .leftJoin('items as i', (j) => j.on((eb) => eb('i.id', '=', eb.fn.coalesce('f.itemId', 'c.itemId'))))
    .innerJoin('incidents as n', (j) => j.on((eb) => eb('n.id', '=', eb.fn.coalesce('f.incidentId', 'i.incidentId'))))
    .where('f.id', '=', id)
    .where(readableBy(actor, 'n'))
    .select(['n.title', 'n.occurredFrom', 'n.lat', 'n.lon', 'n.locationPrecision', 'n.id', 'n.visibility', 'n.locationSensitive'])
    .executeTakeFirst();
  if (!row) return null;
  // The public sees an incident's place only as redaction allows (sensitive places are withheld).
  const shown = redact('incidents', row, actor);
  return {
    title: String(shown.title),
    occurredFrom: String(shown.occurredFrom),
    lat: typeof shown.lat === 'number' ? shown.lat : null,
    lon: typeof shown.lon === 'number' ? shown.lon : null,
    locationPrecision: (shown.locationPrecision ?? null) as NonNullable<PhotoFacts['incident']>['locationPrecision'],
  };
}

export async function photoChecks(db: DB, actor: Actor | null, id: string): Promise<PhotoChecks> {
  const meta = await describeFile(db, actor, id);
  const own = await db.selectFrom('evidenceFiles').select(['phash']).where('id', '=', id).executeTakeFirst();
  if (!own) throw new NotFound('evidence file', id);
  const incident = await incidentOf(db, actor, id);
  const warnings = photoWarnings({
    capture: meta.exifTakenLocal && meta.exifZoneSource
      ? { local: meta.exifTakenLocal, zoneSource: meta.exifZoneSource, instant: meta.exifTakenAt }
      : null,
    gps: meta.gpsLat != null && meta.gpsLon != null ? { lat: meta.gpsLat, lon: meta.gpsLon } : null,
    software: meta.exifSoftware ?? null,
    uploadedAt: String(meta.createdAt),
    incident,
  });
  const base = { warnings, maxDistance: NEAR_DUPLICATE_MAX_DISTANCE };
  if (!String(meta.mediaType).startsWith('image/')) return { ...base, nearDuplicates: [], duplicateSearch: 'not-an-image' };
  const phash = own.phash;
  if (!phash) return { ...base, nearDuplicates: [], duplicateSearch: 'not-decodable' };
  const rows = await db
    .selectFrom('evidenceFiles')
    .selectAll()
    .select(sql<number>`bit_count(phash # ${phash}::bit(64))`.as('distance'))
    .where('phash', 'is not', null)
    .where('id', '<>', id)
    .where(sql<boolean>`bit_count(phash # ${phash}::bit(64)) <= ${NEAR_DUPLICATE_MAX_DISTANCE}`)
    .where(readableBy(actor))
    .orderBy('distance')
    .orderBy('createdAt')
    .limit(12)
    .execute();
  const ids = rows.map((r) => String(r.id));
  const files = new Map((await Promise.all(ids.map((x) => describeFile(db, actor, x)))).map((f) => [String(f.id), f]));
  return {
    ...base,
    duplicateSearch: 'done',
    nearDuplicates: rows.map((r) => ({ file: files.get(String(r.id))!, distance: Number(r.distance), sameContent: r.sha256 === meta.sha256 })),
  };
}

/**
 * Images stored before migrations 0007 and 0008 had no perceptual hash or Software tag, and their
 * capture time was read without its zone: all of it can be read again from the stored original.
 * Run once, by whichever process applied those migrations (prepareSchema), one image at a time;
 * an image whose stored bytes no longer match their hash is left as it is (audit verify names it).
 * Not an edit by anyone: updated_at is left alone and no audit entry is written.
 */
export async function backfillPhotoFacts(db: DB, log: (m: string) => void = () => {}): Promise<number> {
  const rows = await db.selectFrom('evidenceFiles').select(['id', 'sha256', 'mediaType'])
    .where('mediaType', 'like', 'image/%').where('phash', 'is', null).orderBy('createdAt').execute();
  if (rows.length) log(`reading the metadata and perceptual hash of ${rows.length} stored image(s) again (migrations 0007, 0008)`);
  let done = 0;
  for (const r of rows) {
    const blob = await db.selectFrom('blobs').select('content').where('sha256', '=', r.sha256).executeTakeFirst();
    const content = blob?.content;
    if (!content || sha256Hex(content) !== r.sha256) continue;
    const exif = await readExif(content, String(r.mediaType));
    const phash = await perceptualHash(content);
    await db.transaction().execute(async (trx) => {
      await sql`ALTER TABLE evidence_files DISABLE TRIGGER evidence_files_touch`.execute(trx);
      await trx.updateTable('evidenceFiles').where('id', '=', r.id).set({
        phash,
        exifSoftware: exif.software,
        exifTakenAt: exif.capture?.instant ?? null,
        exifTakenLocal: exif.capture?.local ?? null,
        exifZoneSource: exif.capture?.zoneSource ?? null,
        exifUtcOffset: exif.capture?.utcOffset ?? null,
      }).execute();
      await sql`ALTER TABLE evidence_files ENABLE TRIGGER evidence_files_touch`.execute(trx);
    });
    done++;
  }
  return done;
}
