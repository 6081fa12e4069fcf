import { useState } from 'react';
import { Link } from 'wouter';
import { useGet } from '../api/hooks';
import type { Page, Source } from '../api/types';
import { PageHead } from '../components/Layout';
import { Async, Empty } from '../components/State';
import { DataTable, type SortState } from '../components/DataTable';
import { Badge, Illustrative } from '../components/Badge';
import { SelectField, TextField } from '../components/Field';
import { Pager } from '../components/Pager';
import { formatDate, humanise } from '../lib/format';
import { useTranslation } from 'react-i18next';

const KINDS = ['', 'news_report', 'official_statement', 'research_report', 'field_note', 'correspondence'];
const PAGE = 50;

export default function Sources() {
  const { t } = useTranslation('sources');
  const [q, setQ] = useState('');
  const [kind, setKind] = useState('');
  const [offset, setOffset] = useState(0);
  const [sort, setSort] = useState<SortState>({ key: 'published', dir: 'desc' });
  const serverSort = { published: 'publishedOn', title: 'title', kind: 'kind' }[sort.key] ?? 'publishedOn';
  const page = useGet<Page<Source>>('/api/sources', { q, kind, limit: PAGE, offset, sort: `${sort.dir === 'desc' ? '-' : ''}${serverSort}` });
  return (
    <>
      <PageHead title={t('title')} lede={t('lede')} />
      <section className="card">
        <div className="filters">
          <TextField label={t('search')} type="search" value={q} onChange={(e) => { setQ(e.target.value); setOffset(0); }} placeholder={t('searchPlaceholder')} />
          <SelectField label={t('kind')} value={kind} onChange={(e) => { setKind(e.target.value); setOffset(0); }} options={KINDS.map((k) => ({ value: k, label: k ? humanise(k) : t('anyKind') }))} />
        </div>
        <Async state={page} empty={<Empty title={q || kind ? t('noMatch') : t('none')} />}>
          {(p) => (
            <>
              <DataTable
                rows={p.data}
                rowKey={(s) => s.id}
                caption={t('caption')}
                sort={sort}
                onSort={setSort}
                columns={[
                  { key: 'title', label: t('col.title'), serverSort: 'title', render: (s) => <><Link href={`/sources/${s.id}`}>{s.title}</Link> <Illustrative on={s.illustrative} /></> },
                  { key: 'publisher', label: t('col.publisher'), render: (s) => s.publisher ?? <span className="muted">—</span> },
                  { key: 'kind', label: t('col.kind'), serverSort: 'kind', render: (s) => <Badge>{humanise(s.kind)}</Badge> },
                  { key: 'published', label: t('col.published'), serverSort: 'publishedOn', render: (s) => <span className="nowrap">{formatDate(s.publishedOn)}</span> },
                  { key: 'text', label: t('col.text'), render: (s) => (s.fullText ? <span className="small muted">{t('chars', { k: Math.round(s.fullText.length / 1000) || '<1' })}</span> : <span className="small muted">{t('summaryOnly')}</span>) },
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
