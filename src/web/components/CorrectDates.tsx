import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import type { TraceRequest } from '../lib/tracing';
import { FormError, TextField } from './Field';
import { compact, useForm } from './useForm';

/** The dates the server lets a person correct: those of events the request has been through (src/tracing/corrections.ts decides). */
const FIELDS = [
  { key: 'sentOn', label: 'Sent on' },
  { key: 'acknowledgedOn', label: 'Acknowledged on' },
  { key: 'repliedOn', label: 'Replied on' },
  { key: 'declinedOn', label: 'Declined on' },
  { key: 'noReplyOn', label: 'No reply recorded on' },
  { key: 'closedOn', label: 'Closed on' },
] as const;

/**
 * Corrects the recorded dates of a request's events, with a reason (audited). Offered for every date
 * the request has, and for the acknowledgement once it was sent; the server checks order and the
 * calendar, and its refusal shows beside the field it names.
 */
export function CorrectDates({ r, onDone }: { r: TraceRequest; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const shown = FIELDS.filter((f) => r[f.key] !== null || (f.key === 'acknowledgedOn' && r.sentOn !== null));
  const initial = Object.fromEntries([...shown.map((f) => [f.key, r[f.key] ?? '']), ['reason', '']]) as Record<string, string>;
  const f = useForm(initial);
  if (r.sentOn === null) return null;
  if (!open) return <button type="button" className="small" style={{ marginTop: 10 }} onClick={() => { f.setValues(initial); setOpen(true); }}>Correct dates</button>;
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
    <form aria-label="Correct dates" onSubmit={(e) => void submit(e)} style={{ marginTop: 14 }}>
      <div className="grid cols-2">
        {shown.map((x) => <TextField key={x.key} label={x.label} type="date" {...f.bind(x.key)} />)}
      </div>
      <TextField label="Reason for the correction" {...f.bind('reason')} help="Kept in the request's notes and its history" />
      <FormError messages={f.otherErrors([...shown.map((x) => x.key), 'reason'])} />
      <div className="row" style={{ marginTop: 8 }}>
        <button type="submit" className="primary" disabled={f.busy}>Save dates</button>
        <button type="button" onClick={() => setOpen(false)}>Cancel</button>
      </div>
    </form>
  );
}
