import { useTranslation } from 'react-i18next';
import { useGet } from '../api/hooks';
import type { EvidenceFile, PhotoChecks as Checks } from '../api/types';
import { formatDateTime, formatNumber } from '../lib/format';
import { Icon } from './Icon';

export const thumbnailUrl = (id: string, size: 160 | 480 | 1280 = 480) => `/api/evidence-files/${id}/thumbnail?size=${size}`;

/**
 * What the API says to check about a photo before quoting it: its EXIF plausibility warnings and
 * the photos it nearly duplicates, each shown beside it. Rendered as returned; nothing is judged
 * here. `compact` (gallery, upload list) shows one line per finding.
 */
export function PhotoChecks({ file, compact = false, onOpen }: { file: Pick<EvidenceFile, 'id' | 'mediaType'>; compact?: boolean; onOpen?: (f: EvidenceFile) => void }) {
  const { t } = useTranslation('photos');
  const checks = useGet<Checks>(file.mediaType.startsWith('image/') ? `/api/evidence-files/${file.id}/checks` : null);
  const c = checks.data;
  if (!c || (c.warnings.length === 0 && c.nearDuplicates.length === 0)) {
    return compact || !c ? null : <p className="small muted" data-photo-checks="clear">{t('checks.clear')}</p>;
  }
  return (
    <div className={`photo-checks${compact ? ' compact' : ''}`} data-photo-checks="warn" role="status">
      {c.nearDuplicates.length > 0 && (
        <div className="photo-dups" aria-label={t('checks.duplicates')}>
          <div className="warn-line"><Icon name="warn" size={14} /> {t('checks.duplicateOf', { count: c.nearDuplicates.length })}</div>
          <ul>
            {c.nearDuplicates.slice(0, compact ? 2 : 12).map((d) => (
              <li key={d.file.id}>
                <button type="button" className="dup-open" onClick={() => onOpen?.(d.file)} disabled={!onOpen} title={onOpen ? t('checks.openOther') : undefined}>
                  <img src={thumbnailUrl(d.file.id, 160)} alt={t('checks.otherPhoto', { name: d.file.caption ?? d.file.originalName })} loading="lazy" />
                </button>
                <span>
                  <strong>{d.file.caption ?? d.file.originalName}</strong>
                  <span className="muted"> · {d.sameContent ? t('checks.sameFile') : t('checks.bitsDiffer', { distance: d.distance })} · {t('checks.uploaded', { when: formatDateTime(d.file.createdAt) })}</span>
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {c.warnings.map((w) => (
        <div key={w.code} className="warn-line" data-warning={w.code}><Icon name="warn" size={14} /> {warningText(t, w)}</div>
      ))}
    </div>
  );
}

type Warning = Checks['warnings'][number];

/** A warning in the reader's language, from its code and the facts the API gives with it (`message` is the API's English). */
function warningText(t: (key: string, opts?: Record<string, unknown>) => string, w: Warning): string {
  const time = w.capturedLocal ? (w.zoneKnown ? w.capturedLocal.replace('T', ' ') : t('checks.localTime', { time: w.capturedLocal.replace('T', ' ') })) : '';
  switch (w.code) {
    case 'gps-far-from-incident': return t(`checks.warning.${w.code}`, { km: formatNumber(w.distanceKm ?? null), limit: formatNumber(w.limitKm ?? null) });
    case 'edited-with-software': return t(`checks.warning.${w.code}`, { software: w.software });
    case 'taken-before-incident': return t(`checks.warning.${w.code}`, { time, date: w.incidentDate });
    case 'taken-after-upload': return t(`checks.warning.${w.code}`, { time });
    default: return w.message;
  }
}
