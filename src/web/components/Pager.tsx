import { formatNumber } from '../lib/format';

export function Pager({ total, offset, limit, onChange }: { total: number; offset: number; limit: number; onChange: (o: number) => void }) {
  if (total <= limit) return <div className="card-body small muted">{formatNumber(total)} in all</div>;
  return (
    <nav className="card-body row" aria-label="Pages">
      <span className="small muted">{formatNumber(offset + 1)}–{formatNumber(Math.min(total, offset + limit))} of {formatNumber(total)}</span>
      <span className="spacer" />
      <button type="button" className="small" disabled={offset === 0} onClick={() => onChange(Math.max(0, offset - limit))}>Previous</button>
      <button type="button" className="small" disabled={offset + limit >= total} onClick={() => onChange(offset + limit)}>Next</button>
    </nav>
  );
}
