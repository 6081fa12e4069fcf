import type { EvidenceFile } from '../api/types';
import { formatBytes, formatDateTime } from '../lib/format';
import { Hash } from './Hash';
import { Empty } from './State';

/** Evidence files as a gallery: each with its SHA-256, size, EXIF time and position, and what it is linked to. */
export function EvidenceGallery({ files, describeLink }: { files: EvidenceFile[]; describeLink?: (f: EvidenceFile) => string | null }) {
  if (files.length === 0) return <Empty title="No evidence files yet.">Drop photos above to attach them.</Empty>;
  return (
    <div className="gallery">
      {files.map((f) => {
        const href = `/api/evidence-files/${f.id}/content`;
        const linked = describeLink?.(f);
        return (
          <figure key={f.id}>
            <a href={href} aria-label={`Download ${f.originalName}`}>
              {f.mediaType.startsWith('image/') ? <img src={href} alt={f.caption ?? f.originalName} loading="lazy" /> : <div className="file-icon">{f.mediaType.split('/')[1]?.toUpperCase() ?? 'FILE'}</div>}
            </a>
            <figcaption>
              <strong style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{f.caption ?? f.originalName}</strong>
              {linked && <span className="muted">{linked}</span>}
              <Hash value={f.sha256} />
              <span className="muted">
                {formatBytes(f.sizeBytes)} · {f.exifTakenAt ? `taken ${formatDateTime(f.exifTakenAt)}` : 'no EXIF time'}
                {f.gpsLat !== null && f.gpsLon !== null && ` · ${f.gpsLat.toFixed(4)}, ${f.gpsLon.toFixed(4)}`}
              </span>
            </figcaption>
          </figure>
        );
      })}
    </div>
  );
}
