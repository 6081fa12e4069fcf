import type { EvidenceFile } from '../api/types';
import { formatBytes, formatDateTime } from '../lib/format';
import { Hash } from './Hash';
import { Empty } from './State';
import { useSession } from '../api/session';

/** Types the server can give the public without their metadata (docs/access.md "What the public downloads"). */
const CLEANED = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif']);
const AS_STORED = new Set(['text/plain', 'application/pdf']);

/** Evidence files as a gallery: each with its SHA-256, size, EXIF time and position, and what it is linked to. */
export function EvidenceGallery({ files, describeLink }: { files: EvidenceFile[]; describeLink?: (f: EvidenceFile) => string | null }) {
  const { session } = useSession();
  const isPublic = !session?.user;
  if (files.length === 0) return <Empty title="No evidence files yet.">Drop photos above to attach them.</Empty>;
  return (
    <div className="gallery">
      {files.map((f) => {
        const href = `/api/evidence-files/${f.id}/content`;
        const linked = describeLink?.(f);
        // The public is sent a copy without metadata, or nothing for types that cannot be cleaned.
        const withheld = isPublic && !CLEANED.has(f.mediaType) && !AS_STORED.has(f.mediaType);
        const icon = <div className="file-icon">{f.mediaType.split('/')[1]?.toUpperCase() ?? 'FILE'}</div>;
        return (
          <figure key={f.id}>
            {withheld ? icon : (
              <a href={href} aria-label={`Download ${f.originalName}`}>
                {f.mediaType.startsWith('image/') ? <img src={href} alt={f.caption ?? f.originalName} loading="lazy" /> : icon}
              </a>
            )}
            <figcaption>
              <strong style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{f.caption ?? f.originalName}</strong>
              {linked && <span className="muted">{linked}</span>}
              <Hash value={f.sha256} />
              {isPublic && CLEANED.has(f.mediaType) && <span className="muted small">SHA-256 of the original; the download is a copy without location and camera metadata (its own hash: x-content-sha256)</span>}
              {withheld && <span className="muted small">Sign in to download: this type of file cannot be shared without its metadata</span>}
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
