import { useEffect, useRef, useState, type PointerEvent, type ReactNode, type WheelEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { EvidenceFile } from '../api/types';
import { CaptureTime } from './CaptureTime';
import { Hash } from './Hash';
import { Icon } from './Icon';
import { PhotoChecks, thumbnailUrl } from './PhotoChecks';

/** What a tool beside the photo (e.g. reading a marking) may use: the image as shown and how it is turned. */
export interface ViewerContext {
  file: EvidenceFile;
  /** The displayed <img>: its natural size is the original's. */
  image: HTMLImageElement | null;
  /** Clockwise quarter turns applied in the viewer: 0, 90, 180 or 270. */
  rotation: number;
  zoom: number;
}

const BROWSER_SHOWS = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif']);
const ZOOMS = [0.5, 0.75, 1, 1.5, 2, 3, 4, 6, 8];

/**
 * The in-app photo viewer: the image fitted to the window, zoomed (buttons, wheel, + and −), turned
 * in quarter turns, and dragged when zoomed in; beside it what the API says to check about it. Drawn
 * in a native modal <dialog> (focus kept inside, Escape closes). The transform is set through the
 * DOM's style object, which the strict CSP allows (no style attributes in markup).
 */
export function PhotoViewer({ file, onClose, onOpen, tools }: {
  file: EvidenceFile;
  onClose: () => void;
  /** Open another photo (a near duplicate) in the viewer. */
  onOpen?: (f: EvidenceFile) => void;
  /** Extra panels beside the photo, given the image and its turn. */
  tools?: (ctx: ViewerContext) => ReactNode;
}) {
  const { t } = useTranslation('photos');
  const dialog = useRef<HTMLDialogElement>(null);
  const image = useRef<HTMLImageElement>(null);
  const [zoomAt, setZoomAt] = useState(2); // index in ZOOMS: 1 = fitted
  const [rotation, setRotation] = useState(0);
  const [pan, setPan] = useState({ x: 0, y: 0 });
  const [loaded, setLoaded] = useState(false);
  const drag = useRef<{ x: number; y: number; px: number; py: number } | null>(null);
  const zoom = ZOOMS[zoomAt]!;
  // Browsers show these as they are; a TIFF is shown through its largest thumbnail (made by the server).
  const src = BROWSER_SHOWS.has(file.mediaType) ? `/api/evidence-files/${file.id}/content` : thumbnailUrl(file.id, 1280);

  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
    return () => { if (d?.open) d.close(); };
  }, []);
  // A new photo starts fitted and upright.
  useEffect(() => { setZoomAt(2); setRotation(0); setPan({ x: 0, y: 0 }); setLoaded(false); }, [file.id]);

  const zoomBy = (step: number) => {
    setZoomAt((z) => Math.min(ZOOMS.length - 1, Math.max(0, z + step)));
    if (step < 0 && zoomAt + step <= 2) setPan({ x: 0, y: 0 });
  };
  const turn = (q: number) => setRotation((r) => (r + q * 90 + 360) % 360);
  const reset = () => { setZoomAt(2); setRotation(0); setPan({ x: 0, y: 0 }); };

  const onWheel = (e: WheelEvent) => zoomBy(e.deltaY < 0 ? 1 : -1);
  const onPointerDown = (e: PointerEvent) => {
    if (zoom <= 1) return;
    drag.current = { x: e.clientX, y: e.clientY, px: pan.x, py: pan.y };
    (e.currentTarget as HTMLElement).setPointerCapture(e.pointerId);
  };
  const onPointerMove = (e: PointerEvent) => {
    const d = drag.current;
    if (d) setPan({ x: d.px + e.clientX - d.x, y: d.py + e.clientY - d.y });
  };
  const onPointerUp = () => { drag.current = null; };

  useEffect(() => {
    // Through the CSSOM: allowed under style-src-attr 'none'.
    const img = image.current;
    if (img) img.style.transform = `translate(${pan.x}px, ${pan.y}px) rotate(${rotation}deg) scale(${zoom})`;
  }, [pan, rotation, zoom, loaded]);

  return (
    <dialog ref={dialog} className="photo-viewer" aria-label={t('viewer.label', { name: file.caption ?? file.originalName })} onClose={onClose}
      onKeyDown={(e) => {
        if (e.key === '+' || e.key === '=') zoomBy(1);
        else if (e.key === '-') zoomBy(-1);
        else if (e.key === 'r') turn(1);
        else if (e.key === '0') reset();
      }}>
      <div className="viewer-bar" role="toolbar" aria-label={t('viewer.tools')}>
        <strong className="viewer-title">{file.caption ?? file.originalName}</strong>
        <button type="button" className="small" onClick={() => zoomBy(-1)} disabled={zoomAt === 0} aria-label={t('viewer.zoomOut')}><Icon name="minus" /></button>
        <output className="small mono" aria-live="polite" aria-label={t('viewer.zoom')}>{Math.round(zoom * 100)}%</output>
        <button type="button" className="small" onClick={() => zoomBy(1)} disabled={zoomAt === ZOOMS.length - 1} aria-label={t('viewer.zoomIn')}><Icon name="plus" /></button>
        <button type="button" className="small" onClick={() => turn(-1)} aria-label={t('viewer.rotateLeft')}>⟲</button>
        <button type="button" className="small" onClick={() => turn(1)} aria-label={t('viewer.rotateRight')}>⟳</button>
        <output className="small mono" aria-label={t('viewer.rotation')}>{rotation}°</output>
        <button type="button" className="small" onClick={reset} aria-label={t('viewer.reset')}><Icon name="reset" /></button>
        <a className="small" href={`/api/evidence-files/${file.id}/content`} download>{t('viewer.download')}</a>
        <button type="button" className="small" onClick={() => dialog.current?.close()} aria-label={t('viewer.close')}><Icon name="x" /></button>
      </div>
      <div className="viewer-body">
        <div className={`viewer-stage${zoom > 1 ? ' pannable' : ''}`} onWheel={onWheel} onPointerDown={onPointerDown} onPointerMove={onPointerMove} onPointerUp={onPointerUp} onPointerCancel={onPointerUp}>
          <img ref={image} src={src} alt={file.caption ?? file.originalName} draggable={false} onLoad={() => setLoaded(true)} data-zoom={zoom} data-rotation={rotation} />
        </div>
        <aside className="viewer-side">
          <div className="small">
            <Hash value={file.sha256} />
            <div className="muted"><CaptureTime file={file} /></div>
            {file.gpsLat !== null && file.gpsLon !== null && <div className="muted">{t('viewer.gps', { lat: file.gpsLat.toFixed(5), lon: file.gpsLon.toFixed(5) })}</div>}
            {file.exifSoftware && <div className="muted">{t('viewer.software', { software: file.exifSoftware })}</div>}
          </div>
          <PhotoChecks file={file} onOpen={onOpen} />
          {tools?.({ file, image: image.current, rotation, zoom })}
        </aside>
      </div>
    </dialog>
  );
}
