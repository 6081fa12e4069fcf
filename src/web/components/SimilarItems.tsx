import { Link } from 'wouter';
import { plural } from '../lib/format';
import { Empty } from './State';
import { Badge } from './Badge';
import type { Findings } from '../lib/findings';

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
