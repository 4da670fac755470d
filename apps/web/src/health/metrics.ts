import type { HealthMetric } from '@fittrack/contracts';
import { formatDuration, formatNumber } from './format';

/**
 * The metrics the health pages chart, with what each `daily_health` headline is (README, "Stored data"): the unit
 * it is stored in, how people read it, and how it is drawn.
 */
export interface MetricSpec {
  metric: HealthMetric;
  label: string;
  /** What the stored headline is, in words. */
  about: string;
  /** The unit after conversion, for axes and summaries; empty for a 0–100 score. */
  unit: string;
  /** Stored value → displayed value (weight is stored in grams). */
  convert: (stored: number) => number;
  /** The displayed value as text, unit included. */
  format: (value: number) => string;
  style: 'line' | 'bars';
  /**
   * Weight and VO2 max are measured now and then, and hold between measurements: their points are joined across
   * days without one. Every other metric is per day, and a day without it is a gap.
   */
  joinGaps: boolean;
  /** A fixed 0–100 scale for scores; else the scale follows the data. */
  score: boolean;
  /** The CSS custom property of its colour (health.css, both themes). */
  colour: string;
}

const same = (value: number) => value;
const withUnit = (digits: number, unit: string) => (value: number) => `${formatNumber(value, digits)}${unit ? ` ${unit}` : ''}`;

export const SLEEP: MetricSpec = {
  metric: 'sleep',
  label: 'Sleep',
  about: 'time asleep each night, by stage',
  unit: 'h',
  convert: (seconds) => seconds / 3600,
  format: (hours) => formatDuration(hours * 3600),
  style: 'bars',
  joinGaps: false,
  score: false,
  colour: '--chart-light',
};

/** The charts under the sleep chart, in the order of the page. */
export const DAILY_METRICS: MetricSpec[] = [
  {
    metric: 'heart_rate',
    label: 'Resting heart rate',
    about: 'the day’s resting heart rate, as Garmin measured it',
    unit: 'bpm',
    convert: same,
    format: withUnit(0, 'bpm'),
    style: 'line',
    joinGaps: false,
    score: false,
    colour: '--chart-heart',
  },
  {
    metric: 'hrv',
    label: 'HRV',
    about: 'average heart rate variability overnight',
    unit: 'ms',
    convert: same,
    format: withUnit(0, 'ms'),
    style: 'line',
    joinGaps: false,
    score: false,
    colour: '--chart-hrv',
  },
  {
    metric: 'stress',
    label: 'Stress',
    about: 'average stress level of the day (0–100)',
    unit: '',
    convert: same,
    format: withUnit(0, ''),
    style: 'line',
    joinGaps: false,
    score: true,
    colour: '--chart-stress',
  },
  {
    metric: 'body_battery',
    label: 'Body Battery',
    about: 'highest Body Battery level of the day (0–100)',
    unit: '',
    convert: same,
    format: withUnit(0, ''),
    style: 'line',
    joinGaps: false,
    score: true,
    colour: '--chart-battery',
  },
  {
    metric: 'steps',
    label: 'Steps',
    about: 'steps of the day',
    unit: 'steps',
    convert: same,
    format: withUnit(0, 'steps'),
    style: 'bars',
    joinGaps: false,
    score: false,
    colour: '--chart-steps',
  },
  {
    metric: 'weight',
    label: 'Weight',
    about: 'latest weigh-in of the day',
    unit: 'kg',
    convert: (grams) => grams / 1000,
    format: withUnit(1, 'kg'),
    style: 'line',
    joinGaps: true,
    score: false,
    colour: '--chart-weight',
  },
  {
    metric: 'vo2max',
    label: 'VO2 max',
    about: 'VO2 max estimate (running, else cycling)',
    unit: 'ml/kg/min',
    convert: same,
    format: withUnit(1, 'ml/kg/min'),
    style: 'line',
    joinGaps: true,
    score: false,
    colour: '--chart-vo2',
  },
  {
    metric: 'training_readiness',
    label: 'Training readiness',
    about: 'latest training readiness score of the day (0–100)',
    unit: '',
    convert: same,
    format: withUnit(0, ''),
    style: 'line',
    joinGaps: false,
    score: true,
    colour: '--chart-readiness',
  },
];

export const CHARTED_METRICS: MetricSpec[] = [SLEEP, ...DAILY_METRICS];

export const specOf = (metric: string | undefined): MetricSpec | undefined => CHARTED_METRICS.find((spec) => spec.metric === metric);
