import { useMemo, useState } from 'react';
import { Link, useSearch } from 'wouter';
import { useAll, useGet } from '../api/hooks';
import { useCanReview } from '../api/session';
import { LedgerView, type Ledger } from '../components/Ledger';
import type { Claim, Source } from '../api/types';
import { PageHead } from '../components/Layout';
import { Async, Empty } from '../components/State';
import { DataTable } from '../components/DataTable';
import { Badge, ClaimStatus } from '../components/Badge';
import { SelectField, TextField } from '../components/Field';
import { formatDate, formatDateAt, formatQuantity, formatRange, humanise, plural } from '../lib/format';

const STATUSES = ['', 'unverified', 'corroborated', 'disputed', 'refuted'];

export default function Claims() {
  const selected = new URLSearchParams(useSearch()).get('claim');
  const [q, setQ] = useState('');
  const [status, setStatus] = useState('');
  const claims = useAll<Claim>('/api/claims', { q: q || undefined, status: status || undefined });
  const sources = useAll<Source>('/api/sources');
  const sourceById = useMemo(() => new Map((sources.data ?? []).map((s) => [s.id, s])), [sources.data]);
  // The server's ledger: topics, the conflicts it found, rulings. Conflicts are never re-detected here.
  const ledger = useGet<Ledger>('/api/ledger');
  const canReview = useCanReview();

  return (
    <>
      <PageHead title="Claims ledger" lede="Every statement about the case, who made it and when, with its source. Claims that count the same thing but disagree are set side by side." />
      <div className="stack">
        <section className="card" aria-label="Ledger">
          <div className="card-head">
            <div><h2>Ledger</h2><div className="hint">Claims filed under topics, side by side; conflicts found by the server</div></div>
            {ledger.data && <Badge tone={ledger.data.conflictCount ? 'red' : 'green'}>{plural(ledger.data.conflictCount, 'conflict')}</Badge>}
          </div>
          <Async state={ledger}>{(l) => <LedgerView ledger={l} selected={selected} canReview={canReview} onRuled={ledger.reload} />}</Async>
          {ledger.data && ledger.data.unfiled.length > 0 && <div className="card-body small muted">{plural(ledger.data.unfiled.length, 'claim')} not yet filed under a topic (listed below); the server compares claims once they are filed.</div>}
        </section>
        <section className="card" aria-label="All claims">
          <div className="filters">
            <TextField label="Search claims" type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="Speaker, quote, place…" className="grow" />
            <SelectField label="Status" value={status} onChange={(e) => setStatus(e.target.value)} options={STATUSES.map((s) => ({ value: s, label: s ? humanise(s) : 'Any status' }))} />
            {claims.data && <span className="small muted">{plural(claims.data.length, 'claim')}</span>}
          </div>
          <Async state={claims} empty={<Empty title={q || status ? 'No claim matches.' : 'No claims recorded yet.'} />}>
            {(rows) => (
              <DataTable
                rows={rows}
                rowKey={(c) => c.id}
                caption="Claims"
                columns={[
                  { key: 'said', label: 'Said', render: (c) => <span className="nowrap" style={c.id === selected ? { fontWeight: 700 } : undefined}>{formatDateAt(c.saidOn, c.saidOnPrecision)}</span>, sortValue: (c) => c.saidOn },
                  { key: 'who', label: 'Speaker', render: (c) => <>{c.speaker ?? '—'}{c.speakerOrganisation && <div className="small muted">{c.speakerOrganisation}</div>}</>, sortValue: (c) => c.speaker },
                  { key: 'qty', label: 'Quantity', numeric: true, render: (c) => formatQuantity(c.quantity, c.quantityQualifier), sortValue: (c) => c.quantity },
                  { key: 'what', label: 'Counts', render: (c) => <>{c.countsWhat ?? '—'}{c.weaponType && <div className="small muted">{c.weaponType}</div>}</>, sortValue: (c) => c.countsWhat },
                  { key: 'when', label: 'Event', render: (c) => <span className="nowrap">{formatRange(c.eventFrom, c.eventTo)}</span>, sortValue: (c) => c.eventFrom },
                  { key: 'status', label: 'Status', render: (c) => <ClaimStatus status={c.status} />, sortValue: (c) => c.status },
                  { key: 'source', label: 'Source', render: (c) => <Link href={`/sources/${c.sourceId}?claim=${c.id}`}>{sourceById.get(c.sourceId)?.title ?? 'Source'}</Link> },
                ]}
              />
            )}
          </Async>
        </section>
      </div>
    </>
  );
}
