import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useParams } from 'wouter';
import { api, ApiError } from '../../api/client';
import type { EvidenceFile, Source } from '../../api/types';
import { SelectField, TextArea, TextField } from '../../components/Field';
import { useForm } from '../../components/useForm';
import { fieldError, RecordFormPage, saveRecord, useRecordToEdit } from '../../components/RecordForm';
import { VisibilityFields } from '../../components/VisibilityFields';
import { EvidenceUpload } from '../../components/EvidenceUpload';
import { humanise } from '../../lib/format';
import { bodyFor } from '../../lib/record-form';

/** Stored codes, worded by values.json; correspondence says here that it is never public. */
const KINDS = ['news_report', 'official_statement', 'research_report', 'field_note', 'correspondence'] as const;

/**
 * Create or change a source: what it is, who published it and when, its link, language, a summary in
 * our own words and the pasted text. A document chosen here is uploaded as the source's file once the
 * source exists; on an existing source, documents are added below the form.
 */
export default function SourceForm() {
  const { id } = useParams<{ id?: string }>();
  const { t } = useTranslation('forms');
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
        navigate(`/sources/${saved.id}/edit?documentError=${encodeURIComponent(t('source.documentFailed', { why }))}`);
        return;
      }
    }
    navigate(`/sources/${saved.id}`);
  };

  const err = (k: string) => fieldError(f.error, k);
  return (
    <RecordFormPage
      resource="sources" what="source" id={id} title={id ? t('source.change') : t('source.new')} backTo={id ? `/sources/${id}` : '/sources'} afterDelete="/sources"
      lede={t('source.lede')}
      loading={loaded.loading} loadError={loaded.error} error={f.error} busy={f.busy} onSubmit={() => void save()}
      shown={['kind', 'title', 'publisher', 'author', 'url', 'publishedOn', 'language', 'summary', 'fullText', 'visibility', 'illustrative']}
      extra={id && (
        <section className="card" style={{ marginTop: 16 }} aria-label={t('source.documents')}>
          <div className="card-head"><h2>{t('source.documents')}</h2></div>
          <div className="card-body">
            {uploadError && <div className="form-error" role="alert" style={{ marginBottom: 8 }}>{uploadError}</div>}
            <EvidenceUpload link={{ sourceId: id }} label={t('source.documents')} />
          </div>
        </section>
      )}
    >
      <div className="grid cols-2">
        <SelectField label={t('field.kind')} {...f.bind('kind')} error={err('kind')} options={KINDS.map((k) => ({ value: k, label: k === 'correspondence' ? t('source.correspondence') : humanise(k) }))} />
        <TextField label={t('field.title')} {...f.bind('title')} error={err('title')} />
      </div>
      <div className="grid cols-2">
        <TextField label={t('source.publisher')} {...f.bind('publisher')} error={err('publisher')} />
        <TextField label={t('source.author')} {...f.bind('author')} error={err('author')} />
      </div>
      <TextField label={t('source.url')} type="url" {...f.bind('url')} error={err('url')} placeholder={t('source.urlPlaceholder')} />
      <div className="grid cols-2">
        <TextField label={t('source.publishedOn')} type="date" {...f.bind('publishedOn')} error={err('publishedOn')} />
        <TextField label={t('source.language')} {...f.bind('language')} error={err('language')} help={t('source.languageHelp')} />
      </div>
      <TextArea label={t('source.summary')} rows={3} {...f.bind('summary')} error={err('summary')} />
      <TextArea label={t('source.fullText')} rows={6} {...f.bind('fullText')} error={err('fullText')} help={t('source.fullTextHelp')} />
      {!id && (
        <div className="field">
          <label htmlFor="source-document">{t('source.document')}</label>
          <input id="source-document" type="file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          <div className="help">{t('source.documentHelp')}</div>
        </div>
      )}
      <VisibilityFields f={f} />
    </RecordFormPage>
  );
}
