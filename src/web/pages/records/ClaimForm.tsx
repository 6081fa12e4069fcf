import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useParams } from 'wouter';
import { api } from '../../api/client';
import type { Claim } from '../../api/types';
import { useCanReview } from '../../api/session';
import { SelectField, TextArea, TextField } from '../../components/Field';
import { useForm } from '../../components/useForm';
import { fieldError, RecordFormPage, saveRecord, useRecordToEdit } from '../../components/RecordForm';
import { DateWithPrecision } from '../../components/DateWithPrecision';
import { RecordPicker } from '../../components/RecordPicker';
import { VisibilityFields } from '../../components/VisibilityFields';
import { humanise } from '../../lib/format';
import { bodyFor, dateEntry, dateRange, numberOrText, type DateEntry } from '../../lib/record-form';

/** Stored codes; their words are forms.json `claim.qualifier.*` and values.json (statuses). */
const QUALIFIERS = ['exact', 'about', 'at_least', 'more_than', 'at_most', 'less_than'] as const;
const STATUSES = ['unverified', 'corroborated', 'disputed', 'refuted'] as const;

/**
 * Create or change a claim: who said it (and for which organisation), when (a day, month or year),
 * the number and what it counts, the place and dates of the event, the quoted words, and — for
 * reviewers — its status with a reason (a ruling, kept in the claim's record of rulings).
 */
