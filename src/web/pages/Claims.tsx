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
import { formatDateAt, formatQuantity, formatRange, humanise, localName } from '../lib/format';
import { useTranslation } from 'react-i18next';

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
  const { t } = useTranslation('claims');

  return (
    <>
      <PageHead title={t('title')} lede={t('lede')} />
      <div className="stack">
        <section className="card" aria-label={t('ledger')}>
          <div className="card-head">
            <div><h2>{t('ledger')}</h2><div className="hint">{t('ledgerHint')}</div></div>
            {ledger.data && <Badge tone={ledger.data.conflictCount ? 'red' : 'green'}>{t('conflicts', { count: ledger.data.conflictCount })}</Badge>}
          </div>
          <Async state={ledger}>{(l) => <LedgerView ledger={l} selected={selected} canReview={canReview} onRuled={ledger.reload} />}</Async>
          {ledger.data && ledger.data.unfiled.length > 0 && <div className="card-body small muted">{t('unfiled', { count: ledger.data.unfiled.length })}</div>}
        </section>
        <section className="card" aria-label={t('all')}>
          <div className="filters">
            <TextField label={t('search')} type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder={t('searchPlaceholder')} className="grow" />
            <SelectField label={t('status')} value={status} onChange={(e) => setStatus(e.target.value)} options={STATUSES.map((s) => ({ value: s, label: s ? humanise(s) : t('anyStatus') }))} />
            {claims.data && <span className="small muted">{t('claims', { count: claims.data.length })}</span>}
          </div>
          <Async state={claims} empty={<Empty title={q || status ? t('noMatch') : t('none')} />}>
            {(rows) => (
              <DataTable
                rows={rows}
                rowKey={(c) => c.id}
                caption={t('caption')}
                columns={[
                  { key: 'said', label: t('col.said'), render: (c) => <span className="nowrap" style={c.id === selected ? { fontWeight: 700 } : undefined}>{formatDateAt(c.saidOn, c.saidOnPrecision)}</span>, sortValue: (c) => c.saidOn },
                  { key: 'who', label: t('col.speaker'), render: (c) => <>{localName(c.speaker, c.speakerUk) ?? '—'}{c.speakerOrganisation && <div className="small muted">{c.speakerOrganisation}</div>}</>, sortValue: (c) => c.speaker },
                  { key: 'qty', label: t('col.quantity'), numeric: true, render: (c) => formatQuantity(c.quantity, c.quantityQualifier), sortValue: (c) => c.quantity },
                  { key: 'what', label: t('col.counts'), render: (c) => <>{c.countsWhat ?? '—'}{c.weaponType && <div className="small muted">{c.weaponType}</div>}</>, sortValue: (c) => c.countsWhat },
                  { key: 'when', label: t('col.event'), render: (c) => <span className="nowrap">{formatRange(c.eventFrom, c.eventTo)}</span>, sortValue: (c) => c.eventFrom },
                  { key: 'status', label: t('col.status'), render: (c) => <ClaimStatus status={c.status} />, sortValue: (c) => c.status },
                  { key: 'source', label: t('col.source'), render: (c) => <Link href={`/sources/${c.sourceId}?claim=${c.id}`}>{sourceById.get(c.sourceId)?.title ?? t('source')}</Link> },
                ]}
              />
            )}
          </Async>
        </section>
      </div>
    </>
  );
}
