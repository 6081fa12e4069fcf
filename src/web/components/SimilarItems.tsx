import { useEffect, useState } from 'react';
import { Link } from 'wouter';
import { api, ApiError } from '../api/client';
import type { Component, Item, Page } from '../api/types';
import { compareParts, type Comparison } from '../lib/aggregate';
import { formatDate, percent, plural } from '../lib/format';
import { Empty, ErrorState, Loading } from './State';
import { Badge } from './Badge';
import type { Findings } from '../lib/findings';

const MAX_COMPARED = 8;

interface Row {
  item: Item;
  cmp: Comparison;
}

/**
 * Other items of the same weapon model, ranked by how many part numbers they share with this one,
 * with the differences listed: a part found in one missile and not in its sibling is a lead.
 */
export function SimilarItems({ item, components }: { item: Item; components: Component[] }) {
  const [rows, setRows] = useState<Row[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    const ctrl = new AbortController();
    setRows(null);
    setError(null);
    (async () => {
      const query = item.weaponModel ? { weaponModel: item.weaponModel, limit: MAX_COMPARED + 1 } : { limit: MAX_COMPARED + 1 };
      const others = (await api.get<Page<Item>>('/api/items', query, ctrl.signal)).data.filter((i) => i.id !== item.id).slice(0, MAX_COMPARED);
      const compared = await Promise.all(
        others.map(async (o) => {
          const comps = await api.get<Page<Component>>('/api/components', { itemId: o.id, limit: 500 }, ctrl.signal);
          return { item: o, cmp: compareParts(components, comps.data) };
        }),
      );
      setRows(compared.sort((a, b) => b.cmp.similarity - a.cmp.similarity));
    })().catch((e: unknown) => {
      if ((e as Error).name !== 'AbortError') setError(e instanceof ApiError ? e : new ApiError(0, 'Error', String(e)));
    });
    return () => ctrl.abort();
  }, [item.id, item.weaponModel, components, tick]);

  if (error) return <ErrorState error={error} retry={() => setTick((t) => t + 1)} />;
  if (!rows) return <Loading />;
  if (rows.length === 0) return <Empty title={item.weaponModel ? `No other ${item.weaponModel} recorded.` : 'No other items to compare with.'}>Similar items are other items of the same weapon model.</Empty>;
  return (
    <div>
      {rows.map(({ item: o, cmp }) => (
        <article key={o.id} className="finding" style={{ display: 'block' }}>
          <div className="row">
            <Link href={`/items/${o.id}`}><strong>{o.label}</strong></Link>
            <span className="muted small">{o.weaponModel ?? ''} · recovered {formatDate(o.recoveredOn)}</span>
            <span className="spacer" />
            <Badge tone={cmp.similarity > 0.5 ? 'accent' : 'neutral'}>{percent(cmp.similarity, 1)} of part numbers shared</Badge>
          </div>
          <div className="grid cols-3" style={{ marginTop: 8, gap: 12 }}>
            <PartList title={`Shared (${cmp.shared.length})`} parts={cmp.shared} />
            <PartList title={`Only in this item (${cmp.onlyHere.length})`} parts={cmp.onlyHere} tone="amber" />
            <PartList title={`Only in ${o.label} (${cmp.onlyThere.length})`} parts={cmp.onlyThere} tone="amber" />
          </div>
        </article>
      ))}
      <p className="small muted card-body">Compared by part number; {plural(components.filter((c) => !c.partNumber).length, 'record')} of this item without a part number are left out.</p>
    </div>
  );
}

function PartList({ title, parts, tone, emptyText = 'none' }: { title: string; parts: string[]; tone?: 'amber'; emptyText?: string }) {
  return (
    <div>
      <h3 style={{ marginBottom: 4 }}>{title}</h3>
      {parts.length === 0 ? <span className="muted small">{emptyText}</span> : (
        <div className="row" style={{ gap: 4 }}>
          {parts.slice(0, 24).map((p) => <Badge key={p} tone={tone ?? 'neutral'}><span className="mono">{p}</span></Badge>)}
          {parts.length > 24 && <span className="small muted">+{parts.length - 24} more</span>}
        </div>
      )}
    </div>
  );
}

const VERDICT_TONE = { identical: 'accent', sister: 'accent', different: 'neutral', 'not comparable': 'outline' } as const;

/** Similar items as the findings API reports them: score, verdict, explanation and the parts that differ. */
export function SimilarFromFindings({ similar, note }: { similar: Findings['similarity']['similarItems']; note: string | null }) {
  if (similar.length === 0) return <Empty title="No similar item found.">{note ?? 'Similar items share part numbers with this one.'}</Empty>;
  return (
    <div>
      {similar.map(({ itemId, label, similarity: s }) => (
        <article key={itemId} className="finding" style={{ display: 'block' }}>
          <div className="row">
            <Link href={`/items/${itemId}`}><strong>{label}</strong></Link>
            <span className="spacer" />
            <Badge tone={VERDICT_TONE[s.verdict]}>{s.verdict}</Badge>
            <span className="small muted">score {s.score.toFixed(2)}</span>
          </div>
          <p className="small" style={{ margin: '4px 0 8px', color: 'var(--ink-2)' }}>{s.explanation}</p>
          <div className="grid cols-3" style={{ gap: 12 }}>
            <PartList title={`Shared (${s.sharedParts})`} parts={[]} emptyText={s.sharedParts ? `${plural(s.sharedParts, 'part number')} in both` : 'none'} />
            <PartList title={`Only in this item (${s.partsOnlyInA})`} parts={s.onlyInA.map((p) => p.partNumber)} tone="amber" />
            <PartList title={`Only in ${label} (${s.partsOnlyInB})`} parts={s.onlyInB.map((p) => p.partNumber)} tone="amber" />
          </div>
          {s.differingCounts.length > 0 && (
            <div className="small" style={{ marginTop: 6 }}>
              Different counts: {s.differingCounts.map((d) => `${d.partNumber} ${d.unitsA}↔${d.unitsB}`).join(', ')}
            </div>
          )}
          {s.moved.length > 0 && <div className="small muted">Moved: {s.moved.map((m) => `${m.partNumber} (${m.positionsA.join('/')} → ${m.positionsB.join('/')})`).join(', ')}</div>}
        </article>
      ))}
    </div>
  );
}
