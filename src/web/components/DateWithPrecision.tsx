import { useTranslation } from 'react-i18next';
import type { DateEntry, DatePrecision } from '../lib/record-form';
import { SelectField, TextField } from './Field';

/**
 * A date with how precisely it is known: a day, a month ("March 2024"), a year, or (where the API
 * stores one) a range. `fromError`/`toError` are the API's messages for the stored from/to fields.
 */
export function DateWithPrecision({ label, value, onChange, precisions, fromError, toError, help }: {
  label: string; value: DateEntry; onChange: (v: DateEntry) => void; precisions: DatePrecision[];
  fromError?: string; toError?: string; help?: string;
}) {
  const { t } = useTranslation('forms');
  const set = (p: Partial<DateEntry>) => onChange({ ...value, ...p });
  const input = value.precision === 'month'
    ? <TextField label={label} type="month" placeholder={t('date.monthPlaceholder')} value={value.value} onChange={(e) => set({ value: e.target.value })} error={fromError ?? toError} help={help} />
    : value.precision === 'year'
      ? <TextField label={label} inputMode="numeric" placeholder={t('date.yearPlaceholder')} value={value.value} onChange={(e) => set({ value: e.target.value })} error={fromError ?? toError} help={help} />
      : <TextField label={value.precision === 'range' ? t('date.from', { label }) : label} type="date" value={value.value} onChange={(e) => set({ value: e.target.value })} error={fromError} help={help} />;
  return (
    <div className="grid cols-2" style={{ alignItems: 'start' }}>
      <SelectField label={t('date.precision', { label })} value={value.precision} onChange={(e) => set({ precision: e.target.value as DatePrecision })}
        options={precisions.map((p) => ({ value: p, label: t(`date.${p}`) }))} />
      <div className="row" style={{ alignItems: 'start', flexWrap: 'nowrap' }}>
        <div style={{ flex: 1, minWidth: 0 }}>{input}</div>
        {value.precision === 'range' && (
          <div style={{ flex: 1, minWidth: 0 }}>
            <TextField label={t('date.to', { label })} type="date" value={value.to} onChange={(e) => set({ to: e.target.value })} error={toError} />
          </div>
        )}
      </div>
    </div>
  );
}
