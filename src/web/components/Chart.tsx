import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, ScatterChart } from 'echarts/charts';
import { AriaComponent, GridComponent, TooltipComponent, DataZoomComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

// Only the parts of echarts the views use, so the chart chunk stays small.
echarts.use([BarChart, ScatterChart, GridComponent, TooltipComponent, AriaComponent, DataZoomComponent, SVGRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

export const PALETTE = ['#1f5f8b', '#5b8fb3', '#9ab7cc', '#c9a15a', '#ad3434', '#2c7352', '#75808b'];
export const AXIS = {
  axisLine: { lineStyle: { color: '#d2cfc6' } },
  axisTick: { show: false },
  axisLabel: { color: '#45515d', fontFamily: 'Inter Variable, system-ui, sans-serif', fontSize: 11 },
  splitLine: { lineStyle: { color: '#eeece6' } },
};

/**
 * One echarts instance in a div, resized with its box. `onSelect` receives the clicked data item's
 * name; the same drill-down is offered as links in the table each chart card carries, for keyboards.
 */
export function Chart({ option, label, height = 260, onSelect }: { option: ChartOption; label: string; height?: number; onSelect?: (name: string, data: unknown) => void }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const select = useRef(onSelect);
  select.current = onSelect;

  useEffect(() => {
    const node = el.current!;
    const c = echarts.init(node, undefined, { renderer: 'svg' });
    chart.current = c;
    c.on('click', (p) => select.current?.(String(p.name), p.data));
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(node);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption({ aria: { enabled: true, label: { description: label } }, textStyle: { fontFamily: 'Inter Variable, system-ui, sans-serif' }, color: PALETTE, animationDuration: 300, ...option }, true);
  }, [option, label]);

  return <div ref={el} className="chart" style={{ height, cursor: onSelect ? 'pointer' : undefined }} role="img" aria-label={label} />;
}

/** A horizontal bar chart of labelled counts, largest first (makers, countries). */
export function barsOption(rows: { name: string; value: number }[], opts: { horizontal?: boolean; color?: string } = {}): ChartOption {
  const horizontal = opts.horizontal ?? true;
  const data = horizontal ? [...rows].reverse() : rows;
  const cat = { type: 'category', data: data.map((r) => r.name), ...AXIS, axisLabel: { ...AXIS.axisLabel, width: 120, overflow: 'truncate' } };
  const val = { type: 'value', minInterval: 1, ...AXIS };
  return {
    grid: { left: 8, right: 24, top: 10, bottom: 8, containLabel: true },
    tooltip: { trigger: 'item', formatter: '{b}: {c}' },
    xAxis: horizontal ? val : cat,
    yAxis: horizontal ? cat : val,
    series: [
      {
        type: 'bar',
        data: data.map((r) => r.value),
        itemStyle: { color: opts.color ?? PALETTE[0], borderRadius: horizontal ? [0, 3, 3, 0] : [3, 3, 0, 0] },
        barMaxWidth: 22,
        label: { show: horizontal, position: 'right', color: '#45515d', fontSize: 11 },
        emphasis: { itemStyle: { color: '#174a6d' } },
      },
    ],
  };
}
