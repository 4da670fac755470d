import { Account } from '../state/accounts';
import { ActivityKind, activityTypeDto, kindAt } from './activity-types';
import { daysBetween, localToUtcMs, spaced } from './calendar';
import { between, intBetween, pick, Random, round, seeded } from './random';
import { decimalsOf } from './garmin-decimals';
import { garminJson } from './raw-json';
import { listEntryKeys } from './sport-keys';
import summaryTemplate from './templates/activity-summary.json';

/** One generated activity: the facts, and its list entry pre-serialised for fast paging. */
export interface GeneratedActivity {
  activityId: number;
  profileId: number;
  date: string;
  kind: ActivityKind;
  name: string;
  startMs: number;
  durationS: number;
  distanceM: number;
  averageHr: number;
  maxHr: number;
  calories: number;
  steps: number;
  summary: Record<string, unknown>;
  json: string;
}

const EPOCH = '2000-01-01';

/** Stable across "today" moving on: a function of profile id, calendar day and index only. */
export function activityIdOf(profileId: number, date: string, index: number): number {
  return 20_000_000_000 + ((profileId % 100_000) * 40_000 + daysBetween(EPOCH, date)) * 4 + index;
}

/** 0-3 activities a day, mostly one. */
function countFor(random: Random): number {
  const r = random();
  return r < 0.3 ? 0 : r < 0.75 ? 1 : r < 0.95 ? 2 : 3;
}

export function activitiesOfDay(seed: string, account: Account, date: string): GeneratedActivity[] {
  const random = seeded(seed, account.profileId, date, 'activities');
  const count = countFor(random);
  const result: GeneratedActivity[] = [];
  let cursor = intBetween(random, 6 * 3600, 9 * 3600);
  for (let index = 0; index < count; index++) {
    const kind = kindAt(random());
    const durationS = Math.round(between(random, kind.minutes[0], kind.minutes[1]) * 60);
    const startMs = localToUtcMs(date, cursor, account.timeZone);
    cursor += durationS + intBetween(random, 2 * 3600, 5 * 3600);
    const averageHr = intBetween(random, kind.heartRate[0], kind.heartRate[1]);
    const distanceM = round(durationS * between(random, kind.speed[0], kind.speed[1]), 2);
    result.push(
      build(account, {
        activityId: activityIdOf(account.profileId, date, index),
        date,
        kind,
        name: pick(random, kind.names),
        startMs,
        durationS,
        distanceM,
        averageHr,
        maxHr: averageHr + intBetween(random, 10, 25),
        calories: Math.round((durationS / 60) * between(random, 7, 12)),
        steps: kind.sportTypeId === 1 || kind.typeKey === 'walking' ? Math.round(durationS * between(random, 1.4, 2.8)) : 0,
      }),
    );
  }
  return result;
}

type Facts = Omit<GeneratedActivity, 'profileId' | 'summary' | 'json'>;

function build(account: Account, facts: Facts): GeneratedActivity {
  const offsetMs = localToUtcMs(facts.date, 0, 'UTC') - localToUtcMs(facts.date, 0, account.timeZone);
  const summary: Record<string, unknown> = {
    ...structuredClone(summaryTemplate),
    activityId: facts.activityId,
    activityName: facts.name,
    startTimeLocal: spaced(facts.startMs + offsetMs),
    startTimeGMT: spaced(facts.startMs),
    endTimeGMT: spaced(facts.startMs + facts.durationS * 1000),
    activityType: activityTypeDto(facts.kind),
    distance: facts.distanceM,
    duration: facts.durationS,
    elapsedDuration: facts.durationS + 30,
    movingDuration: facts.durationS - 20,
    averageSpeed: facts.durationS ? round(facts.distanceM / facts.durationS, 3) : 0,
    calories: facts.calories,
    averageHR: facts.averageHr,
    maxHR: facts.maxHr,
    steps: facts.steps,
    beginTimestamp: facts.startMs,
    ownerId: account.profileId,
    ownerDisplayName: account.displayName,
    ownerFullName: account.fullName,
    sportTypeId: facts.kind.sportTypeId,
    deviceId: 3_400_000_000 + (account.profileId % 1_000_000),
    // Recorded: a list entry's workoutId is a number when the activity followed a workout (data/test_activity_list.yaml);
    // ours follow none, and Garmin then leaves the key out (the hike and paddleboard entries have none).
    locationName: 'Simulated Park',
  };
  delete summary['workoutId'];
  const { drop, add } = listEntryKeys(facts.kind, facts);
  for (const key of drop) delete summary[key];
  Object.assign(summary, add);
  return { ...facts, profileId: account.profileId, summary, json: listEntryJson(summary) };
}

/** A list entry as Garmin writes it (its decimal fields as decimals, e.g. `"duration": 3600.0`). */
export const listEntryJson = (summary: Record<string, unknown>) => garminJson(summary, decimalsOf('GET /activitylist-service/activities/search/activities'), '$[]');
