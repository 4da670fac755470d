import type { HealthMetric } from '@fittrack/contracts';
import type { ChartBuild } from '../ui/Chart';
import { intradayChart, sleepTimelineChart } from './chart-options';
import { extentOf } from './daily-data';
import type { DayData } from './day-load';
import { formatClock, formatDuration, formatNumber, formatShortDate } from './format';
import { dayOffsetMs, heartRateSeries, IntradaySeries, overnightHrvSeries, sleepTimeline, stepsSeries, stressBatterySeries } from './intraday-data';
import { describeStages, stagesOf, STAGES } from './sleep-data';

/** One chart of a day's page: its series from the raw JSON, what it says in words, and its values as rows. */
export interface DaySection {
  id: string;
  title: string;
  /** The metrics whose day page puts this section first. */
  metrics: HealthMetric[];
  series: IntradaySeries | null;
  build: ChartBuild;
  height: number;
  /** The chart in a sentence (its aria-label, and the line under the title). */
  summary: string;
  /** Why there is no chart. */
  empty: string;
  /** Where to fix that, when the fix is a setting. */
  emptyLink?: { href: string; text: string };
  head: string[];
  rows: () => { key: string; cells: string[] }[];
}

const bpm = (value: number) => `${formatNumber(value)} bpm`;
const level = (value: number) => formatNumber(value);
const count = (value: number) => formatNumber(value);
const ms = (value: number) => `${formatNumber(value)} ms`;

const HEART_CHART = intradayChart([{ label: 'Heart rate', colour: '--chart-heart', style: 'line', format: bpm }], 'auto');
const STRESS_CHART = intradayChart(
  [
    { label: 'Stress', colour: '--chart-stress', style: 'bars', format: level },
    { label: 'Body Battery', colour: '--chart-battery', style: 'line', format: level },
  ],
  'score',
);
const HRV_CHART = intradayChart([{ label: 'HRV', colour: '--chart-hrv', style: 'line', format: ms }], 'auto');
const STEPS_CHART = intradayChart([{ label: 'Steps', colour: '--chart-steps', style: 'bars', format: count }], 'zero');

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const field = (raw: unknown, key: string) => (isObject(raw) && typeof raw[key] === 'number' ? (raw[key] as number) : null);

/** Rows of a series' points: the time, then each line's value. */
const pointRows = (series: IntradaySeries | null, formats: ((value: number) => string)[]) => () =>
  series
    ? series.times.map((time, i) => ({
        key: String(time),
        cells: [formatClock(time), ...formats.map((format, line) => (series.values[line][i] === null ? '–' : format(series.values[line][i] as number)))],
      }))
    : [];

const spread = (values: (number | null)[] | undefined, format: (value: number) => string) => {
  const extent = values && extentOf(values);
  return extent ? `${format(extent[0])} to ${format(extent[1])}` : 'no readings';
};

