import { isStrength } from '../activity-extras';
import { athleteOf } from '../athlete';
import { ftpDate, lactateThresholdDate } from '../biometrics';
import { gearItems, devices } from '../equipment';
import { personalRecordsOf } from '../personal-records';
import { scheduledWorkouts, trainingPlanOf } from '../planning';
import { racePredictionOn, vo2MaxEntry } from '../training';
import { floorsAscended, hasIntraday, respirationFacts, spo2Facts } from '../wellness-intraday';
import { bloodPressureReadings, fitnessAgeFacts, lifestyleEntries } from '../wellness-logs';
import { HR_ZONE_SPORTS } from '../biometrics';
import { ActivityPartOracle, DailyOracle, RecordOracle } from './oracle-types';

/**
 * The oracles of the generated kinds, read from the generators' facts (never from rendered answers). Headlines
 * as /work/briefs/kinds.md defines them; the unit of each is in the README.
 */
export const GENERATED_DAILY_ORACLES: DailyOracle[] = [
  { kind: 'respiration', headline: (_a, day) => (hasIntraday(day, 'respiration') ? respirationFacts(day).avgWaking : undefined) },
  { kind: 'spo2', headline: (_a, day) => (hasIntraday(day, 'spo2') ? spo2Facts(day).average : undefined) },
  { kind: 'floors', headline: (_a, day) => (hasIntraday(day, 'floors') ? floorsAscended(day) : undefined) },
  { kind: 'steps_intraday', headline: (_a, day) => (hasIntraday(day, 'steps_intraday') ? day.steps : undefined) },
  {
    kind: 'blood_pressure',
    headline: (account, day) => {
      const readings = bloodPressureReadings(account, day);
      return readings.length ? Math.max(...readings.map((r) => r.systolic)) : undefined;
    },
  },
  {
    kind: 'lifestyle',
    headline: (account, day) => {
      const count = lifestyleEntries(account, day).length;
      return count > 0 ? count : undefined;
    },
  },
  { kind: 'fitness_age', headline: (account, day) => (day.produces('fitness_age') ? fitnessAgeFacts(account, day).fitnessAge : undefined) },
  {
    kind: 'vo2max',
    // Garmin's running figure, else its cycling one: the days with a run or a ride.
    headline: (account, day, data) => {
      const entry = day.produces('vo2max') ? vo2MaxEntry(account, day.date, data.activitiesOn(account, day.date)) : null;
      return entry ? (entry.generic ?? entry.cycling)?.vo2MaxPreciseValue : undefined;
    },
  },
  { kind: 'race_predictions', headline: (account, day) => (day.produces('race_predictions') ? racePredictionOn(account, day.date).time5K : undefined) },
];

export const GENERATED_RECORD_ORACLES: RecordOracle[] = [
  { kind: 'devices', items: (account) => devices(account).map((d) => ({ key: String(d.deviceId), value: null })) },
  { kind: 'gear', items: (account) => gearItems(account).map((g) => ({ key: g.uuid, value: g.maximumMeters })) },
  {
    kind: 'personal_records',
    items: (account, data) => personalRecordsOf(data.activities(account).newestFirst).map((pr) => ({ key: String(pr.typeId), value: pr.value })),
  },
  { kind: 'heart_rate_zones', items: (account) => HR_ZONE_SPORTS.map((sport) => ({ key: sport, value: athleteOf(account).maxHr })) },
  { kind: 'lactate_threshold', items: (account, data) => [{ key: lactateThresholdDate(account, data.today(account)), value: athleteOf(account).lactateThresholdHr }] },
  { kind: 'ftp', items: (account, data) => [{ key: ftpDate(account, data.today(account)), value: athleteOf(account).ftpWatts }] },
  { kind: 'scheduled_workouts', items: (account, data, range) => scheduledWorkouts(account, data, range.from, range.to).map((s) => ({ key: String(s.id), value: null })) },
  {
    kind: 'training_plans',
    items: (account, data) => {
      const plan = trainingPlanOf(account, data.today(account));
      return plan ? [{ key: String(plan.trainingPlanId), value: null }] : [];
    },
  },
];

export const GENERATED_PART_ORACLES: ActivityPartOracle[] = [
  { kind: 'activity_zones', has: () => true },
  { kind: 'activity_splits', has: () => true },
  { kind: 'activity_exercise_sets', has: (activity) => isStrength(activity) },
  { kind: 'activity_weather', has: () => true },
];
