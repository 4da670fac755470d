import { ActivityPartKind, DataEventSubject, DataKind } from '@fittrack/contracts';
import { ActivitySummary, ConnectApi } from '@fittrack/garmin';
import { UpsertSpec } from '@fittrack/persistence';
import { arrayAt, num } from '../garmin-json';

/** One part of one activity: an `activity_parts` row, Garmin's JSON (or, for zones, the list entry's figures). */
export interface PartRow {
  activityId: number;
  part: ActivityPartKind;
  raw: unknown;
}

export const PART_ROW = (userId: string): UpsertSpec<PartRow> => ({
  table: 'activity_parts',
  columns: ['user_id', 'activity_id', 'part', 'raw'],
  key: ['user_id', 'activity_id', 'part'],
  update: ['raw'],
  casts: { raw: 'jsonb' },
  touch: true,
  events: { subject: DataEventSubject.ActivityPart, kind: { column: 'part' }, key: { activityId: 'activity_id', part: 'part' } },
  values: (r) => [userId, r.activityId, r.part, JSON.stringify(r.raw)],
});

/**
 * A part of an activity that Garmin serves beside its detail. `fetch` answers the part's JSON, or null when
 * the activity has none (nothing is stored then). Each part names its evidence (README, "Stored data").
 */
export interface ActivityPartSource {
  readonly kind: ActivityPartKind;
  /** Garmin requests it costs an activity: 0 when it is read from the list entry. */
  readonly requests: 0 | 1;
  appliesTo(activity: ActivitySummary): boolean;
  fetch(api: ConnectApi, activity: ActivitySummary): Promise<unknown>;
}

const ZONES = [1, 2, 3, 4, 5] as const;

/** The five seconds-in-zone figures of `field_1..5`, or null when the entry has none of them. */
function secondsInZones(activity: ActivitySummary, field: string): (number | null)[] | null {
  const seconds = ZONES.map((zone) => num(activity[`${field}_${zone}`]));
  return seconds.some((s) => s !== null) ? seconds : null;
}

/**
 * Recorded (the activity list of garth data/test_activity_list and ../shared connect/activity_list): each list
 * entry carries `hrTimeInZone_1..5`, and, from a power meter, `powerTimeInZone_1..5` (seconds). Stored as
 * `{ hr: [z1..z5] | null, power: [z1..z5] | null }`, a missing zone as null; no request of its own.
 */
export const activityZones: ActivityPartSource = {
  kind: 'activity_zones',
  requests: 0,
  appliesTo: () => true,
  async fetch(_api, activity) {
    const hr = secondsInZones(activity, 'hrTimeInZone');
    const power = secondsInZones(activity, 'powerTimeInZone');
    return hr || power ? { hr, power } : null;
  },
};

/** pgc get_activity_splits: `activity/{id}/splits`, the laps (`lapDTOs`); an activity without laps has none. */
export const activitySplits: ActivityPartSource = {
  kind: 'activity_splits',
  requests: 1,
  appliesTo: () => true,
  async fetch(api, activity) {
    const answer = await api.getJson<unknown>(`/activity-service/activity/${activity.activityId}/splits`);
    return arrayAt(answer, 'lapDTOs').length > 0 ? answer : null;
  },
};

/** The activity type whose sets Garmin keeps (`activityType.typeKey`, as pgc demo.py picks strength activities). */
export const STRENGTH = 'strength_training';

/** pgc get_activity_exercise_sets: `activity/{id}/exerciseSets` (`exerciseSets`, replaced as a whole by its PUT); strength training only. */
export const activityExerciseSets: ActivityPartSource = {
  kind: 'activity_exercise_sets',
  requests: 1,
  appliesTo: (activity) => activity.activityType?.typeKey === STRENGTH,
  async fetch(api, activity) {
    const answer = await api.getJson<unknown>(`/activity-service/activity/${activity.activityId}/exerciseSets`);
    return arrayAt(answer, 'exerciseSets').length > 0 ? answer : null;
  },
};

/** pgc get_activity_weather: `activity/{id}/weather`, one object; null, 404 or `{}` (an indoor activity) is none. */
export const activityWeather: ActivityPartSource = {
  kind: 'activity_weather',
  requests: 1,
  appliesTo: () => true,
  async fetch(api, activity) {
    const answer = await api.getJson<unknown>(`/activity-service/activity/${activity.activityId}/weather`);
    return answer !== null && typeof answer === 'object' && !Array.isArray(answer) && Object.keys(answer).length > 0 ? answer : null;
  },
};

/** Every part, in the order they are asked. */
export const ACTIVITY_PARTS: readonly ActivityPartSource[] = [activityZones, activitySplits, activityExerciseSets, activityWeather];

/** The parts a job asks of an activity: the selected ones that apply to its type. */
export const partsFor = (selection: ReadonlySet<DataKind>, activity: ActivitySummary): ActivityPartSource[] =>
  ACTIVITY_PARTS.filter((part) => selection.has(part.kind) && part.appliesTo(activity));
