import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useParams } from 'wouter';
import type { Item } from '../../api/types';
import { SelectField, TextArea, TextField } from '../../components/Field';
import { useForm } from '../../components/useForm';
import { fieldError, RecordFormPage, saveRecord, useRecordToEdit } from '../../components/RecordForm';
import { RecordPicker } from '../../components/RecordPicker';
import { VisibilityFields } from '../../components/VisibilityFields';
import { CustodyEvents } from '../../components/CustodyEvents';
import { humanise } from '../../lib/format';
import { bodyFor, numberOrText } from '../../lib/record-form';

/** Stored codes, worded by values.json. */
const CONFIDENCE = ['unknown', 'possible', 'probable', 'confirmed'] as const;

/** Create or change a recovered item (a remnant): what weapon it is believed to be, the incident, where and when it was recovered; its custody below. */
export default function ItemForm() {
  const { id } = useParams<{ id?: string }>();
  const { t } = useTranslation('forms');
  const [, navigate] = useLocation();
  const presetIncident = new URLSearchParams(window.location.search).get('incident');
  const f = useForm({
    label: '', weaponModel: '', weaponFamily: '', identificationConfidence: 'unknown', recoveredOn: '', recoveredPlace: '', recoveredLat: '', recoveredLon: '',
    productionMarks: '', usedOn: '', description: '', visibility: 'internal', illustrative: false as boolean,
  });
  const [incident, setIncident] = useState<string[]>(presetIncident ? [presetIncident] : []);
  const loaded = useRecordToEdit<Item>('items', id, (r) => {
    f.setValues({
      label: r.label, weaponModel: r.weaponModel ?? '', weaponFamily: r.weaponFamily ?? '', identificationConfidence: r.identificationConfidence,
      recoveredOn: r.recoveredOn ?? '', recoveredPlace: r.recoveredPlace ?? '', recoveredLat: r.recoveredLat === null ? '' : String(r.recoveredLat),
      recoveredLon: r.recoveredLon === null ? '' : String(r.recoveredLon), productionMarks: r.productionMarks ?? '', usedOn: r.usedOn ?? '',
      description: r.description ?? '', visibility: r.visibility, illustrative: r.illustrative,
    });
    setIncident(r.incidentId ? [r.incidentId] : []);
  });

  const save = async () => {
    const { illustrative, recoveredLat, recoveredLon, ...v } = f.values;
    const body = {
      ...bodyFor(id ? 'edit' : 'create', { ...v, incidentId: incident[0] ?? '', recoveredLat: numberOrText(recoveredLat), recoveredLon: numberOrText(recoveredLon) }),
      illustrative,
    };
    const saved = await f.run(() => saveRecord<Item>('items', id, body));
    if (saved) navigate(`/items/${saved.id}`);
  };

  const err = (k: string) => fieldError(f.error, k);
  return (
    <RecordFormPage
      resource="items" what="item" id={id} title={id ? t('item.change') : t('item.new')} backTo={id ? `/items/${id}` : '/items'} afterDelete="/items"
      lede={t('item.lede')}
      loading={loaded.loading} loadError={loaded.error} error={f.error} busy={f.busy} onSubmit={() => void save()}
      shown={['label', 'incidentId', 'weaponModel', 'weaponFamily', 'identificationConfidence', 'recoveredOn', 'recoveredPlace', 'recoveredLat', 'recoveredLon', 'productionMarks', 'usedOn', 'description', 'visibility', 'illustrative']}
      extra={id && <CustodyEvents itemId={id} />}
    >
      <TextField label={t('item.label')} {...f.bind('label')} error={err('label')} placeholder={t('item.labelPlaceholder')} />
      <RecordPicker kind="incidents" label={t('field.incident')} single value={incident} onChange={setIncident} error={err('incidentId')} help={t('item.incidentHelp')} />
      <div className="grid cols-2">
        <TextField label={t('item.weaponModel')} {...f.bind('weaponModel')} error={err('weaponModel')} placeholder="KN-23" />
        <TextField label={t('item.weaponFamily')} {...f.bind('weaponFamily')} error={err('weaponFamily')} placeholder={t('item.weaponFamilyPlaceholder')} />
      </div>
      <div className="grid cols-2">
        <SelectField label={t('item.confidence')} {...f.bind('identificationConfidence')} error={err('identificationConfidence')} options={CONFIDENCE.map((c) => ({ value: c, label: humanise(c) }))} />
        <TextField label={t('item.usedOn')} type="date" {...f.bind('usedOn')} error={err('usedOn')} help={t('item.usedOnHelp')} />
      </div>
      <div className="grid cols-2">
        <TextField label={t('item.recoveredOn')} type="date" {...f.bind('recoveredOn')} error={err('recoveredOn')} />
        <TextField label={t('item.recoveredPlace')} {...f.bind('recoveredPlace')} error={err('recoveredPlace')} />
      </div>
      <div className="grid cols-2">
        <TextField label={t('item.recoveredLat')} inputMode="decimal" {...f.bind('recoveredLat')} error={err('recoveredLat')} />
        <TextField label={t('item.recoveredLon')} inputMode="decimal" {...f.bind('recoveredLon')} error={err('recoveredLon')} />
      </div>
      <TextArea label={t('item.productionMarks')} rows={2} {...f.bind('productionMarks')} error={err('productionMarks')} help={t('item.productionMarksHelp')} />
      <TextArea label={t('field.description')} rows={3} {...f.bind('description')} error={err('description')} />
      <VisibilityFields f={f} />
    </RecordFormPage>
  );
}
