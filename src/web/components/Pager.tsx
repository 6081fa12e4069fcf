import { formatNumber } from '../lib/format';

export function Pager({ total, exact = true, offset, limit, onChange }: { total: number; exact?: boolean; offset: number; limit: number; onChange: (o: number) => void }) {
  if (total <= limit) return <div className="card-body small muted">{formatNumber(total)} in all</div>;
  const of = exact ? formatNumber(total) : `about ${formatNumber(total)}`;
  return (
    <nav className="card-body row" aria-label="Pages">
      <span className="small muted">{formatNumber(offset + 1)}–{formatNumber(Math.min(total, offset + limit))} of {of}</span>
      <span className="spacer" />
      <button type="button" className="small" disabled={offset === 0} onClick={() => onChange(Math.max(0, offset - limit))}>Previous</button>
      <button type="button" className="small" disabled={offset + limit >= total} onClick={() => onChange(offset + limit)}>Next</button>
    </nav>
  );
}
