import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api/client';
import { nounForms, type RecordNoun } from '../lib/record-noun';

interface Reference {
  label: string;
  count: number;
}

/**
 * "Delete…" with a confirmation that first asks the API what still refers to the record
 * (`GET /api/<resource>/:id/references`, the same rule as the delete's own refusal). While anything
 * does, the dialog names it and offers no delete button.
 */
export function DeleteRecord({ resource, id, what, onDeleted }: { resource: string; id: string; what: RecordNoun; onDeleted: () => void }) {
  const { t } = useTranslation('forms');
  const noun = nounForms(what);
  const [open, setOpen] = useState(false);
  const [refs, setRefs] = useState<Reference[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const ask = async () => {
    setOpen(true);
    setRefs(null);
    setError(null);
    try {
      setRefs((await api.get<{ references: Reference[] }>(`/api/${resource}/${id}/references`)).references);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.del(`/api/${resource}/${id}`);
      setOpen(false);
      onDeleted();
    } catch (e) {
      // Something came to refer to it meanwhile (the API's 409 names it), or the role may not delete.
      setError(e instanceof ApiError ? (e.status === 403 ? t('delete.roleMayNot') : e.message) : String(e));
    } finally {
      setBusy(false);
    }
  };

  if (!open) return <button type="button" className="danger" onClick={() => void ask()}>{t('delete.open')}</button>;
  return (
    <div role="alertdialog" aria-labelledby={`del-${id}`} aria-describedby={`del-${id}-what`} className="card" style={{ padding: 12, borderColor: 'var(--red)', maxWidth: 560 }}>
      <strong id={`del-${id}`}>{t('delete.confirm', noun)}</strong>
      <div id={`del-${id}-what`} className="small" style={{ margin: '6px 0 10px' }}>
        {refs === null && !error && t('delete.checking')}
        {refs && refs.length === 0 && t('delete.free')}
        {refs && refs.length > 0 && (
          <>
            {t('delete.blocked')}
            <ul style={{ margin: '4px 0 0', paddingLeft: 18 }}>
              {refs.map((r) => <li key={r.label}>{r.label}: {r.count}</li>)}
            </ul>
          </>
        )}
        {error && <div className="error" role="alert">{error}</div>}
      </div>
      <div className="actions">
        {refs && refs.length === 0 && <button type="button" className="danger" disabled={busy} onClick={() => void confirm()}>{busy ? t('delete.deleting') : t('delete.delete', noun)}</button>}
        <button type="button" onClick={() => setOpen(false)}>{t('frame.cancel')}</button>
      </div>
    </div>
  );
}
