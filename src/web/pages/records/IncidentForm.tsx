import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useParams } from 'wouter';
import type { Incident } from '../../api/types';
import { TextArea, TextField } from '../../components/Field';
import { useForm } from '../../components/useForm';
import { fieldError, RecordFormPage, saveRecord, useRecordToEdit } from '../../components/RecordForm';
import { DateWithPrecision } from '../../components/DateWithPrecision';
import { PlacePicker } from '../../components/PlacePicker';
import { RecordPicker } from '../../components/RecordPicker';
import { VisibilityFields } from '../../components/VisibilityFields';
import { bodyFor, dateEntry, dateRange, listOf, numberOrText, type DateEntry } from '../../lib/record-form';

/** Create or change an incident: when (a day, month, year or range), where (map or coordinates), what was used, and its sources and claims. */
export default function IncidentForm() {
  const { id } = useParams<{ id?: string }>();
  const { t } = useTranslation('forms');
  const [, navigate] = useLocation();
  const f = useForm({ title: '', placeName: '', lat: '', lon: '', locationPrecision: '', weaponTypes: '', description: '', visibility: 'internal', illustrative: false as boolean, locationSensitive: false as boolean });
  const [when, setWhen] = useState<DateEntry>({ precision: 'day', value: '', to: '' });
  const [sourceIds, setSourceIds] = useState<string[]>([]);
  const [claimIds, setClaimIds] = useState<string[]>([]);
  const loaded = useRecordToEdit<Incident>('incidents', id, (r) => {
    f.setValues({
      title: r.title, placeName: r.placeName ?? '', lat: r.lat === null ? '' : String(r.lat), lon: r.lon === null ? '' : String(r.lon),
      locationPrecision: r.locationPrecision ?? '', weaponTypes: r.weaponTypes.join(', '), description: r.description ?? '',
      visibility: r.visibility, illustrative: r.illustrative, locationSensitive: r.locationSensitive,
    });
    setWhen(dateEntry(r.occurredFrom, r.occurredTo));
    setSourceIds(r.sourceIds);
    setClaimIds(r.claimIds);
  });

  const save = async () => {
    const v = f.values;
    const range = dateRange(when);
    const body = {
      ...bodyFor(id ? 'edit' : 'create', {
        title: v.title, occurredFrom: range.from, occurredTo: range.to, placeName: v.placeName, lat: numberOrText(v.lat), lon: numberOrText(v.lon),
        locationPrecision: v.locationPrecision, description: v.description, visibility: v.visibility,
      }),
      weaponTypes: listOf(v.weaponTypes), sourceIds, claimIds, illustrative: v.illustrative, locationSensitive: v.locationSensitive,
    };
    const saved = await f.run(() => saveRecord<Incident>('incidents', id, body));
    if (saved) navigate(`/map?incident=${saved.id}`);
  };

  const err = (k: string) => fieldError(f.error, k);
  return (
    <RecordFormPage
      resource="incidents" what="incident" id={id} title={id ? t('incident.change') : t('incident.new')} backTo="/map"
      lede={t('incident.lede')}
      loading={loaded.loading} loadError={loaded.error} error={f.error} busy={f.busy} onSubmit={() => void save()}
      shown={['title', 'occurredFrom', 'occurredTo', 'placeName', 'lat', 'lon', 'locationPrecision', 'weaponTypes', 'description', 'sourceIds', 'claimIds', 'visibility', 'illustrative', 'locationSensitive']}
    >
      <TextField label={t('field.title')} {...f.bind('title')} error={err('title')} placeholder={t('incident.titlePlaceholder')} />
      <DateWithPrecision label={t('field.date')} value={when} onChange={setWhen} precisions={['day', 'month', 'year', 'range']} fromError={err('occurredFrom')} toError={err('occurredTo')} />
      <TextField label={t('incident.placeName')} {...f.bind('placeName')} error={err('placeName')} placeholder={t('incident.placeNamePlaceholder')} />
      <PlacePicker
        lat={f.values.lat} lon={f.values.lon} precision={f.values.locationPrecision}
        onChange={(p) => f.setValues((s) => ({ ...s, ...(p.lat !== undefined ? { lat: p.lat } : {}), ...(p.lon !== undefined ? { lon: p.lon } : {}), ...(p.precision !== undefined ? { locationPrecision: p.precision } : {}) }))}
        errors={{ lat: err('lat'), lon: err('lon'), precision: err('locationPrecision') }}
      />
      <label className="row small" style={{ flexWrap: 'nowrap', alignItems: 'flex-start' }}>
        <input type="checkbox" checked={f.values.locationSensitive} onChange={(e) => f.set('locationSensitive', e.target.checked)} /> {t('incident.sensitive')}
      </label>
      <TextField label={t('incident.weaponTypes')} {...f.bind('weaponTypes')} error={err('weaponTypes')} help={t('incident.weaponTypesHelp')} />
      <TextArea label={t('field.description')} rows={3} {...f.bind('description')} error={err('description')} />
      <div className="grid cols-2" style={{ alignItems: 'start' }}>
        <RecordPicker kind="sources" label={t('field.sources')} value={sourceIds} onChange={setSourceIds} error={err('sourceIds')} />
        <RecordPicker kind="claims" label={t('field.claims')} value={claimIds} onChange={setClaimIds} error={err('claimIds')} help={t('incident.claimsHelp')} />
      </div>
      <VisibilityFields f={f} />
    </RecordFormPage>
  );
}
