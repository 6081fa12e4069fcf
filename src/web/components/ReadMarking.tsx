import { useEffect, useRef, useState, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api/client';
import type { Answer } from '../api/typed';
import { useSuggestion } from '../lib/suggestion';
import { percent } from '../lib/format';
import { Badge } from './Badge';
import { Readings } from './Readings';
import type { ViewerContext } from './PhotoViewer';

type MarkingReading = Answer<'read_marking'>;
interface Box { x: number; y: number; w: number; h: number }

/**
 * Reading a marking from a component's photo, beside the photo viewer: the investigator draws a box
 * around the marking on the picture (pointer events; the box is drawn through the DOM's style
 * object, which the strict CSP allows), "Read marking" sends it in the photo's own pixels to
 * `POST /api/evidence-files/:id/read-marking`, and the text comes back as a suggestion with its
 * confidence (near misses against catalogued part numbers already corrected, the text as read
 * shown beside it): editable, identified by the server's suggest route as it is typed, and saved as the
 * component's marking only when the investigator says so. Below the server's gate the answer says
 * to type the marking; near misses against catalogued part numbers can be taken with one click.
 */
export function ReadMarking({ ctx, componentId, itemId, onSaved }: { ctx: ViewerContext; componentId: string; itemId: string; onSaved: () => void }) {
  const { t } = useTranslation('ocr');
  const picture = useRef<HTMLImageElement>(null);
  const frame = useRef<HTMLDivElement>(null);
  const start = useRef<{ x: number; y: number } | null>(null);
  const [box, setBox] = useState<Box | null>(null);
  const [reading, setReading] = useState<MarkingReading | null>(null);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const identified = useSuggestion(text, itemId);
  const src = `/api/evidence-files/${ctx.file.id}/content`;

  // A new photo starts without a box.
  useEffect(() => { setBox(null); setReading(null); setText(''); setError(null); setSaved(false); }, [ctx.file.id]);

  // The box in screen pixels of the small picture, placed through the CSSOM.
  useEffect(() => {
    const el = frame.current, img = picture.current;
    if (!el || !img) return;
    if (!box || !img.naturalWidth) { el.hidden = true; return; }
    const k = img.clientWidth / img.naturalWidth;
    el.hidden = false;
    el.style.left = `${box.x * k}px`;
    el.style.top = `${box.y * k}px`;
    el.style.width = `${box.w * k}px`;
    el.style.height = `${box.h * k}px`;
  }, [box]);

  /** A pointer position as a pixel of the photo (its natural size, as the server cuts it). */
  const pixel = (e: PointerEvent) => {
    const img = picture.current!;
    const r = img.getBoundingClientRect();
    const k = img.naturalWidth / r.width;
    const clamp = (v: number, max: number) => Math.max(0, Math.min(max, Math.round(v)));
    return { x: clamp((e.clientX - r.left) * k, img.naturalWidth), y: clamp((e.clientY - r.top) * k, img.naturalHeight) };
  };
  const onDown = (e: PointerEvent) => {
    if (!picture.current?.naturalWidth) return;
    e.preventDefault();
    start.current = pixel(e);
    (e.currentTarget as HTMLElement).setPointerCapture(e.pointerId);
    setBox({ ...start.current, w: 0, h: 0 });
  };
  const onMove = (e: PointerEvent) => {
    const s = start.current;
    if (!s) return;
    const p = pixel(e);
    setBox({ x: Math.min(s.x, p.x), y: Math.min(s.y, p.y), w: Math.abs(p.x - s.x), h: Math.abs(p.y - s.y) });
  };
  const onUp = () => { start.current = null; };

  const read = async () => {
    if (!box) return;
    setBusy(true); setError(null); setSaved(false);
    try {
      const r = await api.post<MarkingReading>(`/api/evidence-files/${ctx.file.id}/read-marking`, box);
      setReading(r);
      // The form proposes the text with its near misses corrected; what was read is shown beside it.
      setText(r.corrected);
    } catch (e) {
      setReading(null);
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const save = async () => {
    setBusy(true); setError(null);
    try {
      await api.patch(`/api/components/${componentId}`, { markingRaw: text });
      setSaved(true);
      onSaved();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const tooSmall = !box || box.w < 8 || box.h < 8;
  return (
    <section className="read-marking" aria-label={t('title')}>
      <h3 className="small">{t('title')}</h3>
      <p className="hint">{t('howTo')}</p>
      <div className="read-marking-pick" onPointerDown={onDown} onPointerMove={onMove} onPointerUp={onUp} onPointerCancel={onUp}>
        <img ref={picture} src={src} alt={t('pictureAlt')} draggable={false} onLoad={() => setBox((b) => (b ? { ...b } : b))} />
        <div ref={frame} className="read-marking-box" data-testid="marking-box" />
      </div>
      <div className="row">
        <button type="button" className="small primary" disabled={busy || tooSmall} onClick={() => void read()}>{busy && !reading ? t('reading') : t('read')}</button>
        {box && <output className="small mono muted" aria-label={t('boxLabel')}>{t('box', { w: box.w, h: box.h, x: box.x, y: box.y })}</output>}
      </div>
      {error && <div className="form-error" role="alert">{error}</div>}
      {reading && (
        <div className="stack" data-testid="marking-reading">
          <div className="row">
            <Badge tone={reading.accepted ? 'green' : 'amber'} title={t('confidenceHelp', { at: percent(reading.acceptAt, 1) })}>
              {t('confidence', { value: percent(reading.confidence, 1) })}
            </Badge>
            {reading.pass === 'cleaned' && <span className="small muted">{t('cleaned')}</span>}
          </div>
          {!reading.accepted && <div className="form-error" role="status">{t('pleaseType')}</div>}
          {reading.corrected !== reading.text && <div className="small muted">{t('readAs', { text: reading.text.replace(/\n/g, ' / ') })}</div>}
          <label className="small">
            {t('suggested')}
            <textarea className="mono suggested" rows={Math.max(2, text.split('\n').length)} value={text} onChange={(e) => { setText(e.target.value); setSaved(false); }} />
          </label>
          {reading.nearMisses.length > 0 && (
            <div className="small">
              {t('nearMisses')}{' '}
              {reading.nearMisses.map((m) => (
                <button key={m.partNumber} type="button" className="small mono" onClick={() => setText((s) => s.split(m.read).join(m.partNumber))} title={m.maker ?? undefined}>
                  {t('nearMiss', { read: m.read, part: m.partNumber })}
                </button>
              ))}
            </div>
          )}
          <Readings state={identified} chosen={-1} />
          <div className="row">
            <button type="button" className="small primary" disabled={busy || !text.trim()} onClick={() => void save()}>{t('use')}</button>
            {saved && <span className="small" role="status">{t('saved')}</span>}
          </div>
        </div>
      )}
    </section>
  );
}
