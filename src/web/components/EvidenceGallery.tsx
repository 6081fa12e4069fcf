import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { EvidenceFile } from '../api/types';
import { formatBytes } from '../lib/format';
import { CaptureTime } from './CaptureTime';
import { PhotoChecks, thumbnailUrl } from './PhotoChecks';
import { PhotoViewer, type ViewerContext } from './PhotoViewer';
import { Hash } from './Hash';
import { Empty } from './State';
import { useSession } from '../api/session';

/** Types the server can give the public without their metadata (docs/access.md "What the public downloads"). */
const CLEANED = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif']);
const AS_STORED = new Set(['text/plain', 'application/pdf']);

/** Evidence files as a gallery: each with its SHA-256, size, EXIF time and position, and what it is linked to. */
export function EvidenceGallery({ files, describeLink, viewerTools }: { files: EvidenceFile[]; describeLink?: (f: EvidenceFile) => string | null; /** Extra panels in the photo viewer (see PhotoViewer). */ viewerTools?: (ctx: ViewerContext) => ReactNode }) {
  const { session } = useSession();
  const [viewing, setViewing] = useState<EvidenceFile | null>(null);
  const { t } = useTranslation('photos');
  const isPublic = !session?.user;
  if (files.length === 0) return <Empty title={t('upload:gallery.empty')}>{t('upload:gallery.emptyHint')}</Empty>;
  return (
    <>
    {viewing && <PhotoViewer file={viewing} onClose={() => setViewing(null)} onOpen={setViewing} tools={viewerTools} />}
    <div className="gallery">
      {files.map((f) => {
        const href = `/api/evidence-files/${f.id}/content`;
        const linked = describeLink?.(f);
        // The public is sent a copy without metadata, or nothing for types that cannot be cleaned.
        const withheld = isPublic && !CLEANED.has(f.mediaType) && !AS_STORED.has(f.mediaType);
        const icon = <div className="file-icon">{f.mediaType.split('/')[1]?.toUpperCase() ?? 'FILE'}</div>;
        return (
          <figure key={f.id}>
            {withheld ? icon : f.mediaType.startsWith('image/') ? (
              <button type="button" className="gallery-open" onClick={() => setViewing(f)} aria-label={t('gallery.view', { name: f.caption ?? f.originalName })}>
                <img src={thumbnailUrl(f.id, 480)} alt={f.caption ?? f.originalName} loading="lazy" />
              </button>
            ) : (
              <a href={href} aria-label={t('upload:gallery.download', { name: f.originalName })}>{icon}</a>
            )}
            <figcaption>
              <strong style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{f.caption ?? f.originalName}</strong>
              {linked && <span className="muted">{linked}</span>}
              <Hash value={f.sha256} />
              {isPublic && CLEANED.has(f.mediaType) && <span className="muted small">{t('upload:gallery.cleaned')}</span>}
              {withheld && <span className="muted small">{t('upload:gallery.withheld')}</span>}
              <span className="muted">
                {formatBytes(f.sizeBytes)} · <CaptureTime file={f} />
                {f.gpsLat !== null && f.gpsLon !== null && ` · ${f.gpsLat.toFixed(4)}, ${f.gpsLon.toFixed(4)}`}
              </span>
              {!withheld && f.mediaType.startsWith('image/') && <a href={href} className="small" download>{t('gallery.downloadOriginal')}</a>}
              <PhotoChecks file={f} compact onOpen={setViewing} />
            </figcaption>
          </figure>
        );
      })}
    </div>
    </>
  );
}
