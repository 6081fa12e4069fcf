import { useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useParams } from 'wouter';
import { Trans, useTranslation } from 'react-i18next';
import { useGet } from '../api/hooks';
import { api, ApiError } from '../api/client';
import type { Component, EvidenceFile, Item, Page } from '../api/types';
import { useCanEdit, useCanWrite, useSession } from '../api/session';
import { PageHead } from '../components/Layout';
import { Async, Empty, ErrorState, Loading } from '../components/State';
import { Badge, Country, Illustrative } from '../components/Badge';
import { Readings } from '../components/Readings';
import { WindowList } from '../components/Windows';
import { EvidenceGallery } from '../components/EvidenceGallery';
import { EvidenceUpload } from '../components/EvidenceUpload';
import { NewTraceRequest } from '../components/NewTraceRequest';
import { RecordHistoryCard, useCanSeeHistory } from '../components/RecordHistory';
import { useSuggestion, type ComponentSuggestion, type SuggestedWindow } from '../lib/suggestion';
import { componentName, DERIVED, type DerivedKey } from '../lib/derived';
import { useOrganisationNames } from '../lib/lookups';
import { ReadMarking } from '../components/ReadMarking';
import { PHASE_TONE, type TraceRequest } from '../lib/tracing';
import { formatDate, formatDateTime, formatNumber, formatRange, humanise } from '../lib/format';

/**
 * One component record: its marking, each derived field with whether it is still the engine's
 * suggestion or who confirmed it, the engine's readings of the marking, the item it belongs to,
 * its photos, the trace requests about it and (signed in) its history. Writers confirm or
 * override a field here with `PATCH /api/components/:id` (`confirm: [field]` or the new value).
 */
export default function ComponentPage() {
  const { t } = useTranslation('component');
  const { id } = useParams<{ id: string }>();
  const component = useGet<Component>(`/api/components/${id}`);
  const c = component.data;
  const item = useGet<Item>(c ? `/api/items/${c.itemId}` : null);
  const files = useGet<Page<EvidenceFile>>('/api/evidence-files', { componentId: id, limit: 500 });
  const internal = useCanSeeHistory();
  const canWrite = useCanWrite();
  // Field investigators may not create trace requests (docs/access.md): the button is for analysts and above.
  const canCreate = useCanEdit();
  const [creating, setCreating] = useState(false);
  // Trace requests are never published: only signed-in users ask.
  const requests = useGet<Page<TraceRequest>>(internal ? '/api/trace-requests' : null, { componentId: id, limit: 100 });
  // Today's readings, read by the server in the item's context as a save would read them.
  const readings = useSuggestion(c ? c.markingRaw : '', c ? c.itemId : null);

  if (component.error) return <div className="card"><ErrorState error={component.error} retry={component.reload} /></div>;
  if (!c) return <div className="card"><Loading lines={6} /></div>;
  const title = componentName(c);
  return (
    <>
      <PageHead
        title={title}
        eyebrow={
          <>
            <Link href="/components">{t('components')}</Link>
            <span aria-hidden="true">/</span>
            <Link href={`/items/${c.itemId}/components`}>{item.data?.label ?? t('item')}</Link>
            <Badge tone="outline">{humanise(c.visibility).toLowerCase()}</Badge>
            <Illustrative on={c.illustrative} />
          </>
        }
        lede={<Trans t={t} i18nKey="lede" values={{ marking: c.markingRaw }} components={{ m: <span className="marking" style={{ maxWidth: 'none' }} /> }} />}
      />
      <div className="stack">
        <div className="grid cols-2">
          <DerivedFields c={c} onSaved={component.reload} />
          <section className="card" aria-label={t('readings')}>
            <div className="card-head"><div><h2>{t('readings')}</h2><div className="hint">{t('readingsHint')}</div></div></div>
            <div className="card-body"><Readings state={readings} chosen={-1} /></div>
          </section>
        </div>
        <section className="card" aria-label={t('evidence')}>
          <div className="card-head"><h2>{t('evidence')}</h2><span className="hint">{files.data ? t('files', { count: files.data.data.length }) : ''}</span></div>
          <div className="card-body stack">
            {canWrite && <EvidenceUpload link={{ componentId: c.id }} slot="photo" onUploaded={files.reload} />}
            <Async state={files}>{(f) => <EvidenceGallery files={f.data} viewerTools={canWrite ? (ctx) => <ReadMarking ctx={ctx} componentId={c.id} itemId={c.itemId} onSaved={component.reload} /> : undefined} />}</Async>
          </div>
        </section>
        {internal && (
          <section className="card" aria-label={t('tracing:requests')}>
            <div className="card-head"><h2>{t('tracing:requests')}</h2><div className="row">{canCreate && !creating && <button type="button" className="small primary" onClick={() => setCreating(true)}>{t('tracing:newRequest')}</button>}<Link href="/tracing" className="small">{t('tracing:allRequests')}</Link></div></div>
            <Async state={requests} isEmpty={(p) => p.data.length === 0} empty={<Empty title={t('noRequests')} />}>
              {(p) => (
                <ul className="small" style={{ margin: 0, padding: '12px 16px 12px 32px' }}>
                  {p.data.map((r) => <li key={r.id}><Link href={`/tracing/${r.id}`} className="mono">{r.reference}</Link> {t('tracing:to', { org: r.organisationName ?? t('tracing:anOrganisation') })} <Badge tone={PHASE_TONE[r.deadline.phase] ?? 'neutral'}>{humanise(r.status)}</Badge></li>)}
                </ul>
              )}
            </Async>
          </section>
        )}
        {internal && creating && <NewTraceRequest itemId={c.itemId} componentId={c.id} onCancel={() => setCreating(false)} />}
        <RecordHistoryCard recordType="components" recordId={c.id} what="component" />
      </div>
    </>
  );
}

