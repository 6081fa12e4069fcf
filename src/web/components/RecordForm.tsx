import { useEffect, useRef, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { api, type ApiError } from '../api/client';
import { useGet } from '../api/hooks';
import { useCanEdit, useCanWrite } from '../api/session';
import { PageHead } from './Layout';
import { FormError } from './Field';
import { DeleteRecord } from './DeleteRecord';
import { Loading, Empty } from './State';
import { i18n } from '../i18n/index.js';
import { nounForms, type RecordNoun } from '../lib/record-noun';

/**
 * The frame every record form shares (src/web/pages/records/): the heading, loading the record being
 * changed, the API's errors (per field through `fieldError`, the rest once above the buttons), save,
 * cancel and delete with its confirmation. The forms hold only their fields.
 */

/** Whether the API's error path `name` belongs to the form field `field` (list entries such as `sourceIds.2` included). */
const belongsTo = (name: string, field: string) => name === field || name.startsWith(`${field}.`) || name.endsWith(`.${field}`);

/** The API's message for a field, including list entries (`sourceIds.2`) and nested paths. */
export function fieldError(error: ApiError | null, field: string): string | undefined {
  return error?.errors.find((e) => belongsTo(e.field, field))?.message;
}

/** Errors no shown field claims, in plain words; a 401/403 without field errors says what to do. */
export function otherErrors(error: ApiError | null, shown: string[]): string[] {
  if (!error) return [];
  if (!error.errors.length) return [error.status === 401 ? i18n.t('forms:frame.signInToChange') : error.status === 403 ? i18n.t('forms:frame.roleMayNot', { reason: error.message }) : error.message];
  return error.errors.filter((e) => !shown.some((f) => belongsTo(e.field, f))).map((e) => `${e.field}: ${e.message}`);
}

/** Creates the record (POST) or, with an id, changes it (PATCH): the one way every record form saves. */
export function saveRecord<T>(resource: string, id: string | null | undefined, body: Record<string, unknown>): Promise<T> {
  return id ? api.patch<T>(`/api/${resource}/${id}`, body) : api.post<T>(`/api/${resource}`, body);
}

/** Loads the record being changed and hands it to `apply` once (the form's values start from it). */
export function useRecordToEdit<T>(resource: string, id: string | undefined, apply: (row: T) => void) {
  const loaded = useGet<T>(id ? `/api/${resource}/${id}` : null);
  const applied = useRef<string | null>(null);
  useEffect(() => {
    if (loaded.data && id && applied.current !== id) {
      applied.current = id;
      apply(loaded.data);
    }
    // `apply` is a fresh closure each render; the record is applied once per id.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [loaded.data, id]);
  return loaded;
}

export function RecordFormPage({
  resource, what, id, title, lede, loading, loadError, error, shown, busy, onSubmit, backTo, afterDelete = backTo, children, extra, needs = 'write',
}: {
  resource: string; what: RecordNoun; id?: string; title: string; lede?: ReactNode; loading: boolean; loadError?: ApiError;
  error: ApiError | null; shown: string[]; busy: boolean; onSubmit: () => void; backTo: string; children: ReactNode;
  /** Where a deleted record leaves for, when `backTo` is the record's own page (gone once deleted). */
  afterDelete?: string;
  /** Below the form, for a record that exists (e.g. its custody events or documents). */
  extra?: ReactNode;
  /** The server's permission for this kind: "write" (field investigators and above) or "edit" (shared records: analysts and above). */
  needs?: 'write' | 'edit';
}) {
  const [, navigate] = useLocation();
  const { t } = useTranslation('forms');
  const noun = nounForms(what);
  const canWrite = useCanWrite();
  const canEdit = useCanEdit();
  const canSave = needs === 'edit' ? canEdit : canWrite;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit();
  };
  if (id && loadError) {
    return (
      <>
        <PageHead title={title} />
        <div className="card"><Empty title={loadError.status === 404 ? t('frame.noSuch', noun) : loadError.message} /></div>
      </>
    );
  }
  return (
    <>
      <PageHead title={title} lede={lede} eyebrow={<Link href={backTo}>{t('frame.back')}</Link>} />
      {!canSave && (
        <div className="form-error" role="note" style={{ marginBottom: 12 }}>
          {canWrite ? t('frame.mayNotChange', noun) : t('frame.signInToSave')}
        </div>
      )}
      {id && loading ? (
        <div className="card"><Loading lines={6} label={t('frame.loading', noun)} /></div>
      ) : (
        <form className="card card-body stack" onSubmit={submit} aria-label={title} noValidate style={{ maxWidth: 860 }}>
          {children}
          <FormError messages={otherErrors(error, shown)} />
          <div className="actions">
            <button type="submit" className="primary" disabled={busy || !canSave}>{busy ? t('frame.saving') : id ? t('frame.saveChanges') : t('frame.create', noun)}</button>
            <Link href={backTo} className="button">{t('frame.cancel')}</Link>
          </div>
        </form>
      )}
      {id && !loading && (
        <>
          {extra}
          {canSave && <div style={{ marginTop: 16 }}><DeleteRecord resource={resource} id={id} what={what} onDeleted={() => navigate(afterDelete)} /></div>}
        </>
      )}
    </>
  );
}

/** A link to a record's form, for those whose role records evidence (the API decides in the end). */
export function ChangeLink({ href, label, needs = 'write' }: { href: string; label?: string; needs?: 'write' | 'edit' }) {
  const { t } = useTranslation('forms');
  const canWrite = useCanWrite();
  const canEdit = useCanEdit();
  return (needs === 'edit' ? canEdit : canWrite) ? <Link href={href} className="button">{label ?? t('frame.change')}</Link> : null;
}
