import { DayRow } from '../../rows';
import { DailySource } from '../daily-source';
import { anyFigure, arrayAt, dateAt, isObject, JsonObject, num, objectsIn, sumOf } from '../../garmin-json';

/**
 * The other daily wellness endpoints: body-battery events, intraday steps, floors, intensity minutes,
 * respiration, SpO2, hydration, blood pressure and lifestyle logging. Each source names its evidence:
 * garth's recordings (../shared/garmin-fixtures) or python-garminconnect 0.3.12 (pgc).
 */

/**
 * Recorded (garth data/test_body_battery_data_get): `bodyBattery/events/{date}` lists the day's events
 * (sleep, activities, naps), each with its body-battery impact and series. garth's recordings also show `[]`
 * for a day without events and `event: null` for an activity's entry: those are still events of the day.
 */
export const bodyBatteryEvents: DailySource = {
  name: 'bodyBattery/events',
  yields: ['body_battery_events'],
  span: { per: 'day' },
  intraday: true,
  async fetch({ api }, date) {
    const answer = await api.getJson<unknown[]>(`/wellness-service/wellness/bodyBattery/events/${date}`);
    const events = objectsIn(answer);
    if (events.length === 0) return { days: [] };
    return { days: [{ date, metric: 'body_battery_events', value: events.length, raw: answer }] };
  },
};

/**
 * pgc get_steps_data: `dailySummaryChart/{displayName}?date=`, the day's 15-minute buckets; pgc's tests sum their
 * `steps`. A day Garmin has offloaded answers every bucket at zero (pgc issue #168), so a day of zeros is no data.
 */
export const stepsIntraday: DailySource = {
  name: 'dailySummaryChart',
  yields: ['steps_intraday'],
  span: { per: 'day' },
  intraday: true,
  async fetch({ api, displayName }, date) {
    const answer = await api.getJson<unknown[]>(`/wellness-service/wellness/dailySummaryChart/${displayName}`, { date });
    const steps = objectsIn(answer).map((bucket) => bucket['steps']);
    const total = sumOf(steps);
    if (total === null || total === 0) return { days: [] };
    return { days: [{ date, metric: 'steps_intraday', value: total, raw: answer }] };
  },
};

/**
 * pgc get_floors: `floorsChartData/daily/{date}` answers `floorValuesArray` (pgc's test checks it), rows
 * whose columns `floorsValueDescriptorDTOList` names (`{index, key}`); the headline sums the
 * `floorsAscended` column. A day without rows is no data.
 */
export const floorsChart: DailySource = {
  name: 'floorsChartData',
  yields: ['floors'],
  span: { per: 'day' },
  intraday: true,
  async fetch({ api }, date) {
    const day = await api.getJson<JsonObject>(`/wellness-service/wellness/floorsChartData/daily/${date}`);
    const rows = arrayAt(day, 'floorValuesArray').filter(Array.isArray);
    if (!isObject(day) || rows.length === 0) return { days: [] };
    const ascended = objectsIn(arrayAt(day, 'floorsValueDescriptorDTOList')).find((column) => column['key'] === 'floorsAscended');
    const index = num(ascended?.['index']);
    return { days: [{ date, metric: 'floors', value: index === null ? null : sumOf(rows.map((row) => row[index])), raw: day }] };
  },
};

/**
 * Recorded (garth stats/test_daily_intensity_minutes): `stats/im/daily/{from}/{to}`, one entry per day with
 * `moderateValue` and `vigorousValue` (garth asks at most 28 days at once). The headline counts vigorous
 * minutes twice, as Garmin's weekly goal does; a day with neither figure is no data.
 */
export const intensityMinutesRange: DailySource = {
  name: 'stats/im/daily',
  yields: ['intensity_minutes'],
  span: { per: 'range', maxDays: 28 },
  intraday: false,
  async fetch({ api }, from, to) {
    const days: DayRow[] = [];
    for (const entry of objectsIn(await api.getJson<unknown[]>(`/usersummary-service/stats/im/daily/${from}/${to}`))) {
      const date = dateAt(entry, 'calendarDate');
      const moderate = num(entry['moderateValue']);
      const vigorous = num(entry['vigorousValue']);
      if (date === null || (moderate === null && vigorous === null)) continue;
      days.push({ date, metric: 'intensity_minutes', value: (moderate ?? 0) + 2 * (vigorous ?? 0), raw: entry });
    }
    return { days };
  },
};

const RESPIRATION_FIGURES = ['avgWakingRespirationValue', 'avgSleepRespirationValue', 'lowestRespirationValue', 'highestRespirationValue'];

/**
 * pgc get_respiration_data: `daily/respiration/{date}`, the day's averages (pgc's test checks
 * `avgSleepRespirationValue`) and its series. A day whose figures are all null and whose series is empty
 * is no data; a day with only some figures is stored as it is.
 */
