import { useTranslation } from 'react-i18next';
import type { EvidenceFile } from '../api/types';
import { formatDateTime } from '../lib/format';

/**
 * A photo's EXIF capture time as the API gives it. With a known zone: the camera's clock, its UTC
 * offset and where the zone came from (the instant on hover). Without one: the wall clock exactly
 * as written, "local camera time, time zone unknown" — never converted and never labelled UTC.
 */
export function CaptureTime({ file }: { file: Pick<EvidenceFile, 'exifTakenAt' | 'exifTakenLocal' | 'exifZoneSource' | 'exifUtcOffset'> }) {
  const { t } = useTranslation('photos');
  if (!file.exifTakenLocal) return <span data-capture="none">{t('capture.none')}</span>;
  const time = file.exifTakenLocal.replace('T', ' ');
  if (file.exifZoneSource === 'none' || !file.exifTakenAt) {
    return <span data-capture="local" title={t('capture.localHelp')}>{t('capture.local', { time })}</span>;
  }
  const how = file.exifZoneSource === 'gps' ? t('capture.fromGps') : t('capture.fromOffset');
  return <span data-capture={file.exifZoneSource} title={formatDateTime(file.exifTakenAt)}>{t('capture.zoned', { time, offset: file.exifUtcOffset, how })}</span>;
}
