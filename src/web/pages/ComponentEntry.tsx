import { useEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { Link, useParams } from 'wouter';
import { api, ApiError } from '../api/client';
import { useAll, useGet } from '../api/hooks';
import type { Component, EvidenceFile, Item, Organisation } from '../api/types';
import { PageHead } from '../components/Layout';
import { ErrorState, Loading } from '../components/State';
import { FormError } from '../components/Field';
import { Readings } from '../components/Readings';
import { PhotoQueue, type QueuedPhoto } from '../components/PhotoQueue';
import { Badge } from '../components/Badge';
import { WindowList } from '../components/Windows';
import { useSuggestion, type ComponentSuggestion, type SuggestedWindow } from '../lib/suggestion';
import { DERIVED, type DerivedKey } from '../lib/derived';
import { countryName, formatNumber, formatRange } from '../lib/format';
import { useTranslation } from 'react-i18next';
import { i18n } from '../i18n/index.js';

type Suggestions = Partial<Record<DerivedKey, string>>;

/** The server's fields for a reading, without the empty ones (the form shows nothing for those). */
function present(fields: Record<DerivedKey, string | null> | undefined): Suggestions {
  return Object.fromEntries(Object.entries(fields ?? {}).filter(([, v]) => v));
}

interface Saved {
  component: Component;
  photos: { name: string; ok: boolean; verified: boolean | null; message?: string }[];
}

/** Puts a message like "cannot confirm hs6: it has no value" beside the field it is about. */
function errorFor(error: ApiError | null, field: string): string | undefined {
  if (!error) return undefined;
  const direct = error.forField(field);
  if (direct) return direct;
  return error.errors.find((e) => e.field === 'confirm' && e.message.includes(` ${field}:`))?.message;
}

const SHOWN_FIELDS = ['markingRaw', 'subAssembly', 'position', 'quantity', 'confirm', ...DERIVED.map((d) => d.key)];

export default function ComponentEntry() {
  const { id } = useParams<{ id: string }>();
  const item = useGet<Item>(`/api/items/${id}`);
  const existing = useAll<Component>('/api/components', { itemId: id });
  const orgs = useAll<Organisation>('/api/organisations');
  const orgByName = useMemo(() => {
    const m = new Map<string, Organisation>();
    for (const o of orgs.data ?? []) for (const n of [o.name, ...o.aliases]) m.set(n.toLowerCase(), o);
    return m;
  }, [orgs.data]);

  const [marking, setMarking] = useState('');
  const [subAssembly, setSubAssembly] = useState('');
  const [position, setPosition] = useState('');
  const [quantity, setQuantity] = useState('1');
  const [overrides, setOverrides] = useState<Suggestions>({});
  const [confirmed, setConfirmed] = useState<Set<DerivedKey>>(new Set());
  const [chosen, setChosen] = useState(0);
  const [photos, setPhotos] = useState<QueuedPhoto[]>([]);
  const [saved, setSaved] = useState<Saved[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const markingRef = useRef<HTMLTextAreaElement>(null);

  // The server reads the marking in the item's context (recovery date, DPRK) exactly as a save will.
  const suggested = useSuggestion(marking, id);
  // What a save stores unless the person says otherwise; another reading, once chosen, is their statement (overrides).
  const suggestions = present(suggested.answer?.fields);
  const shown = suggested.answer?.readingSuggestions[chosen] ?? null;
  useEffect(() => setChosen(0), [suggested.answer]);

  const subAssemblies = useMemo(() => [...new Set([...(existing.data ?? []), ...saved.map((s) => s.component)].map((c) => c.subAssembly).filter((s): s is string => !!s))].sort(), [existing.data, saved]);
  const total = (existing.data ?? []).reduce((n, c) => n + c.quantity, 0) + saved.reduce((n, s) => n + s.component.quantity, 0);

  const valueOf = (k: DerivedKey) => overrides[k] ?? suggestions[k] ?? '';
  const confirmAll = () => setConfirmed(new Set(DERIVED.map((d) => d.key).filter((k) => suggestions[k])));

  const reset = () => {
    setMarking('');
    setPosition('');
    setQuantity('1');
    setOverrides({});
    setConfirmed(new Set());
    setPhotos([]);
    setError(null);
    markingRef.current?.focus();
  };

  const uploadPhotos = async (component: Component, queued: QueuedPhoto[]): Promise<Saved['photos']> =>
    Promise.all(
      queued.map(async (p) => {
        const form = new FormData();
        form.append('componentId', component.id);
        form.append('slot', 'photo'); // an image slot: the server refuses anything that is not an image
        form.append('file', p.file, p.file.name);
        try {
          const f = await api.post<EvidenceFile>('/api/evidence-files', form);
          URL.revokeObjectURL(p.preview);
          return { name: p.file.name, ok: true, verified: p.facts?.sha256 ? p.facts.sha256 === f.sha256 : null };
        } catch (e) {
          return { name: p.file.name, ok: false, verified: null, message: e instanceof ApiError ? (e.forField('file') ?? e.message) : String(e) };
        }
      }),
    );

  const save = async (e?: FormEvent) => {
    e?.preventDefault();
    if (busy) return;
    const body: Record<string, unknown> = { itemId: id, markingRaw: marking };
    if (subAssembly.trim()) body.subAssembly = subAssembly.trim();
    if (position.trim()) body.position = position.trim();
    body.quantity = Number(quantity);
    const confirm: DerivedKey[] = [];
    const expect: Partial<Record<DerivedKey, string | null>> = {};
    const local: { field: string; message: string }[] = [];
    for (const { key } of DERIVED) {
      const typed = overrides[key];
      if (typed === undefined && confirmed.has(key)) {
        // The server's own suggestion, ticked: confirm it and say what was shown, so that a
        // suggestion changed since (a new item context, a new engine) is refused, not confirmed.
        confirm.push(key);
        expect[key] = suggestions[key] ?? null;
        continue;
      }
      // A typed value (or a chosen reading's or window's) is the person's statement; untouched suggestions stay suggestions.
      if (typed === undefined) continue;
      const value = typed.trim();
      if (key === 'makerId') {
        if (!value) body.makerId = null;
        else {
          const org = orgByName.get(value.toLowerCase());
          if (org) body.makerId = org.id;
          else local.push({ field: 'makerId', message: `no organisation named “${value}”; pick one from the list or add it under Organisations` });
        }
      } else if (key === 'makerCountry') body[key] = value ? value.toUpperCase() : null;
      else body[key] = value || null;
    }
    if (confirm.length) {
      body.confirm = confirm;
      body.expect = expect;
    }
    if (local.length) {
      setError(new ApiError(400, 'Invalid input', '', local));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const component = await api.post<Component>('/api/components', body);
      const queued = photos;
      setSaved((s) => [{ component, photos: [] }, ...s]);
      reset();
      if (queued.length) {
        const results = await uploadPhotos(component, queued);
        setSaved((s) => s.map((x) => (x.component.id === component.id ? { ...x, photos: results } : x)));
      }
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, 'Error', String(err)));
    } finally {
      setBusy(false);
    }
  };

  // Ctrl/Cmd+Enter saves from any field: the marking box keeps Enter for its line breaks.
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void save();
    }
  };

  if (item.error) return <div className="card"><ErrorState error={item.error} retry={item.reload} /></div>;
  if (!item.data) return <div className="card"><Loading /></div>;
  const t = i18n.getFixedT(null, 'entry');
  const hasSuggestions = Object.keys(suggestions).length > 0;

  return (
    <>
      <PageHead
        title={t('title')}
        eyebrow={<><Link href="/items">{t('items')}</Link><span aria-hidden="true">/</span><Link href={`/items/${id}`}>{item.data.label}</Link></>}
        lede={<>{t('lede')} <kbd>{t('ctrl')}</kbd>+<kbd>{t('enterKey')}</kbd> {t('ledeKeys')}</>}
        actions={
          <span className="row">
            <Badge tone="accent"><span data-testid="entry-total">{formatNumber(total)}</span>&nbsp;{t('inItem')}</Badge>
            {saved.length > 0 && <Badge tone="green">{t('savedNow', { count: saved.length })}</Badge>}
            <Link href={`/items/${id}`} className="button small">{t('findings')}</Link>
          </span>
        }
      />
      <div className="entry">
        <form className="card" onSubmit={save} onKeyDown={onKeyDown} aria-label={t('newComponent')} noValidate>
          <div className="card-body stack">
            <div className="field">
              <label htmlFor="marking">{t('marking')}</label>
              <textarea
                id="marking"
                ref={markingRef}
                className="marking-input"
                value={marking}
                onChange={(e) => setMarking(e.target.value)}
                placeholder={t('markingPlaceholder')}
                spellCheck={false}
                autoCapitalize="characters"
                autoComplete="off"
                autoFocus
                aria-invalid={errorFor(error, 'markingRaw') ? true : undefined}
                aria-describedby={errorFor(error, 'markingRaw') ? 'marking-error' : undefined}
              />
              {errorFor(error, 'markingRaw') && <div className="error" id="marking-error" role="alert">{errorFor(error, 'markingRaw')}</div>}
            </div>
            <div className="form-grid" style={{ gridTemplateColumns: 'minmax(0,2fr) minmax(0,1fr) 90px' }}>
              <div className="field">
                <label htmlFor="sub">{t('subAssembly')}</label>
                <input id="sub" list="sub-list" value={subAssembly} onChange={(e) => setSubAssembly(e.target.value)} placeholder={t('subAssemblyPlaceholder')} aria-invalid={errorFor(error, 'subAssembly') ? true : undefined} />
                <datalist id="sub-list">{subAssemblies.map((s) => <option key={s} value={s} />)}</datalist>
                {errorFor(error, 'subAssembly') && <div className="error" role="alert">{errorFor(error, 'subAssembly')}</div>}
              </div>
              <div className="field">
                <label htmlFor="pos">{t('position')}</label>
                <input id="pos" value={position} onChange={(e) => setPosition(e.target.value)} placeholder={t('positionPlaceholder')} />
                {errorFor(error, 'position') && <div className="error" role="alert">{errorFor(error, 'position')}</div>}
              </div>
              <div className="field">
                <label htmlFor="qty">{t('quantity')}</label>
                <input id="qty" type="number" min={1} value={quantity} onChange={(e) => setQuantity(e.target.value)} aria-invalid={errorFor(error, 'quantity') ? true : undefined} />
                {errorFor(error, 'quantity') && <div className="error" role="alert">{errorFor(error, 'quantity')}</div>}
              </div>
            </div>
            <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
              <legend className="row" style={{ width: '100%', marginBottom: 8 }}>
                <h3>{t('identification')}</h3>
                <span className="spacer" />
                {hasSuggestions && <button type="button" className="small" onClick={confirmAll}>{t('confirmAll')}</button>}
              </legend>
              <div className="derived">
                {DERIVED.map(({ key, label }) => {
                  const v = valueOf(key);
                  const isSuggestion = overrides[key] === undefined && !!suggestions[key];
                  const err = errorFor(error, key);
                  return (
                    <DerivedRow key={key} field={key} label={t(`field.${key}`, { defaultValue: label })} value={v} suggested={isSuggestion && !confirmed.has(key)} error={err}
                      onChange={(nv) => setOverrides((o) => ({ ...o, [key]: nv }))}
                      confirmable={isSuggestion} confirmed={confirmed.has(key)}
                      onConfirm={(on) => setConfirmed((s) => { const n = new Set(s); if (on) n.add(key); else n.delete(key); return n; })}
                      list={key === 'makerId' ? 'org-list' : undefined}
                    />
                  );
                })}
              </div>
              {shown && <WindowChoice s={shown} current={[valueOf('productionFrom'), valueOf('productionTo')]}
                onPick={(w) => setOverrides((o) => ({ ...o, productionFrom: w.from, productionTo: w.to }))} />}
              <datalist id="org-list">{(orgs.data ?? []).map((o) => <option key={o.id} value={o.name} />)}</datalist>
            </fieldset>
            <PhotoQueue photos={photos} onChange={setPhotos} />
            <FormError messages={error ? (error.errors.length ? error.unclaimed(SHOWN_FIELDS).map((x) => `${x.field}: ${x.message}`) : [error.status === 401 ? t('signIn') : error.message]) : []} />
            <div className="actions">
              <button type="submit" className="primary" disabled={busy || !marking.trim()}>{busy ? t('saving') : t('save')}</button>
              <span className="small muted"><kbd>{t('ctrl')}</kbd>+<kbd>{t('enterKey')}</kbd></span>
              <span className="spacer" />
              <button type="button" className="ghost" onClick={reset}>{t('clear')}</button>
            </div>
          </div>
        </form>
        <div className="stack">
          <section className="card" aria-label={t('readings')}>
            <div className="card-head"><h2>{t('readings')}</h2><span className="hint">{suggested.loading ? t('reading') : suggested.answer ? t('readingsN', { count: suggested.answer.identification.readings.length }) : ''}</span></div>
            <div className="card-body"><Readings state={suggested} chosen={chosen} onChoose={(i) => { setChosen(i); setOverrides(i === 0 ? {} : present(suggested.answer?.readingFields[i])); }} /></div>
          </section>
          <section className="card" aria-label={t('savedSession')}>
            <div className="card-head"><h2>{t('savedTitle')}</h2><span className="hint">{t('newestFirst')}</span></div>
            {saved.length === 0 ? <div className="card-body muted">{t('savedEmpty')}</div> : (
              <ul className="claim-list" aria-live="polite">
                {saved.slice(0, 30).map((s) => <SavedRow key={s.component.id} s={s} />)}
              </ul>
            )}
          </section>
        </div>
      </div>
    </>
  );
}

