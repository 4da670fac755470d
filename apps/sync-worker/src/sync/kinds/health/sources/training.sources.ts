import { DayRow } from '../../rows';
import { DailySource } from '../daily-source';
import { dateAt, isObject, JsonObject, num, objectAt, objectsIn } from '../../garmin-json';

/**
 * Training metrics: readiness, status, VO2 max, race predictions, endurance and hill scores, fitness age.
 * Each source names its evidence: garth's recordings (../shared/garmin-fixtures) or python-garminconnect
 * 0.3.12 (pgc).
 */

/** The newest snapshot by its `timestamp` (Garmin's `YYYY-MM-DDTHH:mm:ss.S`, which sorts as text). */
const newest = (entries: JsonObject[]): JsonObject =>
  entries.reduce((latest, entry) => (String(entry['timestamp'] ?? '') > String(latest['timestamp'] ?? '') ? entry : latest));

/**
 * Recorded (garth data/test_training_readiness_data_list, test_morning_training_readiness_data_get):
 * `trainingreadiness/{date}` lists the day's readiness snapshots, newest first, each with its `inputContext`.
 * One request gives two kinds: the newest snapshot is the day's readiness, the AFTER_WAKEUP_RESET one its
 * morning readiness, as garth picks it. A recorded 2024 day has one snapshot with `inputContext: null`:
 * garth finds no morning readiness there, and neither do we (pgc would fall back to the newest). A day
 * without readiness answers `[]` (garth's test_training_readiness_data_get, 2030-01-01).
 */
export const trainingReadiness: DailySource = {
  name: 'trainingreadiness',
  yields: ['training_readiness', 'training_readiness_morning'],
  span: { per: 'day' },
  intraday: false,
  async fetch({ api }, date) {
    const snapshots = objectsIn(await api.getJson<unknown[]>(`/metrics-service/metrics/trainingreadiness/${date}`));
    if (snapshots.length === 0) return { days: [] };
    const latest = newest(snapshots);
    const days: DayRow[] = [{ date, metric: 'training_readiness', value: num(latest['score']), raw: latest }];
    const morning = snapshots.find((snapshot) => snapshot['inputContext'] === 'AFTER_WAKEUP_RESET');
    if (morning) days.push({ date, metric: 'training_readiness_morning', value: num(morning['score']), raw: morning });
    return { days };
  },
};

/**
 * Recorded (garth stats/test_weekly_training_status, _pagination): `mobile-gateway/usersummary/trainingstatus/
 * weekly/{from}/{to}` answers, under `weeklyTrainingStatus.payload.reportData`, per device id one entry per
 * day from..to (a whole year is recorded in one answer, so 28-day chunks are well inside it). Each entry says
 * whether its device is the `primaryTrainingDevice`: a day takes its primary device's entry, or its first
 * entry when no device of that day is primary. No data is `reportData: {}` (recorded for the monthly form,
 * test_monthly_training_status_no_data).
 */
export const trainingStatusRange: DailySource = {
  name: 'trainingstatus/weekly',
  yields: ['training_status'],
  span: { per: 'range', maxDays: 28 },
  intraday: false,
  async fetch({ api }, from, to) {
    const answer = await api.getJson<JsonObject>(`/mobile-gateway/usersummary/trainingstatus/weekly/${from}/${to}`);
    const reportData = objectAt(objectAt(objectAt(answer, 'weeklyTrainingStatus'), 'payload'), 'reportData') ?? {};
    const byDay = new Map<string, JsonObject>();
    for (const entry of Object.values(reportData).flatMap(objectsIn)) {
      const date = dateAt(entry, 'calendarDate');
      if (date === null) continue;
      if (!byDay.has(date) || (entry['primaryTrainingDevice'] === true && byDay.get(date)?.['primaryTrainingDevice'] !== true)) byDay.set(date, entry);
    }
    return { days: [...byDay].map(([date, entry]) => ({ date, metric: 'training_status' as const, value: num(entry['trainingStatus']), raw: entry })) };
  },
};

/**
 * pgc get_max_metrics_range: `maxmet/daily/{from}/{to}`, a list with an entry per day that has one. An entry
 * has the shape of the recorded `maxmet/latest` payload (garth stats/test_daily_training_status,
 * `mostRecentVO2Max`): `generic` (running) and `cycling`, each with its calendarDate and vo2MaxPreciseValue.
 * The headline is the generic (running) figure, else the cycling one (both ml/kg/min; `raw` says which).
 */
