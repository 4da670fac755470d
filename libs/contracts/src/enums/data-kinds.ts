import type { SyncKind } from './sync-type';

/**
 * Every kind of Garmin data the platform syncs: the closed set a selection is made of (deployment default,
 * a user's override, a request). Each belongs to one job-level SyncKind (its progress and cursor) and is
 * stored in one place:
 * - `daily`: a row of `daily_health` per calendar day (metric = the kind's name);
 * - `record`: rows of `garmin_records`, one per item (a weigh-in, a device, a personal record …);
 * - `activity_part`: a row of `activity_parts` per activity (splits, weather, …);
 * - `activities` / `workouts`: their own tables.
 * Where each comes from, its headline value and its unit are in the README's "Stored data".
 */
export const DATA_KIND_CATALOG = {
  activities: { group: 'activities', store: 'activities', byDefault: true },
  activity_zones: { group: 'activities', store: 'activity_part', byDefault: true },
  activity_splits: { group: 'activities', store: 'activity_part', byDefault: true },
  activity_exercise_sets: { group: 'activities', store: 'activity_part', byDefault: true },
  activity_weather: { group: 'activities', store: 'activity_part', byDefault: false },

  summary: { group: 'health', store: 'daily', byDefault: true },
  sleep: { group: 'health', store: 'daily', byDefault: true },
  heart_rate: { group: 'health', store: 'daily', byDefault: true },
  hrv: { group: 'health', store: 'daily', byDefault: true },
  stress: { group: 'health', store: 'daily', byDefault: true },
  body_battery: { group: 'health', store: 'daily', byDefault: true },
  body_battery_events: { group: 'health', store: 'daily', byDefault: false },
  steps: { group: 'health', store: 'daily', byDefault: true },
  steps_intraday: { group: 'health', store: 'daily', byDefault: false },
  floors: { group: 'health', store: 'daily', byDefault: false },
  intensity_minutes: { group: 'health', store: 'daily', byDefault: true },
  respiration: { group: 'health', store: 'daily', byDefault: false },
  spo2: { group: 'health', store: 'daily', byDefault: false },
  hydration: { group: 'health', store: 'daily', byDefault: true },
  blood_pressure: { group: 'health', store: 'daily', byDefault: true },
  lifestyle: { group: 'health', store: 'daily', byDefault: false },
  weight: { group: 'health', store: 'daily', byDefault: true },
  body_composition: { group: 'health', store: 'record', byDefault: true },
  training_readiness: { group: 'health', store: 'daily', byDefault: true },
  training_readiness_morning: { group: 'health', store: 'daily', byDefault: true },
  training_status: { group: 'health', store: 'daily', byDefault: true },
  vo2max: { group: 'health', store: 'daily', byDefault: true },
  race_predictions: { group: 'health', store: 'daily', byDefault: true },
  endurance_score: { group: 'health', store: 'daily', byDefault: false },
  hill_score: { group: 'health', store: 'daily', byDefault: false },
  fitness_age: { group: 'health', store: 'daily', byDefault: false },

  devices: { group: 'profile', store: 'record', byDefault: true },
  gear: { group: 'profile', store: 'record', byDefault: true },
  personal_records: { group: 'profile', store: 'record', byDefault: true },
  heart_rate_zones: { group: 'profile', store: 'record', byDefault: true },
  lactate_threshold: { group: 'profile', store: 'record', byDefault: true },
  ftp: { group: 'profile', store: 'record', byDefault: true },

  workouts: { group: 'workouts', store: 'workouts', byDefault: true },
  scheduled_workouts: { group: 'workouts', store: 'record', byDefault: true },
  training_plans: { group: 'workouts', store: 'record', byDefault: true },
} as const satisfies Record<string, { group: SyncKind; store: DataKindStore; byDefault: boolean }>;

export type DataKindStore = 'daily' | 'record' | 'activity_part' | 'activities' | 'workouts';
export type DataKind = keyof typeof DATA_KIND_CATALOG;
export const DATA_KINDS = Object.keys(DATA_KIND_CATALOG) as DataKind[];

/** The kinds of one storage place, in catalog order. */
export function dataKindsStoredAs(store: DataKindStore): DataKind[] {
  return DATA_KINDS.filter((kind) => DATA_KIND_CATALOG[kind].store === store);
}

/** The kinds a SyncKind covers, in catalog order. */
export function dataKindsOf(group: SyncKind): DataKind[] {
  return DATA_KINDS.filter((kind) => DATA_KIND_CATALOG[kind].group === group);
}

/** The catalog's own default selection (a deployment may configure another). */
export const CATALOG_DEFAULT_SELECTION: readonly DataKind[] = DATA_KINDS.filter((kind) => DATA_KIND_CATALOG[kind].byDefault);

export function isDataKind(value: unknown): value is DataKind {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(DATA_KIND_CATALOG, value);
}

type KindsStoredAs<S extends DataKindStore> = {
  [K in DataKind]: (typeof DATA_KIND_CATALOG)[K]['store'] extends S ? K : never;
}[DataKind];

/** The per-day metrics: the `metric` of a `daily_health` row. */
export type HealthMetric = KindsStoredAs<'daily'>;
export const HEALTH_METRICS = dataKindsStoredAs('daily') as HealthMetric[];
/** The kinds kept one row per item in `garmin_records`. */
export type RecordKind = KindsStoredAs<'record'>;
export const RECORD_KINDS = dataKindsStoredAs('record') as RecordKind[];
/** The per-activity parts kept in `activity_parts`. */
export type ActivityPartKind = KindsStoredAs<'activity_part'>;
export const ACTIVITY_PART_KINDS = dataKindsStoredAs('activity_part') as ActivityPartKind[];
