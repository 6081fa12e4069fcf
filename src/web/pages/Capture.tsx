import { Fragment, useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { PageHead } from '../components/Layout';
import { TextField, SelectField } from '../components/Field';
import { useSession } from '../api/session';
import { captureDb, newCapture, sha256Hex, SYNC_ORDER, type Captured } from '../offline/db';
import { syncAll, type SyncResult } from '../offline/sync';
import { formatNumber } from '../lib/format';

/**
 * Capture in the field with no signal (issue 23): incident → item → components → photos, kept on this
 * device (IndexedDB, src/web/offline/db.ts) and sent when the connection is back. Components are
 * identified by the server when they arrive: the rules live there, not in a second copy here.
 */
function useOnline(): boolean {
  const [online, setOnline] = useState(navigator.onLine);
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, []);
  return online;
}

const value = (form: HTMLFormElement, name: string) => ((form.elements.namedItem(name) as HTMLInputElement | null)?.value ?? '').trim();

/** A record's fields as the server or this device has them, side by side in a conflict. */
function Fields({ values }: { values: Record<string, unknown> }) {
  return (
    <dl className="props">
      {Object.entries(values).map(([k, v]) => (
        <Fragment key={k}>
          <dt>{k}</dt>
          <dd>{typeof v === 'string' ? v : JSON.stringify(v)}</dd>
        </Fragment>
      ))}
    </dl>
  );
}

