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
import { formatDate, humanise, localName } from '../lib/format';
import { useTranslation } from 'react-i18next';

const PAGE = 50;

function NewItemForm({ onDone }: { onDone: () => void }) {
  const incidents = useAll<Incident>('/api/incidents');
  const [, navigate] = useLocation();
  const { t } = useTranslation('items');
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
    <form className="card" onSubmit={submit} aria-label={t('newItem')} noValidate>
      <div className="card-head"><h2>{t('newItem')}</h2><span className="hint">{t('newItemHint')}</span></div>
      <div className="card-body stack">
        <div className="form-grid">
          <TextField label={t('label')} required placeholder={t('labelPlaceholder')} {...f.bind('label')} autoFocus />
          <TextField label={t('weaponModel')} placeholder={t('modelPlaceholder')} {...f.bind('weaponModel')} />
          <SelectField label={t('incident')} {...f.bind('incidentId')} options={[{ value: '', label: t('none') }, ...(incidents.data ?? []).map((i) => ({ value: i.id, label: `${formatDate(i.occurredFrom)} · ${i.title}` }))]} />
          <TextField label={t('recoveredOn')} type="date" {...f.bind('recoveredOn')} />
          <TextField label={t('recoveredAt')} {...f.bind('recoveredPlace')} />
          <SelectField label={t('visibility')} {...f.bind('visibility')} options={['internal', 'restricted', 'public'].map((v) => ({ value: v, label: humanise(v) }))} />
        </div>
        <FormError messages={f.otherErrors(['label', 'weaponModel', 'incidentId', 'recoveredOn', 'recoveredPlace', 'visibility'])} />
        <div className="actions">
          <button type="submit" className="primary" disabled={f.busy}>{f.busy ? t('creating') : t('create')}</button>
          <button type="button" onClick={onDone}>{t('cancel')}</button>
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
  const { t } = useTranslation('items');
  const serverSort = { label: 'label', model: 'weaponModel', recovered: 'recoveredOn' }[sort.key] ?? 'label';
  const page = useGet<Page<Item>>('/api/items', { q, limit: PAGE, offset, sort: `${sort.dir === 'desc' ? '-' : ''}${serverSort}` });
  return (
    <>
      <PageHead
        title={t('title')}
        lede={t('lede')}
        actions={canWrite && !adding ? <button type="button" className="primary" onClick={() => setAdding(true)}>{t('newItem')}</button> : undefined}
      />
      <div className="stack">
        {adding && <NewItemForm onDone={() => { setAdding(false); page.reload(); }} />}
        <section className="card">
          <div className="filters">
            <div className="field" style={{ flex: '1 1 260px' }}>
              <label htmlFor="item-q">{t('search')}</label>
              <input id="item-q" type="search" value={q} placeholder={t('searchPlaceholder')} onChange={(e) => { setQ(e.target.value); setOffset(0); }} />
            </div>
          </div>
          <Async state={page} empty={<Empty title={q ? t('noMatch') : t('noItems')}>{!q && canWrite && t('createHint')}</Empty>}>
            {(p) => (
              <>
                <DataTable
                  rows={p.data}
                  rowKey={(i) => i.id}
                  caption={t('caption')}
                  sort={sort}
                  onSort={setSort}
                  columns={[
                    { key: 'label', label: t('col.item'), serverSort: 'label', render: (i) => <><Link href={`/items/${i.id}`}>{i.label}</Link> <Illustrative on={i.illustrative} /></> },
                    { key: 'model', label: t('col.weapon'), serverSort: 'weaponModel', render: (i) => i.weaponModel ?? <span className="muted">—</span> },
                    { key: 'conf', label: t('col.identification'), render: (i) => <Confidence value={i.identificationConfidence} /> },
                    { key: 'recovered', label: t('col.recovered'), serverSort: 'recoveredOn', render: (i) => <span className="nowrap">{formatDate(i.recoveredOn)}</span> },
                    { key: 'place', label: t('col.place'), render: (i) => localName(i.recoveredPlace, i.recoveredPlaceUk) ?? <span className="muted">—</span> },
                    { key: 'enter', label: '', render: (i) => canWrite && <Link href={`/items/${i.id}/enter`} className="small nowrap">{t('enter')}</Link> },
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
