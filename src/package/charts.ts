import * as echarts from 'echarts';
import type { Breakdown } from '../findings/index.js';

/**
 * Charts drawn on the server as SVG (ECharts' server-side renderer: no browser, no canvas), so
 * that the PDF holds vector figures. Animation off: an SSR chart is one frame. The output depends
 * on the data only, so the same data gives the same SVG.
 */
const W = 480;
const H = 220;

function render(option: echarts.EChartsOption): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: W, height: H });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: 'Helvetica' }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** A horizontal bar chart of a breakdown's shares (largest first, at most 10 bars). */
export function breakdownChart(title: string, b: Breakdown): string | null {
  const buckets = b.buckets.slice(0, 10).reverse();
  if (!buckets.length) return null;
  return render({
    title: { text: title, textStyle: { fontSize: 12 } },
    grid: { left: 150, right: 40, top: 30, bottom: 20 },
    xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category', data: buckets.map((x) => x.label.slice(0, 28)) },
    series: [{ type: 'bar', data: buckets.map((x) => x.share), label: { show: true, position: 'right', formatter: '{c}%', color: '#222', textBorderWidth: 0 }, itemStyle: { color: '#3b5b7d' } }],
  });
}
