import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import exifr from 'exifr';
import type { DB } from '../db/index.js';
import { assertCanWrite, readableBy, redact, type Actor, type Visibility, assertLinkable, guardedForeignKeys, assertPublishable } from '../access/index.js';
import { recordWrite, audited } from '../audit/index.js';
import { NotFound, Problem, ValidationProblem } from '../problems.js';
import { withoutMetadata } from './metadata.js';
import { perceptualHash } from './images.js';
import { alreadyCaptured, auditedCapture, checkContentHash, type ClientCapture } from './offline-capture.js';
import { captureTime, type CaptureTags, type CaptureTime, type CaptureZoneSource } from './capture-time.js';
import type { z } from 'zod';
import type { evidenceFileRow } from './resources.js';

export type EvidenceFile = z.infer<typeof evidenceFileRow>;

/**
 * Evidence files: content-addressed by SHA-256, stored in PostgreSQL (`blobs`), described and
 * linked to a record in `evidence_files`. A file is never addressed by a name the user chose.
 */

/** What investigators attach: photos, scans, documents, short videos. Sniffed, never trusted from the client. */
const ALLOWED = new Map<string, string>([
  ['image/jpeg', 'photo'],
  ['image/png', 'photo'],
  ['image/webp', 'photo'],
  ['image/tiff', 'photo'],
  ['image/heic', 'photo'],
  ['image/gif', 'image'],
  ['application/pdf', 'document'],
  ['video/mp4', 'video'],
  ['text/plain', 'text'],
]);

export const LINK_FIELDS = ['incidentId', 'itemId', 'componentId', 'sourceId', 'claimId', 'organisationId'] as const;
export type LinkField = (typeof LINK_FIELDS)[number];

export interface UploadInput {
  content: Buffer;
  originalName: string;
  caption?: string | null;
  link?: { field: LinkField; id: string } | null;
  visibility?: Visibility;
  illustrative?: boolean;
  /**
   * The slot the file was given in: `photo` takes images only (checked on the content, never the
   * name or the browser's word); `document` or absent takes any accepted type.
   */
  slot?: 'photo' | 'document';
  /** Offline capture: the client's id for the file and when it was taken (src/evidence/offline-capture.ts). */
  capture?: ClientCapture | null;
  /** The SHA-256 the client computed; the upload is refused when the bytes that arrived differ. */
  expectedSha256?: string;
}

/** Why a file cannot go in a photo slot, or null when it can. Pure: the content's media type decides. */
export function photoSlotRefusal(mediaType: string, originalName: string): string | null {
  if (mediaType.startsWith('image/')) return null;
  const ext = /\.([A-Za-z0-9]{1,5})$/.exec(originalName)?.[1]?.toLowerCase();
  const named = ext && ['jpg', 'jpeg', 'png', 'webp', 'gif', 'tif', 'tiff', 'heic'].includes(ext) ? ` although it is named .${ext}` : '';
  return `a photo must be an image; this file's content is ${mediaType}${named}: add it as a document instead`;
}

export function sha256Hex(buf: Buffer | string): string {
  return createHash('sha256').update(buf).digest('hex');
}

function looksLikeText(buf: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(0, 65536));
    return !buf.subarray(0, 65536).includes(0);
  } catch {
    return false;
  }
}

export async function sniffMediaType(content: Buffer): Promise<string | null> {
  const ft = await fileTypeFromBuffer(content);
  if (ft) return ALLOWED.has(ft.mime) ? ft.mime : null;
  return content.length > 0 && looksLikeText(content) ? 'text/plain' : null;
}

export interface Exif {
  capture: CaptureTime | null;
  /** EXIF Software: what last wrote the file (camera firmware, or an editor). */
  software: string | null;
  lat: number | null;
  lon: number | null;
}

export async function readExif(content: Buffer, mediaType: string): Promise<Exif> {
  const none = { capture: null, software: null, lat: null, lon: null };
  if (!mediaType.startsWith('image/')) return none;
  try {
    // Values as stored (reviveValues: false): exifr would otherwise turn the zoneless wall clock into
    // a Date in this process's zone. `latitude`/`longitude` are computed from the GPS tags, which must
    // be picked themselves: picking only the computed names gives no position at all.
    const pick = ['DateTimeOriginal', 'CreateDate', 'OffsetTimeOriginal', 'OffsetTimeDigitized', 'OffsetTime', 'GPSDateStamp', 'GPSTimeStamp',
      'GPSLatitude', 'GPSLatitudeRef', 'GPSLongitude', 'GPSLongitudeRef', 'Software'];
    const tags = (await exifr.parse(content, { gps: true, pick, reviveValues: false })) as (CaptureTags & { latitude?: number; longitude?: number; Software?: unknown }) | undefined;
    if (!tags) return none;
    const lat = typeof tags.latitude === 'number' && Number.isFinite(tags.latitude) ? tags.latitude : null;
    const lon = typeof tags.longitude === 'number' && Number.isFinite(tags.longitude) ? tags.longitude : null;
    return {
      capture: captureTime(tags),
      software: typeof tags.Software === 'string' && tags.Software.trim() ? tags.Software.trim().slice(0, 500) : null,
      lat: lat !== null && lon !== null ? lat : null,
      lon: lat !== null && lon !== null ? lon : null,
    };
  } catch {
    // Broken EXIF in a real photo is common; the file is still evidence.
    return none;
  }
}