export default function Capture() {
  const { t } = useTranslation('capture');
  const { refresh } = useSession();
  const online = useOnline();
  const [records, setRecords] = useState<Captured[]>([]);
  const [result, setResult] = useState<SyncResult | null>(null);
  const [busy, setBusy] = useState(false);

  const reload = useCallback(async () => {
    const all = await captureDb.records.toArray();
    all.sort((a, b) => SYNC_ORDER.indexOf(a.kind) - SYNC_ORDER.indexOf(b.kind) || a.capturedAt.localeCompare(b.capturedAt));
    setRecords(all);
  }, []);
  useEffect(() => void reload(), [reload]);

  const add = async (r: Captured, form: HTMLFormElement) => {
    await captureDb.records.add(r);
    form.reset();
    await reload();
    // With a signal, a capture goes to the server at once; without, it waits for the 'online' event.
    if (navigator.onLine) await sync();
  };
  const of = (kind: Captured['kind']) => records.filter((r) => r.kind === kind);
  const latest = (kind: Captured['kind']) => of(kind).at(-1)?.id ?? '';

  const onIncident = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = e.currentTarget;
    const body = { title: value(f, 'title'), occurredFrom: value(f, 'occurredFrom'), placeName: value(f, 'placeName') || null };
    void add(newCapture('incidents', null, body, body.title), f);
  };
  const onItem = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = e.currentTarget;
    const body = { label: value(f, 'label') };
    void add(newCapture('items', value(f, 'parent') || null, body, body.label), f);
  };
  const onComponent = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = e.currentTarget;
    const body = { markingRaw: value(f, 'markingRaw') };
    void add(newCapture('components', value(f, 'parent'), body, body.markingRaw), f);
  };
  const onPhoto = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = e.currentTarget;
    const file = (f.elements.namedItem('photo') as HTMLInputElement).files?.[0];
    if (!file) return;
    const bytes = await file.arrayBuffer();
    const r = newCapture('photos', value(f, 'parent'), {}, file.name, { bytes, name: file.name, type: file.type, sha256: await sha256Hex(bytes) });
    await add(r, f);
  };

  const sync = useCallback(async () => {
    setBusy(true);
    try {
      // The session (and its CSRF token) may have been read while offline: ask again first.
      await refresh();
      setResult(await syncAll());
    } finally {
      setBusy(false);
      await reload();
    }
  }, [refresh, reload]);

  // Back online: send what waits, without being asked (the session is asked again first: it was
  // read as signed out while offline).
  useEffect(() => {
    if (online && !busy) void captureDb.records.where('status').equals('waiting').count().then((n) => (n > 0 ? sync() : undefined));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [online]);

  const waiting = records.filter((r) => r.status === 'waiting').length;
  const parents = (kinds: Captured['kind'][]) => records.filter((r) => kinds.includes(r.kind)).map((r) => ({ value: r.id, label: `${t(`kind.${r.kind}`)}: ${r.label}` }));
  const kindLabel = (k: Captured['kind']) => t(`kind.${k}`);

  return (
    <div className="stack">
      <PageHead title={t('title')} lede={t('lede')} />
      <div className="card card-body" data-testid="capture-status">
        <p>
          <strong data-testid="waiting">{t('waiting', { count: waiting, n: formatNumber(waiting) })}</strong>{' '}
          <span className="small">{online ? t('online') : t('offline')}</span>
        </p>
        <button type="button" disabled={!online || busy || waiting === 0} onClick={() => void sync()}>{t('syncNow')}</button>
        {result && <p className="small" data-testid="sync-result">{t('result', { synced: formatNumber(result.synced), conflicts: formatNumber(result.conflicts) })}</p>}
        {result?.signedOut && <p className="small">{t('signIn')} <Link href="/login?next=/capture">{t('signInLink')}</Link></p>}
      </div>

      <div className="grid cols-2">
        <form className="card card-body" onSubmit={onIncident} aria-label={t('kind.incidents')}>
          <h2>{t('kind.incidents')}</h2>
          <TextField label={t('field.title')} name="title" required />
          <TextField label={t('field.occurredFrom')} name="occurredFrom" type="date" required />
          <TextField label={t('field.placeName')} name="placeName" />
          <button type="submit">{t('keep')}</button>
        </form>
        <form className="card card-body" onSubmit={onItem} aria-label={t('kind.items')}>
          <h2>{t('kind.items')}</h2>
          <SelectField label={t('field.incident')} name="parent" key={`i${latest('incidents')}`} defaultValue={latest('incidents')} options={[{ value: '', label: t('none') }, ...parents(['incidents'])]} />
          <TextField label={t('field.label')} name="label" required />
          <button type="submit">{t('keep')}</button>
        </form>
        <form className="card card-body" onSubmit={onComponent} aria-label={t('kind.components')}>
          <h2>{t('kind.components')}</h2>
          <SelectField label={t('field.item')} name="parent" key={`c${latest('items')}`} defaultValue={latest('items')} required options={parents(['items'])} />
          <TextField label={t('field.markingRaw')} name="markingRaw" required help={t('identifiedWhenSynced')} />
          <button type="submit" disabled={of('items').length === 0}>{t('keep')}</button>
        </form>
        <form className="card card-body" onSubmit={(e) => void onPhoto(e)} aria-label={t('kind.photos')}>
          <h2>{t('kind.photos')}</h2>
          <SelectField label={t('field.attachTo')} name="parent" key={`p${latest('items')}`} defaultValue={latest('items')} required options={parents(['items', 'components'])} />
          <TextField label={t('field.photo')} name="photo" type="file" accept="image/*" capture="environment" required />
          <button type="submit" disabled={of('items').length === 0}>{t('keep')}</button>
        </form>
      </div>

      <div className="card card-body">
        <h2>{t('onDevice')}</h2>
        <ul data-testid="captured">
          {records.map((r) => (
            <li key={r.id} data-status={r.status} data-kind={r.kind}>
              {kindLabel(r.kind)}: {r.label} — {t(`status.${r.status}`)}
              {r.status === 'synced' && r.kind === 'items' && <> (<Link href={`/items/${r.id}`}>{t('open')}</Link>)</>}
              {r.conflict && (
                <div className="grid cols-2 capture-conflict" data-testid="conflict">
                  <div>
                    <h3>{t('conflict.yours')}</h3>
                    <Fields values={{ ...r.body, parent: r.parentId }} />
                  </div>
                  <div>
                    <h3>{t('conflict.server')}</h3>
                    <p>{r.conflict.detail}</p>
                    {r.conflict.server === null ? <p>{t('conflict.gone')}</p> : <Fields values={r.conflict.server as Record<string, unknown>} />}
                  </div>
                </div>
              )}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
