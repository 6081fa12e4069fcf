import { useState } from 'react';
import { useLocation, useParams } from 'wouter';
import { api, ApiError } from '../../api/client';
import type { EvidenceFile, Source } from '../../api/types';
import { SelectField, TextArea, TextField } from '../../components/Field';
import { useForm } from '../../components/useForm';
import { fieldError, RecordFormPage, saveRecord, useRecordToEdit } from '../../components/RecordForm';
import { VisibilityFields } from '../../components/VisibilityFields';
import { EvidenceUpload } from '../../components/EvidenceUpload';
import { bodyFor } from '../../lib/record-form';

const KINDS = [
  { value: 'news_report', label: 'News report' },
  { value: 'official_statement', label: 'Official statement' },
  { value: 'research_report', label: 'Research report' },
  { value: 'field_note', label: 'Field note' },
  { value: 'correspondence', label: 'Correspondence (never public)' },
];

/**
 * Create or change a source: what it is, who published it and when, its link, language, a summary in
 * our own words and the pasted text. A document chosen here is uploaded as the source's file once the
 * source exists; on an existing source, documents are added below the form.
 */
export default function SourceForm() {
  const { id } = useParams<{ id?: string }>();
  const [, navigate] = useLocation();
  const f = useForm({ kind: 'news_report', title: '', publisher: '', author: '', url: '', publishedOn: '', language: '', summary: '', fullText: '', visibility: 'internal', illustrative: false as boolean });
  const [file, setFile] = useState<File | null>(null);
  // Set when the document of a new source failed to upload (carried over from the create form).
  const [uploadError] = useState<string | null>(() => new URLSearchParams(window.location.search).get('documentError'));
  const loaded = useRecordToEdit<Source>('sources', id, (r) => f.setValues({
    kind: r.kind, title: r.title, publisher: r.publisher ?? '', author: r.author ?? '', url: r.url ?? '', publishedOn: r.publishedOn ?? '',
    language: r.language ?? '', summary: r.summary ?? '', fullText: r.fullText ?? '', visibility: r.visibility, illustrative: r.illustrative,
  }));

  const save = async () => {
    const { illustrative, ...v } = f.values;
    const body = { ...bodyFor(id ? 'edit' : 'create', v), illustrative };
    const saved = await f.run(() => saveRecord<Source>('sources', id, body));
    if (!saved) return;
    if (file) {
      const form = new FormData();
      form.append('sourceId', saved.id);
      form.append('file', file, file.name);
      try {
        await api.post<EvidenceFile>('/api/evidence-files', form);
      } catch (e) {
        // The source is saved; say so, and let the document be tried again on its page.
        const why = e instanceof ApiError ? (e.forField('file') ?? e.message) : String(e);
        navigate(`/sources/${saved.id}/edit?documentError=${encodeURIComponent(`The source was saved, but the document was not: ${why}. Add it again below.`)}`);
        return;
      }
    }
    navigate(`/sources/${saved.id}`);
  };

  const err = (k: string) => fieldError(f.error, k);
  return (
    <RecordFormPage
      resource="sources" what="source" id={id} title={id ? 'Change source' : 'New source'} backTo={id ? `/sources/${id}` : '/sources'}
      lede="A report, statement or note that evidence rests on. Summaries are in our own words; the pasted text is kept as published."
      loading={loaded.loading} loadError={loaded.error} error={f.error} busy={f.busy} onSubmit={() => void save()}
      shown={['kind', 'title', 'publisher', 'author', 'url', 'publishedOn', 'language', 'summary', 'fullText', 'visibility', 'illustrative']}
      extra={id && (
        <section className="card" style={{ marginTop: 16 }} aria-label="Documents">
          <div className="card-head"><h2>Documents</h2></div>
          <div className="card-body">
            {uploadError && <div className="form-error" role="alert" style={{ marginBottom: 8 }}>{uploadError}</div>}
            <EvidenceUpload link={{ sourceId: id }} label="Documents" />
          </div>
        </section>
      )}
    >
      <div className="grid cols-2">
        <SelectField label="Kind" {...f.bind('kind')} error={err('kind')} options={KINDS} />
        <TextField label="Title" {...f.bind('title')} error={err('title')} />
      </div>
      <div className="grid cols-2">
        <TextField label="Publisher" {...f.bind('publisher')} error={err('publisher')} />
        <TextField label="Author" {...f.bind('author')} error={err('author')} />
      </div>
      <TextField label="URL" type="url" {...f.bind('url')} error={err('url')} placeholder="https://…" />
      <div className="grid cols-2">
        <TextField label="Published on" type="date" {...f.bind('publishedOn')} error={err('publishedOn')} />
        <TextField label="Language" {...f.bind('language')} error={err('language')} help="A language tag: en, uk, ru, ko…" />
      </div>
      <TextArea label="Summary (our own words)" rows={3} {...f.bind('summary')} error={err('summary')} />
      <TextArea label="Full text (pasted)" rows={6} {...f.bind('fullText')} error={err('fullText')} help="Claims quote from this text; its SHA-256 is kept so changes show" />
      {!id && (
        <div className="field">
          <label htmlFor="source-document">Document (optional)</label>
          <input id="source-document" type="file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          <div className="help">A PDF or scan of the source, stored with its SHA-256 once the source is created</div>
        </div>
      )}
      <VisibilityFields f={f} />
    </RecordFormPage>
  );
}
