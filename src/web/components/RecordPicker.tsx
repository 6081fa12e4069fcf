import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { i18n } from '../i18n/index.js';
import { formatDate } from '../lib/format';
import { api } from '../api/client';
import { useGet } from '../api/hooks';
import type { Page } from '../api/types';

/** The record kinds a form can link to, and how one is named in a list of choices. */
export type LinkKind = 'incidents' | 'items' | 'sources' | 'claims' | 'organisations' | 'cases';

type Row = Record<string, unknown> & { id: string };
const str = (v: unknown) => (typeof v === 'string' && v ? v : null);
/** A stored date (YYYY-MM-DD) as the language writes it, or nothing. */
const date = (v: unknown) => (str(v) ? formatDate(str(v)) : null);

export function recordLabel(kind: LinkKind, r: Row): string {
  switch (kind) {
    case 'incidents': return [str(r.title), date(r.occurredFrom), str(r.placeName)].filter(Boolean).join(' · ');
    case 'cases': return [str(r.title), str(r.status) && i18n.t(`forms:case.${str(r.status)}`, { defaultValue: str(r.status) })].filter(Boolean).join(' · ');
    case 'items': return [str(r.label), str(r.weaponModel)].filter(Boolean).join(' · ');
    case 'sources': return [str(r.title), str(r.publisher), date(r.publishedOn)].filter(Boolean).join(' · ');
    case 'organisations': return str(r.country) ? `${str(r.name)} (${str(r.country)})` : str(r.name) ?? r.id;
    case 'claims': {
      const q = str(r.quotedText);
      return [str(r.speaker) ?? str(r.speakerOrganisation) ?? i18n.t('forms:picker.unnamedSpeaker'), date(r.saidOn), q ? `“${q.length > 80 ? `${q.slice(0, 80)}…` : q}”` : null].filter(Boolean).join(' · ');
    }
  }
}

/**
 * Chooses records of one kind by searching the API (`?q=`), for link fields such as an incident's
 * sources or a case's members. Shows the chosen ones by name, each removable; `single` keeps one.
 * The API checks that each id exists and may be linked; its message for the field shows below.
 */
export function RecordPicker({ kind, label, value, onChange, error, help, single = false }: {
  kind: LinkKind; label: string; value: string[]; onChange: (ids: string[]) => void; error?: string; help?: string; single?: boolean;
}) {
  const { t } = useTranslation('forms');
  const [q, setQ] = useState('');
  const [names, setNames] = useState<Record<string, string>>({});
  const found = useGet<Page<Row>>(q.trim() ? `/api/${kind}` : null, { q: q.trim(), limit: 8 });

  // Names of chosen records that did not come from a search (a record being edited): one request each.
  useEffect(() => {
    const missing = value.filter((id) => !(id in names)).slice(0, 50);
    if (!missing.length) return;
    let live = true;
    void Promise.all(missing.map((id) => api.get<Row>(`/api/${kind}/${id}`).then((r) => [id, recordLabel(kind, r)] as const, () => [id, i18n.t('forms:picker.unreadable')] as const)))
      .then((pairs) => live && setNames((n) => ({ ...n, ...Object.fromEntries(pairs) })));
    return () => {
      live = false;
    };
  }, [kind, value, names]);

  const add = (r: Row) => {
    setNames((n) => ({ ...n, [r.id]: recordLabel(kind, r) }));
    onChange(single ? [r.id] : value.includes(r.id) ? value : [...value, r.id]);
    setQ('');
  };
  const inputId = `pick-${kind}-${label.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <div className="field" role="group" aria-labelledby={`${inputId}-label`}>
      <span className="label" id={`${inputId}-label`}>{label}</span>
      {value.length > 0 && (
        <ul style={{ listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: 4 }} aria-label={t('picker.chosen', { label })}>
          {value.map((id) => (
            <li key={id} className="row small" style={{ justifyContent: 'space-between', background: 'var(--surface-2)', borderRadius: 6, padding: '4px 8px', flexWrap: 'nowrap' }}>
              <span style={{ minWidth: 0, overflowWrap: 'anywhere' }}>{names[id] ?? '…'}</span>
              <button type="button" className="small ghost" aria-label={t('picker.removeName', { name: names[id] ?? id })} onClick={() => onChange(value.filter((v) => v !== id))}>{t('picker.remove')}</button>
            </li>
          ))}
        </ul>
      )}
      <label htmlFor={inputId} className="sr-only">{t('picker.find', { what: label.toLowerCase() })}</label>
      <input id={inputId} type="search" value={q} placeholder={single && value.length ? t('picker.replace') : t('picker.search')} onChange={(e) => setQ(e.target.value)}
        aria-invalid={error ? true : undefined} aria-describedby={error ? `${inputId}-error` : undefined} />
      {q.trim() && (
        <ul style={{ listStyle: 'none', margin: 0, padding: 0, border: '1px solid var(--line)', borderRadius: 6, maxHeight: 220, overflow: 'auto' }} aria-label={t('picker.results', { label })}>
          {found.loading && !found.data && <li className="small muted" style={{ padding: '6px 8px' }}>{t('picker.searching')}</li>}
          {found.data?.data.length === 0 && <li className="small muted" style={{ padding: '6px 8px' }}>{t('picker.nothing', { q: q.trim() })}</li>}
          {found.data?.data.map((r) => (
            <li key={r.id}>
              <button type="button" className="ghost small" style={{ width: '100%', justifyContent: 'flex-start', textAlign: 'left' }} onClick={() => add(r)} disabled={value.includes(r.id)}>
                {value.includes(r.id) ? '✓ ' : '+ '}{recordLabel(kind, r)}
              </button>
            </li>
          ))}
        </ul>
      )}
      {help && !error && <div className="help">{help}</div>}
      {error && <div className="error" id={`${inputId}-error`} role="alert">{error}</div>}
    </div>
  );
}
