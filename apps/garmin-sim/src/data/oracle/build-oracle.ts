import { Account } from '../../state/accounts';
import { addDays } from '../calendar';
import { SimData } from '../sim-data';
import { DAILY_ORACLES, PART_ORACLES, RECORD_ORACLES } from './index';
import { ActivityPartOracle, DailyOracle, OracleAnswer, RecordOracle } from './oracle-types';

export interface OracleRegistry {
  daily: readonly DailyOracle[];
  records: readonly RecordOracle[];
  parts: readonly ActivityPartOracle[];
}

const ALL: OracleRegistry = { daily: DAILY_ORACLES, records: RECORD_ORACLES, parts: PART_ORACLES };

/**
 * What the generated data holds for from..to (inclusive): per day the kinds with data and their headline
 * (days of the history only; a day without any kind is left out), every record item, and the parts of
 * each activity of the range (and the activities themselves), every saved workout. A kind the account's device lacks is dropped here too, whatever an oracle says.
 */
export function buildOracle(account: Account, data: SimData, from: string, to: string, registry: OracleRegistry = ALL): OracleAnswer {
  const answer: OracleAnswer = { daily: {}, records: {}, activityParts: {}, activities: {}, workouts: data.workoutsOf(account).map((w) => w.workoutId) };
  for (let date = from; date <= to; date = addDays(date, 1)) {
    const day = data.day(account, date);
    if (!day) continue;
    const entry: Record<string, number | null> = {};
    for (const oracle of registry.daily) {
      if (!day.produces(oracle.kind)) continue;
      const value = oracle.headline(account, day, data);
      if (value !== undefined) entry[oracle.kind] = value;
    }
    if (Object.keys(entry).length > 0) answer.daily[date] = entry;
  }
  for (const oracle of registry.records) {
    answer.records[oracle.kind] = Object.fromEntries(oracle.items(account, data, { from, to }).map((item) => [item.key, item.value]));
  }
  for (const activity of [...data.activities(account).newestFirst].reverse()) {
    if (activity.date < from || activity.date > to) continue;
    answer.activities[String(activity.activityId)] = { name: activity.name, type: activity.kind.typeKey };
    answer.activityParts[String(activity.activityId)] = registry.parts.filter((p) => p.has(activity, account)).map((p) => p.kind);
  }
  return answer;
}
