import { DayRow, RecordRow } from '../../rows';
import { DailySource } from '../daily-source';
import { arrayAt, num, objectAt } from '../../garmin-json';

/**
 * Daily wellness: the endpoints garth's recordings (../shared/garmin-fixtures) and python-garminconnect
 * 0.3.12 (pgc) show. Each source says where its form comes from.
 */

/**
 * pgc get_user_summary: `usersummary/daily/{displayName}?calendarDate=` (recorded as `daily/?calendarDate=`).
 * Today's was already fetched to learn the user's zone, so it costs nothing again.
 */
export const dailySummary: DailySource = {
  name: 'usersummary/daily',
  yields: ['summary'],
  span: { per: 'day' },
  intraday: false,
  async fetch({ api, displayName, today, todaySummary }, date) {
    const summary =
      date === today && todaySummary !== undefined
        ? todaySummary
        : await api.getJson<Record<string, unknown>>(`/usersummary-service/usersummary/daily/${displayName}`, { calendarDate: date });
    // Garmin answers every day, with BMR calories even when the device recorded nothing; such a day has
    // `totalSteps: null` (garth issue #98), and stores nothing.
    if (!summary || summary['totalSteps'] === null || summary['totalSteps'] === undefined) return { days: [] };
    return { days: [{ date, metric: 'summary', value: num(summary['totalKilocalories']), raw: summary }] };
  },
};

/**
 * Recorded (garth data/test_sleep_data_*) and pgc get_sleep_data: the wellness path with the display name
 * answers stages (sleepLevels), movement and the night's HR, stress, body battery, HRV, respiration and
 * SpO2 series; the sleep-service path answers the summary alone. A night without sleep has `id: null`.
 */
export const dailySleep: DailySource = {
  name: 'dailySleepData',
  yields: ['sleep'],
  span: { per: 'day' },
  intraday: false,
  async fetch({ api, displayName }, date) {
    const sleep = await api.getJson<Record<string, unknown>>(`/wellness-service/wellness/dailySleepData/${displayName}`, { date, nonSleepBufferMinutes: 60 });
    const dto = objectAt(sleep, 'dailySleepDTO');
    if (!dto || dto['id'] === null || dto['sleepTimeSeconds'] === null || dto['sleepTimeSeconds'] === undefined) return { days: [] };
    return { days: [{ date, metric: 'sleep', value: num(dto['sleepTimeSeconds']), raw: sleep }] };
  },
};

/** Recorded (garth data/test_daily_heart_rate_*): `dailyHeartRate/?date=`; a day without data has `heartRateValues: null`. */
export const dailyHeartRate: DailySource = {
  name: 'dailyHeartRate',
  yields: ['heart_rate'],
  span: { per: 'day' },
  intraday: true,
  async fetch({ api }, date) {
    const day = await api.getJson<Record<string, unknown>>('/wellness-service/wellness/dailyHeartRate/', { date });
    if (!day || !Array.isArray(day['heartRateValues'])) return { days: [] };
    return { days: [{ date, metric: 'heart_rate', value: num(day['restingHeartRate']), raw: day }] };
  },
};

/** Recorded (garth stats/test_daily_hrv*): `hrv/daily/{from}/{to}`, 204 when there is none. */
export const hrvRange: DailySource = {
  name: 'hrv/daily',
  yields: ['hrv'],
  span: { per: 'range', maxDays: 28 },
  intraday: false,
  async fetch({ api }, from, to) {
    const answer = await api.getJson<Record<string, unknown>>(`/hrv-service/hrv/daily/${from}/${to}`);
    const days: DayRow[] = [];
    for (const entry of arrayAt(answer, 'hrvSummaries')) {
      const summary = entry as Record<string, unknown>;
      if (typeof summary['calendarDate'] !== 'string') continue;
      days.push({ date: summary['calendarDate'], metric: 'hrv', value: num(summary['lastNightAvg']), raw: summary });
    }
    return { days };
  },
};

/** The highest body-battery level of a day's `[ts, status, level, version]` entries; Garmin sends some as `null`. */
function highestLevel(entries: unknown[]): number | null {
  let highest: number | null = null;
  for (const entry of entries) {
    const level = Array.isArray(entry) ? num(entry[2]) : null;
    if (level !== null && (highest === null || level > highest)) highest = level;
  }
  return highest;
}

