/**
 * When a photo was taken, as far as its EXIF can say. Pure: tag values in, capture time out.
 *
 * EXIF's DateTimeOriginal is the camera's wall clock ("2024:05:01 10:11:12") with no time zone.
 * Only two things place it in time: the OffsetTimeOriginal tag (EXIF 2.31, "+03:00"), or the GPS
 * date and time stamps, which are UTC. Without either the photo was taken at that wall-clock time
 * somewhere on Earth, a window of 26 hours: it is kept as local camera time with the zone unknown,
 * never labelled UTC and never converted.
 */

/** How the capture instant is known: from the offset tag, from GPS time, or not at all. */
export type CaptureZoneSource = 'offset' | 'gps' | 'none';

export interface CaptureTime {
  /** The camera's wall clock as written, `YYYY-MM-DDTHH:MM:SS` (no zone). */
  local: string;
  /** How the zone was found; `none`: local camera time, time zone unknown. */
  zoneSource: CaptureZoneSource;
  /** The UTC offset, `+03:00`, when known. */
  utcOffset: string | null;
  /** The instant (ISO 8601 with `Z`) when the zone is known; null otherwise. */
  instant: string | null;
}

/** The EXIF tags read, as exifr gives them with `reviveValues: false` (strings and numbers as stored). */
export interface CaptureTags {
  DateTimeOriginal?: unknown;
  CreateDate?: unknown;
  OffsetTimeOriginal?: unknown;
  OffsetTimeDigitized?: unknown;
  OffsetTime?: unknown;
  GPSDateStamp?: unknown;
  GPSTimeStamp?: unknown;
}

const EXIF_DATE = /^(\d{4})[:-](\d{2})[:-](\d{2})[ T](\d{2}):(\d{2}):(\d{2})/;
const OFFSET = /^([+-])(\d{2}):?(\d{2})$/;

/** `2024:05:01 10:11:12` → `2024-05-01T10:11:12`, or null for a blank or impossible value (cameras write `0000:00:00 00:00:00`). */
export function exifWallClock(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const m = EXIF_DATE.exec(value.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const t = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(t);
  // Reject dates that roll over (2024-02-30) and zeroed clocks.
  if (y < 1900 || back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || s > 60) return null;
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}`;
}

/** Minutes east of UTC from `+03:00`, or null (offsets beyond ±14:00 do not exist). */
export function offsetMinutes(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const m = OFFSET.exec(value.trim());
  if (!m) return null;
  const minutes = (Number(m[2]) * 60 + Number(m[3])) * (m[1] === '-' ? -1 : 1);
  return Math.abs(minutes) <= 14 * 60 && Number(m[3]) < 60 ? minutes : null;
}

export function formatOffset(minutes: number): string {
  const a = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

/** The GPS fix time in ms since the epoch: GPSDateStamp `2024:05:01` and GPSTimeStamp `[h, m, s]` (UTC). */
function gpsInstantMs(date: unknown, time: unknown): number | null {
  if (typeof date !== 'string' || !Array.isArray(time) || time.length !== 3) return null;
  const d = /^(\d{4})[:-](\d{2})[:-](\d{2})$/.exec(date.trim());
  const [h, mi, s] = time.map(Number) as [number, number, number];
  if (!d || ![h, mi, s].every(Number.isFinite) || h > 23 || mi > 59 || s >= 61) return null;
  const ms = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), h, mi, 0) + Math.round(s * 1000);
  return Number.isFinite(ms) && Number(d[1]) >= 1900 ? ms : null;
}

const asUtcMs = (local: string) => Date.parse(`${local}Z`);

/**
 * The capture time of a photo from its EXIF tags, or null when it has none.
 *
 * GPS time is a satellite fix, which may be some minutes old when the shutter fires; the offset is
 * therefore the wall clock minus the GPS time rounded to the nearest 15 minutes (every zone in use
 * is a multiple of 15), and the instant is the wall clock minus that offset. A difference that is no
 * real zone (beyond ±14 h, or more than 5 minutes off a quarter hour) says the camera clock or the
 * fix is wrong: the zone is then left unknown rather than guessed.
 */
export function captureTime(tags: CaptureTags | null | undefined): CaptureTime | null {
  if (!tags) return null;
  const fromOriginal = exifWallClock(tags.DateTimeOriginal);
  const local = fromOriginal ?? exifWallClock(tags.CreateDate);
  if (!local) return null;
  // The offset tag that belongs to the date used (OffsetTime belongs to ModifyDate, a last resort).
  const offset = offsetMinutes(fromOriginal ? tags.OffsetTimeOriginal : tags.OffsetTimeDigitized) ?? offsetMinutes(tags.OffsetTime);
  if (offset !== null) {
    return { local, zoneSource: 'offset', utcOffset: formatOffset(offset), instant: new Date(asUtcMs(local) - offset * 60_000).toISOString() };
  }
  const gps = gpsInstantMs(tags.GPSDateStamp, tags.GPSTimeStamp);
  if (gps !== null) {
    const diffMinutes = (asUtcMs(local) - gps) / 60_000;
    const quarter = Math.round(diffMinutes / 15) * 15;
    if (Math.abs(quarter) <= 14 * 60 && Math.abs(diffMinutes - quarter) <= 5) {
      return { local, zoneSource: 'gps', utcOffset: formatOffset(quarter), instant: new Date(asUtcMs(local) - quarter * 60_000).toISOString() };
    }
  }
  return { local, zoneSource: 'none', utcOffset: null, instant: null };
}

/**
 * The capture time in words, for documents written in English (the evidence package): the camera's
 * clock as written, with its offset and where that came from, or "local camera time, time zone
 * unknown". The web app words the same fields in the reader's language (CaptureTime.tsx).
 */
export function describeCaptureTime(f: { exifTakenLocal?: unknown; exifZoneSource?: unknown; exifUtcOffset?: unknown }): string {
  if (typeof f.exifTakenLocal !== 'string') return 'none';
  const time = f.exifTakenLocal.replace('T', ' ');
  if (f.exifZoneSource === 'offset' || f.exifZoneSource === 'gps') {
    return `${time} UTC${String(f.exifUtcOffset)} (zone from ${f.exifZoneSource === 'gps' ? 'GPS time' : 'EXIF'})`;
  }
  return `${time}, local camera time, time zone unknown`;
}
