export const SyncType = {
  Activities: 'activities',
  Health: 'health',
  Workouts: 'workouts',
  All: 'all',
} as const;
export type SyncType = (typeof SyncType)[keyof typeof SyncType];
export const SYNC_TYPES: readonly SyncType[] = Object.values(SyncType);

/** Who asked for a sync. */
export const SyncTrigger = {
  Manual: 'manual',
  Platform: 'platform',
  Nightly: 'nightly',
} as const;
export type SyncTrigger = (typeof SyncTrigger)[keyof typeof SyncTrigger];
export const SYNC_TRIGGERS: readonly SyncTrigger[] = Object.values(SyncTrigger);
