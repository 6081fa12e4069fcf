import { useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useParams } from 'wouter';
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
import { formatDate, formatDateTime, formatNumber, formatRange, humanise, plural } from '../lib/format';

/**
 * One component record: its marking, each derived field with whether it is still the engine's
 * suggestion or who confirmed it, the engine's readings of the marking, the item it belongs to,
 * its photos, the trace requests about it and (signed in) its history. Writers confirm or
 * override a field here with `PATCH /api/components/:id` (`confirm: [field]` or the new value).
 */
export default function ComponentPage() {
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
            <Link href="/components">Components</Link>
            <span aria-hidden="true">/</span>
            <Link href={`/items/${c.itemId}/components`}>{item.data?.label ?? 'Item'}</Link>
            <Badge tone="outline">{c.visibility}</Badge>
            <Illustrative on={c.illustrative} />
          </>
        }
        lede={<>Marking as printed: <span className="marking" style={{ maxWidth: 'none' }}>{c.markingRaw}</span></>}
      />
      <div className="stack">
        <div className="grid cols-2">
          <DerivedFields c={c} onSaved={component.reload} />
          <section className="card" aria-label="Readings">
            <div className="card-head"><div><h2>Readings</h2><div className="hint">What the identification engine reads in this marking today; the best reading is what it suggested</div></div></div>
            <div className="card-body"><Readings state={readings} chosen={-1} /></div>
          </section>
        </div>
        <section className="card" aria-label="Evidence">
          <div className="card-head"><h2>Evidence</h2><span className="hint">{files.data ? plural(files.data.data.length, 'file') : ''}</span></div>
          <div className="card-body stack">
            {canWrite && <EvidenceUpload link={{ componentId: c.id }} slot="photo" onUploaded={files.reload} />}
            <Async state={files}>{(f) => <EvidenceGallery files={f.data} viewerTools={canWrite ? (ctx) => <ReadMarking ctx={ctx} componentId={c.id} itemId={c.itemId} onSaved={component.reload} /> : undefined} />}</Async>
          </div>
        </section>
        {internal && (
          <section className="card" aria-label="Trace requests">
            <div className="card-head"><h2>Trace requests</h2><div className="row">{canCreate && !creating && <button type="button" className="small primary" onClick={() => setCreating(true)}>New trace request</button>}<Link href="/tracing" className="small">All trace requests</Link></div></div>
            <Async state={requests} isEmpty={(p) => p.data.length === 0} empty={<Empty title="No trace request includes this component." />}>
              {(p) => (
                <ul className="small" style={{ margin: 0, padding: '12px 16px 12px 32px' }}>
                  {p.data.map((r) => <li key={r.id}><Link href={`/tracing/${r.id}`} className="mono">{r.reference}</Link> to {r.organisationName ?? 'an organisation'} <Badge tone={PHASE_TONE[r.deadline.phase] ?? 'neutral'}>{humanise(r.status)}</Badge></li>)}
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
  const makers = useOrganisationNames();
  const canWrite = useCanWrite();
  const { session } = useSession();
  const users = useGet<{ data: UserRow[] }>(session?.user ? '/api/users' : null);
  const names = useMemo(() => new Map((users.data?.data ?? []).map((u) => [u.id, u.displayName || u.username])), [users.data]);
  const suggestion = (c.suggestion ?? null) as Record<string, unknown> | null;

  const show = (key: DerivedKey): ReactNode => {
    const v = c[key];
    if (v === null) return <span className="muted">—</span>;
    if (key === 'makerId') return <Link href={`/organisations/${v}`}>{makers.get(v) ?? 'Maker'}</Link>;
    if (key === 'makerCountry') return <Country code={v} />;
    if (key === 'productionFrom' || key === 'productionTo') return formatDate(v);
    if (key === 'chplTier') return <Badge tone={v <= '2' ? 'red' : 'neutral'}>{v}</Badge>;
    return <span className="mono">{v}</span>;
  };

  return (
    <section className="card" aria-label="Derived fields">
      <div className="card-head"><div><h2>Fields</h2><div className="hint"><span className="suggested" style={{ padding: '0 4px' }}>tinted</span> = suggested by the engine, not yet confirmed</div></div></div>
      <div className="card-body">
        <dl className="props">
          {DERIVED.map(({ key, label }) => (
            <DerivedRow key={key} c={c} field={key} label={label} value={show(key)} names={names} makers={makers} suggested={suggestedText(key, suggestion)} canWrite={canWrite} onSaved={onSaved} />
          ))}
          {(c.productionFrom || c.productionTo || suggestion) && <StoredWindow c={c} suggestion={suggestion} canWrite={canWrite} onSaved={onSaved} />}
          <dt>Serial</dt><dd className="mono">{c.serial ?? <span className="muted">—</span>}</dd>
          <dt>Quantity</dt><dd>{formatNumber(c.quantity)}</dd>
          <dt>Sub-assembly</dt><dd>{c.subAssembly ?? <span className="muted">—</span>}</dd>
          <dt>Position</dt><dd>{c.position ?? <span className="muted">—</span>}</dd>
          {c.notes && <><dt>Notes</dt><dd>{c.notes}</dd></>}
          <dt>Record</dt><dd className="small muted">{c.visibility} · updated {formatDateTime(c.updatedAt)}</dd>
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
      <dt>Production window</dt>
      <dd data-testid="stored-window">
        <div className="row">
          <span>{formatRange(c.productionFrom, c.productionTo)}</span>
          {c.ambiguous && <Badge tone="amber" title="The date code allows other windows and no one has chosen between them">ambiguous</Badge>}
        </div>
        {c.ambiguous && <div className="small muted">conservatively {formatRange(c.envelopeFrom, c.envelopeTo)} (every window the code allows)</div>}
        {alternatives.length > 0 && (
          <WindowList windows={windows} inUse={(w) => c.productionFrom === w.from && c.productionTo === w.to} inUseLabel="stored"
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
      if (!hit) return setError(`no organisation named “${text}”; add it under Organisations first`);
      return void patch({ makerId: hit[0] });
    }
    void patch({ [field]: text ? (field === 'makerCountry' ? text.toUpperCase() : text) : null });
  };

  const by = status?.by ? names.get(status.by) ?? 'a user' : null;
  const differs = status?.state === 'confirmed' && suggested !== null && suggested !== (field === 'makerId' ? current : raw);
  return (
    <>
      <dt>{label}</dt>
      <dd data-field={field}>
        {editing === null && (
          <div className="row">
            <span className={isSuggestion ? 'suggested' : undefined}>{value}</span>
            {isSuggestion && <Badge tone="amber" title={`Suggested by the identification engine ${formatDateTime(status.at)}`}>suggested</Badge>}
            {canWrite && isSuggestion && <button type="button" className="small" disabled={busy} onClick={() => void patch({ confirm: [field], expect: { [field]: suggested } })} aria-label={`Confirm ${label.toLowerCase()}`}>Confirm</button>}
            {canWrite && <button type="button" className="small ghost" disabled={busy} onClick={() => { setEditing(current); setError(null); }} aria-label={`Change ${label.toLowerCase()}`}>Change</button>}
          </div>
        )}
        {editing === null && status?.state === 'confirmed' && (
          <div className="small muted"><span className="confirmed-mark" aria-hidden="true">✓</span> confirmed{by ? ` by ${by}` : ''} {formatDateTime(status.at)}</div>
        )}
        {editing !== null && (
          <form className="row" onSubmit={save}>
            <input aria-label={label} value={editing} onChange={(e) => setEditing(e.target.value)} list={field === 'makerId' ? 'component-makers' : undefined}
              type={field === 'productionFrom' || field === 'productionTo' ? 'date' : 'text'} style={{ width: 'auto', flex: '1 1 140px' }} autoFocus />
            {field === 'makerId' && <datalist id="component-makers">{[...makers.values()].map((n) => <option key={n} value={n} />)}</datalist>}
            <button type="submit" className="small primary" disabled={busy}>Save</button>
            <button type="button" className="small ghost" onClick={() => { setEditing(null); setError(null); }}>Cancel</button>
          </form>
        )}
        {differs && <div className="small muted">the engine suggested <span className="mono">{suggested}</span></div>}
        {error && <div className="error small" role="alert">{error}</div>}
      </dd>
    </>
  );
}
