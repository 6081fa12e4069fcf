import { useEffect, useId, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api/client';
import type { EvidenceFile } from '../api/types';
import { readPhotoFacts, type PhotoFacts } from '../lib/photo';
import { formatBytes } from '../lib/format';
import { CaptureTime } from './CaptureTime';
import { PhotoChecks } from './PhotoChecks';
import { Hash } from './Hash';
import { Icon } from './Icon';

type Link = { itemId: string } | { componentId: string } | { sourceId: string } | { incidentId: string };

interface Pending {
  key: string;
  file: File;
  preview: string | null;
  facts: PhotoFacts | null;
  status: 'reading' | 'uploading' | 'done' | 'failed';
  stored?: EvidenceFile;
  error?: string;
}

/**
 * Drop photos (or pick them with the button, for keyboards and phones) to attach them as evidence.
 * Each file's SHA-256 and EXIF are read in the browser at once, then the file is uploaded and the
 * server's hash is compared with ours: a match shows the bytes arrived unaltered.
 */
export function EvidenceUpload({ link, onUploaded, label: given, slot }: { link: Link; onUploaded?: (f: EvidenceFile) => void; label?: string; /** `photo`: the server takes images only (checked on the content). */ slot?: 'photo' | 'document' }) {
  const { t } = useTranslation('upload');
  const label = given ?? t('photos');
  const [over, setOver] = useState(false);
  const [pending, setPending] = useState<Pending[]>([]);
  const input = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const linkKey = JSON.stringify(link);

  // A new target (e.g. the next component) starts a fresh list; object URLs are released.
  useEffect(() => () => setPending((ps) => { ps.forEach((p) => p.preview && URL.revokeObjectURL(p.preview)); return []; }), [linkKey]);

  const update = (key: string, patch: Partial<Pending>) => setPending((ps) => ps.map((p) => (p.key === key ? { ...p, ...patch } : p)));

  const add = (files: FileList | File[]) => {
    for (const file of Array.from(files)) {
      const key = `${file.name}-${file.size}-${Math.random().toString(36).slice(2)}`;
      const preview = file.type.startsWith('image/') ? URL.createObjectURL(file) : null;
      setPending((ps) => [...ps, { key, file, preview, facts: null, status: 'reading' }]);
      void (async () => {
        const facts = await readPhotoFacts(file).catch(() => null);
        update(key, { facts, status: 'uploading' });
        const form = new FormData();
        for (const [k, v] of Object.entries(link)) form.append(k, v);
        if (slot) form.append('slot', slot);
        form.append('file', file, file.name);
        try {
          const stored = await api.post<EvidenceFile>('/api/evidence-files', form);
          update(key, { stored, status: 'done' });
          onUploaded?.(stored);
        } catch (e) {
          update(key, { status: 'failed', error: e instanceof ApiError ? (e.forField('file') ?? e.message) : String(e) });
        }
      })();
    }
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    if (e.dataTransfer.files.length) add(e.dataTransfer.files);
  };

  return (
    <div>
      <div
        className={`dropzone ${over ? 'over' : ''}`}
        onDragOver={(e) => { e.preventDefault(); setOver(true); }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <Icon name="upload" size={20} />
        <div style={{ margin: '4px 0 8px' }}>{t('drop', { what: label.toLowerCase() })}</div>
        <label htmlFor={inputId} className="sr-only">{label}</label>
        <input ref={input} id={inputId} type="file" accept={slot === 'photo' ? 'image/*' : 'image/*,application/pdf'} multiple hidden onChange={(e) => { if (e.target.files) add(e.target.files); e.target.value = ''; }} />
        <button type="button" className="small" onClick={() => input.current?.click()}>{t('choose')}</button>
      </div>
      {pending.length > 0 && (
        <ul aria-label={t('uploads')} aria-live="polite" style={{ listStyle: 'none', margin: '8px 0 0', padding: 0 }}>
          {pending.map((p) => <UploadRow key={p.key} p={p} />)}
        </ul>
      )}
    </div>
  );
}

function UploadRow({ p }: { p: Pending }) {
  const { t } = useTranslation('upload');
  const ours = p.facts?.sha256;
  const theirs = p.stored?.sha256;
  const verdict = !theirs ? null : !ours ? 'server hash' : ours === theirs ? 'verified' : 'mismatch';
  return (
    <li className="file-row">
      {/* A file named .jpg may be no picture at all: its preview is then hidden rather than shown broken. */}
      {p.preview ? <img src={p.preview} alt="" onError={(e) => { e.currentTarget.hidden = true; }} /> : <div className="thumb" />}
      <div style={{ minWidth: 0 }}>
        <div className="row" style={{ gap: 6 }}>
          <strong style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', maxWidth: '100%' }}>{p.file.name}</strong>
          <span className="small muted">{formatBytes(p.file.size)}</span>
        </div>
        <Hash value={theirs ?? ours ?? null} pending={!theirs && !ours} />
        <div className="small muted">
          {/* The capture time as the server read it, with its time zone or "time zone unknown". */}
          {p.stored ? <CaptureTime file={p.stored} /> : p.facts?.takenAt ? t('exifFound') : t('noExif')}
          {(p.stored?.gpsLat ?? p.facts?.lat) != null && ` · GPS ${(p.stored?.gpsLat ?? p.facts!.lat)!.toFixed(5)}, ${(p.stored?.gpsLon ?? p.facts!.lon)!.toFixed(5)}`}
          {p.facts?.camera && ` · ${p.facts.camera}`}
        </div>
        {p.error && <div className="error small" role="alert" style={{ color: 'var(--red)' }}>{p.error}</div>}
        {p.stored && <PhotoChecks file={p.stored} compact />}
      </div>
      <span className="small nowrap">
        {p.status === 'reading' && t('reading')}
        {p.status === 'uploading' && t('uploading')}
        {p.status === 'failed' && <span style={{ color: 'var(--red)' }}>{t('failed')}</span>}
        {verdict === 'verified' && <span className="confirmed-mark" title={t('verifiedTitle')}>{t('verified')}</span>}
        {verdict === 'server hash' && <span className="confirmed-mark">{t('stored')}</span>}
        {verdict === 'mismatch' && <span style={{ color: 'var(--red)' }}>{t('mismatch')}</span>}
      </span>
    </li>
  );
}
