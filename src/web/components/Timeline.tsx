import { useMemo } from 'react';
import type { Answer } from '../api/typed';
import { AXIS, Chart, type ChartOption } from './Chart';
import { Empty } from './State';
import { formatDate } from '../lib/format';
import { useTranslation } from 'react-i18next';

interface Point {
  kind: 'incident' | 'claim';
  id: string;
  date: string;
  title: string;
}

/**
 * Incidents (when they happened) and claims (when they were said) on one time axis, so a reader sees
 * which statements came before or after which strikes. Zoomable with the slider under it.
 */
type Dash = Answer<'case_dashboard'>;

export default function Timeline({ incidents, claims, onSelect, height = 230 }: { incidents: Pick<Dash['incidents'][number], 'id' | 'occurredFrom' | 'title'>[]; claims: Dash['claims']; onSelect?: (kind: Point['kind'], id: string) => void; height?: number }) {
  const { t } = useTranslation('components');
  const points = useMemo<Point[]>(
    () => [
      ...incidents.map((i) => ({ kind: 'incident' as const, id: i.id, date: i.occurredFrom, title: i.title })),
      ...claims
        .filter((c) => c.saidOn ?? c.eventFrom)
        .map((c) => ({ kind: 'claim' as const, id: c.id, date: (c.saidOn ?? c.eventFrom)!, title: [c.speaker, c.quotedText ?? c.countsWhat].filter(Boolean).join(': ') || t('timeline.claims') })),
    ],
    [incidents, claims, t],
  );

  const option = useMemo<ChartOption>(() => {
    const series = (kind: Point['kind'], name: string, color: string, y: number) => ({
      name,
      type: 'scatter',
      symbolSize: kind === 'incident' ? 11 : 9,
      symbol: kind === 'incident' ? 'circle' : 'diamond',
      itemStyle: { color, opacity: 0.85 },
      data: points.filter((p) => p.kind === kind).map((p) => ({ value: [p.date, y], name: p.title, id: p.id, kind })),
    });
    return {
      grid: { left: 80, right: 20, top: 14, bottom: 56 },
      tooltip: {
        trigger: 'item',
        formatter: (p: { data: { value: [string]; name: string } }) => `${formatDate(p.data.value[0])}<br/>${escapeHtml(truncate(p.data.name, 90))}`,
      },
      xAxis: { type: 'time', ...AXIS },
      yAxis: { type: 'category', data: [t('timeline.claims'), t('timeline.incidents')], ...AXIS, splitLine: { show: true, lineStyle: { color: '#eeece6' } } },
      dataZoom: [{ type: 'slider', height: 18, bottom: 10, borderColor: '#e3e1da', fillerColor: 'rgba(31,95,139,0.12)', textStyle: { fontSize: 10 } }, { type: 'inside' }],
      series: [series('claim', t('timeline.claims'), '#c9a15a', 0), series('incident', t('timeline.incidents'), '#ad3434', 1)],
    };
  }, [points, t]);

  if (points.length === 0) return <Empty title={t('timeline.empty')} />;
  return (
    <div style={{ padding: '6px 8px' }}>
      <Chart
        option={option}
        height={height}
        label={t('timeline.label', { count: points.length, from: formatDate(points.map((p) => p.date).sort()[0]), to: formatDate(points.map((p) => p.date).sort().at(-1)) })}
        onSelect={(_name, data) => {
          const d = data as { id: string; kind: Point['kind'] };
          onSelect?.(d.kind, d.id);
        }}
      />
    </div>
  );
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
