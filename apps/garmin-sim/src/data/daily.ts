import { Account } from '../state/accounts';
import { dotted, localToUtcMs } from './calendar';
import { between, intBetween, Random, round, seeded } from './random';
import summaryTemplate from './templates/daily-summary.json';
import heartRateTemplate from './templates/heart-rate.json';
import hrvTemplate from './templates/hrv.json';
import sleepEmptyTemplate from './templates/sleep-empty.json';
import sleepTemplate from './templates/sleep.json';
import { hrvNight } from './wellness-extras';

/** The day's physiology, from which every daily endpoint is rendered consistently. */
export interface DayFacts {
  date: string;
  /** A random stream of its own per endpoint, so answers do not depend on request order. */
  stream(kind: string): Random;
  dayStartMs: number;
  dayEndMs: number;
  offsetMs: number;
  steps: number;
  stepGoal: number;
  restingHr: number;
  minHr: number;
  maxHr: number;
  avgStress: number;
  maxStress: number;
  bodyBatteryHigh: number;
  bodyBatteryLow: number;
  sleepStartMs: number;
  sleepSeconds: number;
  /** No HRV on about one night in ten (watch not worn): the API answers 204. */
  hasHrv: boolean;
  /** No stress data on about one day in twenty: the API answers 200 with `null`. */
  hasStress: boolean;
  /** Weighed on about one day in three. */
  weightGrams: number | null;
  /**
   * Older than Garmin keeps intraday data (about six months) and not reloaded: intraday series and
   * intraday-only endpoints answer as "no data" (see archive.ts). Set by SimData.
   */
  archived: boolean;
  /** Whether the account's device produces a kind (catalog name, e.g. `spo2`); set by SimData. */
  produces(kind: string): boolean;
}

export function dayFacts(seed: string, account: Account, date: string): DayFacts {
  const random = seeded(seed, account.profileId, date, 'day');
  const dayStartMs = localToUtcMs(date, 0, account.timeZone);
  const dayEndMs = localToUtcMs(date, 86_400, account.timeZone);
  const restingHr = intBetween(random, 46, 60);
  const sleepSeconds = intBetween(random, 5.5 * 3600, 8.5 * 3600);
  const baseWeight = 60_000 + (account.profileId % 25) * 1000;
  return {
    date,
    stream: (kind) => seeded(seed, account.profileId, date, kind),
    dayStartMs,
    dayEndMs,
    offsetMs: localToUtcMs(date, 0, 'UTC') - dayStartMs,
    steps: intBetween(random, 2500, 18_000),
    stepGoal: 8000 + (account.profileId % 5) * 500,
    restingHr,
    minHr: restingHr - intBetween(random, 2, 6),
    maxHr: intBetween(random, 110, 185),
    avgStress: intBetween(random, 15, 45),
    maxStress: intBetween(random, 70, 99),
    bodyBatteryHigh: intBetween(random, 60, 100),
    bodyBatteryLow: intBetween(random, 5, 40),
    sleepStartMs: dayStartMs - intBetween(random, 1, 3) * 3600_000,
    sleepSeconds,
    hasHrv: random() >= 0.1,
    hasStress: random() >= 0.05,
    weightGrams: random() < 0.34 ? round(baseWeight + between(random, -1500, 1500), 0) : null,
    archived: false,
    produces: () => true,
  };
}

/** The day's bounds as the wellness endpoints write them, in GMT and local time. */
export function dayBounds(day: DayFacts): Record<'startTimestampGMT' | 'endTimestampGMT' | 'startTimestampLocal' | 'endTimestampLocal', string> {
  return {
    startTimestampGMT: dotted(day.dayStartMs),
    endTimestampGMT: dotted(day.dayEndMs),
    startTimestampLocal: dotted(day.dayStartMs + day.offsetMs),
    endTimestampLocal: dotted(day.dayEndMs + day.offsetMs),
  };
}

export function dailySummary(account: Account, day: DayFacts) {
  return {
    ...structuredClone(summaryTemplate),
    userProfileId: account.profileId,
    userDailySummaryId: account.profileId,
    calendarDate: day.date,
    uuid: `${account.profileId}${day.date.replace(/-/g, '')}`,
    totalSteps: day.steps,
    dailyStepGoal: day.stepGoal,
    totalDistanceMeters: Math.round(day.steps * 0.78),
    wellnessDistanceMeters: Math.round(day.steps * 0.78),
    activeKilocalories: Math.round(day.steps * 0.04),
    totalKilocalories: 1900 + Math.round(day.steps * 0.04),
    wellnessStartTimeGmt: dotted(day.dayStartMs),
    wellnessStartTimeLocal: dotted(day.dayStartMs + day.offsetMs),
    wellnessEndTimeGmt: dotted(day.dayEndMs),
    wellnessEndTimeLocal: dotted(day.dayEndMs + day.offsetMs),
    minHeartRate: day.minHr,
    maxHeartRate: day.maxHr,
    restingHeartRate: day.restingHr,
    averageStressLevel: day.hasStress ? day.avgStress : -1,
    maxStressLevel: day.hasStress ? day.maxStress : -1,
    bodyBatteryHighestValue: day.bodyBatteryHigh,
    bodyBatteryLowestValue: day.bodyBatteryLow,
    bodyBatteryMostRecentValue: day.bodyBatteryLow + 5,
    // Recorded: null in every recorded daily summary (connect/daily_summary_get.yaml).
    lastSyncTimestampGMT: null,
  };
}

