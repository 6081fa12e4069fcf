import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useParams } from 'wouter';
import type { Organisation } from '../../api/types';
import { SelectField, TextArea, TextField } from '../../components/Field';
import { useForm } from '../../components/useForm';
import { fieldError, RecordFormPage, saveRecord, useRecordToEdit } from '../../components/RecordForm';
import { RecordPicker } from '../../components/RecordPicker';
import { VisibilityFields } from '../../components/VisibilityFields';
import { humanise } from '../../lib/format';
import { bodyFor } from '../../lib/record-form';

/** Stored codes, worded by values.json. */
const KINDS = ['manufacturer', 'distributor', 'broker', 'end_user', 'government', 'research_organisation', 'other'] as const;

/** Create or change an organisation: its names (aliases), kind, country, and its parent with the dates of that ownership. */
export default function OrganisationForm() {
  const { id } = useParams<{ id?: string }>();
  const { t } = useTranslation('forms');
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
      resource="organisations" needs="edit" what="organisation" id={id} title={id ? t('organisation.change') : t('organisation.new')} backTo={id ? `/organisations/${id}` : '/organisations'} afterDelete="/organisations"
      lede={t('organisation.lede')}
      loading={loaded.loading} loadError={loaded.error} error={f.error} busy={f.busy} onSubmit={() => void save()}
      shown={['name', 'aliases', 'kind', 'country', 'parentId', 'parentFrom', 'parentTo', 'website', 'notes', 'visibility', 'illustrative']}
    >
      <div className="grid cols-2">
        <TextField label={t('organisation.name')} {...f.bind('name')} error={err('name')} />
        <SelectField label={t('field.kind')} {...f.bind('kind')} error={err('kind')} options={KINDS.map((k) => ({ value: k, label: humanise(k) }))} />
      </div>
      <TextArea label={t('organisation.aliases')} rows={2} {...f.bind('aliases')} error={err('aliases')} help={t('organisation.aliasesHelp')} />
      <div className="grid cols-2">
        <TextField label={t('organisation.country')} {...f.bind('country')} error={err('country')} help={t('organisation.countryHelp')} />
        <TextField label={t('organisation.website')} {...f.bind('website')} error={err('website')} />
      </div>
      <RecordPicker kind="organisations" label={t('organisation.parent')} single value={parent} onChange={setParent} error={err('parentId')} />
      {parent.length > 0 && (
        <div className="grid cols-2">
          <TextField label={t('organisation.parentFrom')} type="date" {...f.bind('parentFrom')} error={err('parentFrom')} help={t('organisation.parentFromHelp')} />
          <TextField label={t('organisation.parentTo')} type="date" {...f.bind('parentTo')} error={err('parentTo')} />
        </div>
      )}
      <TextArea label={t('organisation.notes')} rows={3} {...f.bind('notes')} error={err('notes')} />
      <VisibilityFields f={f} />
    </RecordFormPage>
  );
}
