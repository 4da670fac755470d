import uPlot from 'uplot';
import type { ChartBuild } from '../ui/Chart';
import { dateOfTime } from './daily-data';
import { formatClock as clock, formatDuration, formatShortDate } from './format';
import type { MetricSpec } from './metrics';
import { SleepStages, STAGES } from './sleep-data';
import type { Colour } from '../ui/theme-colours';

/**
 * The uPlot options of each kind of chart. Every x value is drawn in UTC: a daily chart's x is a calendar day at
 * 00:00 UTC, an intraday chart's the Garmin day's own clock (see intraday-data), so nothing moves to the browser's zone.
 */
const inUtc = (seconds: number) => uPlot.tzDate(new Date(seconds * 1000), 'Etc/UTC');
const dayLabel = (seconds: number) => formatShortDate(dateOfTime(seconds));

type Axis = uPlot.Axis;

const HALF_DAY = 43_200;

function axis(colour: Colour, extra: Axis = {}): Axis {
  return { stroke: colour('--muted'), grid: { stroke: colour('--border'), width: 1 }, ticks: { stroke: colour('--border'), width: 1 }, ...extra };
}

function base(colour: Colour, x: 'days' | 'clock', yValues: (value: number) => string, ySize = 50): Omit<uPlot.Options, 'width' | 'height' | 'series'> {
  const label = x === 'days' ? dayLabel : clock;
  return {
    tzDate: inUtc,
    // Half a day of room at each end of a daily chart, so its first and last bars are whole.
    scales: { x: x === 'days' ? { time: true, range: (_u, min, max) => [min - HALF_DAY, max + HALF_DAY] } : { time: true } },
    // A click opens a day; dragging to zoom would fight it, and the range switch is the way to zoom.
    cursor: { drag: { x: false, y: false, setScale: false } },
    axes: [axis(colour, { values: (_u, splits) => splits.map(label) }), axis(colour, { size: ySize, values: (_u, splits) => splits.map(yValues) })],
  };
}

const xSeries = (x: 'days' | 'clock'): uPlot.Series => ({
  label: x === 'days' ? 'Day' : 'Time',
  value: (_u: uPlot, v: number | null) => (v === null ? '' : x === 'days' ? dayLabel(v) : clock(v)),
});

const bars = (size: [number, number] = [0.7, 40]) => uPlot.paths.bars?.({ size, gap: 1 });

/** From zero up: bars and durations are read from their foot. */
const fromZero: uPlot.Scale = { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] };
const score: uPlot.Scale = { range: [0, 100] };

/** The legend's value under the cursor: nothing while the cursor is elsewhere, a dash on a day without data. */
const legendValue =
  (format: (value: number) => string) =>
  (_u: uPlot, value: number | null, _series: number, index: number | null): string =>
    index === null ? '' : value === null ? '–' : format(value);

const compact = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });
/** Axis numbers: short enough for the axis ("12K" steps). */
const plain = (value: number) => (Math.abs(value) >= 10_000 ? compact.format(value) : String(Math.round(value * 10) / 10));

/**
 * A day with a value but none either side is no line at all: when the line is too dense for uPlot to draw its
 * points, those days still get theirs.
 */
const isolatedPoints: uPlot.Series.Points.Filter = (u, seriesIndex, show) => {
  if (show) return null;
  const values = u.data[seriesIndex];
  const alone: number[] = [];
  for (let i = 0; i < values.length; i++) if (values[i] != null && values[i - 1] == null && values[i + 1] == null) alone.push(i);
  return alone.length > 0 ? alone : null;
};

/** One metric per calendar day: a line, or bars for a daily count. */
export function dailyChart(spec: MetricSpec): ChartBuild {
  return (colour) => {
    const stroke = colour(spec.colour);
    const options = base(colour, 'days', plain);
    return {
      ...options,
      scales: { ...options.scales, y: spec.score ? score : spec.style === 'bars' ? fromZero : {} },
      series: [
        xSeries('days'),
        {
          label: spec.label,
          stroke,
          width: spec.style === 'bars' ? 0 : 2,
          fill: spec.style === 'bars' ? stroke : undefined,
          paths: spec.style === 'bars' ? bars() : undefined,
          spanGaps: spec.joinGaps,
          points: spec.joinGaps ? { show: true, size: 6, fill: stroke } : spec.style === 'bars' ? { show: false } : { filter: isolatedPoints, fill: stroke },
          value: legendValue(spec.format),
        },
      ],
    };
  };
}

/**
 * Sleep per night. With stages: four bar series, top of the stack first (stageStacks), whose legend says each
 * stage's own time; without: the time asleep alone.
 */
export function sleepChart(stages: (SleepStages | null)[] | null): ChartBuild {
  return (colour) => {
    const options = base(colour, 'days', (hours) => `${plain(hours)} h`);
    const nights: uPlot.Series[] = stages
      ? [...STAGES].reverse().map(({ stage, label, colour: variable }) => ({
          label,
          stroke: colour(variable),
          fill: colour(variable),
          width: 0,
          paths: bars(),
          points: { show: false },
          value: (_u: uPlot, _v: number | null, _s: number, index: number | null) => {
            if (index === null) return '';
            const night = stages[index];
            return night ? formatDuration(night[stage]) : '–';
          },
        }))
      : [
          {
            label: 'Asleep',
            stroke: colour('--chart-light'),
            fill: colour('--chart-light'),
            width: 0,
            paths: bars(),
            points: { show: false },
            value: legendValue((hours) => formatDuration(hours * 3600)),
          },
        ];
    return { ...options, scales: { ...options.scales, y: fromZero }, series: [xSeries('days'), ...nights] };
  };
}

export interface IntradayLine {
  label: string;
  colour: string;
  style: 'line' | 'bars';
  format: (value: number) => string;
}

/** Series over one day's clock (heart rate, stress and Body Battery, steps per 15 minutes, overnight HRV). */
export function intradayChart(lines: IntradayLine[], y: 'auto' | 'score' | 'zero'): ChartBuild {
  return (colour) => {
    const options = base(colour, 'clock', plain, 44);
    return {
      ...options,
      scales: { ...options.scales, y: y === 'score' ? score : y === 'zero' ? fromZero : {} },
      series: [
        xSeries('clock'),
        ...lines.map((line) => ({
          label: line.label,
          stroke: colour(line.colour),
          width: line.style === 'bars' ? 0 : 1.5,
          fill: line.style === 'bars' ? colour(line.colour) : undefined,
          paths: line.style === 'bars' ? bars([0.9, 30]) : undefined,
          points: { show: false },
          value: legendValue(line.format),
        })),
      ],
    };
  };
}

/**
 * The night's stages as a timeline: a thick line per stage at its own height (deep lowest), each broken where
 * another stage is, so the night reads as coloured blocks. Its legend names the stages (no live values: the blocks say it).
 */
export const sleepTimelineChart: ChartBuild = (colour) => {
  const options = base(colour, 'clock', (level) => STAGES[level]?.label ?? '', 56);
  const [xAxis, yAxis] = options.axes ?? [];
  return {
    ...options,
    scales: { ...options.scales, y: { range: [-0.5, STAGES.length - 0.5] } },
    axes: [xAxis, { ...yAxis, splits: () => STAGES.map((_, level) => level), grid: { show: false } }],
    legend: { live: false },
    series: [
      xSeries('clock'),
      ...STAGES.map(({ label, colour: variable }) => ({ label, stroke: colour(variable), width: 14, cap: 'butt' as const, points: { show: false } })),
    ],
  };
};
