import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useLocation } from 'wouter';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { useAll, useGet } from '../api/hooks';
import type { Component, Organisation, Page } from '../api/types';
import { FormError, SelectField, TextArea, TextField } from './Field';
import { compact, useForm } from './useForm';
import type { TraceRequest } from '../lib/tracing';
import { componentName } from '../lib/derived';
import { formatNumber, humanise } from '../lib/format';

/**
 * Opens a draft trace request (`POST /api/trace-requests`) to an organisation about some of an
 * item's components, then goes to the new request's page. The addressee starts as the maker of
 * `componentId` (or the maker most of the item's components share); choosing an addressee ticks
 * the components it made, or just `componentId` when given.
 */
export function NewTraceRequest({ itemId, componentId, onCancel }: { itemId: string; componentId?: string; onCancel?: () => void }) {
  const { t } = useTranslation('tracing');
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
    const list: { value: string; label: string }[] = [{ value: '', label: t('new.choose') }];
    const seen = new Set<string>();
    const add = (o: Organisation) => {
      if (seen.has(o.id)) return;
      seen.add(o.id);
      list.push({ value: o.id, label: o.country ? `${o.name} (${o.country})` : o.name });
    };
    if (chosen.data && chosen.data.id === f.values.organisationId) add(chosen.data);
    for (const o of found.data?.data ?? []) add(o);
    return list;
  }, [chosen.data, found.data, f.values.organisationId, t]);

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
    <section className="card" aria-label={t('new.title')}>
      <div className="card-head"><div><h2>{t('new.title')}</h2><div className="hint">{t('new.hint')}</div></div></div>
      <form className="card-body stack" onSubmit={(e) => void submit(e)}>
        <div className="grid cols-2">
          <TextField label={t('new.find')} type="search" value={q} onChange={(e) => setQ(e.target.value)} help={found.data ? t('new.found', { n: formatNumber(found.data.total) }) : t('new.typePart')} />
          <SelectField label={t('new.addressee')} {...f.bind('organisationId')} onChange={(e) => chooseOrganisation(e.target.value)} options={options} />
        </div>
        <fieldset className="field" aria-describedby={componentsError ? 'new-trace-components-error' : undefined}>
          <legend>{t('new.components', { picked: formatNumber(picked.size), total: formatNumber(rows.length) })}</legend>
          <div className="row small" style={{ marginBottom: 4 }}>
            <button type="button" className="small ghost" onClick={() => setPicked(new Set(rows.map((c) => c.id)))}>{t('new.selectAll')}</button>
            <button type="button" className="small ghost" onClick={() => setPicked(new Set())}>{t('new.selectNone')}</button>
          </div>
          {components.loading && !components.data && <div className="small muted">{t('new.loading')}</div>}
          <div style={{ maxHeight: 240, overflow: 'auto' }}>
            {rows.map((c) => (
              <label key={c.id} className="row small" style={{ gap: 6 }}>
                <input type="checkbox" checked={picked.has(c.id)} onChange={(e) => toggle(c.id, e.target.checked)} />
                <span className="mono">{componentName(c)}</span>
                {c.position && <span className="muted">{c.position}</span>}
                {c.makerId && c.makerId === f.values.organisationId && <span className="muted">{t('new.madeByAddressee')}</span>}
              </label>
            ))}
          </div>
          {componentsError && <div className="error" id="new-trace-components-error" role="alert">{componentsError}</div>}
        </fieldset>
        <TextArea label={t('new.context')} rows={3} {...f.bind('context')} help={t('new.contextHelp')} />
        <div className="grid cols-2">
          <TextField label={t('new.signing')} {...f.bind('signingOrganisation')} />
          <SelectField label={t('new.visibility')} {...f.bind('visibility')} options={['restricted', 'internal'].map((v) => ({ value: v, label: humanise(v) }))} />
        </div>
        <TextArea label={t('new.notes')} rows={2} {...f.bind('notes')} help={t('new.notesHelp')} />
        <label className="row small">
          <input type="checkbox" checked={f.values.illustrative} onChange={(e) => f.set('illustrative', e.target.checked)} /> {t('new.illustrative')}
        </label>
        <FormError messages={f.otherErrors(['organisationId', 'componentIds', 'context', 'signingOrganisation', 'notes', 'visibility', 'illustrative'])} />
        <div className="row">
          <button type="submit" className="primary" disabled={f.busy}>{t('new.create')}</button>
          {onCancel && <button type="button" className="ghost" onClick={onCancel}>{t('new.cancel')}</button>}
        </div>
      </form>
    </section>
  );
}
