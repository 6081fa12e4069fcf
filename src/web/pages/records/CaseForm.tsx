import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useParams } from 'wouter';
import { SelectField, TextArea, TextField } from '../../components/Field';
import { useForm } from '../../components/useForm';
import { fieldError, RecordFormPage, saveRecord, useRecordToEdit } from '../../components/RecordForm';
import { RecordPicker } from '../../components/RecordPicker';
import { VisibilityFields } from '../../components/VisibilityFields';
import { bodyFor } from '../../lib/record-form';
import type { z } from 'zod';
import type { caseRow } from '../../../cases/spec.js';

// The server's own schema types the record (type-only: no server code reaches the bundle).
type Case = z.infer<typeof caseRow>;

type Members = { incidentIds: string[]; itemIds: string[]; sourceIds: string[]; claimIds: string[] };
const NO_MEMBERS: Members = { incidentIds: [], itemIds: [], sourceIds: [], claimIds: [] };

/** Create or change a case (an investigation) and which incidents, items, sources and claims it groups; the dashboard counts its members. */
export default function CaseForm() {
  const { id } = useParams<{ id?: string }>();
  const { t } = useTranslation('forms');
  const [, navigate] = useLocation();
  const f = useForm({ title: '', summary: '', status: 'open', visibility: 'internal', illustrative: false as boolean });
  const [members, setMembers] = useState<Members>(NO_MEMBERS);
  const loaded = useRecordToEdit<Case>('cases', id, (r) => {
    f.setValues({ title: r.title, summary: r.summary ?? '', status: r.status, visibility: r.visibility, illustrative: r.illustrative });
    setMembers({ incidentIds: r.incidentIds, itemIds: r.itemIds, sourceIds: r.sourceIds, claimIds: r.claimIds });
  });
  const setList = (k: keyof Members) => (ids: string[]) => setMembers((m) => ({ ...m, [k]: ids }));

  const save = async () => {
    const { illustrative, ...v } = f.values;
    const body = { ...bodyFor(id ? 'edit' : 'create', v), ...members, illustrative };
    const saved = await f.run(() => saveRecord<Case>('cases', id, body));
    if (saved) navigate(`/?case=${saved.id}`);
  };

  const err = (k: string) => fieldError(f.error, k);
  return (
    <RecordFormPage
      resource="cases" needs="edit" what="case" id={id} title={id ? t('case.change') : t('case.new')} backTo={id ? `/?case=${id}` : '/'} afterDelete="/"
      lede={t('case.lede')}
      loading={loaded.loading} loadError={loaded.error} error={f.error} busy={f.busy} onSubmit={() => void save()}
      shown={['title', 'summary', 'status', 'incidentIds', 'itemIds', 'sourceIds', 'claimIds', 'visibility', 'illustrative']}
    >
      <div className="grid cols-2">
        <TextField label={t('field.title')} {...f.bind('title')} error={err('title')} placeholder={t('case.titlePlaceholder')} />
        <SelectField label={t('field.status')} {...f.bind('status')} error={err('status')} options={[{ value: 'open', label: t('case.open') }, { value: 'closed', label: t('case.closed') }]} />
      </div>
      <TextArea label={t('field.summary')} rows={3} {...f.bind('summary')} error={err('summary')} />
      <div className="grid cols-2" style={{ alignItems: 'start' }}>
        <RecordPicker kind="incidents" label={t('field.incidents')} value={members.incidentIds} onChange={setList('incidentIds')} error={err('incidentIds')} />
        <RecordPicker kind="items" label={t('field.items')} value={members.itemIds} onChange={setList('itemIds')} error={err('itemIds')} />
        <RecordPicker kind="sources" label={t('field.sources')} value={members.sourceIds} onChange={setList('sourceIds')} error={err('sourceIds')} />
        <RecordPicker kind="claims" label={t('field.claims')} value={members.claimIds} onChange={setList('claimIds')} error={err('claimIds')} />
      </div>
      <VisibilityFields f={f} />
    </RecordFormPage>
  );
}
