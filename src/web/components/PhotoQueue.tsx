import { useId, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { readPhotoFacts, type PhotoFacts } from '../lib/photo';
import { formatBytes, formatDateTime } from '../lib/format';
import { Hash } from './Hash';
import { Icon } from './Icon';

export interface QueuedPhoto {
  key: string;
  file: File;
  preview: string;
  facts: PhotoFacts | null;
}

/**
 * Photos dropped while a component is being entered. Their hash and EXIF show at once; they are
 * uploaded, linked to the component, when it is saved.
 */
export function PhotoQueue({ photos, onChange }: { photos: QueuedPhoto[]; onChange: (update: (p: QueuedPhoto[]) => QueuedPhoto[]) => void }) {
  const { t } = useTranslation('upload');
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  const add = (files: FileList) => {
    for (const file of Array.from(files)) {
      const key = `${file.name}-${file.size}-${Math.random().toString(36).slice(2)}`;
      onChange((ps) => [...ps, { key, file, preview: URL.createObjectURL(file), facts: null }]);
      void readPhotoFacts(file).then((facts) => onChange((ps) => ps.map((p) => (p.key === key ? { ...p, facts } : p))), () => undefined);
    }
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    if (e.dataTransfer.files.length) add(e.dataTransfer.files);
  };
  return (
    <div>
      <div className={`dropzone ${over ? 'over' : ''}`} onDragOver={(e) => { e.preventDefault(); setOver(true); }} onDragLeave={() => setOver(false)} onDrop={onDrop} style={{ padding: 12 }}>
        <div className="row" style={{ justifyContent: 'center' }}>
          <Icon name="upload" /> <span>{t('queue.drop')}</span>
          <label htmlFor={id} className="sr-only">{t('queue.label')}</label>
          <input ref={input} id={id} type="file" accept="image/*" multiple hidden onChange={(e) => { if (e.target.files) add(e.target.files); e.target.value = ''; }} />
          <button type="button" className="small" onClick={() => input.current?.click()}>{t('queue.choose')}</button>
        </div>
      </div>
      {photos.map((p) => (
        <div key={p.key} className="file-row">
          <img src={p.preview} alt="" />
          <div style={{ minWidth: 0 }}>
            <div><strong>{p.file.name}</strong> <span className="small muted">{formatBytes(p.file.size)}</span></div>
            <Hash value={p.facts?.sha256 ?? null} pending={!p.facts} />
            <div className="small muted">
              {p.facts?.takenAt ? t('taken', { when: formatDateTime(p.facts.takenAt) }) : p.facts ? t('noExif') : t('readingExif')}
              {p.facts?.lat != null && ` · GPS ${p.facts.lat.toFixed(5)}, ${p.facts.lon!.toFixed(5)}`}
              {p.facts?.camera && ` · ${p.facts.camera}`}
            </div>
          </div>
          <button type="button" className="ghost small" aria-label={t('queue.remove', { name: p.file.name })} onClick={() => { URL.revokeObjectURL(p.preview); onChange((ps) => ps.filter((x) => x.key !== p.key)); }}>
            <Icon name="x" />
          </button>
        </div>
      ))}
    </div>
  );
}
