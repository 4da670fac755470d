export const SyncType = {
  Activities: 'activities',
  Health: 'health',
  Workouts: 'workouts',
  All: 'all',
} as const;
export type SyncType = (typeof SyncType)[keyof typeof SyncType];
export const SYNC_TYPES: readonly SyncType[] = Object.values(SyncType);

/** The kinds of data a sync fetches; `all` is every one of them. */
export const SyncKind = {
  Activities: 'activities',
  Health: 'health',
  Workouts: 'workouts',
} as const;
export type SyncKind = (typeof SyncKind)[keyof typeof SyncKind];
export const SYNC_KINDS: readonly SyncKind[] = Object.values(SyncKind);

/** The kinds a request names (none or `all` meaning every kind), in a fixed order. */
export function kindsOf(types: readonly SyncType[] | undefined): SyncKind[] {
  if (!types || types.length === 0 || types.includes('all')) return [...SYNC_KINDS];
  return SYNC_KINDS.filter((kind) => types.includes(kind));
}

/** The per-day health metrics a `health` sync stores. */
export const HealthMetric = {
  Summary: 'summary',
  Sleep: 'sleep',
  HeartRate: 'heart_rate',
  Hrv: 'hrv',
  Stress: 'stress',
  BodyBattery: 'body_battery',
  Steps: 'steps',
  Weight: 'weight',
} as const;
export type HealthMetric = (typeof HealthMetric)[keyof typeof HealthMetric];
export const HEALTH_METRICS: readonly HealthMetric[] = Object.values(HealthMetric);

/** Who asked for a sync. */
export const SyncTrigger = {
  Manual: 'manual',
  Platform: 'platform',
  Nightly: 'nightly',
} as const;
export type SyncTrigger = (typeof SyncTrigger)[keyof typeof SyncTrigger];
export const SYNC_TRIGGERS: readonly SyncTrigger[] = Object.values(SyncTrigger);
