import type { HealthMetric } from '@fittrack/contracts';
import { healthDayOrNone, healthOverview } from '../api/health';

/** The metrics whose raw JSON holds a day's series (README, "Stored data"). */
export const INTRADAY_METRICS = ['sleep', 'heart_rate', 'stress', 'body_battery', 'steps_intraday'] as const satisfies readonly HealthMetric[];
export type IntradayMetric = (typeof INTRADAY_METRICS)[number];

export interface DayData {
  /** Every metric's headline that day (GET /v1/health?from=date&to=date). */
  values: Partial<Record<HealthMetric, number | null>>;
  /** The raw JSON of each intraday metric, null when nothing is stored for it. */
  raw: Record<IntradayMetric, unknown>;
}

/** One day in full: its headlines and its series, asked all at once. */
export async function loadDay(date: string, signal: AbortSignal): Promise<DayData> {
  const [overview, ...days] = await Promise.all([
    healthOverview(date, date, signal),
    ...INTRADAY_METRICS.map((metric) => healthDayOrNone(metric, date, signal)),
  ]);
  const raw = Object.fromEntries(INTRADAY_METRICS.map((metric, i) => [metric, days[i]?.raw ?? null])) as Record<IntradayMetric, unknown>;
  return { values: overview.days.find((day) => day.date === date)?.values ?? {}, raw };
}
