import { useGet } from '../api/hooks';
import type { EvidenceFile, PhotoChecks as Checks } from '../api/types';
import { formatDateTime } from '../lib/format';
import { Icon } from './Icon';

export const thumbnailUrl = (id: string, size: 160 | 480 | 1280 = 480) => `/api/evidence-files/${id}/thumbnail?size=${size}`;

/**
 * What the API says to check about a photo before quoting it: its EXIF plausibility warnings and
 * the photos it nearly duplicates, each shown beside it. Rendered as returned; nothing is judged
 * here. `compact` (gallery, upload list) shows one line per finding.
 */
export function PhotoChecks({ file, compact = false, onOpen }: { file: Pick<EvidenceFile, 'id' | 'mediaType'>; compact?: boolean; onOpen?: (f: EvidenceFile) => void }) {
  const checks = useGet<Checks>(file.mediaType.startsWith('image/') ? `/api/evidence-files/${file.id}/checks` : null);
  const c = checks.data;
  if (!c || (c.warnings.length === 0 && c.nearDuplicates.length === 0)) {
    return compact || !c ? null : <p className="small muted" data-photo-checks="clear">No duplicate among the photos you can see; nothing in its metadata contradicts its incident.</p>;
  }
  return (
    <div className={`photo-checks${compact ? ' compact' : ''}`} data-photo-checks="warn" role="status">
      {c.nearDuplicates.length > 0 && (
        <div className="photo-dups" aria-label="Possible duplicates">
          <div className="warn-line"><Icon name="warn" size={14} /> {c.nearDuplicates.length === 1 ? 'Possible duplicate of another photo' : `Possible duplicate of ${c.nearDuplicates.length} other photos`}</div>
          <ul>
            {c.nearDuplicates.slice(0, compact ? 2 : 12).map((d) => (
              <li key={d.file.id}>
                <button type="button" className="dup-open" onClick={() => onOpen?.(d.file)} disabled={!onOpen} title={onOpen ? 'Open in the viewer' : undefined}>
                  <img src={thumbnailUrl(d.file.id, 160)} alt={`The other photo: ${d.file.caption ?? d.file.originalName}`} loading="lazy" />
                </button>
                <span>
                  <strong>{d.file.caption ?? d.file.originalName}</strong>
                  <span className="muted"> · {d.sameContent ? 'the same file uploaded again' : `${d.distance} of 64 bits differ`} · uploaded {formatDateTime(d.file.createdAt)}</span>
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {c.warnings.map((w) => (
        <div key={w.code} className="warn-line" data-warning={w.code}><Icon name="warn" size={14} /> {w.message}</div>
      ))}
    </div>
  );
}
