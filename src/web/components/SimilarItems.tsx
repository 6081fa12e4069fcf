import { Link } from 'wouter';
import { formatNumber, humanise } from '../lib/format';
import { useTranslation } from 'react-i18next';
import { Empty } from './State';
import { Badge } from './Badge';
import type { Findings } from '../lib/findings';

function PartList({ title, parts, tone, emptyText }: { title: string; parts: string[]; tone?: 'amber'; emptyText?: string }) {
  const { t } = useTranslation('item');
  return (
    <div>
      <h3 style={{ marginBottom: 4 }}>{title}</h3>
      {parts.length === 0 ? <span className="muted small">{emptyText ?? t('similar.none')}</span> : (
        <div className="row" style={{ gap: 4 }}>
          {parts.slice(0, 24).map((p) => <Badge key={p} tone={tone ?? 'neutral'}><span className="mono">{p}</span></Badge>)}
          {parts.length > 24 && <span className="small muted">{t('similar.more', { n: parts.length - 24 })}</span>}
        </div>
      )}
    </div>
  );
}

const VERDICT_TONE = { identical: 'accent', sister: 'accent', different: 'neutral', 'not comparable': 'outline' } as const;


/** Similar items as the findings API reports them: score, verdict, explanation and the parts that differ. */
export function SimilarFromFindings({ similar, note }: { similar: Findings['similarity']['similarItems']; note: string | null }) {
  const { t } = useTranslation('item');
  if (similar.length === 0) return <Empty title={t('similar.empty')}>{note ?? t('similar.emptyHint')}</Empty>;
  return (
    <div>
      {similar.map(({ itemId, label, similarity: s }) => (
        <article key={itemId} className="finding" style={{ display: 'block' }}>
          <div className="row">
            <Link href={`/items/${itemId}`}><strong>{label}</strong></Link>
            <span className="spacer" />
            <Badge tone={VERDICT_TONE[s.verdict]}>{humanise(s.verdict).toLowerCase()}</Badge>
            <span className="small muted">{t('similar.score', { score: formatNumber(Number(s.score.toFixed(2))) })}</span>
          </div>
          <p className="small" style={{ margin: '4px 0 8px', color: 'var(--ink-2)' }}>{s.explanation}</p>
          <div className="grid cols-3" style={{ gap: 12 }}>
            <PartList title={t('similar.shared', { n: s.sharedParts })} parts={[]} emptyText={s.sharedParts ? t('similar.inBoth', { count: s.sharedParts }) : t('similar.none')} />
            <PartList title={t('similar.onlyHere', { n: s.partsOnlyInA })} parts={s.onlyInA.map((p) => p.partNumber)} tone="amber" />
            <PartList title={t('similar.onlyThere', { label, n: s.partsOnlyInB })} parts={s.onlyInB.map((p) => p.partNumber)} tone="amber" />
          </div>
          {s.differingCounts.length > 0 && (
            <div className="small" style={{ marginTop: 6 }}>
              {t('similar.counts', { list: s.differingCounts.map((d) => `${d.partNumber} ${d.unitsA}↔${d.unitsB}`).join(', ') })}
            </div>
          )}
          {s.moved.length > 0 && <div className="small muted">{t('similar.moved', { list: s.moved.map((m) => `${m.partNumber} (${m.positionsA.join('/')} → ${m.positionsB.join('/')})`).join(', ') })}</div>}
        </article>
      ))}
    </div>
  );
}