export const dailyRespiration: DailySource = {
  name: 'daily/respiration',
  yields: ['respiration'],
  span: { per: 'day' },
  intraday: true,
  async fetch({ api }, date) {
    const day = await api.getJson<JsonObject>(`/wellness-service/wellness/daily/respiration/${date}`);
    if (!isObject(day) || (!anyFigure(day, RESPIRATION_FIGURES) && arrayAt(day, 'respirationValuesArray').length === 0)) return { days: [] };
    return { days: [{ date, metric: 'respiration', value: num(day['avgWakingRespirationValue']), raw: day }] };
  },
};

/** The day's own SpO2 figures (`lastSevenDaysAvgSpO2` is about the week before, so it does not make a day). */
const SPO2_FIGURES = ['averageSpO2', 'lowestSpO2', 'latestSpO2', 'avgSleepSpO2'];

/**
 * pgc get_spo2_data: `daily/spo2/{date}`, the day's `averageSpO2` (pgc's test checks it) and hourly averages;
 * pgc notes `lastSevenDaysAvgSpO2` sometimes comes as a string (`raw` keeps Garmin's JSON as sent). A day
 * whose figures are all null and whose hourly series is empty is no data.
 */
export const dailySpo2: DailySource = {
  name: 'daily/spo2',
  yields: ['spo2'],
  span: { per: 'day' },
  intraday: true,
  async fetch({ api }, date) {
    const day = await api.getJson<JsonObject>(`/wellness-service/wellness/daily/spo2/${date}`);
    if (!isObject(day) || (!anyFigure(day, SPO2_FIGURES) && arrayAt(day, 'spO2HourlyAverages').length === 0)) return { days: [] };
    return { days: [{ date, metric: 'spo2', value: num(day['averageSpO2']), raw: day }] };
  },
};

/**
 * Recorded (garth stats/test_daily_hydration): `stats/hydration/daily/{from}/{to}`, per day `valueInML` and
 * `goalInML` (garth asks at most 28 days at once). A day without an intake figure is no data.
 */
export const hydrationRange: DailySource = {
  name: 'stats/hydration/daily',
  yields: ['hydration'],
  span: { per: 'range', maxDays: 28 },
  intraday: false,
  async fetch({ api }, from, to) {
    const days: DayRow[] = [];
    for (const entry of objectsIn(await api.getJson<unknown[]>(`/usersummary-service/stats/hydration/daily/${from}/${to}`))) {
      const date = dateAt(entry, 'calendarDate');
      if (date === null || num(entry['valueInML']) === null) continue;
      days.push({ date, metric: 'hydration', value: num(entry['valueInML']), raw: entry });
    }
    return { days };
  },
};

/**
 * pgc get_blood_pressure: `bloodpressure/range/{from}/{to}?includeAll=true`, read as pgc's demo reads it:
 * `measurementSummaries[]`, one per day (`startDate`), each with that day's `measurements[]` (systolic,
 * diastolic, pulse, measurementTimestampLocal). The row keeps the day's summary with its measurements; the
 * headline is the summary's `highSystolic`. A summary without measurements or figures is no data.
 */
export const bloodPressureRange: DailySource = {
  name: 'bloodpressure/range',
  yields: ['blood_pressure'],
  span: { per: 'range', maxDays: 28 },
  intraday: false,
  async fetch({ api }, from, to) {
    const answer = await api.getJson<JsonObject>(`/bloodpressure-service/bloodpressure/range/${from}/${to}`, { includeAll: 'true' });
    const days: DayRow[] = [];
    for (const summary of objectsIn(arrayAt(answer, 'measurementSummaries'))) {
      const date = dateAt(summary, 'startDate');
      if (date === null || (arrayAt(summary, 'measurements').length === 0 && num(summary['highSystolic']) === null)) continue;
      days.push({ date, metric: 'blood_pressure', value: num(summary['highSystolic']), raw: summary });
    }
    return { days };
  },
};

/**
 * pgc get_lifestyle_logging_data: `lifestylelogging-service/dailyLog/{date}`. pgc reads none of its fields:
 * the answer's `dailyLogsReport[]` (one per tracked behaviour, `logStatus` set once the user logged it) is
 * an assumption from public code built on pgc. The headline counts the behaviours logged that day; a day
 * with none logged is no data.
 */
export const lifestyleLog: DailySource = {
  name: 'lifestylelogging/dailyLog',
  yields: ['lifestyle'],
  span: { per: 'day' },
  intraday: false,
  async fetch({ api }, date) {
    const day = await api.getJson<JsonObject>(`/lifestylelogging-service/dailyLog/${date}`);
    const logged = objectsIn(arrayAt(day, 'dailyLogsReport')).filter((behaviour) => typeof behaviour['logStatus'] === 'string' && behaviour['logStatus'] !== '');
    if (logged.length === 0) return { days: [] };
    return { days: [{ date, metric: 'lifestyle', value: logged.length, raw: day }] };
  },
};

export const WELLNESS_EXTRA_SOURCES: readonly DailySource[] = [
  bodyBatteryEvents,
  stepsIntraday,
  floorsChart,
  intensityMinutesRange,
  dailyRespiration,
  dailySpo2,
  hydrationRange,
  bloodPressureRange,
  lifestyleLog,
];
