import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { TraceRequest } from '../lib/tracing';
import { FormError, TextField } from './Field';
import { compact, useForm } from './useForm';

/** The dates the server lets a person correct: those of events the request has been through (src/tracing/corrections.ts decides). */
/** Their labels are forms.json `correctDates.<key>`. */
const FIELDS = [{ key: 'sentOn' }, { key: 'acknowledgedOn' }, { key: 'repliedOn' }, { key: 'declinedOn' }, { key: 'noReplyOn' }, { key: 'closedOn' }] as const;

/**
 * Corrects the recorded dates of a request's events, with a reason (audited). Offered for every date
 * the request has, and for the acknowledgement once it was sent; the server checks order and the
 * calendar, and its refusal shows beside the field it names.
 */
export function CorrectDates({ r, onDone }: { r: TraceRequest; onDone: () => void }) {
  const { t } = useTranslation('forms');
  const [open, setOpen] = useState(false);
  const shown = FIELDS.filter((f) => r[f.key] !== null || (f.key === 'acknowledgedOn' && r.sentOn !== null));
  const initial = Object.fromEntries([...shown.map((f) => [f.key, r[f.key] ?? '']), ['reason', '']]) as Record<string, string>;
  const f = useForm(initial);
  if (r.sentOn === null) return null;
  if (!open) return <button type="button" className="small" style={{ marginTop: 10 }} onClick={() => { f.setValues(initial); setOpen(true); }}>{t('correctDates.open')}</button>;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    // Only what changed is sent: an unchanged date is not a correction.
    const changed = Object.fromEntries(shown.filter((x) => f.values[x.key] !== (r[x.key] ?? '')).map((x) => [x.key, f.values[x.key] || null]));
    const res = await f.run(() => api.post(`/api/trace-requests/${r.id}/dates`, { ...changed, ...compact({ reason: f.values.reason }) }));
    if (res === undefined) return;
    setOpen(false);
    onDone();
  };
  return (
    <form aria-label={t('correctDates.open')} onSubmit={(e) => void submit(e)} style={{ marginTop: 14 }}>
      <div className="grid cols-2">
        {shown.map((x) => <TextField key={x.key} label={t(`correctDates.${x.key}`)} type="date" {...f.bind(x.key)} />)}
      </div>
      <TextField label={t('correctDates.reason')} {...f.bind('reason')} help={t('correctDates.reasonHelp')} />
      <FormError messages={f.otherErrors([...shown.map((x) => x.key), 'reason'])} />
      <div className="row" style={{ marginTop: 8 }}>
        <button type="submit" className="primary" disabled={f.busy}>{t('correctDates.save')}</button>
        <button type="button" onClick={() => setOpen(false)}>{t('frame.cancel')}</button>
      </div>
    </form>
  );
}
