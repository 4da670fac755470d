import { Account } from '../state/accounts';
import { GeneratedActivity } from './activities';
import { dotted } from './calendar';
import { DayFacts, sleep } from './daily';
import { stressSeries } from './day-series';
import { intBetween } from './random';
import { HrvNight } from './wellness-extras';

/** Recorded sleep stage codes of sleepLevels (activityLevel): 0 deep, 1 light, 2 REM, 3 awake. */
const STAGE = { deep: 0, light: 1, rem: 2, awake: 3 } as const;

interface Stage {
  startMs: number;
  endMs: number;
  level: number;
}

/** The night as stages whose durations add up to the dailySleepDTO's deep/light/REM/awake seconds. */
export function sleepStages(day: DayFacts, seconds: { deep: number; light: number; rem: number; awake: number }): Stage[] {
  // Four 90-minute-ish cycles: light → deep → light → REM, with the awake time at the end of the second cycle.
  const cycles = 4;
  const parts: [number, number][] = [];
  for (let c = 0; c < cycles; c++) {
    parts.push([STAGE.light, seconds.light / (2 * cycles)], [STAGE.deep, seconds.deep / cycles], [STAGE.light, seconds.light / (2 * cycles)], [STAGE.rem, seconds.rem / cycles]);
    if (c === 1) parts.push([STAGE.awake, seconds.awake]);
  }
  const stages: Stage[] = [];
  let at = day.sleepStartMs;
  let owed = 0;
  for (const [level, duration] of parts) {
    // Whole minutes, the rounding carried, so the stage sums match the totals to the minute.
    const exact = duration + owed;
    const ms = Math.round(exact / 60) * 60_000;
    owed = exact - ms / 1000;
    if (ms > 0) stages.push({ startMs: at, endMs: at + ms, level });
    at += ms;
  }
  return stages;
}

/**
 * GET /wellness-service/wellness/dailySleepData/{dn}: the summary of the stage-less sleep-service answer
 * (recorded, connect/daily_sleep_data_get.yaml) plus the night's series (kinds.md: stages, movement, heart rate,
 * stress, body battery, HRV, respiration, SpO2, restless moments; series shapes assumed: no cassette records a
 * night with them, garth data/test_sleep_data_get.yaml has them empty). Series are [] on an archived day or
 * when the watch does not produce the kind.
 */
export function sleepDetail(account: Account, day: DayFacts, night: HrvNight | undefined, activities: GeneratedActivity[]) {
  const base = sleep(account, day);
  const dto = base.dailySleepDTO;
  const intraday = !day.archived;
  const stages = intraday ? sleepStages(day, { deep: dto.deepSleepSeconds, light: dto.lightSleepSeconds, rem: dto.remSleepSeconds, awake: dto.awakeSleepSeconds }) : [];
  const endMs = dto.sleepEndTimestampGMT;
  const random = day.stream('sleep-series');
  const everyMinutes = (minutes: number) => {
    const times: number[] = [];
    for (let t = day.sleepStartMs; t < endMs; t += minutes * 60_000) times.push(t);
    return times;
  };
  const series = <T>(kind: string, minutes: number, value: (t: number) => T) => (intraday && day.produces(kind) ? everyMinutes(minutes).map(value) : []);
  const { stress, bodyBattery } = day.hasStress ? stressSeries(day, activities) : { stress: [], bodyBattery: [] };
  const restless = series('sleep', 30, (t) => ({ value: intBetween(random, 0, 3), startGMT: t })).filter((m) => m.value > 0);
  return {
    ...base,
    sleepMovement: series('sleep', 1, (t) => ({ startGMT: dotted(t), endGMT: dotted(t + 60_000), activityLevel: Math.round(random() * 300) / 100 })),
    remSleepData: true,
    sleepLevels: stages.map((s) => ({ startGMT: dotted(s.startMs), endGMT: dotted(s.endMs), activityLevel: s.level * 1.0 })),
    sleepRestlessMoments: restless,
    restlessMomentsCount: restless.reduce((sum, m) => sum + m.value, 0),
    wellnessSpO2SleepSummaryDTO: {
      userProfilePk: account.profileId,
      deviceId: 3_400_000_000 + (account.profileId % 1_000_000),
      sleepMeasurementStartGMT: dotted(day.sleepStartMs),
      sleepMeasurementEndGMT: dotted(endMs),
      alertThresholdValue: null,
      numberOfEventsBelowThreshold: null,
      durationOfEventsBelowThreshold: null,
      averageSPO2: dto.averageSpO2Value,
      averageSpO2HR: dto.averageSpO2HRSleep,
      lowestSPO2: dto.lowestSpO2Value,
    },
    wellnessEpochSPO2DataDTOList: series('spo2', 1, (t) => ({
      userProfilePK: account.profileId,
      epochTimestamp: dotted(t),
      deviceId: 3_400_000_000 + (account.profileId % 1_000_000),
      calendarDate: dotted(day.dayStartMs + day.offsetMs),
      epochDuration: 60,
      spo2Reading: intBetween(random, dto.lowestSpO2Value, dto.highestSpO2Value),
      readingConfidence: intBetween(random, 5, 25),
    })),
    wellnessEpochRespirationDataDTOList: series('respiration', 2, (t) => ({ startTimeGMT: t, respirationValue: intBetween(random, dto.lowestRespirationValue, dto.highestRespirationValue) * 1.0 })),
    sleepHeartRate: series('heart_rate', 2, (t) => ({ value: intBetween(random, day.minHr, day.restingHr + 4), startGMT: t })),
    sleepStress: intraday && day.produces('stress') ? stress.filter(([t, v]) => t >= day.dayStartMs && t < endMs && v >= 0).map(([t, v]) => ({ value: v, startGMT: t })) : [],
    sleepBodyBattery: intraday && day.produces('body_battery') ? bodyBattery.filter(([t, , v]) => t < endMs && v !== null).map(([t, , v]) => ({ value: v, startGMT: t })) : [],
    hrvData: night && intraday ? everyMinutes(5).map((t) => ({ value: night.lastNightAvg + intBetween(random, -8, 8) * 1.0, startGMT: t })) : [],
    avgOvernightHrv: night ? night.lastNightAvg * 1.0 : null,
    hrvStatus: night ? 'BALANCED' : null,
    bodyBatteryChange: day.bodyBatteryHigh - (day.bodyBatteryLow + Math.round((day.bodyBatteryHigh - day.bodyBatteryLow) * 0.3)),
    restingHeartRate: day.restingHr,
  };
}
