import { Account } from '../../state/accounts';
import { addDays, daysBetween } from '../calendar';
import { DayFacts } from '../daily';
import { activitiesOn } from '../day-activities';
import { weighIn } from '../daily-ranges';
import { HydrationLog } from '../hydration-log';
import { SimData } from '../sim-data';
import { enduranceScore, hillScore, morningEntry, readinessEntries, trainingStatusCode } from '../training-metrics';
import { hrvNight, hydrationEntry, intensityMinutes } from '../wellness-extras';
import { DailyOracle, RecordOracle } from './oracle-types';

/**
 * The headlines (kinds.md) of the recorded kinds, told from the generators' facts — the same functions the
 * renderers call, never their JSON. `undefined` = no data that day: the watch does not produce the kind, an
 * intraday kind on an archived day, no HRV that night, nothing weighed, nothing drunk.
 */
const intraday = (day: DayFacts, kind: string) => day.produces(kind) && !day.archived;
const daily = (kind: string, headline: DailyOracle['headline']): DailyOracle => ({ kind, headline });

export const RECORDED_DAILY_ORACLES: DailyOracle[] = [
  daily('summary', (_a, day) => (day.produces('summary') ? 1900 + Math.round(day.steps * 0.04) : undefined)),
  daily('sleep', (_a, day) => (day.produces('sleep') ? day.sleepSeconds : undefined)),
  daily('heart_rate', (_a, day) => (intraday(day, 'heart_rate') ? day.restingHr : undefined)),
  daily('hrv', (_a, day) => hrvNight(day)?.lastNightAvg),
  daily('stress', (_a, day) => (day.hasStress && intraday(day, 'stress') ? day.avgStress : undefined)),
  // The series charges to bodyBatteryHigh at wake-up (day-series.ts): the day's highest level.
  daily('body_battery', (_a, day) => (day.hasStress && intraday(day, 'body_battery') ? day.bodyBatteryHigh : undefined)),
  daily('body_battery_events', (account, day, data) =>
    day.hasStress && intraday(day, 'body_battery_events') ? 1 + activitiesOn(data, account, day.date).length : undefined,
  ),
  daily('steps', (_a, day) => (day.produces('steps') ? day.steps : undefined)),
  daily('intensity_minutes', (account, day, data) => {
    if (!day.produces('intensity_minutes')) return undefined;
    const { moderate, vigorous } = intensityMinutes(day, activitiesOn(data, account, day.date));
    return moderate + 2 * vigorous;
  }),
  daily('hydration', (account, day, data) =>
    day.produces('hydration') ? (hydrationEntry(day, HydrationLog.of(data).loggedMl(account, day.date)).valueInML ?? undefined) : undefined,
  ),
  daily('weight', (_a, day) => (day.produces('weight') && day.weightGrams !== null ? day.weightGrams : undefined)),
  daily('training_readiness', (account, day, data) => (day.produces('training_readiness') ? readinessEntries(day, activitiesOn(data, account, day.date))[0].score : undefined)),
  daily('training_readiness_morning', (account, day, data) =>
    day.produces('training_readiness') && day.produces('training_readiness_morning') ? morningEntry(readinessEntries(day, activitiesOn(data, account, day.date)))?.score : undefined,
  ),
  daily('training_status', (_a, day) => (day.produces('training_status') ? trainingStatusCode(day) : undefined)),
  daily('endurance_score', (_a, day) => (day.produces('endurance_score') ? enduranceScore(day) : undefined)),
  daily('hill_score', (_a, day) => (day.produces('hill_score') ? hillScore(day).overall : undefined)),
];

/** Every day of from..to the account has. */
function daysOf(account: Account, data: SimData, range: { from: string; to: string }): DayFacts[] {
  const span = daysBetween(range.from, range.to) + 1;
  return Array.from({ length: Math.max(0, span) }, (_, i) => data.day(account, addDays(range.from, i))).filter((d): d is DayFacts => d !== undefined);
}

export const RECORDED_RECORD_ORACLES: RecordOracle[] = [
  {
    // Every weigh-in of the weight range answer (allWeightMetrics), keyed by samplePk, headline the weight in g.
    kind: 'body_composition',
    items: (account, data, range) =>
      daysOf(account, data, range)
        .filter((d) => d.produces('body_composition'))
        .flatMap((d) => {
          const metric = weighIn(d);
          return metric ? [{ key: String(metric.samplePk), value: metric.weight }] : [];
        }),
  },
];