/**
 * The production window the server suggests and what it means: the window (the best reading's
 * first), the other windows the date code allows beside it, and a way to pick one of them — a
 * pick is the person's statement, saved as confirmed.
 */
function WindowChoice({ s, current, onPick }: { s: ComponentSuggestion; current: [string, string]; onPick: (w: SuggestedWindow) => void }) {
  const { t } = useTranslation('entry');
  if (!s.window) return null;
  const windows = [s.window, ...s.alternatives];
  return (
    <div className="small" style={{ marginTop: 8 }} data-testid="window-choice">
      <div className="row">
        <span>{t('dateCode')} <span className="mono">{s.window.chars}</span>: {s.window.note}</span>
        {s.ambiguous && <Badge tone="amber" title={t('alsoReads', { count: s.alternatives.length, range: formatRange(s.envelopeFrom, s.envelopeTo) })}>{t('ambiguous')}</Badge>}
      </div>
      {s.ambiguous && <WindowList windows={windows} inUse={(w) => current[0] === w.from && current[1] === w.to} inUseLabel={t('shown')} onPick={onPick} />}
    </div>
  );
}

function DerivedRow({ field, label, value, suggested, error, onChange, confirmable, confirmed, onConfirm, list }: {
  field: string; label: string; value: string; suggested: boolean; error?: string; onChange: (v: string) => void;
  confirmable: boolean; confirmed: boolean; onConfirm: (on: boolean) => void; list?: string;
}) {
  const { t } = useTranslation('entry');
  const inputId = `derived-${field}`;
  const type = field === 'productionFrom' || field === 'productionTo' ? 'date' : 'text';
  return (
    <div className="dfield">
      <div className="dfield-head">
        <label htmlFor={inputId}>{label}</label>
        {confirmable && (
          <label className="check small" title={t('confirmTitle', { field: label.toLowerCase() })}>
            <input type="checkbox" checked={confirmed} onChange={(e) => onConfirm(e.target.checked)} aria-label={t('confirmLabel', { field: label.toLowerCase() })} /> {t('confirm')}
          </label>
        )}
      </div>
      <input id={inputId} type={type} list={list} value={value} className={suggested ? 'suggested' : undefined} onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined} aria-describedby={error ? `${inputId}-error` : undefined} />
      {error && <div className="error" id={`${inputId}-error`} role="alert">{error}</div>}
    </div>
  );
}

function SavedRow({ s }: { s: Saved }) {
  const c = s.component;
  const { t } = useTranslation('entry');
  return (
    <li style={{ padding: '10px 14px', borderBottom: '1px solid var(--line)' }}>
      <div className="row">
        <span className="marking">{c.markingRaw.split('\n').join(' · ')}</span>
        <span className="spacer" />
        {c.subAssembly && <Badge>{c.subAssembly}</Badge>}
        {c.quantity > 1 && <Badge>×{c.quantity}</Badge>}
      </div>
      <div className="small muted">
        {[c.partNumber, c.makerCountry && countryName(c.makerCountry), c.productionFrom && formatRange(c.productionFrom, c.productionTo), c.chplTier && `CHPL ${c.chplTier}`].filter(Boolean).join(' · ') || t('noFields')}
      </div>
      {s.photos.map((p) => (
        <div key={p.name} className="small" style={{ color: p.ok ? 'var(--green)' : 'var(--red)' }}>
          {p.ok ? t(p.verified ? 'storedVerified' : 'stored', { name: p.name }) : `✗ ${p.name}: ${p.message}`}
        </div>
      ))}
    </li>
  );
}