const FILE_COLUMNS = [
  'id', 'sha256', 'originalName', 'mediaType', 'sizeBytes', 'exifTakenAt', 'exifTakenLocal', 'exifZoneSource', 'exifUtcOffset', 'exifSoftware', 'gpsLat', 'gpsLon', 'caption',
  'incidentId', 'itemId', 'componentId', 'sourceId', 'claimId', 'organisationId', 'illustrative', 'visibility',
  'createdAt', 'updatedAt', 'createdBy', 'updatedBy',
] as const;
// exif_zone_source is text under a CHECK naming the three sources: the generated type says string.
type StoredZone = { exifZoneSource: CaptureZoneSource | null };

export async function storeFile(db: DB, actor: Actor, input: UploadInput): Promise<EvidenceFile> {
  assertCanWrite(actor, 'create', undefined, { recordType: 'evidence-files', visibility: input.visibility });
  const mediaType = await sniffMediaType(input.content);
  if (!mediaType) {
    throw new ValidationProblem([{ field: 'file', message: `this type of file is not accepted; upload one of ${[...ALLOWED.keys()].join(', ')}` }]);
  }
  const name = input.originalName.replace(/[\u0000-\u001f]/g, '').slice(0, 500) || 'unnamed';
  if (input.slot === 'photo') {
    const refusal = photoSlotRefusal(mediaType, name);
    if (refusal) throw new ValidationProblem([{ field: 'file', message: refusal }]);
  }
  const sha = sha256Hex(input.content);
  checkContentHash(input.expectedSha256, sha);
  const exif = await readExif(input.content, mediaType);
  // Derived before the transaction: decoding an image can take a moment and holds no lock.
  const phash = mediaType.startsWith('image/') ? await perceptualHash(input.content) : null;
  const capture = input.capture ?? null;
  return audited(db, async (trx) => {
    if (capture) {
      const made = await alreadyCaptured(trx, actor, capture, (t) => t.selectFrom('evidenceFiles').select([...FILE_COLUMNS]).$narrowType<StoredZone>().where('id', '=', capture.id).executeTakeFirst());
      if (made) return made as EvidenceFile;
    }
    if (input.link) {
      // A file may be filed only under a record its uploader can read (src/access/links.ts).
      const table = (await guardedForeignKeys(trx, 'evidenceFiles')).get(input.link.field);
      if (table) await assertLinkable(trx, actor, [{ field: input.link.field, table, ids: [input.link.id] }]);
    }
    await trx.insertInto('blobs').values({ sha256: sha, sizeBytes: input.content.length, content: input.content }).onConflict((oc) => oc.column('sha256').doNothing()).execute();
    const link = input.link ? { [input.link.field]: input.link.id } : {};
    const row = await trx
      .insertInto('evidenceFiles')
      .values({
        ...(capture ? { id: capture.id } : {}),
        sha256: sha,
        originalName: name,
        mediaType,
        sizeBytes: input.content.length,
        exifTakenAt: exif.capture?.instant ?? null,
        exifTakenLocal: exif.capture?.local ?? null,
        exifZoneSource: exif.capture?.zoneSource ?? null,
        exifUtcOffset: exif.capture?.utcOffset ?? null,
        exifSoftware: exif.software,
        phash,
        gpsLat: exif.lat,
        gpsLon: exif.lon,
        caption: input.caption ?? null,
        visibility: input.visibility ?? 'internal',
        illustrative: input.illustrative ?? false,
        ...link,
        createdBy: actor.id,
        updatedBy: actor.id,
      })
      .returning([...FILE_COLUMNS]).$narrowType<StoredZone>()
      .executeTakeFirstOrThrow();
    if (row.visibility === 'public') await assertPublishable(trx, 'evidence-files', row);
    await recordWrite(trx, { actorId: actor.id, action: 'create', recordType: 'evidence-files', recordId: row.id, after: auditedCapture(row, capture) });
    return row;
  });
}

export async function describeFile(db: DB, actor: Actor | null, id: string): Promise<EvidenceFile> {
  const row = await db.selectFrom('evidenceFiles').select([...FILE_COLUMNS]).$narrowType<StoredZone>().where('id', '=', id).where(readableBy(actor)).executeTakeFirst();
  if (!row) throw new NotFound('evidence file', id);
  return redact<EvidenceFile>('evidence-files', row, actor);
}

