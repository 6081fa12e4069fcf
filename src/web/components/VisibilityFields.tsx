import { SelectField } from './Field';
import { useTranslation } from 'react-i18next';
import { fieldError } from './RecordForm';
import type { ApiError } from '../api/client';

/**
 * Who may read the record and whether it is illustrative — the two fields every record form ends
 * with. Publishing (public) is a reviewer's act on the record's page, not offered here.
 */
export function VisibilityFields({ f }: {
  f: { values: { visibility: string; illustrative: boolean }; set: (k: 'visibility' | 'illustrative', v: never) => void; error: ApiError | null };
}) {
  const { t } = useTranslation('components');
  const options = [
    { value: 'internal', label: t('visibility.internal') },
    { value: 'restricted', label: t('visibility.restricted') },
  ];
  if (f.values.visibility === 'public') options.push({ value: 'public', label: t('visibility.public') });
  return (
    <div className="grid cols-2" style={{ alignItems: 'end' }}>
      <SelectField label={t('visibility.label')} value={f.values.visibility} onChange={(e) => f.set('visibility', e.target.value as never)} options={options} error={fieldError(f.error, 'visibility')} />
      <label className="row small" style={{ paddingBottom: 8, flexWrap: 'nowrap', alignItems: 'flex-start' }}>
        <input type="checkbox" checked={f.values.illustrative} onChange={(e) => f.set('illustrative', e.target.checked as never)} /> {t('visibility.illustrative')}
      </label>
    </div>
  );
}
