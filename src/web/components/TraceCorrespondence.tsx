import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { useGet } from '../api/hooks';
import { Async, Empty } from './State';
import { Badge } from './Badge';
import { Hash } from './Hash';
import { FormError, SelectField, TextField } from './Field';
import { formatBytes, formatDateTime } from '../lib/format';
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
 */
const KINDS = [
  { value: 'Letter sent', label: 'Letter sent' },
  { value: 'Reply received', label: 'Reply received' },
  { value: 'Acknowledgement', label: 'Acknowledgement' },
  { value: 'Invoice or shipping document', label: 'Invoice or shipping document' },
  { value: '', label: 'Other (caption only)' },
];

/** Letters and replies filed with a trace request: the list, and (for writers) an upload form. */
export function TraceCorrespondence({ requestId, canWrite }: { requestId: string; canWrite: boolean }) {
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
    setDone(`${stored.originalName} filed.`);
    setFile(null);
    f.set('caption', '');
    setInputKey((k) => k + 1);
    list.reload();
  };

  const error = f.error;
  const fileError = error?.forField('file') ?? (error?.status === 413 ? 'the file is too large' : undefined);
  // A refusal without field errors is shown once, unless it is the file's (too large).
  const other = error && !error.errors.length && (fileError || error.status === 403)
    ? (fileError ? [] : ['Your role may not file correspondence.'])
    : f.otherErrors(['file', 'caption', 'visibility']);
  return (
    <section className="card" aria-label="Correspondence">
      <div className="card-head"><div><h2>Correspondence</h2><div className="hint">Letters sent and replies received, kept as evidence files (restricted unless made internal)</div></div></div>
      <div className="card-body stack">
        <Async state={list} isEmpty={(d) => d.data.length === 0} empty={<Empty title="No correspondence filed yet." />}>
          {(d) => (
            <ul aria-label="Filed correspondence" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {d.data.map((c) => (
                <li key={c.id} className="file-row">
                  <div className="thumb" />
                  <div style={{ minWidth: 0 }}>
                    <div className="row" style={{ gap: 6 }}>
                      <a href={`/api/evidence-files/${c.id}/content`} target="_blank" rel="noreferrer"><strong>{c.originalName}</strong></a>
                      <span className="small muted">{formatBytes(c.sizeBytes)}</span>
                      <Badge tone="outline">{c.visibility}</Badge>
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
          <form onSubmit={(e) => void submit(e)} aria-label="File correspondence">
            <div className="grid cols-2">
              <TextField label="Correspondence file" type="file" key={inputKey} accept="application/pdf,image/*,text/plain,.eml,.msg,.doc,.docx" onChange={(e) => setFile(e.target.files?.[0] ?? null)} error={fileError} />
              <SelectField label="What it is" {...f.bind('kind')} options={KINDS} />
              <TextField label="Caption" {...f.bind('caption')} help="Optional, e.g. the letter’s date or the sender" />
              <SelectField label="Visibility" {...f.bind('visibility')} options={[{ value: 'restricted', label: 'Restricted' }, { value: 'internal', label: 'Internal' }]} />
            </div>
            <FormError messages={other} />
            <div className="row" style={{ marginTop: 8 }}>
              <button type="submit" className="primary" disabled={f.busy}>{f.busy ? 'Uploading…' : 'File correspondence'}</button>
              {done && <span className="small" role="status">{done}</span>}
            </div>
          </form>
        )}
      </div>
    </section>
  );
}
