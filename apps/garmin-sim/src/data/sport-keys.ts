import { ActivityKind } from './activity-types';
import indoorSummary from './templates/activity-detail-indoor.json';

/**
 * Which keys an activity carries depends on its sport: the list entries of garth data/test_activity_list.yaml
 * show it (a trail run has running dynamics, power and cadence; a hike has none of those; a paddleboard
 * session has strokes but no elevation or steps), and the detail of a yoga session (data/test_activity_update_*.yaml)
 * has no distance, speed or location at all but stress, sets and respiration.
 */
const RUNNING_ONLY = [
  'averageRunningCadenceInStepsPerMinute',
  'maxRunningCadenceInStepsPerMinute',
  'avgVerticalOscillation',
  'avgGroundContactTime',
  'avgStrideLength',
  'avgVerticalRatio',
  'maxDoubleCadence',
  'avgGradeAdjustedSpeed',
  'vO2MaxValue',
];
const POWER = ['avgPower', 'maxPower', 'normPower', 'powerTimeInZone_1', 'powerTimeInZone_2', 'powerTimeInZone_3', 'powerTimeInZone_4', 'powerTimeInZone_5'];
/** Recorded: what the hike entry lacks of the trail run's (data/test_activity_list.yaml #0, entries 0 and 1). */
const NOT_ON_FOOT = [
  ...POWER,
  'avgVerticalOscillation',
  'avgGroundContactTime',
  'avgVerticalRatio',
  'vO2MaxValue',
  'workoutId',
  'minTemperature',
  'maxTemperature',
  'avgGradeAdjustedSpeed',
  'fastestSplit_1000',
  'fastestSplit_1609',
];
/** Recorded: what the paddleboard entry lacks (entry 2): no steps, elevation or running dynamics. */
const NOT_ON_WATER = [
  ...NOT_ON_FOOT,
  ...RUNNING_ONLY,
  'elevationGain',
  'elevationLoss',
  'steps',
  'avgStrideLength',
  'minElevation',
  'maxElevation',
  'maxVerticalSpeed',
];

/** List-entry keys a sport does not have, and the ones only it has (with their generated values). */
export function listEntryKeys(kind: ActivityKind, facts: { durationS: number; distanceM: number }): { drop: string[]; add: Record<string, unknown> } {
  switch (kind.typeKey) {
    case 'running':
    case 'trail_running':
      return { drop: [], add: {} };
    case 'walking':
      return { drop: NOT_ON_FOOT, add: {} };
    case 'cycling':
      // Assumed (no ride recorded): a ride keeps power and has bike cadence instead of running cadence.
      return {
        drop: [...RUNNING_ONLY, 'steps', 'fastestSplit_1609', 'workoutId'],
        add: { averageBikingCadenceInRevPerMinute: 82.0, maxBikingCadenceInRevPerMinute: 104.0 },
      };
    case 'lap_swimming': {
      // By analogy with the recorded paddleboard entry (strokes, stroke distance and cadence); pool swims add
      // the pool length (assumed).
      const strokes = Math.round(facts.distanceM / 1.4);
      return {
        drop: NOT_ON_WATER,
        add: { strokes: strokes * 1.0, avgStrokeDistance: strokes ? Math.round((facts.distanceM / strokes) * 100) / 100 : 0, maxStrokeCadence: 38.0, poolLength: 2500.0, unitOfPoolLength: { unitId: 1, unitKey: 'meter', factor: 100.0 } },
      };
    }
    case 'strength_training': {
      // Recorded: activeSets on the yoga detail; totalSets, totalReps and summarizedExerciseSets are Garmin's
      // strength list keys (reference: pgc get_activity_exercise_sets reads the sets of these activities).
      const sets = Math.max(3, Math.round(facts.durationS / 300));
      return {
        drop: [...NOT_ON_WATER, 'distance', 'averageSpeed', 'maxSpeed', 'startLatitude', 'startLongitude', 'endLatitude', 'endLongitude', 'locationName', 'hasPolyline'],
        add: {
          activeSets: sets,
          totalSets: sets,
          totalReps: sets * 10,
          summarizedExerciseSets: [{ category: 'BENCH_PRESS', subCategory: null, reps: sets * 5, volume: sets * 5 * 40_000.0, duration: sets * 30_000.0, sets: Math.ceil(sets / 2) }],
        },
      };
    }
    default:
      return { drop: [], add: {} };
  }
}

/** Sports without distance get the recorded indoor detail summary (yoga, data/test_activity_update_*.yaml). */
export const hasDistance = (kind: ActivityKind) => kind.typeKey !== 'strength_training';

export const INDOOR_SUMMARY_KEYS = Object.keys(indoorSummary);
export { indoorSummary };
