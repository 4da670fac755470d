import { Account } from '../state/accounts';
import { athleteOf } from './athlete';
import { daysBetween, dotted } from './calendar';
import { DayFacts } from './daily';
import { intBetween, pick, round } from './random';

/**
 * Logged (not measured by the watch) wellness: lifestyle behaviours, blood pressure, fitness age. None is an
 * intraday series, so Garmin's archive does not hide them (assumed: the archive reports name only epoch data).
 */

const BEHAVIOURS = [
  { behaviorId: 1, name: 'Alcohol', category: 'NUTRITION' },
  { behaviorId: 2, name: 'Caffeine', category: 'NUTRITION' },
  { behaviorId: 3, name: 'Late Meal', category: 'NUTRITION' },
  { behaviorId: 4, name: 'Meditation', category: 'RECOVERY' },
  { behaviorId: 5, name: 'Stretching', category: 'RECOVERY' },
  { behaviorId: 6, name: 'Screen Time Before Bed', category: 'SLEEP' },
] as const;

/** The behaviours logged on the day (none for accounts that do not use lifestyle logging: one in three). */
export function lifestyleEntries(account: Account, day: DayFacts) {
  if (account.profileId % 3 === 2 || !day.produces('lifestyle')) return [];
  const random = day.stream('lifestyle');
  if (random() < 0.3) return [];
  const chosen = BEHAVIOURS.filter(() => random() < 0.45);
  return chosen.map((b) => ({ ...b, logStatus: random() < 0.6 ? 'YES' : 'NO', isCustom: false }));
}

/** GET /lifestylelogging-service/dailyLog/{date} (pgc get_lifestyle_logging_data; the shape is assumed). */
export function lifestyleLog(account: Account, day: DayFacts) {
  return { userProfilePK: account.profileId, calendarDate: day.date, dailyLogsReport: lifestyleEntries(account, day) };
}

export interface BloodPressureReading {
  version: number;
  systolic: number;
  diastolic: number;
  pulse: number;
  atMs: number;
}

function category(systolic: number, diastolic: number): string {
  if (systolic >= 140 || diastolic >= 90) return 'STAGE_2_HIGH';
  if (systolic >= 130 || diastolic >= 80) return 'STAGE_1_HIGH';
  return systolic >= 120 ? 'ELEVATED' : 'NORMAL';
}

/** A cuff reading on about one day in five, for two accounts in three; sometimes two. */
export function bloodPressureReadings(account: Account, day: DayFacts): BloodPressureReading[] {
  if (account.profileId % 3 === 1 || !day.produces('blood_pressure')) return [];
  const random = day.stream('blood-pressure');
  if (random() >= 0.2) return [];
  return Array.from({ length: random() < 0.3 ? 2 : 1 }, (_, i) => ({
    version: day.dayStartMs / 1000 + i,
    systolic: intBetween(random, 108, 142),
    diastolic: intBetween(random, 68, 92),
    pulse: intBetween(random, day.restingHr, day.restingHr + 20),
    atMs: day.dayStartMs + (7 + i * 12) * 3600_000 + intBetween(random, 0, 3599) * 1000,
  }));
}

/** The day's summary of GET /bloodpressure-service/bloodpressure/range (keys pgc demo.py reads; the rest assumed). */
export function bloodPressureSummary(account: Account, day: DayFacts, readings: BloodPressureReading[]) {
  const sys = readings.map((r) => r.systolic);
  const dia = readings.map((r) => r.diastolic);
  const mean = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) / xs.length);
  return {
    startDate: day.date,
    endDate: day.date,
    highSystolic: Math.max(...sys),
    lowSystolic: Math.min(...sys),
    highDiastolic: Math.max(...dia),
    lowDiastolic: Math.min(...dia),
    averageSystolic: mean(sys),
    averageDiastolic: mean(dia),
    numOfMeasurements: readings.length,
    category: category(Math.max(...sys), Math.max(...dia)),
    measurements: readings.map((r) => ({
      userProfilePk: account.profileId,
      version: r.version,
      systolic: r.systolic,
      diastolic: r.diastolic,
      pulse: r.pulse,
      sourceType: 'MANUAL',
      notes: '',
      category: category(r.systolic, r.diastolic),
      measurementTimestampLocal: dotted(r.atMs + day.offsetMs),
      measurementTimestampGMT: dotted(r.atMs),
      calendarDate: day.date,
    })),
  };
}

export function bloodPressureRange(account: Account, from: string, to: string, days: DayFacts[]) {
  const summaries = days
    .map((day) => ({ day, readings: bloodPressureReadings(account, day) }))
    .filter((d) => d.readings.length > 0)
    .map((d) => bloodPressureSummary(account, d.day, d.readings));
  return { from: `${from}T00:00:00.0`, until: `${to}T23:59:59.999`, measurementSummaries: summaries, categoryStats: null };
}

export interface FitnessAgeFacts {
  chronologicalAge: number;
  fitnessAge: number;
  achievableFitnessAge: number;
}

/** Drifts slowly (a 90-day wave of ±2 years) around the age minus a few years. */
export function fitnessAgeFacts(account: Account, day: DayFacts): FitnessAgeFacts {
  const age = athleteOf(account).age;
  const wave = Math.sin((daysBetween('2000-01-01', day.date) / 90) * Math.PI * 2 + (account.profileId % 7));
  const fitnessAge = round(age - 4 + wave * 2 + day.stream('fitness-age')() * 0.4, 1);
  return { chronologicalAge: age, fitnessAge, achievableFitnessAge: round(Math.max(20, fitnessAge - 3), 1) };
}

/** GET /fitnessage-service/fitnessage/{date} (pgc get_fitnessage_data; shape assumed). */
export function fitnessAge(account: Account, day: DayFacts) {
  const facts = fitnessAgeFacts(account, day);
  const random = day.stream('fitness-age-components');
  return {
    chronologicalAge: facts.chronologicalAge,
    fitnessAge: facts.fitnessAge,
    achievableFitnessAge: facts.achievableFitnessAge,
    previousFitnessAge: round(facts.fitnessAge + 0.3, 1),
    components: {
      vigorousDaysAvg: { value: round(intBetween(random, 1, 5) + random(), 1), targetValue: 3 },
      rhr: { value: day.restingHr },
      vigorousMinutesAvg: { value: intBetween(random, 40, 200), targetValue: 150 },
      bmi: { value: round(athleteOf(account).weightKg / 1.75 ** 2, 1), targetValue: 23 },
    },
    recommendedFitnessAgeImprovement: pick(random, ['vigorousMinutes', 'rhr', 'bmi']),
    lastUpdated: dotted(day.dayStartMs + 8 * 3600_000),
  };
}