const STRESS_KEYS = ['maxStressLevel', 'avgStressLevel', 'stressChartValueOffset', 'stressChartYAxisOrigin', 'stressValueDescriptorsDTOList', 'stressValuesArray'];
const BATTERY_KEYS = ['bodyBatteryValueDescriptorsDTOList', 'bodyBatteryValuesArray'];
/** The answer without the other kind's fields: each row keeps the day's bounds and its own series. */
const without = (day: Record<string, unknown>, keys: string[]) => Object.fromEntries(Object.entries(day).filter(([key]) => !keys.includes(key)));

/**
 * Recorded (garth data/test_daily_body_battery_stress_*, test_body_battery_properties_edge_cases): one day's
 * stress (values -1 and -2 mean off-wrist and activity) and body battery (entries may be `null`), in one
 * answer: one request gives two kinds. A day without data answers `null`.
 */
export const dailyStress: DailySource = {
  name: 'dailyStress',
  yields: ['stress', 'body_battery'],
  span: { per: 'day' },
  intraday: true,
  async fetch({ api }, date) {
    const day = await api.getJson<Record<string, unknown>>(`/wellness-service/wellness/dailyStress/${date}`);
    if (!day) return { days: [] };
    const days: DayRow[] = [];
    if (arrayAt(day, 'stressValuesArray').length > 0) {
      days.push({ date, metric: 'stress', value: num(day['avgStressLevel']), raw: without(day, BATTERY_KEYS) });
    }
    const battery = arrayAt(day, 'bodyBatteryValuesArray');
    if (battery.length > 0) days.push({ date, metric: 'body_battery', value: highestLevel(battery), raw: without(day, STRESS_KEYS) });
    return { days };
  },
};

/** Recorded (garth stats/test_daily_steps, connect/daily_steps): `stats/steps/daily/{from}/{to}`. */
export const stepsRange: DailySource = {
  name: 'stats/steps/daily',
  yields: ['steps'],
  span: { per: 'range', maxDays: 28 },
  intraday: false,
  async fetch({ api }, from, to) {
    const answer = await api.getJson<unknown[]>(`/usersummary-service/stats/steps/daily/${from}/${to}`);
    const days: DayRow[] = [];
    for (const entry of Array.isArray(answer) ? answer : []) {
      const day = entry as Record<string, unknown>;
      if (typeof day['calendarDate'] === 'string' && day['totalSteps'] !== null) {
        days.push({ date: day['calendarDate'], metric: 'steps', value: num(day['totalSteps']), raw: day });
      }
    }
    return { days };
  },
};

/**
 * Recorded (connect/weight_data_list, garth data/test_weight_data_*): `weight/range/{from}/{to}?includeAll=true`
 * answers per day the latest weigh-in and every weigh-in of the day (allWeightMetrics, with body fat, water,
 * bone and muscle mass): one request gives the daily weight and every body-composition record.
 */
export const weightRange: DailySource = {
  name: 'weight/range',
  yields: ['weight', 'body_composition'],
  span: { per: 'range', maxDays: 28 },
  intraday: false,
  async fetch({ api }, from, to) {
    const answer = await api.getJson<Record<string, unknown>>(`/weight-service/weight/range/${from}/${to}`, { includeAll: 'true' });
    const days: DayRow[] = [];
    const records: RecordRow[] = [];
    for (const entry of arrayAt(answer, 'dailyWeightSummaries')) {
      const summary = entry as Record<string, unknown>;
      if (typeof summary['summaryDate'] !== 'string') continue;
      days.push({ date: summary['summaryDate'], metric: 'weight', value: num(objectAt(summary, 'latestWeight')?.['weight']), raw: summary });
      for (const metric of arrayAt(summary, 'allWeightMetrics')) {
        const weighIn = metric as Record<string, unknown>;
        if (weighIn['samplePk'] === undefined || weighIn['samplePk'] === null) continue;
        records.push({ kind: 'body_composition', key: String(weighIn['samplePk']), recordedOn: summary['summaryDate'], value: num(weighIn['weight']), raw: weighIn });
      }
    }
    return { days, records };
  },
};

export const WELLNESS_SOURCES: readonly DailySource[] = [dailySummary, dailySleep, dailyHeartRate, hrvRange, dailyStress, stepsRange, weightRange];
