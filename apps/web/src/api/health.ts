import type { HealthDayView, HealthMetric, HealthMetricView, HealthOverviewView } from '@fittrack/contracts';
import { api, ApiError } from './client';

const query = (from: string, to: string) => `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;

/** GET /v1/health/:metric?from&to: the headline value of each stored day (at most 366 days), oldest first. */
export const metricDays = (metric: HealthMetric, from: string, to: string, signal?: AbortSignal) =>
  api<HealthMetricView>('GET', `/v1/health/${encodeURIComponent(metric)}?${query(from, to)}`, { signal });

/** GET /v1/health/:metric/:date: that day in full, Garmin's JSON as stored (intraday series included). */
export const healthDay = (metric: HealthMetric, date: string, signal?: AbortSignal) =>
  api<HealthDayView>('GET', `/v1/health/${encodeURIComponent(metric)}/${encodeURIComponent(date)}`, { signal });

/** The same, with a day that has nothing stored (404) as `null`: a gap, not an error. */
export async function healthDayOrNone(metric: HealthMetric, date: string, signal?: AbortSignal): Promise<HealthDayView | null> {
  try {
    return await healthDay(metric, date, signal);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

/** GET /v1/health?from&to: every metric's headline value per day (at most 93 days). */
export const healthOverview = (from: string, to: string, signal?: AbortSignal) => api<HealthOverviewView>('GET', `/v1/health?${query(from, to)}`, { signal });
