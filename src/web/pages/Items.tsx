import { useState, type FormEvent } from 'react';
import { Link, useLocation } from 'wouter';
import { api } from '../api/client';
import { useAll, useGet } from '../api/hooks';
import type { Incident, Item, Page } from '../api/types';
import { useCanWrite } from '../api/session';
import { PageHead } from '../components/Layout';
import { Async, Empty } from '../components/State';
import { DataTable, type SortState } from '../components/DataTable';
import { Confidence, Illustrative } from '../components/Badge';
import { FormError, SelectField, TextField } from '../components/Field';
import { compact, useForm } from '../components/useForm';
import { Pager } from '../components/Pager';
import { formatDate } from '../lib/format';

const PAGE = 50;

function NewItemForm({ onDone }: { onDone: () => void }) {
  const incidents = useAll<Incident>('/api/incidents');
  const [, navigate] = useLocation();
  const f = useForm({ label: '', weaponModel: '', incidentId: '', recoveredOn: '', recoveredPlace: '', visibility: 'internal' });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const item = await f.run(() => api.post<Item>('/api/items', compact(f.values)));
    if (item) {
      onDone();
      navigate(`/items/${item.id}/enter`);
    }
  };
  return (
    <form className="card" onSubmit={submit} aria-label="New item" noValidate>
      <div className="card-head"><h2>New item</h2><span className="hint">A recovered weapon or fragment</span></div>
      <div className="card-body stack">
        <div className="form-grid">
          <TextField label="Label" required placeholder="e.g. Kharkiv debris, 2 Jan 2024" {...f.bind('label')} autoFocus />
          <TextField label="Weapon model" placeholder="e.g. KN-23" {...f.bind('weaponModel')} />
          <SelectField label="Incident" {...f.bind('incidentId')} options={[{ value: '', label: '— none —' }, ...(incidents.data ?? []).map((i) => ({ value: i.id, label: `${formatDate(i.occurredFrom)} · ${i.title}` }))]} />
          <TextField label="Recovered on" type="date" {...f.bind('recoveredOn')} />
          <TextField label="Recovered at" {...f.bind('recoveredPlace')} />
          <SelectField label="Visibility" {...f.bind('visibility')} options={[{ value: 'internal', label: 'Internal' }, { value: 'restricted', label: 'Restricted' }, { value: 'public', label: 'Public' }]} />
        </div>
        <FormError messages={f.otherErrors(['label', 'weaponModel', 'incidentId', 'recoveredOn', 'recoveredPlace', 'visibility'])} />
        <div className="actions">
          <button type="submit" className="primary" disabled={f.busy}>{f.busy ? 'Creating…' : 'Create and enter components'}</button>
          <button type="button" onClick={onDone}>Cancel</button>
        </div>
      </div>
    </form>
  );
}

export default function Items() {
  const [q, setQ] = useState('');
  const [offset, setOffset] = useState(0);
  const [sort, setSort] = useState<SortState>({ key: 'label', dir: 'asc' });
  const [adding, setAdding] = useState(false);
  const canWrite = useCanWrite();
  const serverSort = { label: 'label', model: 'weaponModel', recovered: 'recoveredOn' }[sort.key] ?? 'label';
  const page = useGet<Page<Item>>('/api/items', { q, limit: PAGE, offset, sort: `${sort.dir === 'desc' ? '-' : ''}${serverSort}` });
  return (
    <>
      <PageHead
        title="Items"
        lede="Recovered weapons and fragments. Open one to see its findings and components, or to enter components from its markings."
        actions={canWrite && !adding ? <button type="button" className="primary" onClick={() => setAdding(true)}>New item</button> : undefined}
      />
      <div className="stack">
        {adding && <NewItemForm onDone={() => { setAdding(false); page.reload(); }} />}
        <section className="card">
          <div className="filters">
            <div className="field" style={{ flex: '1 1 260px' }}>
              <label htmlFor="item-q">Search items</label>
              <input id="item-q" type="search" value={q} placeholder="Label, model, place, description…" onChange={(e) => { setQ(e.target.value); setOffset(0); }} />
            </div>
          </div>
          <Async state={page} empty={<Empty title={q ? 'No item matches.' : 'No items yet.'}>{!q && canWrite && 'Create one with “New item”.'}</Empty>}>
            {(p) => (
              <>
                <DataTable
                  rows={p.data}
                  rowKey={(i) => i.id}
                  caption="Items"
                  sort={sort}
                  onSort={setSort}
                  columns={[
                    { key: 'label', label: 'Item', serverSort: 'label', render: (i) => <><Link href={`/items/${i.id}`}>{i.label}</Link> <Illustrative on={i.illustrative} /></> },
                    { key: 'model', label: 'Weapon', serverSort: 'weaponModel', render: (i) => i.weaponModel ?? <span className="muted">—</span> },
                    { key: 'conf', label: 'Identification', render: (i) => <Confidence value={i.identificationConfidence} /> },
                    { key: 'recovered', label: 'Recovered', serverSort: 'recoveredOn', render: (i) => <span className="nowrap">{formatDate(i.recoveredOn)}</span> },
                    { key: 'place', label: 'Place', render: (i) => i.recoveredPlace ?? <span className="muted">—</span> },
                    { key: 'enter', label: '', render: (i) => canWrite && <Link href={`/items/${i.id}/enter`} className="small nowrap">Enter components</Link> },
                  ]}
                />
                <Pager total={p.total} exact={p.totalExact !== false} offset={offset} limit={PAGE} onChange={setOffset} />
              </>
            )}
          </Async>
        </section>
      </div>
    </>
  );
}