export function sleep(account: Account, day: DayFacts) {
  const deep = Math.round(day.sleepSeconds * 0.2);
  const rem = Math.round(day.sleepSeconds * 0.22);
  const awake = Math.round(between(day.stream('sleep'), 120, 1800));
  const template = structuredClone(sleepTemplate);
  return {
    ...template,
    dailySleepDTO: {
      ...template.dailySleepDTO,
      id: day.sleepStartMs,
      userProfilePK: account.profileId,
      calendarDate: day.date,
      sleepTimeSeconds: day.sleepSeconds,
      sleepStartTimestampGMT: day.sleepStartMs,
      sleepEndTimestampGMT: day.sleepStartMs + (day.sleepSeconds + awake) * 1000,
      sleepStartTimestampLocal: day.sleepStartMs + day.offsetMs,
      sleepEndTimestampLocal: day.sleepStartMs + day.offsetMs + (day.sleepSeconds + awake) * 1000,
      deepSleepSeconds: deep,
      remSleepSeconds: rem,
      lightSleepSeconds: day.sleepSeconds - deep - rem,
      awakeSleepSeconds: awake,
    },
    restingHeartRate: day.restingHr,
  };
}

export function noSleep(account: Account, date: string) {
  const empty = structuredClone(sleepEmptyTemplate);
  return { ...empty, dailySleepDTO: { ...empty.dailySleepDTO, userProfilePK: account.profileId, calendarDate: date } };
}

export function heartRate(account: Account, day: DayFacts) {
  const random = day.stream('heart-rate');
  const values: [number, number | null][] = [];
  for (let t = day.dayStartMs; t < day.dayEndMs; t += 120_000) {
    const hour = (t - day.dayStartMs) / 3600_000;
    const awake = hour > 7 && hour < 23;
    values.push([t, awake ? intBetween(random, day.restingHr + 10, day.restingHr + 40) : intBetween(random, day.minHr, day.restingHr + 5)]);
  }
  return {
    ...structuredClone(heartRateTemplate),
    userProfilePK: account.profileId,
    calendarDate: day.date,
    ...dayBounds(day),
    maxHeartRate: day.maxHr,
    minHeartRate: day.minHr,
    restingHeartRate: day.restingHr,
    lastSevenDaysAvgRestingHeartRate: day.restingHr,
    heartRateValueDescriptors: [
      { key: 'timestamp', index: 0 },
      { key: 'heartrate', index: 1 },
    ],
    heartRateValues: values,
  };
}

export function hrv(account: Account, day: DayFacts) {
  const template = structuredClone(hrvTemplate);
  const random = day.stream('hrv-readings');
  const lastNightAvg = hrvNight(day)?.lastNightAvg ?? intBetween(random, 30, 70);
  const readings = Array.from({ length: 12 }, (_, i) => {
    const at = day.sleepStartMs + i * 1800_000;
    return { hrvValue: lastNightAvg + intBetween(random, -10, 10), readingTimeGMT: dotted(at), readingTimeLocal: dotted(at + day.offsetMs) };
  });
  const end = day.sleepStartMs + day.sleepSeconds * 1000;
  return {
    ...template,
    userProfilePk: account.profileId,
    hrvSummary: { ...template.hrvSummary, calendarDate: day.date, weeklyAvg: lastNightAvg - 2, lastNightAvg, createTimeStamp: dotted(end) },
    hrvReadings: readings,
    startTimestampGMT: dotted(day.sleepStartMs),
    endTimestampGMT: dotted(end),
    startTimestampLocal: dotted(day.sleepStartMs + day.offsetMs),
    endTimestampLocal: dotted(end + day.offsetMs),
    sleepStartTimestampGMT: dotted(day.sleepStartMs),
    sleepEndTimestampGMT: dotted(end),
    sleepStartTimestampLocal: dotted(day.sleepStartMs + day.offsetMs),
    sleepEndTimestampLocal: dotted(end + day.offsetMs),
  };
}
