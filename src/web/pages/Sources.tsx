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

const KINDS = ['', 'news_report', 'official_statement', 'research_report', 'field_note', 'correspondence'];
const PAGE = 50;

export default function Sources() {
  const [q, setQ] = useState('');
  const [kind, setKind] = useState('');
  const [offset, setOffset] = useState(0);
  const [sort, setSort] = useState<SortState>({ key: 'published', dir: 'desc' });
  const serverSort = { published: 'publishedOn', title: 'title', kind: 'kind' }[sort.key] ?? 'publishedOn';
  const page = useGet<Page<Source>>('/api/sources', { q, kind, limit: PAGE, offset, sort: `${sort.dir === 'desc' ? '-' : ''}${serverSort}` });
  return (
    <>
      <PageHead title="Sources" lede="Reports, statements and field notes the claims come from. Open one to read it with its claims highlighted." />
      <section className="card">
        <div className="filters">
          <TextField label="Search sources" type="search" value={q} onChange={(e) => { setQ(e.target.value); setOffset(0); }} placeholder="Title, publisher, text…" />
          <SelectField label="Kind" value={kind} onChange={(e) => { setKind(e.target.value); setOffset(0); }} options={KINDS.map((k) => ({ value: k, label: k ? humanise(k) : 'Any kind' }))} />
        </div>
        <Async state={page} empty={<Empty title={q || kind ? 'No source matches.' : 'No sources yet.'} />}>
          {(p) => (
            <>
              <DataTable
                rows={p.data}
                rowKey={(s) => s.id}
                caption="Sources"
                sort={sort}
                onSort={setSort}
                columns={[
                  { key: 'title', label: 'Title', serverSort: 'title', render: (s) => <><Link href={`/sources/${s.id}`}>{s.title}</Link> <Illustrative on={s.illustrative} /></> },
                  { key: 'publisher', label: 'Publisher', render: (s) => s.publisher ?? <span className="muted">—</span> },
                  { key: 'kind', label: 'Kind', serverSort: 'kind', render: (s) => <Badge>{humanise(s.kind)}</Badge> },
                  { key: 'published', label: 'Published', serverSort: 'publishedOn', render: (s) => <span className="nowrap">{formatDate(s.publishedOn)}</span> },
                  { key: 'text', label: 'Text', render: (s) => (s.fullText ? <span className="small muted">{Math.round(s.fullText.length / 1000) || '<1'}k chars</span> : <span className="small muted">summary only</span>) },
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
