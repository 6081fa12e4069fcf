import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useLocation } from 'wouter';
import { api } from '../api/client';
import { useAll, useGet } from '../api/hooks';
import type { Component, Organisation, Page } from '../api/types';
import { FormError, SelectField, TextArea, TextField } from './Field';
import { compact, useForm } from './useForm';
import type { TraceRequest } from '../lib/tracing';
import { componentName } from '../lib/derived';

/**
 * Opens a draft trace request (`POST /api/trace-requests`) to an organisation about some of an
 * item's components, then goes to the new request's page. The addressee starts as the maker of
 * `componentId` (or the maker most of the item's components share); choosing an addressee ticks
 * the components it made, or just `componentId` when given.
 */
export function NewTraceRequest({ itemId, componentId, onCancel }: { itemId: string; componentId?: string; onCancel?: () => void }) {
  const [, navigate] = useLocation();
  const components = useAll<Component>('/api/components', { itemId, sort: 'createdAt' });
  const rows = useMemo(() => components.data ?? [], [components.data]);
  const f = useForm({ organisationId: '', context: '', signingOrganisation: '', notes: '', visibility: 'restricted', illustrative: false as boolean });
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [q, setQ] = useState('');
  const [seeded, setSeeded] = useState(false);

  // Once the components are in: the maker of the current one, else the commonest maker, and its components.
  useEffect(() => {
    if (seeded || !components.data) return;
    setSeeded(true);
    const current = rows.find((c) => c.id === componentId);
    let maker = current?.makerId ?? null;
    if (!maker) {
      const counts = new Map<string, number>();
      for (const c of rows) if (c.makerId) counts.set(c.makerId, (counts.get(c.makerId) ?? 0) + 1);
      maker = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
    }
    if (maker) f.set('organisationId', maker);
    setPicked(new Set(current ? [current.id] : rows.filter((c) => maker && c.makerId === maker).map((c) => c.id)));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [components.data, seeded]);

  const chosen = useGet<Organisation>(f.values.organisationId ? `/api/organisations/${f.values.organisationId}` : null);
  const found = useGet<Page<Organisation>>(q.trim() ? '/api/organisations' : null, { q: q.trim(), limit: 20 });
  const options = useMemo(() => {
    const list: { value: string; label: string }[] = [{ value: '', label: 'Choose…' }];
    const seen = new Set<string>();
    const add = (o: Organisation) => {
      if (seen.has(o.id)) return;
      seen.add(o.id);
      list.push({ value: o.id, label: o.country ? `${o.name} (${o.country})` : o.name });
    };
    if (chosen.data && chosen.data.id === f.values.organisationId) add(chosen.data);
    for (const o of found.data?.data ?? []) add(o);
    return list;
  }, [chosen.data, found.data, f.values.organisationId]);

  const chooseOrganisation = (orgId: string) => {
    f.set('organisationId', orgId);
    // Without a current component, the new addressee's own components are the likely subject.
    if (!componentId) {
      const theirs = rows.filter((c) => c.makerId === orgId).map((c) => c.id);
      if (theirs.length) setPicked(new Set(theirs));
    }
  };
  const toggle = (cid: string, on: boolean) => setPicked((s) => {
    const next = new Set(s);
    if (on) next.add(cid);
    else next.delete(cid);
    return next;
  });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const v = f.values;
    const created = await f.run(() => api.post<TraceRequest>('/api/trace-requests', {
      ...compact({ organisationId: v.organisationId, context: v.context, signingOrganisation: v.signingOrganisation, notes: v.notes, visibility: v.visibility }),
      componentIds: rows.filter((c) => picked.has(c.id)).map((c) => c.id),
      illustrative: v.illustrative,
    }));
    if (created) navigate(`/tracing/${created.id}`);
  };

  const componentsError = f.error?.forField('componentIds');
  return (
    <section className="card" aria-label="New trace request">
      <div className="card-head"><div><h2>New trace request</h2><div className="hint">A draft to the organisation; mark it sent once the letter has left</div></div></div>
      <form className="card-body stack" onSubmit={(e) => void submit(e)}>
        <div className="grid cols-2">
          <TextField label="Find organisation by name" type="search" value={q} onChange={(e) => setQ(e.target.value)} help={found.data ? `${found.data.total} found` : 'Type part of a name'} />
          <SelectField label="Addressee" {...f.bind('organisationId')} onChange={(e) => chooseOrganisation(e.target.value)} options={options} />
        </div>
        <fieldset className="field" aria-describedby={componentsError ? 'new-trace-components-error' : undefined}>
          <legend>Components to ask about ({picked.size} of {rows.length})</legend>
          <div className="row small" style={{ marginBottom: 4 }}>
            <button type="button" className="small ghost" onClick={() => setPicked(new Set(rows.map((c) => c.id)))}>Select all</button>
            <button type="button" className="small ghost" onClick={() => setPicked(new Set())}>Select none</button>
          </div>
          {components.loading && !components.data && <div className="small muted">Loading the item’s components…</div>}
          <div style={{ maxHeight: 240, overflow: 'auto' }}>
            {rows.map((c) => (
              <label key={c.id} className="row small" style={{ gap: 6 }}>
                <input type="checkbox" checked={picked.has(c.id)} onChange={(e) => toggle(c.id, e.target.checked)} />
                <span className="mono">{componentName(c)}</span>
                {c.position && <span className="muted">{c.position}</span>}
                {c.makerId && c.makerId === f.values.organisationId && <span className="muted">(made by the addressee)</span>}
              </label>
            ))}
          </div>
          {componentsError && <div className="error" id="new-trace-components-error" role="alert">{componentsError}</div>}
        </fieldset>
        <TextArea label="Case context" rows={3} {...f.bind('context')} help="Printed in the letter: what was recovered where, why you ask" />
        <div className="grid cols-2">
          <TextField label="Signing organisation" {...f.bind('signingOrganisation')} />
          <SelectField label="Visibility" {...f.bind('visibility')} options={[{ value: 'restricted', label: 'Restricted' }, { value: 'internal', label: 'Internal' }]} />
        </div>
        <TextArea label="Notes" rows={2} {...f.bind('notes')} help="Internal; not in the letter" />
        <label className="row small">
          <input type="checkbox" checked={f.values.illustrative} onChange={(e) => f.set('illustrative', e.target.checked)} /> Illustrative (training or demo data)
        </label>
        <FormError messages={f.otherErrors(['organisationId', 'componentIds', 'context', 'signingOrganisation', 'notes', 'visibility', 'illustrative'])} />
        <div className="row">
          <button type="submit" className="primary" disabled={f.busy}>Create trace request</button>
          {onCancel && <button type="button" className="ghost" onClick={onCancel}>Cancel</button>}
        </div>
      </form>
    </section>
  );
}
