import { useState } from 'react';
import { useLocation, useParams } from 'wouter';
import type { Item } from '../../api/types';
import { SelectField, TextArea, TextField } from '../../components/Field';
import { useForm } from '../../components/useForm';
import { fieldError, RecordFormPage, saveRecord, useRecordToEdit } from '../../components/RecordForm';
import { RecordPicker } from '../../components/RecordPicker';
import { VisibilityFields } from '../../components/VisibilityFields';
import { CustodyEvents } from '../../components/CustodyEvents';
import { bodyFor, numberOrText } from '../../lib/record-form';

const CONFIDENCE = [
  { value: 'unknown', label: 'Unknown' }, { value: 'possible', label: 'Possible' }, { value: 'probable', label: 'Probable' }, { value: 'confirmed', label: 'Confirmed' },
];

/** Create or change a recovered item (a remnant): what weapon it is believed to be, the incident, where and when it was recovered; its custody below. */
export default function ItemForm() {
  const { id } = useParams<{ id?: string }>();
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
      resource="items" what="item" id={id} title={id ? 'Change item' : 'New item'} backTo={id ? `/items/${id}` : '/items'}
      lede="A recovered weapon or part of one. Its components are entered on the item's page, one marking at a time."
      loading={loaded.loading} loadError={loaded.error} error={f.error} busy={f.busy} onSubmit={() => void save()}
      shown={['label', 'incidentId', 'weaponModel', 'weaponFamily', 'identificationConfidence', 'recoveredOn', 'recoveredPlace', 'recoveredLat', 'recoveredLon', 'productionMarks', 'usedOn', 'description', 'visibility', 'illustrative']}
      extra={id && <CustodyEvents itemId={id} />}
    >
      <TextField label="Label" {...f.bind('label')} error={err('label')} placeholder="KN-23 debris, Kharkiv, 2 Jan 2024" />
      <RecordPicker kind="incidents" label="Incident" single value={incident} onChange={setIncident} error={err('incidentId')} help="The strike it was recovered from, if known" />
      <div className="grid cols-2">
        <TextField label="Weapon model" {...f.bind('weaponModel')} error={err('weaponModel')} placeholder="KN-23" />
        <TextField label="Weapon family" {...f.bind('weaponFamily')} error={err('weaponFamily')} placeholder="short-range ballistic missile" />
      </div>
      <div className="grid cols-2">
        <SelectField label="Identification confidence" {...f.bind('identificationConfidence')} error={err('identificationConfidence')} options={CONFIDENCE} />
        <TextField label="Used on" type="date" {...f.bind('usedOn')} error={err('usedOn')} help="When the weapon was used, if known" />
      </div>
      <div className="grid cols-2">
        <TextField label="Recovered on" type="date" {...f.bind('recoveredOn')} error={err('recoveredOn')} />
        <TextField label="Recovered at (place)" {...f.bind('recoveredPlace')} error={err('recoveredPlace')} />
      </div>
      <div className="grid cols-2">
        <TextField label="Recovery latitude" inputMode="decimal" {...f.bind('recoveredLat')} error={err('recoveredLat')} />
        <TextField label="Recovery longitude" inputMode="decimal" {...f.bind('recoveredLon')} error={err('recoveredLon')} />
      </div>
      <TextArea label="Production marks" rows={2} {...f.bind('productionMarks')} error={err('productionMarks')} help="Marks on the weapon's body (not on components)" />
      <TextArea label="Description" rows={3} {...f.bind('description')} error={err('description')} />
      <VisibilityFields f={f} />
    </RecordFormPage>
  );
}
