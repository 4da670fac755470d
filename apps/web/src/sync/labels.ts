import type { SyncJobStatus, SyncKind, SyncTrigger } from '@fittrack/contracts';

/** Names people read for the contract's job kinds: a Record, so a kind added to the contract fails the build until it has one. */
export const KIND_LABELS: Record<SyncKind, string> = {
  activities: 'Activities',
  health: 'Health',
  workouts: 'Workouts',
  profile: 'Profile',
};

export const SYNC_KIND_ORDER = Object.keys(KIND_LABELS) as SyncKind[];

export const STATUS_LABELS: Record<SyncJobStatus, string> = {
  pending: 'Waiting to start',
  running: 'Syncing',
  completed: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

export const TRIGGER_LABELS: Record<SyncTrigger, string> = {
  manual: 'started by you',
  nightly: 'nightly',
  platform: 'asked by a service',
};

export const isOpen = (status: SyncJobStatus) => status === 'pending' || status === 'running';
