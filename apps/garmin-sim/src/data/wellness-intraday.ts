import { Account } from '../state/accounts';
import { apportion } from './athlete';
import { dotted } from './calendar';
import { dayBounds, DayFacts } from './daily';
import { between, intBetween, round } from './random';

/**
 * The intraday wellness endpoints no cassette records: steps chart, floors, respiration, SpO2. Each kind has
 * a facts function (what the oracle reads) and a renderer built on it. Shapes: see README "Generated endpoints".
 */

const BUCKET_MS = 900_000;

/** Whether the day has the kind's intraday data: the device produces it and Garmin has not offloaded the day. */
export const hasIntraday = (day: DayFacts, kind: string) => day.produces(kind) && !day.archived;

function bucketStarts(day: DayFacts): number[] {
  const count = Math.round((day.dayEndMs - day.dayStartMs) / BUCKET_MS);
  return Array.from({ length: count }, (_, i) => day.dayStartMs + i * BUCKET_MS);
}

/** Steps per 15-minute bucket, summing exactly to the day's steps (none asleep, 23:00-07:00). */
export function stepBuckets(day: DayFacts): number[] {
  const random = day.stream('steps-chart');
  const weights = bucketStarts(day).map((_, i) => (i < 28 || i >= 92 ? 0 : random() ** 2 + 0.02));
  return apportion(day.steps, weights);
}

function activityLevel(steps: number, index: number): string {
  if (steps === 0) return index < 28 || index >= 92 ? 'sleeping' : 'sedentary';
  return steps < 300 ? 'sedentary' : steps < 1000 ? 'active' : 'highlyActive';
}

/**
 * GET /wellness-service/wellness/dailySummaryChart/{dn}?date=. Reference: pgc test_garmin.py (`steps` per
 * entry) and pgc #168 (an offloaded day: every bucket `steps: 0, primaryActivityLevel: "none",
 * activityLevelConstant: true`).
 */
export function stepsChart(day: DayFacts) {
  const starts = bucketStarts(day);
  if (!hasIntraday(day, 'steps_intraday')) {
    return starts.map((t) => ({ startGMT: dotted(t), endGMT: dotted(t + BUCKET_MS), steps: 0, pushes: 0, primaryActivityLevel: 'none', activityLevelConstant: true }));
  }
  const steps = stepBuckets(day);
  return starts.map((t, i) => ({
    startGMT: dotted(t),
    endGMT: dotted(t + BUCKET_MS),
    steps: steps[i],
    pushes: 0,
    primaryActivityLevel: activityLevel(steps[i], i),
    activityLevelConstant: steps[i] === 0,
  }));
}

/** Floors climbed and descended per 15-minute bucket; only in buckets with steps. */
export function floorBuckets(day: DayFacts): { ascended: number; descended: number }[] {
  const random = day.stream('floors');
  return stepBuckets(day).map((steps) => {
    if (steps < 200) return { ascended: 0, descended: 0 };
    return { ascended: intBetween(random, 0, Math.min(6, Math.floor(steps / 250))), descended: intBetween(random, 0, Math.min(5, Math.floor(steps / 300))) };
  });
}

export const floorsAscended = (day: DayFacts) => floorBuckets(day).reduce((sum, b) => sum + b.ascended, 0);

/** GET /wellness-service/wellness/floorsChartData/daily/{date}. Reference: pgc test_garmin.py (`floorValuesArray`). */
export function floorsChart(day: DayFacts) {
  const starts = bucketStarts(day);
  const buckets = hasIntraday(day, 'floors') ? floorBuckets(day) : [];
  return {
    ...dayBounds(day),
    floorsValueDescriptorDTOList: [
      { key: 'startTimeGMT', index: 0 },
      { key: 'endTimeGMT', index: 1 },
      { key: 'floorsAscended', index: 2 },
      { key: 'floorsDescended', index: 3 },
    ],
    floorValuesArray: buckets.map((b, i) => [dotted(starts[i]), dotted(starts[i] + BUCKET_MS), b.ascended, b.descended]),
  };
}

export interface RespirationFacts {
  avgWaking: number;
  avgSleep: number;
  lowest: number;
  highest: number;
}