export async function listFiles(
  db: DB, actor: Actor | null, link: { field: LinkField; id: string } | null, limit: number, offset: number,
  opts: { withComponents?: boolean } = {},
) {
  let q = db.selectFrom('evidenceFiles').where(readableBy(actor));
  if (link && opts.withComponents && link.field === 'itemId') {
    // An item's photos and its components' photos, as its evidence tab shows them.
    q = q.where((eb) => eb.or([
      eb('itemId', '=', link.id),
      eb('componentId', 'in', eb.selectFrom('components').select('id').where('itemId', '=', link.id)),
    ]));
  } else if (link) q = q.where(link.field, '=', link.id);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const data = await q.select([...FILE_COLUMNS]).$narrowType<StoredZone>().orderBy('createdAt', 'desc').orderBy('id').limit(limit).offset(offset).execute();
  return { data: data.map((r) => redact('evidence-files', r, actor)) as EvidenceFile[], total: total.n, limit, offset };
}

export class IntegrityFailure extends Problem {
  constructor(sha: string, actual: string) {
    super(500, 'Integrity failure', `stored content no longer matches its SHA-256 (expected ${sha}, got ${actual}); the evidence may have been altered`);
  }
}

/** Reads a file's bytes and checks them against the hash they are addressed by. */
export async function readFileContent(db: DB, actor: Actor | null, id: string): Promise<{ meta: EvidenceFile; content: Buffer }> {
  const meta = await describeFile(db, actor, id);
  const blob = await db.selectFrom('blobs').select(['content']).where('sha256', '=', meta.sha256).executeTakeFirst();
  if (!blob) throw new IntegrityFailure(meta.sha256, 'missing');
  const content = blob.content;
  const actual = sha256Hex(content);
  if (actual !== meta.sha256) throw new IntegrityFailure(meta.sha256, actual);
  return { meta, content };
}

export class NotForThePublic extends Problem {
  constructor(mediaType: string, why: string) {
    super(403, 'Not available to the public', `this ${mediaType} file is published but is not served to the public: ${why}; signed-in users can download the original`);
  }
}

export interface Download {
  meta: EvidenceFile;
  content: Buffer;
  /** SHA-256 of `content`, the bytes sent. */
  sha256: string;
  /** Set when `content` is a copy without metadata: the stored original's SHA-256 (= meta.sha256). */
  originalSha256: string | null;
}

/**
 * What a reader downloads. Signed-in users get the stored original, byte for byte, its hash checked.
 * The public gets a copy without metadata (EXIF with its GPS position, XMP, IPTC, comments,
 * thumbnails; see metadata.ts) made from the checked original, or nothing when the type cannot be
 * cleaned exactly: a published photo must not publish where and by whom it was taken.
 */
export async function readFileForDownload(db: DB, actor: Actor | null, id: string): Promise<Download> {
  const { meta, content } = await readFileContent(db, actor, id);
  if (actor) return { meta, content, sha256: meta.sha256, originalSha256: null };
  const mediaType = String(meta.mediaType);
  let clean: ReturnType<typeof withoutMetadata>;
  try {
    clean = withoutMetadata(content, mediaType);
  } catch (e) {
    throw new NotForThePublic(mediaType, `its structure could not be read to remove its metadata (${(e as Error).message})`);
  }
  if (!clean) throw new NotForThePublic(mediaType, 'its metadata (which may include a GPS position) cannot be removed without re-encoding it');
  if (clean.data === content) return { meta, content, sha256: meta.sha256, originalSha256: null };
  return { meta, content: clean.data, sha256: sha256Hex(clean.data), originalSha256: meta.sha256 };
}

export async function deleteFile(db: DB, actor: Actor, id: string): Promise<void> {
  await audited(db, async (trx) => {
    const existing = await trx.selectFrom('evidenceFiles').select([...FILE_COLUMNS]).$narrowType<StoredZone>().where('id', '=', id).where(readableBy(actor)).forUpdate().executeTakeFirst();
    if (!existing) throw new NotFound('evidence file', id);
    assertCanWrite(actor, 'delete', existing, { recordType: 'evidence-files' });
    await trx.deleteFrom('evidenceFiles').where('id', '=', id).execute();
    // The content goes too once nothing describes it any more.
    const gone = await trx.deleteFrom('blobs').where('sha256', '=', existing.sha256)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('evidenceFiles').select('id').where('sha256', '=', existing.sha256)))).executeTakeFirst();
    if (Number(gone.numDeletedRows) > 0) await trx.deleteFrom('imageThumbnails').where('sha256', '=', existing.sha256).execute();
    await recordWrite(trx, { actorId: actor.id, action: 'delete', recordType: 'evidence-files', recordId: id, before: existing });
  });
}
