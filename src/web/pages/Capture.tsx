import { Fragment, useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { PageHead } from '../components/Layout';
import { TextField, SelectField } from '../components/Field';
import { useSession } from '../api/session';
import { captureDb, newCapture, sha256Hex, SYNC_ORDER, withDescendants, type Captured } from '../offline/db';
import { syncAll, type SyncResult } from '../offline/sync';
import { formatNumber, formatRange, formatShare } from '../lib/format';
import type { ComponentSuggestion, ItemFacts } from '../offline/identify';

/**
 * Capture in the field with no signal (issue 23): incident → item → components → photos, kept on this
 * device (IndexedDB, src/web/offline/db.ts) and sent when the connection is back. Components are
 * identified as they are typed by the same pure component rules the server runs
 * (src/web/offline/identify.ts, loaded as its own precached chunk), and again by the server when
 * they arrive; the sync shows any difference.
 */
type Identify = typeof import('../offline/identify');

/** The identification module, loaded once (it carries the maker catalogue). */
function useIdentifier(): Identify | null {
  const [mod, setMod] = useState<Identify | null>(null);
  useEffect(() => {
    let live = true;
    void import('../offline/identify').then((m) => live && setMod(() => m));
    return () => {
      live = false;
    };
  }, []);
  return mod;
}

/** What the rules read from a captured item (the server reads the same fields from the item it stores). */
function factsOf(item: Captured | undefined): ItemFacts | null {
  if (!item) return null;
  const model = item.body.weaponModel;
  return { weaponModel: typeof model === 'string' && model ? model : null };
}
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
  const identifier = useIdentifier();
  const [marking, setMarking] = useState('');
  const [componentParent, setComponentParent] = useState('');

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
    const weaponModel = value(f, 'weaponModel');
    const body = { label: value(f, 'label'), ...(weaponModel ? { weaponModel } : {}) };
    void add(newCapture('items', value(f, 'parent') || null, body, body.label), f);
  };
  const onComponent = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = e.currentTarget;
    const body = { markingRaw: value(f, 'markingRaw') };
    const r = newCapture('components', value(f, 'parent'), body, body.markingRaw);
    if (identifier && suggestion) r.identified = { fields: identifier.suggestedFields(suggestion), confidence: suggestion.confidence };
    setMarking('');
    void add(r, f);
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

  // The item the component form is on: its chosen parent, else the latest item (the select's default).
  const itemOfComponent = records.find((r) => r.id === (componentParent || latest('items')));
  const suggestion: ComponentSuggestion | null = useMemo(
    () => (identifier && marking.trim() ? identifier.identifyOffline(marking, factsOf(itemOfComponent)) : null),
    [identifier, marking, itemOfComponent],
  );

  /** Removes a refused record and what waits behind it from this device (the person's decision). */
  const discard = async (r: Captured) => {
    const ids = withDescendants(records, r.id);
    const under = ids.length - 1;
    if (!window.confirm(under === 0 ? t('conflict.discardConfirm') : t('conflict.discardConfirmWith', { count: under, n: formatNumber(under) }))) return;
    await captureDb.records.bulkDelete(ids);
    await reload();
  };
  /** Sends a refused record again (e.g. after a permission was given back): waiting, not overwritten. */
  const retry = async (r: Captured) => {
    await captureDb.records.put({ ...r, status: 'waiting', conflict: undefined });
    await reload();
    if (navigator.onLine) await sync();
  };

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
          <TextField label={t('field.weaponModel')} name="weaponModel" help={t('weaponModelHelp')} />
          <button type="submit">{t('keep')}</button>
        </form>
        <form className="card card-body" onSubmit={onComponent} aria-label={t('kind.components')}>
          <h2>{t('kind.components')}</h2>
          <SelectField label={t('field.item')} name="parent" key={`c${latest('items')}`} defaultValue={latest('items')} required options={parents(['items'])} onChange={(e) => setComponentParent(e.currentTarget.value)} />
          <TextField label={t('field.markingRaw')} name="markingRaw" required value={marking} onChange={(e) => setMarking(e.currentTarget.value)} help={t('identifiedHere')} />
          {suggestion && <Identified s={suggestion} />}
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
              {r.identified && <StoredIdentification r={r} />}
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
                  <div className="actions">
                    <button type="button" onClick={() => void retry(r)} disabled={!online || busy}>{t('conflict.retry')}</button>
                    <button type="button" className="danger" onClick={() => void discard(r)}>{t('conflict.discard')}</button>
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

/** The device's identification of the marking being typed, from the same rules the server runs. */
function Identified({ s }: { s: ComponentSuggestion }) {
  const { t } = useTranslation('capture');
  return (
    <dl className="props" data-testid="offline-identification" aria-live="polite">
      <dt>{t('identified.maker')}</dt>
      <dd>{s.makerName ?? t('identified.unknown')}</dd>
      <dt>{t('identified.partNumber')}</dt>
      <dd>{s.partNumber ?? t('identified.unknown')}</dd>
      <dt>{t('identified.made')}</dt>
      <dd>{s.productionFrom ? formatRange(s.productionFrom, s.productionTo) : t('identified.unknown')}</dd>
      <dt>{t('identified.confidence')}</dt>
      <dd>{formatShare(s.confidence)}</dd>
    </dl>
  );
}

/** What the device identified a captured component as, and after the sync where the server's stored suggestion differs. */
function StoredIdentification({ r }: { r: Captured }) {
  const { t } = useTranslation('capture');
  const id = r.identified!;
  const differs = Object.entries(id.serverDiffers ?? {});
  return (
    <div className="small" data-testid="captured-identification">
      {t('identified.summary', { maker: id.fields.makerId ?? t('identified.unknown'), part: id.fields.partNumber ?? t('identified.unknown') })}
      {r.status === 'synced' && id.serverDiffers && (differs.length === 0
        ? <> — <span data-testid="server-agrees">{t('identified.serverAgrees')}</span></>
        : (
          <ul data-testid="server-differs">
            {differs.map(([k, v]) => <li key={k}>{t('identified.differs', { field: k, device: v.device ?? '—', server: v.server ?? '—' })}</li>)}
          </ul>
        ))}
    </div>
  );
}
