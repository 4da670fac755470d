import type { HealthDayValue } from '@fittrack/contracts';
import { formatShortDate } from './format';
import type { MetricSpec } from './metrics';
import type { DayBounds } from './range';

const DAY_S = 86_400;

/** A calendar date as the charts' x value: its 00:00 UTC in seconds. The charts draw in UTC, so no day shifts. */
export const dayTime = (date: string) => Date.parse(`${date}T00:00:00Z`) / 1000;

export const dateOfTime = (seconds: number) => new Date(seconds * 1000).toISOString().slice(0, 10);

/** One value per calendar day of a range, null where nothing is stored: the gaps a chart leaves. */
export interface DailySeries {
  dates: string[];
  times: number[];
  values: (number | null)[];
}

/** The stored days (only those with a row) laid on every day of the range, in display units. */
export function dailySeries(days: HealthDayValue[], { from, to }: DayBounds, convert: (stored: number) => number): DailySeries {
  const start = dayTime(from);
  const count = Math.max(0, Math.round((dayTime(to) - start) / DAY_S) + 1);
  const times = Array.from({ length: count }, (_, i) => start + i * DAY_S);
  const values: (number | null)[] = new Array(count).fill(null);
  for (const day of days) {
    const index = Math.round((dayTime(day.date) - start) / DAY_S);
    if (index >= 0 && index < count && day.value !== null) values[index] = convert(day.value);
  }
  return { dates: times.map(dateOfTime), times, values };
}

export interface DayValue {
  date: string;
  value: number;
}

/** The newest day with a value. */
export function latestOf(series: DailySeries): DayValue | null {
  for (let i = series.values.length - 1; i >= 0; i--) {
    const value = series.values[i];
    if (value !== null) return { date: series.dates[i], value };
  }
  return null;
}

export function extentOf(values: (number | null)[]): [number, number] | null {
  let extent: [number, number] | null = null;
  for (const value of values) {
    if (value === null) continue;
    extent = extent ? [Math.min(extent[0], value), Math.max(extent[1], value)] : [value, value];
  }
  return extent;
}

export const rangeName = (days: number) => (days === 365 ? 'last 12 months' : `last ${days} days`);

/** The sentence a chart stands for: "Resting heart rate, last 30 days: 52 bpm to 61 bpm, latest 55 bpm on 2 Dec." */
export function describeDaily(spec: MetricSpec, series: DailySeries): string {
  const head = `${spec.label}, ${rangeName(series.dates.length)}`;
  const extent = extentOf(series.values);
  const latest = latestOf(series);
  if (!extent || !latest) return `${head}: no data.`;
  const spread = extent[0] === extent[1] ? spec.format(extent[0]) : `${spec.format(extent[0])} to ${spec.format(extent[1])}`;
  return `${head}: ${spread}, latest ${spec.format(latest.value)} on ${formatShortDate(latest.date)}.`;
}
