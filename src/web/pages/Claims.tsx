import { useMemo, useState } from 'react';
import { Link, useSearch } from 'wouter';
import { useEffect, useState as useStateAlias } from 'react';
import { useAll, useGet } from '../api/hooks';
import { hasRoute } from '../api/capabilities';
import { useCanReview } from '../api/session';
import { LedgerView, type Ledger } from '../components/Ledger';
import type { Claim, Source } from '../api/types';
import { PageHead } from '../components/Layout';
import { Async, Empty } from '../components/State';
import { DataTable } from '../components/DataTable';
import { Badge, ClaimStatus } from '../components/Badge';
import { SelectField, TextField } from '../components/Field';
import { groupClaims, type ClaimGroup } from '../lib/claims';
import { formatDate, formatQuantity, formatRange, humanise, plural } from '../lib/format';

const STATUSES = ['', 'unverified', 'corroborated', 'disputed', 'refuted'];

export default function Claims() {
  const selected = new URLSearchParams(useSearch()).get('claim');
  const [q, setQ] = useState('');
  const [status, setStatus] = useState('');
  const claims = useAll<Claim>('/api/claims', { q: q || undefined, status: status || undefined });
  const sources = useAll<Source>('/api/sources');
  const sourceById = useMemo(() => new Map((sources.data ?? []).map((s) => [s.id, s])), [sources.data]);
  const groups = useMemo(() => groupClaims(claims.data ?? []), [claims.data]);
  const conflicts = groups.filter((g) => g.conflicting);
  // The server's ledger (topics, conflicts, rulings) when deployed; grouping in the browser otherwise.
  const [hasLedger, setHasLedger] = useStateAlias<boolean | undefined>(undefined);
  useEffect(() => void hasRoute('GET', '/api/ledger').then(setHasLedger), []);
  const ledger = useGet<Ledger>(hasLedger ? '/api/ledger' : null);
  const canReview = useCanReview();
  // Claims not filed under a topic are not compared by the server: group them here as a hint.
  const unfiledConflicts = useMemo(() => {
    if (!ledger.data) return [];
    const unfiled = new Set(ledger.data.unfiled.map((c) => c.id));
    return groupClaims((claims.data ?? []).filter((c) => unfiled.has(c.id))).filter((g) => g.conflicting);
  }, [ledger.data, claims.data]);

  return (
    <>
      <PageHead title="Claims ledger" lede="Every statement about the case, who made it and when, with its source. Claims that count the same thing but disagree are set side by side." />
      <div className="stack">
        {hasLedger ? (
          <section className="card" aria-label="Ledger">
            <div className="card-head">
              <div><h2>Ledger</h2><div className="hint">Claims filed under topics, side by side; conflicts found by the server</div></div>
              {ledger.data && <Badge tone={ledger.data.conflictCount ? 'red' : 'green'}>{plural(ledger.data.conflictCount, 'conflict')}</Badge>}
            </div>
            <Async state={ledger}>{(l) => <LedgerView ledger={l} selected={selected} canReview={canReview} onRuled={ledger.reload} />}</Async>
            {ledger.data && ledger.data.unfiled.length > 0 && <div className="card-body small muted">{plural(ledger.data.unfiled.length, 'claim')} not yet filed under a topic (listed below).</div>}
          </section>
        ) : null}
        {hasLedger && unfiledConflicts.length > 0 ? (
          <section className="card" aria-label="Possible disagreements">
            <div className="card-head">
              <div><h2>Possible disagreements among unfiled claims</h2><div className="hint">Same weapon and “counts what”, numbers that cannot all be right; file them under a topic for the server to compare</div></div>
              <span className="badge amber">{unfiledConflicts.length}</span>
            </div>
            {unfiledConflicts.map((g) => <ConflictGroup key={g.topic} g={g} sources={sourceById} selected={selected} />)}
          </section>
        ) : hasLedger === false ? (
        <section className="card" aria-label="Disagreements">
          <div className="card-head">
            <div><h2>Disagreements</h2><div className="hint">Claims counting the same thing (same weapon, same “counts what”) whose numbers cannot all be right</div></div>
            {claims.data && <span className="badge red">{conflicts.length}</span>}
          </div>
          <Async state={{ ...claims, data: claims.data ? conflicts : undefined }} empty={<Empty title="No conflicting claims.">Claims that count the same thing agree, or no two claims count the same thing.</Empty>}>
            {(gs) => <>{gs.map((g) => <ConflictGroup key={g.topic} g={g} sources={sourceById} selected={selected} />)}</>}
          </Async>
            <div className="card-body small muted">Grouped in the browser by weapon and “counts what”; the ledger API is not deployed on this server.</div>
          </section>
        ) : null}
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
                  { key: 'said', label: 'Said', render: (c) => <span className="nowrap" style={c.id === selected ? { fontWeight: 700 } : undefined}>{formatDate(c.saidOn)}</span>, sortValue: (c) => c.saidOn },
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

function ConflictGroup({ g, sources, selected }: { g: ClaimGroup<Claim>; sources: Map<string, Source>; selected: string | null }) {
  const first = g.claims[0]!;
  return (
    <article style={{ borderTop: '1px solid var(--line)' }} aria-label={`Claims about ${first.countsWhat}`}>
      <div className="card-body" style={{ paddingBottom: 0 }}>
        <strong>{first.weaponType ? `${first.weaponType}: ` : ''}{first.countsWhat}</strong> <span className="small muted">{plural(g.claims.length, 'claim')}</span>
      </div>
      <div className="conflict">
        {g.claims.map((c) => (
          <div key={c.id} className="claim" style={c.id === selected ? { background: 'var(--amber-weak)' } : undefined}>
            <div className="qty">{formatQuantity(c.quantity, c.quantityQualifier)}</div>
            <div className="small">{c.speaker ?? 'Unattributed'}{c.speakerOrganisation ? `, ${c.speakerOrganisation}` : ''} · {formatDate(c.saidOn)}</div>
            {c.quotedText && <blockquote>“{c.quotedText}”</blockquote>}
            <div className="row small">
              <ClaimStatus status={c.status} />
              <Link href={`/sources/${c.sourceId}?claim=${c.id}`}>{sources.get(c.sourceId)?.title ?? 'Source'}</Link>
            </div>
          </div>
        ))}
      </div>
    </article>
  );
}
