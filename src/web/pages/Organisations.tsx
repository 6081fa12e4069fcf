import { useState } from 'react';
import { Link, useSearch } from 'wouter';
import { useGet } from '../api/hooks';
import type { Organisation, Page } from '../api/types';
import { PageHead } from '../components/Layout';
import { Async, Empty } from '../components/State';
import { DataTable, type SortState } from '../components/DataTable';
import { Badge, Country, Illustrative } from '../components/Badge';
import { SelectField, TextField } from '../components/Field';
import { Pager } from '../components/Pager';
import { humanise, localName } from '../lib/format';
import { useTranslation } from 'react-i18next';

const KINDS = ['', 'manufacturer', 'distributor', 'broker', 'end_user', 'government', 'research_organisation', 'other'];
const PAGE = 50;

export default function Organisations() {
  const { t } = useTranslation('organisations');
  const params = new URLSearchParams(useSearch());
  const [q, setQ] = useState('');
  const [kind, setKind] = useState(params.get('kind') ?? '');
  const [country, setCountry] = useState(params.get('country') ?? '');
  const [offset, setOffset] = useState(0);
  const [sort, setSort] = useState<SortState>({ key: 'name', dir: 'asc' });
  const serverSort = { name: 'name', country: 'country', kind: 'kind' }[sort.key] ?? 'name';
  const page = useGet<Page<Organisation>>('/api/organisations', { q, kind, country: country.trim() || undefined, limit: PAGE, offset, sort: `${sort.dir === 'desc' ? '-' : ''}${serverSort}` });
  return (
    <>
      <PageHead title={t('title')} lede={t('lede')} />
      <section className="card">
        <div className="filters">
          <TextField label={t('search')} type="search" value={q} onChange={(e) => { setQ(e.target.value); setOffset(0); }} placeholder={t('searchPlaceholder')} />
          <SelectField label={t('kind')} value={kind} onChange={(e) => { setKind(e.target.value); setOffset(0); }} options={KINDS.map((k) => ({ value: k, label: k ? humanise(k) : t('anyKind') }))} />
          <TextField label={t('country')} value={country} onChange={(e) => { setCountry(e.target.value); setOffset(0); }} placeholder={t('countryPlaceholder')} help={t('countryHelp')} error={page.error?.forField('country')} />
        </div>
        <Async state={page} empty={<Empty title={t('noMatch')} />}>
          {(p) => (
            <>
              <DataTable
                rows={p.data}
                rowKey={(o) => o.id}
                caption={t('caption')}
                sort={sort}
                onSort={setSort}
                columns={[
                  { key: 'name', label: t('col.name'), serverSort: 'name', render: (o) => <><Link href={`/organisations/${o.id}`}>{localName(o.name, o.nameUk)}</Link> <Illustrative on={o.illustrative} />{o.aliases.length > 0 && <div className="small muted">{t('also', { aliases: o.aliases.slice(0, 3).join(', ') })}</div>}</> },
                  { key: 'kind', label: t('col.kind'), serverSort: 'kind', render: (o) => <Badge>{humanise(o.kind)}</Badge> },
                  { key: 'country', label: t('col.country'), serverSort: 'country', render: (o) => <Country code={o.country} /> },
                ]}
              />
              <Pager total={p.total} exact={p.totalExact !== false} offset={offset} limit={PAGE} onChange={setOffset} />
            </>
          )}
        </Async>
      </section>
    </>
  );
}
