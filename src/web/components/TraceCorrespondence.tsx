import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { useGet } from '../api/hooks';
import { Async, Empty } from './State';
import { Badge } from './Badge';
import { Hash } from './Hash';
import { FormError, SelectField, TextField } from './Field';
import { formatBytes, formatDateTime, humanise } from '../lib/format';
import { useForm } from './useForm';

interface Correspondence {
  id: string;
  sha256: string;
  originalName: string;
  mediaType: string;
  sizeBytes: number;
  caption: string | null;
  visibility: string;
  createdAt: string;
}

/**
 * The API files correspondence with a caption only, so what the file is (the letter as sent, the
 * reply…) is written at the head of the caption, where the list, the history and exports show it.
 * That head is stored data, kept in English like the letters themselves whatever the interface
 * language; only its label in the form is translated (`corr.kind.*`).
 */
const KINDS = [
  { value: 'Letter sent', key: 'letterSent' },
  { value: 'Reply received', key: 'replyReceived' },
  { value: 'Acknowledgement', key: 'acknowledgement' },
  { value: 'Invoice or shipping document', key: 'invoice' },
  { value: '', key: 'other' },
] as const;

/** Letters and replies filed with a trace request: the list, and (for writers) an upload form. */
export function TraceCorrespondence({ requestId, canWrite }: { requestId: string; canWrite: boolean }) {
  const { t } = useTranslation('tracing');
  const list = useGet<{ data: Correspondence[] }>(`/api/trace-requests/${requestId}/correspondence`);
  // A new key gives a fresh, empty file input after an upload.
  const [inputKey, setInputKey] = useState(0);
  const [file, setFile] = useState<File | null>(null);
  const f = useForm({ kind: 'Letter sent', caption: '', visibility: 'restricted' });
  const [done, setDone] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    const { kind, caption, visibility } = f.values;
    const form = new FormData();
    const text = [kind, caption.trim()].filter(Boolean).join(': ');
    if (text) form.append('caption', text);
    form.append('visibility', visibility);
    if (file) form.append('file', file, file.name);
    const stored = await f.run(() => api.post<Correspondence>(`/api/trace-requests/${requestId}/correspondence`, form));
    if (!stored) return;
    setDone(t('corr.done', { name: stored.originalName }));
    setFile(null);
    f.set('caption', '');
    setInputKey((k) => k + 1);
    list.reload();
  };

  const error = f.error;
  const fileError = error?.forField('file') ?? (error?.status === 413 ? t('corr.tooLarge') : undefined);
  // A refusal without field errors is shown once, unless it is the file's (too large).
  const other = error && !error.errors.length && (fileError || error.status === 403)
    ? (fileError ? [] : [t('corr.roleMayNot')])
    : f.otherErrors(['file', 'caption', 'visibility']);
  return (
    <section className="card" aria-label={t('corr.title')}>
      <div className="card-head"><div><h2>{t('corr.title')}</h2><div className="hint">{t('corr.hint')}</div></div></div>
      <div className="card-body stack">
        <Async state={list} isEmpty={(d) => d.data.length === 0} empty={<Empty title={t('corr.none')} />}>
          {(d) => (
            <ul aria-label={t('corr.filed')} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {d.data.map((c) => (
                <li key={c.id} className="file-row">
                  <div className="thumb" />
                  <div style={{ minWidth: 0 }}>
                    <div className="row" style={{ gap: 6 }}>
                      <a href={`/api/evidence-files/${c.id}/content`} target="_blank" rel="noreferrer"><strong>{c.originalName}</strong></a>
                      <span className="small muted">{formatBytes(c.sizeBytes)}</span>
                      <Badge tone="outline">{humanise(c.visibility).toLowerCase()}</Badge>
                    </div>
                    {c.caption && <div className="small">{c.caption}</div>}
                    <Hash value={c.sha256} />
                  </div>
                  <span className="small muted nowrap">{formatDateTime(c.createdAt)}</span>
                </li>
              ))}
            </ul>
          )}
        </Async>
        {canWrite && (
          <form onSubmit={(e) => void submit(e)} aria-label={t('corr.file')}>
            <div className="grid cols-2">
              <TextField label={t('corr.fileField')} type="file" key={inputKey} accept="application/pdf,image/*,text/plain,.eml,.msg,.doc,.docx" onChange={(e) => setFile(e.target.files?.[0] ?? null)} error={fileError} />
              <SelectField label={t('corr.what')} {...f.bind('kind')} options={KINDS.map((k) => ({ value: k.value, label: t(`corr.kind.${k.key}`) }))} />
              <TextField label={t('corr.caption')} {...f.bind('caption')} help={t('corr.captionHelp')} />
              <SelectField label={t('corr.visibility')} {...f.bind('visibility')} options={['restricted', 'internal'].map((v) => ({ value: v, label: humanise(v) }))} />
            </div>
            <FormError messages={other} />
            <div className="row" style={{ marginTop: 8 }}>
              <button type="submit" className="primary" disabled={f.busy}>{f.busy ? t('corr.uploading') : t('corr.file')}</button>
              {done && <span className="small" role="status">{done}</span>}
            </div>
          </form>
        )}
      </div>
    </section>
  );
}
