import type { Reading, SuggestionState } from '../lib/suggestion';
import { countryName, formatRange } from '../lib/format';
import { Badge } from './Badge';
import { Loading } from './State';

/**
 * The identification engine's readings of a marking, best first, each with its reasoning, as the
 * server returned them with its suggestion. Without `onChoose` (a saved record's page) the
 * readings are shown, not offered.
 */
export function Readings({ state, chosen, onChoose }: { state: SuggestionState; chosen: number; onChoose?: (i: number) => void }) {
  if (state.error) return <div className="form-error" role="alert">Identification failed: {state.error.message}</div>;
  const result = state.answer?.identification;
  if (!result) return state.loading ? <Loading lines={4} label="Reading the marking" /> : <p className="muted">Type a marking to see what it says: maker, part number, production date and export-control class.</p>;
  const { readings, warnings } = result;
  return (
    <div aria-live="polite" aria-busy={state.loading}>
      {warnings.map((w) => <div key={w.code + w.message} className="notice amber" style={{ marginBottom: 8 }}>{w.message}</div>)}
      {readings.length === 0 && <p className="muted">No reading: the engine does not recognise this marking. Enter the fields yourself.</p>}
      {readings.map((r, i) => <ReadingCard key={i} r={r} index={i} chosen={chosen === i} onChoose={onChoose && (() => onChoose(i))} />)}
    </div>
  );
}

function ReadingCard({ r, index, chosen, onChoose }: { r: Reading; index: number; chosen: boolean; onChoose?: () => void }) {
  const date = r.dates[0];
  return (
    <article className={`reading ${chosen ? 'best' : ''}`} aria-label={`Reading ${index + 1}`}>
      <div className="row">
        <strong>{r.maker?.name ?? 'Unknown maker'}</strong>
        {r.maker?.country && <span className="muted small">{countryName(r.maker.country)}</span>}
        <span className="spacer" />
        <span className="confidence" title={`confidence ${Math.round(r.confidence * 100)}%`}><span style={{ width: `${Math.round(r.confidence * 100)}%` }} /></span>
        <span className="small muted">{Math.round(r.confidence * 100)}%</span>
        {chosen ? <Badge tone="accent">in use</Badge> : onChoose && <button type="button" className="small" onClick={onChoose}>Use this reading</button>}
      </div>
      <dl>
        <dt>Part number</dt><dd className="mono">{r.partNumber ?? '—'}{r.family && <span className="muted"> · {r.family}</span>}</dd>
        {r.maker?.parent && <><dt>Parent</dt><dd>{r.maker.parent.name}{r.maker.parent.year ? ` (since ${r.maker.parent.year})` : ''}</dd></>}
        <dt>Made</dt>
        <dd>{date ? <>{formatRange(date.from, date.to)} <span className="muted small">· {date.note} (<span className="mono">{date.chars}</span>)</span></> : '—'}</dd>
        <dt>Class</dt>
        <dd>{[r.category, r.hs6 && `HS ${r.hs6}`, r.chplTier && `CHPL ${r.chplTier}`].filter(Boolean).join(' · ') || '—'}</dd>
        {r.assemblyCountry && <><dt>Assembled</dt><dd>{countryName(r.assemblyCountry)}</dd></>}
        {r.lot && <><dt>Lot</dt><dd className="mono">{r.lot}</dd></>}
      </dl>
      {r.warnings.length > 0 && <div className="row" style={{ marginTop: 6 }}>{r.warnings.map((w) => <Badge key={w.code} tone="amber" title={w.message}>{w.code}</Badge>)}</div>}
      {r.reasoning.length > 0 && (
        <details style={{ marginTop: 6 }}>
          <summary className="small muted">Why</summary>
          <ol className="small" style={{ margin: '4px 0 0', paddingLeft: 18 }}>{r.reasoning.map((s, i) => <li key={i}>{s}</li>)}</ol>
        </details>
      )}
    </article>
  );
}
