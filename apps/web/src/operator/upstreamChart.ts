import uPlot from 'uplot';
import type { UpstreamSeries } from '../api/operator';
import type { ChartBuild } from '../ui/Chart';

/** The series in the order of the chart's data (after the time axis). */
export const SERIES = [
  { key: 'requests', label: 'Requests' },
  { key: 'throttled', label: '429s' },
  { key: 'failed', label: 'Failures' },
  { key: 'cooldownsStarted', label: 'Cooldowns started' },
] as const;

/** Bucket starts in Unix seconds (uPlot's time), then one array per series. */
export function chartData(series: UpstreamSeries): uPlot.AlignedData {
  return [series.buckets.map((bucket) => Date.parse(bucket.at) / 1000), ...SERIES.map(({ key }) => series.buckets.map((bucket) => bucket[key]))];
}

/** A fill under the requests line: the accent at a tenth (a canvas takes no color-mix). */
const translucent = (color: string) => (/^#[0-9a-f]{6}$/i.test(color) ? `${color}1a` : 'transparent');

/**
 * Away from the cursor the legend shows the latest bucket rather than dashes: once drawn (before, there is no data),
 * after new data (a refresh, another period), and when the cursor leaves.
 */
function showLatest(chart: uPlot) {
  const last = chart.data[0].length - 1;
  const away = (chart.cursor.left ?? -1) < 0;
  if (chart.status === 1 && away && last >= 0 && chart.legend.idx !== last) chart.setLegend({ idx: last }, false);
}

const whole = (_: uPlot, values: number[]) => values.map((value) => (Number.isInteger(value) ? value.toLocaleString() : ''));

/**
 * Requests as a line against the left axis; the trouble (429s and failures as bars side by side, cooldowns started
 * as a dashed step line) against the right one, because a handful of 429s would be flat on the scale of requests.
 */
export const upstreamChart: ChartBuild = (colour) => {
  const [text, muted, border, accent, warn, danger] = ['--text', '--muted', '--border', '--accent', '--warn', '--danger'].map(colour);
  const axis = { stroke: muted, grid: { stroke: border, width: 1 }, ticks: { stroke: border, width: 1 } };
  const bars = (align: -1 | 1) => uPlot.paths.bars?.({ size: [0.4, 18], align });
  return {
    scales: { x: { time: true }, requests: { range: (_u, _min, max) => [0, Math.max(max, 5)] }, trouble: { range: (_u, _min, max) => [0, Math.max(max, 5)] } },
    axes: [
      { ...axis },
      { ...axis, scale: 'requests', label: 'Requests', values: whole, size: 60 },
      { ...axis, scale: 'trouble', label: '429s, failures, cooldowns', side: 1, grid: { show: false }, values: whole, size: 50 },
    ],
    series: [
      {},
      { label: SERIES[0].label, scale: 'requests', stroke: accent, fill: translucent(accent), width: 2 },
      { label: SERIES[1].label, scale: 'trouble', stroke: warn, fill: warn, paths: bars(-1), points: { show: false } },
      { label: SERIES[2].label, scale: 'trouble', stroke: danger, fill: danger, paths: bars(1), points: { show: false } },
      { label: SERIES[3].label, scale: 'trouble', stroke: text, width: 1.5, dash: [6, 4], paths: uPlot.paths.stepped?.({ align: 1 }), points: { show: false } },
    ],
    legend: { live: true },
    hooks: { ready: [showLatest], setData: [showLatest], setLegend: [showLatest] },
    cursor: { points: { size: 6 } },
  };
};
