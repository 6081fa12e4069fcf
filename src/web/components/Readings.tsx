import type { Reading, SuggestionState } from '../lib/suggestion';
import { countryName, formatRange, formatShare } from '../lib/format';
import { useTranslation } from 'react-i18next';
import { Badge } from './Badge';
import { Loading } from './State';

/**
 * The identification engine's readings of a marking, best first, each with its reasoning, as the
 * server returned them with its suggestion. Without `onChoose` (a saved record's page) the
 * readings are shown, not offered.
 */
export function Readings({ state, chosen, onChoose }: { state: SuggestionState; chosen: number; onChoose?: (i: number) => void }) {
  const { t } = useTranslation('entry');
  if (state.error) return <div className="form-error" role="alert">{t('r.failed', { message: state.error.message })}</div>;
  const result = state.answer?.identification;
  if (!result) return state.loading ? <Loading lines={4} label={t('r.loading')} /> : <p className="muted">{t('r.prompt')}</p>;
  const { readings, warnings } = result;
  return (
    <div aria-live="polite" aria-busy={state.loading}>
      {warnings.map((w) => <div key={w.code + w.message} className="notice amber" style={{ marginBottom: 8 }}>{w.message}</div>)}
      {readings.length === 0 && <p className="muted">{t('r.none')}</p>}
      {readings.map((r, i) => <ReadingCard key={i} r={r} index={i} chosen={chosen === i} onChoose={onChoose && (() => onChoose(i))} />)}
    </div>
  );
}

function ReadingCard({ r, index, chosen, onChoose }: { r: Reading; index: number; chosen: boolean; onChoose?: () => void }) {
  const { t } = useTranslation('entry');
  const date = r.dates[0];
  return (
    <article className={`reading ${chosen ? 'best' : ''}`} aria-label={t('r.reading', { n: index + 1 })}>
      <div className="row">
        <strong>{r.maker?.name ?? t('r.unknownMaker')}</strong>
        {r.maker?.country && <span className="muted small">{countryName(r.maker.country)}</span>}
        <span className="spacer" />
        <span className="confidence" title={t('r.confidence', { pct: formatShare(Math.round(r.confidence * 100) / 100) })}><span style={{ width: `${Math.round(r.confidence * 100)}%` }} /></span>
        <span className="small muted">{formatShare(Math.round(r.confidence * 100) / 100)}</span>
        {chosen ? <Badge tone="accent">{t('r.inUse')}</Badge> : onChoose && <button type="button" className="small" onClick={onChoose}>{t('r.use')}</button>}
      </div>
      <dl>
        <dt>{t('r.partNumber')}</dt><dd className="mono">{r.partNumber ?? '—'}{r.family && <span className="muted"> · {r.family}</span>}</dd>
        {r.maker?.parent && <><dt>{t('r.parent')}</dt><dd>{r.maker.parent.name}{r.maker.parent.year ? ` ${t('r.since', { year: r.maker.parent.year })}` : ''}</dd></>}
        <dt>{t('r.made')}</dt>
        <dd>{date ? <>{formatRange(date.from, date.to)} <span className="muted small">· {date.note} (<span className="mono">{date.chars}</span>)</span></> : '—'}</dd>
        <dt>{t('r.class')}</dt>
        <dd>{[r.category, r.hs6 && `HS ${r.hs6}`, r.chplTier && `CHPL ${r.chplTier}`].filter(Boolean).join(' · ') || '—'}</dd>
        {r.assemblyCountry && <><dt>{t('r.assembled')}</dt><dd>{countryName(r.assemblyCountry)}</dd></>}
        {r.lot && <><dt>{t('r.lot')}</dt><dd className="mono">{r.lot}</dd></>}
      </dl>
      {r.warnings.length > 0 && <div className="row" style={{ marginTop: 6 }}>{r.warnings.map((w) => <Badge key={w.code} tone="amber" title={w.message}>{w.code}</Badge>)}</div>}
      {r.reasoning.length > 0 && (
        <details style={{ marginTop: 6 }}>
          <summary className="small muted">{t('r.why')}</summary>
          <ol className="small" style={{ margin: '4px 0 0', paddingLeft: 18 }}>{r.reasoning.map((s, i) => <li key={i}>{s}</li>)}</ol>
        </details>
      )}
    </article>
  );
}