export function respirationFacts(day: DayFacts): RespirationFacts {
  const random = day.stream('respiration');
  const avgWaking = round(between(random, 13, 18), 0);
  const avgSleep = round(between(random, 11, 16), 0);
  return { avgWaking, avgSleep, lowest: Math.min(avgWaking, avgSleep) - 3, highest: Math.max(avgWaking, avgSleep) + 6 };
}

const sleepEndMs = (day: DayFacts) => day.sleepStartMs + day.sleepSeconds * 1000;

/** GET /wellness-service/wellness/daily/respiration/{date}. Reference keys: pgc test_garmin.py (`calendarDate`, `avgSleepRespirationValue`). */
export function respiration(account: Account, day: DayFacts) {
  const has = hasIntraday(day, 'respiration');
  const facts = respirationFacts(day);
  const random = day.stream('respiration-values');
  const values: [number, number][] = [];
  if (has) {
    for (let t = day.dayStartMs; t < day.dayEndMs; t += 120_000) {
      const asleep = t < sleepEndMs(day);
      const centre = asleep ? facts.avgSleep : facts.avgWaking;
      values.push([t, Math.max(facts.lowest, Math.min(facts.highest, centre + intBetween(random, -2, 2)))]);
    }
  }
  return {
    userProfilePK: account.profileId,
    calendarDate: day.date,
    ...dayBounds(day),
    sleepStartTimestampGMT: has ? dotted(day.sleepStartMs) : null,
    sleepEndTimestampGMT: has ? dotted(sleepEndMs(day)) : null,
    sleepStartTimestampLocal: has ? dotted(day.sleepStartMs + day.offsetMs) : null,
    sleepEndTimestampLocal: has ? dotted(sleepEndMs(day) + day.offsetMs) : null,
    lowestRespirationValue: has ? facts.lowest : null,
    highestRespirationValue: has ? facts.highest : null,
    avgWakingRespirationValue: has ? facts.avgWaking : null,
    avgSleepRespirationValue: has ? facts.avgSleep : null,
    respirationValueDescriptorsDTOList: [
      { key: 'timestamp', index: 0 },
      { key: 'respiration', index: 1 },
    ],
    respirationValuesArray: has ? values : [],
  };
}

export interface Spo2Facts {
  average: number;
  lowest: number;
  latest: number;
  lastSevenDaysAvg: number;
}

export function spo2Facts(day: DayFacts): Spo2Facts {
  const random = day.stream('spo2');
  const average = intBetween(random, 93, 98);
  return { average, lowest: average - intBetween(random, 3, 7), latest: Math.min(100, average + intBetween(random, -1, 2)), lastSevenDaysAvg: round(average + between(random, -1, 1), 2) };
}

/** GET /wellness-service/wellness/daily/spo2/{date}. Reference keys: pgc get_spo2_data and its tests (`averageSpO2`, `lastSevenDaysAvgSpO2` a number). */
export function spo2(account: Account, day: DayFacts) {
  const has = hasIntraday(day, 'spo2');
  const facts = spo2Facts(day);
  const random = day.stream('spo2-values');
  const hourly: [number, number][] = [];
  if (has) {
    for (let t = day.sleepStartMs; t < sleepEndMs(day); t += 3600_000) hourly.push([t, Math.max(facts.lowest, Math.min(100, facts.average + intBetween(random, -2, 2)))]);
  }
  const latestAt = sleepEndMs(day);
  return {
    userProfilePK: account.profileId,
    calendarDate: day.date,
    ...dayBounds(day),
    sleepStartTimestampGMT: has ? dotted(day.sleepStartMs) : null,
    sleepEndTimestampGMT: has ? dotted(latestAt) : null,
    averageSpO2: has ? facts.average : null,
    lowestSpO2: has ? facts.lowest : null,
    latestSpO2: has ? facts.latest : null,
    latestSpO2TimestampGMT: has ? dotted(latestAt) : null,
    latestSpO2TimestampLocal: has ? dotted(latestAt + day.offsetMs) : null,
    lastSevenDaysAvgSpO2: has ? facts.lastSevenDaysAvg : null,
    avgSleepSpO2: has ? facts.average : null,
    spO2HourlyAverages: has ? hourly : null,
  };
}