/** The sections of a day's page, in page order, from what is stored for it. */
export function daySections(date: string, { raw }: DayData): DaySection[] {
  const offset = dayOffsetMs(date, [raw.heart_rate, raw.stress, raw.body_battery, raw.sleep]);
  const day = formatShortDate(date);

  const night = sleepTimeline(raw.sleep, offset);
  const stages = stagesOf(raw.sleep);
  const asleep = isObject(raw.sleep) ? field(raw.sleep['dailySleepDTO'], 'sleepTimeSeconds') : null;
  const heart = heartRateSeries(raw.heart_rate, offset);
  const stress = stressBatterySeries(raw.stress, raw.body_battery, offset);
  const hrv = overnightHrvSeries(raw.sleep, offset);
  const steps = stepsSeries(raw.steps_intraday, offset);
  const stepTotal = steps?.values[0].reduce<number>((sum, value) => sum + (value ?? 0), 0) ?? 0;
  const busiest = steps ? steps.values[0].reduce<number>((best, value, i) => ((value ?? 0) > (steps.values[0][best] ?? 0) ? i : best), 0) : 0;

  return [
    {
      id: 'sleep',
      title: `Sleep stages, the night to ${day}`,
      metrics: ['sleep', 'hrv'],
      series: night,
      build: sleepTimelineChart,
      height: 170,
      summary: night
        ? `Night to ${day}: from ${formatClock(night.spans[0].start)} to ${formatClock(night.spans[night.spans.length - 1].end)}${asleep !== null ? `, ${formatDuration(asleep)} asleep` : ''}${stages ? ` (${describeStages(stages)})` : ''}.`
        : '',
      empty: 'No sleep stages are stored for this night.',
      head: ['Time', 'Stage', 'Length'],
      rows: () =>
        (night?.spans ?? []).map((span) => ({
          key: String(span.start),
          cells: [`${formatClock(span.start)}–${formatClock(span.end)}`, STAGES[span.level].label, formatDuration(span.end - span.start)],
        })),
    },
    {
      id: 'heart-rate',
      title: 'Heart rate',
      metrics: ['heart_rate'],
      series: heart,
      build: HEART_CHART,
      height: 200,
      summary: `Heart rate on ${day}: ${spread(heart?.values[0], bpm)}${field(raw.heart_rate, 'restingHeartRate') !== null ? `, resting ${bpm(field(raw.heart_rate, 'restingHeartRate') as number)}` : ''}.`,
      empty: 'No heart rate is stored for this day.',
      head: ['Time', 'Heart rate'],
      rows: pointRows(heart, [bpm]),
    },
    {
      id: 'stress',
      title: 'Stress and Body Battery',
      metrics: ['stress', 'body_battery', 'training_readiness'],
      series: stress,
      build: STRESS_CHART,
      height: 200,
      summary: `Stress on ${day}: ${spread(stress?.values[0], level)}${field(raw.stress, 'avgStressLevel') !== null ? `, average ${level(field(raw.stress, 'avgStressLevel') as number)}` : ''}; Body Battery ${spread(stress?.values[1], level)}.`,
      empty: 'No stress or Body Battery readings are stored for this day.',
      head: ['Time', 'Stress', 'Body Battery'],
      rows: pointRows(stress, [level, level]),
    },
    {
      id: 'hrv',
      title: 'Heart rate variability overnight',
      metrics: ['hrv'],
      series: hrv,
      build: HRV_CHART,
      height: 160,
      summary: `HRV in the night to ${day}: ${spread(hrv?.values[0], ms)}${isObject(raw.sleep) && typeof raw.sleep['avgOvernightHrv'] === 'number' ? `, average ${ms(raw.sleep['avgOvernightHrv'])}` : ''}.`,
      empty: 'No overnight HRV readings are stored for this night.',
      head: ['Time', 'HRV'],
      rows: pointRows(hrv, [ms]),
    },
    {
      id: 'steps',
      title: 'Steps per 15 minutes',
      metrics: ['steps'],
      series: steps,
      build: STEPS_CHART,
      height: 160,
      summary: steps
        ? `Steps on ${day}: ${count(stepTotal)} in all, the most ${count(steps.values[0][busiest] ?? 0)} in the quarter hour from ${formatClock(steps.times[busiest])}.`
        : '',
      empty: 'Steps per 15 minutes are not stored for this day. They are not synced unless chosen:',
      emptyLink: { href: '#/settings', text: 'choose them in Settings, then sync this day again.' },
      head: ['From', 'Steps'],
      rows: pointRows(steps, [count]),
    },
  ];
}

/** The day's page for a metric: the sections that metric is about first, the others after, each in page order. */
export const sectionsFor = (metric: string, sections: DaySection[]) =>
  [...sections].sort((a, b) => Number(b.metrics.includes(metric as HealthMetric)) - Number(a.metrics.includes(metric as HealthMetric)));
