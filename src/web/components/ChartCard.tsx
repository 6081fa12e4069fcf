import { useState, type ReactNode } from 'react';
import { Link } from 'wouter';
import { Chart, type ChartOption } from './Chart';
import { Empty } from './State';
import { formatNumber } from '../lib/format';
import { useTranslation } from 'react-i18next';

export interface ChartRow {
  name: string;
  value: number;
  href?: string;
  /** The bucket's key (country code, maker id, year, tier); null for "unknown". */
  key?: string | null;
}

/**
 * A chart in a card, with the same numbers as a table one click away: the table is how keyboard and
 * screen-reader users read and drill into the chart, and how anyone checks an exact count.
 */
export function ChartCard({ title, hint, rows, option, onSelect, height, empty }: {
  title: string;
  hint?: ReactNode;
  rows: ChartRow[];
  option: ChartOption;
  onSelect?: (name: string) => void;
  height?: number;
  empty?: string;
}) {
  const [asTable, setAsTable] = useState(false);
  const { t } = useTranslation('components');
  return (
    <section className="card" aria-label={title}>
      <div className="card-head">
        <div>
          <h2>{title}</h2>
          {hint && <div className="hint">{hint}</div>}
        </div>
        {rows.length > 0 && (
          <button type="button" className="small ghost" aria-pressed={asTable} onClick={() => setAsTable((t) => !t)}>
            {asTable ? t('chart.chart') : t('chart.table')}
          </button>
        )}
      </div>
      {rows.length === 0 ? (
        <Empty title={empty ?? t('chart.empty')} />
      ) : asTable ? (
        <div className="table-wrap" style={{ maxHeight: height ?? 260, overflowY: 'auto' }}>
          <table>
            <caption className="sr-only">{title}</caption>
            <thead>
              <tr><th scope="col">{t('chart.value')}</th><th scope="col" className="num">{t('chart.count')}</th></tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.name}>
                  <td>{r.href ? <Link href={r.href}>{r.name}</Link> : r.name}</td>
                  <td className="num">{formatNumber(r.value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <div className="card-body" style={{ padding: '6px 8px' }}>
          <Chart option={option} label={`${title}: ${rows.slice(0, 8).map((r) => `${r.name} ${r.value}`).join(', ')}`} height={height} onSelect={onSelect} />
        </div>
      )}
    </section>
  );
}
