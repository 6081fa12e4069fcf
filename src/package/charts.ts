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

/** Incident locations on longitude/latitude axes (no base map: nothing may be downloaded). */
export function incidentsMap(points: { label: string; lat: number; lon: number }[]): string | null {
  if (!points.length) return null;
  const lats = points.map((p) => p.lat), lons = points.map((p) => p.lon);
  const pad = 0.5;
  return render({
    title: { text: 'Incidents (longitude / latitude)', textStyle: { fontSize: 12 } },
    grid: { left: 50, right: 20, top: 30, bottom: 30 },
    xAxis: { type: 'value', min: Math.floor(Math.min(...lons) - pad), max: Math.ceil(Math.max(...lons) + pad), name: 'lon' },
    yAxis: { type: 'value', min: Math.floor(Math.min(...lats) - pad), max: Math.ceil(Math.max(...lats) + pad), name: 'lat' },
    series: [{
      type: 'scatter', symbolSize: 9, itemStyle: { color: '#a33' },
      data: points.map((p) => ({ value: [p.lon, p.lat], name: p.label })),
      label: { show: true, position: 'right', formatter: '{b}', fontSize: 8, color: '#222', textBorderWidth: 0 },
    }],
  });
}