export default function ClaimForm() {
  const { id } = useParams<{ id?: string }>();
  const { t } = useTranslation('forms');
  const [, navigate] = useLocation();
  const canReview = useCanReview();
  const presetSource = new URLSearchParams(window.location.search).get('source');
  const f = useForm({
    speaker: '', speakerOrganisation: '', quantity: '', quantityQualifier: '', countsWhat: '', weaponType: '', place: '', quotedText: '',
    status: 'unverified', statusReason: '', visibility: 'internal', illustrative: false as boolean,
  });
  const [sourceIds, setSourceIds] = useState<string[]>(presetSource ? [presetSource] : []);
  const [said, setSaid] = useState<DateEntry>({ precision: 'day', value: '', to: '' });
  const [event, setEvent] = useState<DateEntry>({ precision: 'day', value: '', to: '' });
  const [storedStatus, setStoredStatus] = useState('unverified');
  const loaded = useRecordToEdit<Claim>('claims', id, (r) => {
    f.setValues({
      speaker: r.speaker ?? '', speakerOrganisation: r.speakerOrganisation ?? '', quantity: r.quantity === null ? '' : String(r.quantity),
      quantityQualifier: r.quantityQualifier ?? '', countsWhat: r.countsWhat ?? '', weaponType: r.weaponType ?? '', place: r.place ?? '',
      quotedText: r.quotedText ?? '', status: r.status, statusReason: '', visibility: r.visibility, illustrative: r.illustrative,
    });
    setSourceIds([r.sourceId]);
    const p = r.saidOnPrecision;
    setSaid(r.saidOn ? { precision: p, value: p === 'month' ? r.saidOn.slice(0, 7) : p === 'year' ? r.saidOn.slice(0, 4) : r.saidOn, to: '' } : { precision: p, value: '', to: '' });
    setEvent(dateEntry(r.eventFrom, r.eventTo));
    setStoredStatus(r.status);
  });

  const save = async () => {
    const v = f.values;
    const eventRange = dateRange(event);
    const body = {
      ...bodyFor(id ? 'edit' : 'create', {
        sourceId: sourceIds[0] ?? '', speaker: v.speaker, speakerOrganisation: v.speakerOrganisation, saidOn: said.value ? dateRange(said).from : '',
        saidOnPrecision: said.precision,
        quantity: numberOrText(v.quantity), quantityQualifier: v.quantityQualifier, countsWhat: v.countsWhat, weaponType: v.weaponType, place: v.place,
        eventFrom: eventRange.from, eventTo: eventRange.to, quotedText: v.quotedText, visibility: v.visibility,
      }),
      illustrative: v.illustrative,
    };
    const saved = await f.run(async () => {
      const claim = await saveRecord<Claim>('claims', id, body);
      // A status change is a ruling with its reason (reviewers); a second press repeats the same change.
      if (id && canReview && v.status !== storedStatus) await api.post(`/api/claims/${claim.id}/rulings`, { status: v.status, reason: v.statusReason });
      return claim;
    });
    if (saved) navigate(`/claims?claim=${saved.id}`);
  };

  const err = (k: string) => fieldError(f.error, k);
  return (
    <RecordFormPage
      resource="claims" needs="edit" what="claim" id={id} title={id ? t('claim.change') : t('claim.new')} backTo="/claims"
      lede={t('claim.lede')}
      loading={loaded.loading} loadError={loaded.error} error={f.error} busy={f.busy} onSubmit={() => void save()}
      shown={['sourceId', 'speaker', 'speakerOrganisation', 'saidOn', 'saidOnPrecision', 'quantity', 'quantityQualifier', 'countsWhat', 'weaponType', 'place', 'eventFrom', 'eventTo', 'quotedText', 'status', 'reason', 'visibility', 'illustrative']}
    >
      <RecordPicker kind="sources" label={t('field.source')} single value={sourceIds} onChange={setSourceIds} error={err('sourceId')} help={t('claim.sourceHelp')} />
      <div className="grid cols-2">
        <TextField label={t('claim.speaker')} {...f.bind('speaker')} error={err('speaker')} placeholder={t('claim.speakerPlaceholder')} />
        <TextField label={t('claim.speakerOrganisation')} {...f.bind('speakerOrganisation')} error={err('speakerOrganisation')} />
      </div>
      <DateWithPrecision label={t('claim.saidOn')} value={said} onChange={setSaid} precisions={['day', 'month', 'year']} fromError={err('saidOn') ?? err('saidOnPrecision')} />
      <div className="grid cols-2">
        <div className="row" style={{ alignItems: 'start', flexWrap: 'nowrap' }}>
          <div style={{ flex: 1, minWidth: 0 }}><SelectField label={t('claim.qualifierLabel')} {...f.bind('quantityQualifier')} error={err('quantityQualifier')} options={[{ value: '', label: '—' }, ...QUALIFIERS.map((q) => ({ value: q, label: t(`claim.qualifier.${q}`) }))]} /></div>
          <div style={{ flex: 1, minWidth: 0 }}><TextField label={t('claim.quantity')} inputMode="decimal" {...f.bind('quantity')} error={err('quantity')} /></div>
        </div>
        <TextField label={t('claim.countsWhat')} {...f.bind('countsWhat')} error={err('countsWhat')} placeholder={t('claim.countsWhatPlaceholder')} />
      </div>
      <div className="grid cols-2">
        <TextField label={t('claim.weaponType')} {...f.bind('weaponType')} error={err('weaponType')} placeholder="KN-23" />
        <TextField label={t('field.place')} {...f.bind('place')} error={err('place')} />
      </div>
      <DateWithPrecision label={t('claim.eventDate')} value={event} onChange={setEvent} precisions={['day', 'month', 'year', 'range']} fromError={err('eventFrom')} toError={err('eventTo')} />
      <TextArea label={t('claim.quotedText')} rows={3} {...f.bind('quotedText')} error={err('quotedText')} help={t('claim.quotedHelp')} />
      {id && canReview ? (
        <div className="grid cols-2">
          <SelectField label={t('field.status')} {...f.bind('status')} error={err('status')} options={STATUSES.map((s) => ({ value: s, label: humanise(s) }))} help={t('claim.statusHelp')} />
          {f.values.status !== storedStatus && <TextField label={t('claim.reason')} {...f.bind('statusReason')} error={err('reason')} />}
        </div>
      ) : (
        <div className="small muted">{t('claim.statusIs', { status: id ? humanise(storedStatus) : t('claim.newStatus') })}</div>
      )}
      <VisibilityFields f={f} />
    </RecordFormPage>
  );
}
