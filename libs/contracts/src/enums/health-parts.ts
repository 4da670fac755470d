import type { HealthMetric } from './data-kinds';

/**
 * Figures of a day's stored Garmin JSON that a read of a range gives beside each day's headline, by metric: the
 * name a reader sees, and where Garmin puts it. So a chart of many days needs no request per day for them (the day
 * in full, `raw`, carries minute-by-minute series). Sleep's stages, in seconds, sit in `dailySleepDTO` (recorded:
 * garth data/test_daily_sleep_data_get.yaml).
 */
export const HEALTH_METRIC_PARTS: Partial<Record<HealthMetric, Readonly<Record<string, readonly string[]>>>> = {
  sleep: {
    deep: ['dailySleepDTO', 'deepSleepSeconds'],
    light: ['dailySleepDTO', 'lightSleepSeconds'],
    rem: ['dailySleepDTO', 'remSleepSeconds'],
    awake: ['dailySleepDTO', 'awakeSleepSeconds'],
  },
};
