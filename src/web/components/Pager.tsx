import { useTranslation } from 'react-i18next';
import { formatNumber } from '../lib/format';

export function Pager({ total, exact = true, offset, limit, onChange }: { total: number; exact?: boolean; offset: number; limit: number; onChange: (o: number) => void }) {
  const { t } = useTranslation();
  if (total <= limit) return <div className="card-body small muted">{t('pager.inAll', { total: formatNumber(total) })}</div>;
  const of = exact ? formatNumber(total) : t('pager.about', { total: formatNumber(total) });
  return (
    <nav className="card-body row" aria-label={t('pager.label')}>
      <span className="small muted">{t('pager.range', { from: formatNumber(offset + 1), to: formatNumber(Math.min(total, offset + limit)), total: of })}</span>
      <span className="spacer" />
      <button type="button" className="small" disabled={offset === 0} onClick={() => onChange(Math.max(0, offset - limit))}>{t('pager.previous')}</button>
      <button type="button" className="small" disabled={offset + limit >= total} onClick={() => onChange(offset + limit)}>{t('pager.next')}</button>
    </nav>
  );
}
