import { useState } from 'react';
import { useLocation, useParams } from 'wouter';
import type { Organisation } from '../../api/types';
import { SelectField, TextArea, TextField } from '../../components/Field';
import { useForm } from '../../components/useForm';
import { fieldError, RecordFormPage, saveRecord, useRecordToEdit } from '../../components/RecordForm';
import { RecordPicker } from '../../components/RecordPicker';
import { VisibilityFields } from '../../components/VisibilityFields';
import { bodyFor } from '../../lib/record-form';

const KINDS = [
  { value: 'manufacturer', label: 'Manufacturer' }, { value: 'distributor', label: 'Distributor' }, { value: 'broker', label: 'Broker' },
  { value: 'end_user', label: 'End user' }, { value: 'government', label: 'Government' }, { value: 'research_organisation', label: 'Research organisation' },
  { value: 'other', label: 'Other' },
];

/** Create or change an organisation: its names (aliases), kind, country, and its parent with the dates of that ownership. */
export default function OrganisationForm() {
  const { id } = useParams<{ id?: string }>();
  const [, navigate] = useLocation();
  const f = useForm({ name: '', aliases: '', kind: 'manufacturer', country: '', parentFrom: '', parentTo: '', website: '', notes: '', visibility: 'internal', illustrative: false as boolean });
  const [parent, setParent] = useState<string[]>([]);
  const loaded = useRecordToEdit<Organisation>('organisations', id, (r) => {
    f.setValues({
      name: r.name, aliases: r.aliases.join('\n'), kind: r.kind, country: r.country ?? '', parentFrom: r.parentFrom ?? '', parentTo: r.parentTo ?? '',
      website: r.website ?? '', notes: r.notes ?? '', visibility: r.visibility, illustrative: r.illustrative,
    });
    setParent(r.parentId ? [r.parentId] : []);
  });

  const save = async () => {
    const { aliases, illustrative, ...v } = f.values;
    const body = {
      ...bodyFor(id ? 'edit' : 'create', { ...v, parentId: parent[0] ?? '' }),
      // One per line: company names carry commas ("Example Co., Ltd").
      aliases: aliases.split('\n').map((a) => a.trim()).filter(Boolean),
      illustrative,
    };
    const saved = await f.run(() => saveRecord<Organisation>('organisations', id, body));
    if (saved) navigate(`/organisations/${saved.id}`);
  };

  const err = (k: string) => fieldError(f.error, k);
  return (
    <RecordFormPage
      resource="organisations" needs="edit" what="organisation" id={id} title={id ? 'Change organisation' : 'New organisation'} backTo={id ? `/organisations/${id}` : '/organisations'}
      lede="A maker, distributor, broker or other party in a supply chain. Screening against sanctions lists uses its name and aliases."
      loading={loaded.loading} loadError={loaded.error} error={f.error} busy={f.busy} onSubmit={() => void save()}
      shown={['name', 'aliases', 'kind', 'country', 'parentId', 'parentFrom', 'parentTo', 'website', 'notes', 'visibility', 'illustrative']}
    >
      <div className="grid cols-2">
        <TextField label="Name" {...f.bind('name')} error={err('name')} />
        <SelectField label="Kind" {...f.bind('kind')} error={err('kind')} options={KINDS} />
      </div>
      <TextArea label="Aliases" rows={2} {...f.bind('aliases')} error={err('aliases')} help="One per line: former names, transliterations, trading names" />
      <div className="grid cols-2">
        <TextField label="Country" {...f.bind('country')} error={err('country')} help="Where it is headquartered: a two-letter code such as US, CN, KP" />
        <TextField label="Website" {...f.bind('website')} error={err('website')} />
      </div>
      <RecordPicker kind="organisations" label="Parent organisation" single value={parent} onChange={setParent} error={err('parentId')} />
      {parent.length > 0 && (
        <div className="grid cols-2">
          <TextField label="Parent from" type="date" {...f.bind('parentFrom')} error={err('parentFrom')} help="When the parent took control, if known" />
          <TextField label="Parent until" type="date" {...f.bind('parentTo')} error={err('parentTo')} />
        </div>
      )}
      <TextArea label="Notes" rows={3} {...f.bind('notes')} error={err('notes')} />
      <VisibilityFields f={f} />
    </RecordFormPage>
  );
}