export const vo2maxRange: DailySource = {
  name: 'maxmet/daily',
  yields: ['vo2max'],
  span: { per: 'range', maxDays: 28 },
  intraday: false,
  async fetch({ api }, from, to) {
    const days: DayRow[] = [];
    for (const entry of objectsIn(await api.getJson<unknown[]>(`/metrics-service/metrics/maxmet/daily/${from}/${to}`))) {
      const generic = objectAt(entry, 'generic');
      const cycling = objectAt(entry, 'cycling');
      const date = dateAt(generic, 'calendarDate') ?? dateAt(cycling, 'calendarDate') ?? dateAt(entry, 'calendarDate');
      if (date === null || (!generic && !cycling)) continue;
      days.push({ date, metric: 'vo2max', value: num(generic?.['vo2MaxPreciseValue']) ?? num(cycling?.['vo2MaxPreciseValue']), raw: entry });
    }
    return { days };
  },
};

const RACE_TIMES = ['time5K', 'time10K', 'timeHalfMarathon', 'timeMarathon'];

/**
 * pgc get_race_predictions(from, to, 'daily'): `racepredictions/daily/{displayName}?fromCalendarDate=&
 * toCalendarDate=` (pgc refuses ranges over a year), a list of the days' predictions. pgc reads none of the
 * fields: calendarDate and the times in seconds (time5K, time10K, timeHalfMarathon, timeMarathon) are as
 * kinds.md says. A day without any time is no data.
 */
export const racePredictionsRange: DailySource = {
  name: 'racepredictions/daily',
  yields: ['race_predictions'],
  span: { per: 'range', maxDays: 28 },
  intraday: false,
  async fetch({ api, displayName }, from, to) {
    const answer = await api.getJson<unknown[]>(`/metrics-service/metrics/racepredictions/daily/${displayName}`, { fromCalendarDate: from, toCalendarDate: to });
    const days: DayRow[] = [];
    for (const entry of objectsIn(answer)) {
      const date = dateAt(entry, 'calendarDate');
      if (date === null || RACE_TIMES.every((key) => num(entry[key]) === null)) continue;
      days.push({ date, metric: 'race_predictions', value: num(entry['time5K']), raw: entry });
    }
    return { days };
  },
};

/** One day's score of a `metrics-service/metrics/{score}?calendarDate=` endpoint: `overallScore`, 204 when none. */
function scoreSource(name: 'endurancescore' | 'hillscore', kind: 'endurance_score' | 'hill_score'): DailySource {
  return {
    name,
    yields: [kind],
    span: { per: 'day' },
    intraday: false,
    async fetch({ api }, date) {
      const day = await api.getJson<JsonObject>(`/metrics-service/metrics/${name}`, { calendarDate: date });
      if (!isObject(day) || num(day['overallScore']) === null) return { days: [] };
      return { days: [{ date, metric: kind, value: num(day['overallScore']), raw: day }] };
    },
  };
}

/**
 * Recorded (garth data/test_garmin_scores_data_get, _list): `endurancescore?calendarDate=` answers the day's
 * `overallScore` with its classification limits and contributors; 204 for a day without (2024-07-07).
 */
export const enduranceScore = scoreSource('endurancescore', 'endurance_score');

/**
 * Recorded (garth data/test_garmin_scores_data_get, _list): `hillscore?calendarDate=` answers the day's
 * `overallScore` with its strength and endurance parts; 204 for a day without (2024-07-07).
 */
export const hillScore = scoreSource('hillscore', 'hill_score');

/**
 * pgc get_fitnessage_data: `fitnessage/{date}` (pgc's test stubs it with `chronologicalAge`). The headline
 * `fitnessAge` (years) is as kinds.md says; an answer without one (the chronological age alone) is no data.
 */
export const fitnessAge: DailySource = {
  name: 'fitnessage',
  yields: ['fitness_age'],
  span: { per: 'day' },
  intraday: false,
  async fetch({ api }, date) {
    const day = await api.getJson<JsonObject>(`/fitnessage-service/fitnessage/${date}`);
    if (!isObject(day) || num(day['fitnessAge']) === null) return { days: [] };
    return { days: [{ date, metric: 'fitness_age', value: num(day['fitnessAge']), raw: day }] };
  },
};

export const TRAINING_SOURCES: readonly DailySource[] = [
  trainingReadiness,
  trainingStatusRange,
  vo2maxRange,
  racePredictionsRange,
  enduranceScore,
  hillScore,
  fitnessAge,
];