interface UserRow { id: string; username: string; displayName: string }

/** The derived fields with their status, and the fields a person entered. */
function DerivedFields({ c, onSaved }: { c: Component; onSaved: () => void }) {
  const { t } = useTranslation('component');
  const makers = useOrganisationNames();
  const canWrite = useCanWrite();
  const { session } = useSession();
  const users = useGet<{ data: UserRow[] }>(session?.user ? '/api/users' : null);
  const names = useMemo(() => new Map((users.data?.data ?? []).map((u) => [u.id, u.displayName || u.username])), [users.data]);
  const suggestion = (c.suggestion ?? null) as Record<string, unknown> | null;

  const show = (key: DerivedKey): ReactNode => {
    const v = c[key];
    if (v === null) return <span className="muted">—</span>;
    if (key === 'makerId') return <Link href={`/organisations/${v}`}>{makers.get(v) ?? t('maker')}</Link>;
    if (key === 'makerCountry') return <Country code={v} />;
    if (key === 'productionFrom' || key === 'productionTo') return formatDate(v);
    if (key === 'chplTier') return <Badge tone={v <= '2' ? 'red' : 'neutral'}>{v}</Badge>;
    return <span className="mono">{v}</span>;
  };

  return (
    <section className="card" aria-label={t('fieldsAria')}>
      <div className="card-head"><div><h2>{t('fields')}</h2><div className="hint"><Trans t={t} i18nKey="fieldsHint" components={{ s: <span className="suggested" style={{ padding: '0 4px' }} /> }} /></div></div></div>
      <div className="card-body">
        <dl className="props">
          {DERIVED.map(({ key, label }) => (
            <DerivedRow key={key} c={c} field={key} label={t(`entry:field.${key}`, { defaultValue: label })} value={show(key)} names={names} makers={makers} suggested={suggestedText(key, suggestion)} canWrite={canWrite} onSaved={onSaved} />
          ))}
          {(c.productionFrom || c.productionTo || suggestion) && <StoredWindow c={c} suggestion={suggestion} canWrite={canWrite} onSaved={onSaved} />}
          <dt>{t('serial')}</dt><dd className="mono">{c.serial ?? <span className="muted">—</span>}</dd>
          <dt>{t('quantity')}</dt><dd>{formatNumber(c.quantity)}</dd>
          <dt>{t('subAssembly')}</dt><dd>{c.subAssembly ?? <span className="muted">—</span>}</dd>
          <dt>{t('position')}</dt><dd>{c.position ?? <span className="muted">—</span>}</dd>
          {c.notes && <><dt>{t('notes')}</dt><dd>{c.notes}</dd></>}
          <dt>{t('record')}</dt><dd className="small muted">{t('recordLine', { visibility: humanise(c.visibility).toLowerCase(), date: formatDateTime(c.updatedAt) })}</dd>
        </dl>
      </div>
    </section>
  );
}

/**
 * The stored production window and what it means: whether it is the engine's pick among several
 * windows the date code allows (`ambiguous`, with the envelope findings use conservatively), the
 * alternatives beside it, and a way to pick one — a pick is a confirmation, in the record's history.
 */
