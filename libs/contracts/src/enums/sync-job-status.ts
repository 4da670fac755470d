export const SyncJobStatus = {
  Pending: 'pending',
  Running: 'running',
  Completed: 'completed',
  Failed: 'failed',
  Cancelled: 'cancelled',
} as const;
export type SyncJobStatus = (typeof SyncJobStatus)[keyof typeof SyncJobStatus];

export const SYNC_JOB_STATUSES: readonly SyncJobStatus[] = Object.values(SyncJobStatus);

/**
 * The job state machine of the seed design. Persistence enforces it (a guarded
 * UPDATE plus a database trigger); this table is the single statement of it.
 */
export const SYNC_JOB_TRANSITIONS: Readonly<Record<SyncJobStatus, readonly SyncJobStatus[]>> = {
  pending: ['running', 'cancelled'],
  running: ['completed', 'failed', 'cancelled'],
  completed: [],
  failed: [],
  cancelled: [],
};

export function canTransition(from: SyncJobStatus, to: SyncJobStatus): boolean {
  return SYNC_JOB_TRANSITIONS[from].includes(to);
}

export function isTerminalStatus(status: SyncJobStatus): boolean {
  return SYNC_JOB_TRANSITIONS[status].length === 0;
}

/** The states a job may be in for a move to `to` to be legal. */
export function sourcesOf(to: SyncJobStatus): SyncJobStatus[] {
  return SYNC_JOB_STATUSES.filter((from) => canTransition(from, to));
}
