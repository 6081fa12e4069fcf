/**
 * What the public sees of a record it may read. Pure: takes a row as the store returns it and
 * returns a copy fit for an anonymous visitor; signed-in users get the row unchanged.
 *
 * Principles (docs/access.md "Redaction"):
 * - no user identities: createdBy, updatedBy, statusBy, confirmations' `by` become null;
 * - coordinates of a location marked sensitive are coarsened to ~0.1° and their precision to
 *   `region`; items carry no sensitivity flag of their own, and a recovery point shows where an
 *   investigator stood, so theirs are always coarsened; a photo's GPS tag is withheld altogether;
 * - fields that name people on the ground (custody holders, field-note authors, original file
 *   names) are withheld.
 * Trace correspondence never reaches this point: the database refuses to make it public.
 */
import type { Actor } from './index.js';

type Row = Record<string, unknown>;

/** Coordinates shown to the public are rounded to this many decimals: 0.1° is a cell ~11 km across. */
export const COARSE_DECIMALS = 1;
export const WITHHELD = '[withheld]';

export function coarsen(deg: number): number {
  const f = 10 ** COARSE_DECIMALS;
  const v = Math.round(deg * f) / f;
  return Object.is(v, -0) ? 0 : v;
}

const USER_FIELDS = ['createdBy', 'updatedBy', 'statusBy', 'grantedBy', 'publishedBy', 'reviewedBy', 'decidedBy', 'actorId', 'userId'];

function coarsenPair(row: Row, latKey: string, lonKey: string, precisionKey?: string): void {
  const lat = row[latKey];
  const lon = row[lonKey];
  if (typeof lat === 'number') row[latKey] = coarsen(lat);
  if (typeof lon === 'number') row[lonKey] = coarsen(lon);
  if (precisionKey && (typeof lat === 'number' || typeof lon === 'number')) row[precisionKey] = 'region';
}

function extensionOf(mediaType: unknown): string {
  const m = String(mediaType ?? '');
  const known: Record<string, string> = {
    'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'image/tiff': 'tif', 'image/heic': 'heic', 'image/gif': 'gif',
    'application/pdf': 'pdf', 'video/mp4': 'mp4', 'text/plain': 'txt',
  };
  return known[m] ?? 'bin';
}

/** Per-resource redaction beyond the common user fields. Unknown resources get the common part only. */
const RULES: Record<string, (row: Row) => void> = {
  incidents: (row) => {
    if (row.locationSensitive === true) coarsenPair(row, 'lat', 'lon', 'locationPrecision');
  },
  items: (row) => coarsenPair(row, 'recoveredLat', 'recoveredLon'),
  'custody-events': (row) => {
    if ('holder' in row) row.holder = WITHHELD;
    if ('notes' in row) row.notes = null;
    if ('place' in row) row.place = null;
  },
  sources: (row) => {
    if (row.kind === 'field_note' && 'author' in row) row.author = null;
  },
  components: (row) => {
    const fs = row.fieldStatus;
    if (fs && typeof fs === 'object' && !Array.isArray(fs)) {
      row.fieldStatus = Object.fromEntries(
        Object.entries(fs as Record<string, unknown>).map(([k, v]) => [k, v && typeof v === 'object' ? { ...(v as Row), by: null } : v]),
      );
    }
  },
  'evidence-files': (row) => {
    // The position a photo's EXIF gave is where an investigator stood, not where the event was:
    // withheld, as it is from the public copy of the file itself (src/evidence/metadata.ts).
    if ('gpsLat' in row) row.gpsLat = null;
    if ('gpsLon' in row) row.gpsLon = null;
    // An original file name often carries a person's or a place's name; the public gets a neutral one.
    if ('originalName' in row) row.originalName = `evidence-${String(row.id ?? '').slice(0, 8)}.${extensionOf(row.mediaType)}`;
  },
};

/** The row as `actor` may see it. Anonymous visitors (actor null) get a redacted copy. */
export function redact<T extends Row>(resource: string, row: T, actor: Actor | null): T {
  if (actor) return row;
  const out: Row = { ...row };
  for (const f of USER_FIELDS) if (f in out) out[f] = null;
  RULES[resource]?.(out);
  return out as T;
}
