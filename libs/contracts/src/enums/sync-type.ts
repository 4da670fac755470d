export const SyncType = {
  Activities: 'activities',
  Health: 'health',
  Workouts: 'workouts',
  Profile: 'profile',
  All: 'all',
} as const;
export type SyncType = (typeof SyncType)[keyof typeof SyncType];
export const SYNC_TYPES: readonly SyncType[] = Object.values(SyncType);

/** The kinds of data a sync fetches; `all` is every one of them. */
export const SyncKind = {
  Activities: 'activities',
  Health: 'health',
  Workouts: 'workouts',
  /** What describes the athlete rather than a day: devices, gear, records, zones, thresholds. */
  Profile: 'profile',
} as const;
export type SyncKind = (typeof SyncKind)[keyof typeof SyncKind];
export const SYNC_KINDS: readonly SyncKind[] = Object.values(SyncKind);

/** The kinds a request names (none or `all` meaning every kind), in a fixed order. */
export function kindsOf(types: readonly SyncType[] | undefined): SyncKind[] {
  if (!types || types.length === 0 || types.includes('all')) return [...SYNC_KINDS];
  return SYNC_KINDS.filter((kind) => types.includes(kind));
}

/** Who asked for a sync. */
export const SyncTrigger = {
  Manual: 'manual',
  Platform: 'platform',
  Nightly: 'nightly',
} as const;
export type SyncTrigger = (typeof SyncTrigger)[keyof typeof SyncTrigger];
export const SYNC_TRIGGERS: readonly SyncTrigger[] = Object.values(SyncTrigger);
