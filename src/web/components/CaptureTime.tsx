import type { EvidenceFile } from '../api/types';
import { formatDateTime } from '../lib/format';

/**
 * A photo's EXIF capture time as the API gives it. With a known zone: the instant, and where the
 * zone came from. Without one: the camera's wall clock exactly as written, "local camera time, time
 * zone unknown" — never converted and never labelled UTC.
 */
export function CaptureTime({ file }: { file: Pick<EvidenceFile, 'exifTakenAt' | 'exifTakenLocal' | 'exifZoneSource' | 'exifUtcOffset'> }) {
  if (!file.exifTakenLocal) return <span data-capture="none">no EXIF time</span>;
  const wallClock = file.exifTakenLocal.replace('T', ' ');
  if (file.exifZoneSource === 'none' || !file.exifTakenAt) {
    return <span data-capture="local" title="EXIF gives no time zone: the camera's clock as it read, wherever it was">taken {wallClock}, local camera time, time zone unknown</span>;
  }
  const how = file.exifZoneSource === 'gps' ? 'zone from GPS time' : 'zone from EXIF';
  return <span data-capture={file.exifZoneSource} title={`${formatDateTime(file.exifTakenAt)}`}>taken {wallClock} (UTC{file.exifUtcOffset}, {how})</span>;
}
