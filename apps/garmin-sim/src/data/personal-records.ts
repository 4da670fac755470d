import { Account } from '../state/accounts';
import { GeneratedActivity } from './activities';
import { round } from './random';

/**
 * Personal records, one per type, best over the account's generated history. Type ids as Garmin Connect's web
 * app labels them (assumed: 1 = 1 km, 3 = 5 km, 4 = 10 km, 7 = longest run, 8 = longest ride); times in s,
 * distances in m.
 */
interface PrType {
  typeId: number;
  applies(a: GeneratedActivity): boolean;
  /** The activity's value for the type, or undefined when it does not qualify. */
  value(a: GeneratedActivity): number | undefined;
  better: 'lower' | 'higher';
}

const isRun = (a: GeneratedActivity) => a.kind.sportTypeId === 1;
const fastest = (typeId: number, metres: number): PrType => ({
  typeId,
  applies: isRun,
  value: (a) => (a.distanceM >= metres ? round((a.durationS * metres) / a.distanceM, 3) : undefined),
  better: 'lower',
});

const PR_TYPES: PrType[] = [
  fastest(1, 1000),
  fastest(3, 5000),
  fastest(4, 10_000),
  { typeId: 7, applies: isRun, value: (a) => a.distanceM, better: 'higher' },
  { typeId: 8, applies: (a) => a.kind.sportTypeId === 2, value: (a) => a.distanceM, better: 'higher' },
];

export interface PersonalRecord {
  typeId: number;
  value: number;
  activity: GeneratedActivity;
}

/** The best activity per type; oldest wins a tie (a record is only broken by a better one). */
export function personalRecordsOf(activitiesNewestFirst: GeneratedActivity[]): PersonalRecord[] {
  const result: PersonalRecord[] = [];
  for (const type of PR_TYPES) {
    let best: PersonalRecord | undefined;
    for (let i = activitiesNewestFirst.length - 1; i >= 0; i--) {
      const activity = activitiesNewestFirst[i];
      if (!type.applies(activity)) continue;
      const value = type.value(activity);
      if (value === undefined) continue;
      if (!best || (type.better === 'lower' ? value < best.value : value > best.value)) best = { typeId: type.typeId, value, activity };
    }
    if (best) result.push(best);
  }
  return result;
}

const iso = (spaced: unknown) => `${String(spaced).replace(' ', 'T')}.0`;

/** GET /personalrecord-service/personalrecord/prs/{dn} (pgc get_personal_record; shape assumed). */
export function personalRecords(account: Account, activitiesNewestFirst: GeneratedActivity[]) {
  return personalRecordsOf(activitiesNewestFirst).map(({ typeId, value, activity }) => ({
    id: activity.activityId * 10 + typeId,
    typeId,
    status: 'ACCEPTED',
    userProfilePk: account.profileId,
    activityId: activity.activityId,
    activityName: activity.name,
    activityType: activity.kind.typeKey,
    activityStartDateTimeInGMT: activity.startMs,
    actStartDateTimeInGMTFormatted: iso(activity.summary['startTimeGMT']),
    activityStartDateTimeLocal: activity.startMs,
    actStartDateTimeLocalFormatted: iso(activity.summary['startTimeLocal']),
    value,
    prStartTimeGmt: activity.startMs,
    prStartTimeGmtFormatted: iso(activity.summary['startTimeGMT']),
    prStartTimeLocal: activity.startMs,
    prStartTimeLocalFormatted: iso(activity.summary['startTimeLocal']),
    prTypeLabelKey: null,
    poolLengthUnit: null,
  }));
}
