import { Account } from '../state/accounts';
import { GeneratedActivity } from './activities';
import { apportion, athleteOf, hrZoneFloors, powerZoneFloors } from './athlete';
import { dotted } from './calendar';
import { intBetween, round, seeded } from './random';

/** Per-activity parts built from the activity's own facts: laps, time in heart-rate and power zones. */

/** Auto-lap length (assumed: 1 km, 5 km on a bike); an activity without distance is one lap. */
const lapMetres = (a: GeneratedActivity) => (a.kind.sportTypeId === 2 ? 5000 : 1000);

export interface Lap {
  startMs: number;
  distanceM: number;
  durationS: number;
}

/** Laps whose distances and durations add up to the activity's (the last lap takes the remainder). */
export function lapsOf(activity: GeneratedActivity): Lap[] {
  if (activity.distanceM <= 0) return [{ startMs: activity.startMs, distanceM: 0, durationS: activity.durationS }];
  const size = lapMetres(activity);
  const count = Math.max(1, Math.ceil(activity.distanceM / size - 1e-9));
  const laps: Lap[] = [];
  let startMs = activity.startMs;
  let doneM = 0;
  let doneS = 0;
  for (let i = 0; i < count; i++) {
    const last = i === count - 1;
    const distanceM = last ? round(activity.distanceM - doneM, 2) : size;
    const durationS = last ? round(activity.durationS - doneS, 3) : round((activity.durationS * size) / activity.distanceM, 3);
    laps.push({ startMs, distanceM, durationS });
    doneM += distanceM;
    doneS += durationS;
    startMs += Math.round(durationS * 1000);
  }
  return laps;
}

/** GET /activity-service/activity/{id}/splits (pgc get_activity_splits; `lapDTOs` per kinds.md; lap fields assumed). */
export function activitySplits(activity: GeneratedActivity) {
  const random = seeded(activity.activityId, 'splits');
  return {
    activityId: activity.activityId,
    lapDTOs: lapsOf(activity).map((lap, i) => ({
      lapIndex: i + 1,
      startTimeGMT: dotted(lap.startMs),
      distance: lap.distanceM,
      duration: lap.durationS,
      movingDuration: lap.durationS,
      elapsedDuration: lap.durationS,
      averageSpeed: lap.durationS > 0 ? round(lap.distanceM / lap.durationS, 3) : 0,
      averageHR: Math.min(activity.maxHr, activity.averageHr + intBetween(random, -4, 4)),
      maxHR: activity.maxHr,
      calories: Math.round((activity.calories * lap.durationS) / activity.durationS),
      intensityType: 'ACTIVE',
      messageIndex: i,
    })),
    eventDTOs: [],
  };
}

/** Weights of the five zones for an effort centred on `level` (0..5 = where in the zones it sits). */
function zoneWeights(level: number): number[] {
  return [0, 1, 2, 3, 4].map((z) => Math.exp(-((z + 0.5 - level) ** 2)));
}

/** Seconds in each heart-rate zone, summing to the activity's whole seconds. */
export function hrZoneSeconds(activity: GeneratedActivity, account: Account): number[] {
  const floors = hrZoneFloors(athleteOf(account));
  const top = athleteOf(account).maxHr;
  const bounds = [...floors, top];
  let level = 0;
  for (let z = 0; z < 5; z++) if (activity.averageHr >= bounds[z]) level = z + Math.min(1, (activity.averageHr - bounds[z]) / (bounds[z + 1] - bounds[z]));
  return apportion(Math.round(activity.durationS), zoneWeights(level));
}

/** GET /activity-service/activity/{id}/hrTimeInZones (pgc; keys reference garmin-grafana PR #228: zoneNumber, secsInZone, zoneLowBoundary). */
export function hrTimeInZones(activity: GeneratedActivity, account: Account) {
  const floors = hrZoneFloors(athleteOf(account));
  return hrZoneSeconds(activity, account).map((secsInZone, i) => ({ zoneNumber: i + 1, secsInZone, zoneLowBoundary: floors[i] }));
}

/** Only runs and rides carry power (assumed: a watch measures running power, a power meter cycling power). */
export const hasPower = (activity: GeneratedActivity) => activity.kind.sportTypeId === 1 || activity.kind.sportTypeId === 2;

export function powerZoneSeconds(activity: GeneratedActivity): number[] {
  const level = 1.5 + seeded(activity.activityId, 'power-level')() * 2;
  return apportion(Math.round(activity.durationS), zoneWeights(level));
}

/** GET /activity-service/activity/{id}/powerTimeInZones: the same shape as HR; `[]` for an activity without power (assumed). */
export function powerTimeInZones(activity: GeneratedActivity, account: Account) {
  if (!hasPower(activity)) return [];
  const floors = powerZoneFloors(athleteOf(account));
  return powerZoneSeconds(activity).map((secsInZone, i) => ({ zoneNumber: i + 1, secsInZone, zoneLowBoundary: floors[i] }));
}