function StoredWindow({ c, suggestion, canWrite, onSaved }: { c: Component; suggestion: Partial<ComponentSuggestion> | null; canWrite: boolean; onSaved: () => void }) {
  const { t } = useTranslation('component');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const alternatives = suggestion?.alternatives ?? [];
  const pick = async (w: SuggestedWindow) => {
    setBusy(true);
    setError(null);
    try {
      await api.patch<Component>(`/api/components/${c.id}`, { productionFrom: w.from, productionTo: w.to });
      onSaved();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const windows = suggestion?.window ? [suggestion.window, ...alternatives] : alternatives;
  return (
    <>
      <dt>{t('window')}</dt>
      <dd data-testid="stored-window">
        <div className="row">
          <span>{formatRange(c.productionFrom, c.productionTo)}</span>
          {c.ambiguous && <Badge tone="amber" title={t('ambiguousTitle')}>{t('ambiguous')}</Badge>}
        </div>
        {c.ambiguous && <div className="small muted">{t('conservatively', { range: formatRange(c.envelopeFrom, c.envelopeTo) })}</div>}
        {alternatives.length > 0 && (
          <WindowList windows={windows} inUse={(w) => c.productionFrom === w.from && c.productionTo === w.to} inUseLabel={t('stored')}
            onPick={canWrite ? (w) => void pick(w) : undefined} disabled={busy} />
        )}
        {error && <div className="error small" role="alert">{error}</div>}
      </dd>
    </>
  );
}

/** What the engine proposed for a field, as text (the stored suggestion names the maker, not its record). */
function suggestedText(key: DerivedKey, s: Record<string, unknown> | null): string | null {
  if (!s) return null;
  const v = key === 'makerId' ? s.makerName : s[key];
  return typeof v === 'string' ? v : null;
}

function DerivedRow({ c, field, label, value, names, makers, suggested, canWrite, onSaved }: {
  c: Component; field: DerivedKey; label: string; value: ReactNode; names: Map<string, string>; makers: Map<string, string>;
  suggested: string | null; canWrite: boolean; onSaved: () => void;
}) {
  const { t } = useTranslation('component');
  const status = c.fieldStatus[field];
  const raw = c[field];
  const isSuggestion = status?.state === 'suggested' && raw !== null;
  const [editing, setEditing] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const current = field === 'makerId' ? (raw ? makers.get(raw) ?? '' : '') : (raw ?? '');

  const patch = async (body: Record<string, unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await api.patch<Component>(`/api/components/${c.id}`, body);
      setEditing(null);
      onSaved();
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError(0, 'Error', String(e));
      setError(err.errors.find((x) => x.field === field || x.field === 'confirm')?.message ?? err.message);
    } finally {
      setBusy(false);
    }
  };
  const save = (e: FormEvent) => {
    e.preventDefault();
    const text = (editing ?? '').trim();
    if (field === 'makerId') {
      if (!text) return void patch({ makerId: null });
      const hit = [...makers].find(([, n]) => n.toLowerCase() === text.toLowerCase());
      if (!hit) return setError(t('noOrganisation', { name: text }));
      return void patch({ makerId: hit[0] });
    }
    void patch({ [field]: text ? (field === 'makerCountry' ? text.toUpperCase() : text) : null });
  };

  const by = status?.by ? names.get(status.by) ?? t('aUser') : null;
  const differs = status?.state === 'confirmed' && suggested !== null && suggested !== (field === 'makerId' ? current : raw);
  return (
    <>
      <dt>{label}</dt>
      <dd data-field={field}>
        {editing === null && (
          <div className="row">
            <span className={isSuggestion ? 'suggested' : undefined}>{value}</span>
            {isSuggestion && <Badge tone="amber" title={t('suggestedTitle', { at: formatDateTime(status.at) })}>{t('suggested')}</Badge>}
            {canWrite && isSuggestion && <button type="button" className="small" disabled={busy} onClick={() => void patch({ confirm: [field], expect: { [field]: suggested } })} aria-label={t('confirmLabel', { field: label.toLowerCase() })}>{t('confirm')}</button>}
            {canWrite && <button type="button" className="small ghost" disabled={busy} onClick={() => { setEditing(current); setError(null); }} aria-label={t('changeLabel', { field: label.toLowerCase() })}>{t('change')}</button>}
          </div>
        )}
        {editing === null && status?.state === 'confirmed' && (
          <div className="small muted"><span className="confirmed-mark" aria-hidden="true">✓</span> {by ? t('confirmedByAt', { by, at: formatDateTime(status.at) }) : t('confirmedAt', { at: formatDateTime(status.at) })}</div>
        )}
        {editing !== null && (
          <form className="row" onSubmit={save}>
            <input aria-label={label} value={editing} onChange={(e) => setEditing(e.target.value)} list={field === 'makerId' ? 'component-makers' : undefined}
              type={field === 'productionFrom' || field === 'productionTo' ? 'date' : 'text'} style={{ width: 'auto', flex: '1 1 140px' }} autoFocus />
            {field === 'makerId' && <datalist id="component-makers">{[...makers.values()].map((n) => <option key={n} value={n} />)}</datalist>}
            <button type="submit" className="small primary" disabled={busy}>{t('save')}</button>
            <button type="button" className="small ghost" onClick={() => { setEditing(null); setError(null); }}>{t('cancel')}</button>
          </form>
        )}
        {differs && <div className="small muted"><Trans t={t} i18nKey="engineSuggested" values={{ value: suggested }} components={{ m: <span className="mono" /> }} /></div>}
        {error && <div className="error small" role="alert">{error}</div>}
      </dd>
    </>
  );
}
