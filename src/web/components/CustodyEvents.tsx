import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { useGet } from '../api/hooks';
import type { CustodyEvent, Page } from '../api/types';
import { FormError, TextArea, TextField } from './Field';
import { useForm } from './useForm';
import { fieldError, otherErrors } from './RecordForm';
import { DeleteRecord } from './DeleteRecord';
import { bodyFor } from '../lib/record-form';
import { formatDateTime } from '../lib/format';

/** A datetime-local value (the browser's local time) as an ISO time with its offset, as the API requires; typed text passes as is. */
function isoFromLocal(v: string): string {
  if (!v) return '';
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? v : d.toISOString();
}

/** An item's chain of custody: who held it, from when to when, where; each event added or deleted here. */
export function CustodyEvents({ itemId }: { itemId: string }) {
  const { t } = useTranslation('custody');
  const events = useGet<Page<CustodyEvent>>('/api/custody-events', { itemId, limit: 200, sort: 'heldFrom' });
  const f = useForm({ holder: '', heldFrom: '', heldTo: '', place: '', notes: '' });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const v = f.values;
    const body = { itemId, ...bodyFor('create', { ...v, heldFrom: isoFromLocal(v.heldFrom), heldTo: isoFromLocal(v.heldTo) }) };
    const saved = await f.run(() => api.post<CustodyEvent>('/api/custody-events', body));
    if (saved) {
      f.setValues({ holder: '', heldFrom: '', heldTo: '', place: '', notes: '' });
      events.reload();
    }
  };
  const err = (k: string) => fieldError(f.error, k);
  return (
    <section className="card" style={{ marginTop: 16 }} aria-label={t('title')}>
      <div className="card-head"><div><h2>{t('title')}</h2><div className="hint">{t('hint')}</div></div></div>
      <div className="card-body stack">
        {events.data && events.data.data.length === 0 && <div className="small muted">{t('none')}</div>}
        {events.data && events.data.data.length > 0 && (
          <ol style={{ margin: 0, paddingLeft: 18 }} className="small">
            {events.data.data.map((ev) => (
              <li key={ev.id} style={{ marginBottom: 8 }}>
                <strong>{ev.holder}</strong> · {formatDateTime(ev.heldFrom)} – {ev.heldTo ? formatDateTime(ev.heldTo) : t('now')}{ev.place ? ` · ${ev.place}` : ''}
                {ev.notes && <div className="muted">{ev.notes}</div>}
                <div style={{ marginTop: 4 }}><DeleteRecord resource="custody-events" id={ev.id} what="custody event" onDeleted={events.reload} /></div>
              </li>
            ))}
          </ol>
        )}
        <form className="stack" style={{ gap: 10 }} onSubmit={(e) => void submit(e)} aria-label={t('add')} noValidate>
          <div className="grid cols-2">
            <TextField label={t('holder')} {...f.bind('holder')} error={err('holder')} placeholder={t('holderPlaceholder')} />
            <TextField label={t('place')} {...f.bind('place')} error={err('place')} />
          </div>
          <div className="grid cols-2">
            <TextField label={t('heldFrom')} type="datetime-local" {...f.bind('heldFrom')} error={err('heldFrom')} help={t('localTime')} />
            <TextField label={t('heldTo')} type="datetime-local" {...f.bind('heldTo')} error={err('heldTo')} help={t('heldToHelp')} />
          </div>
          <TextArea label={t('notes')} rows={2} {...f.bind('notes')} error={err('notes')} />
          <FormError messages={otherErrors(f.error, ['holder', 'heldFrom', 'heldTo', 'place', 'notes', 'itemId'])} />
          <div><button type="submit" disabled={f.busy}>{f.busy ? t('adding') : t('submit')}</button></div>
        </form>
      </div>
    </section>
  );
}
