import { isTerminalStatus, SYNC_KINDS, SyncJobStatus, SyncJobView } from '@fittrack/contracts';

/** pending, then running, then any end: a job never moves back along this line. */
function statusRank(status: SyncJobStatus): number {
  if (isTerminalStatus(status)) return 2;
  return status === 'running' ? 1 : 0;
}

/**
 * Where a view stands in its job's life, as numbers that only grow: status, percent, items done, whether the
 * total is known, then the kind being fetched (kinds run in SYNC_KINDS order). The view carries no update time,
 * and these are what the worker keeps monotone (JobContext: planned first, then processed only grows).
 */
function positionOf(view: SyncJobView): number[] {
  return [
    statusRank(view.status),
    view.progress,
    view.processedItems,
    view.totalItems === null ? 0 : 1,
    view.currentKind === null ? -1 : SYNC_KINDS.indexOf(view.currentKind),
  ];
}

/**
 * Whether `next` is a later view of the job than `shown`. Events may arrive late, twice, or after the safety
 * check already read a newer row: only a view strictly further along is sent, so a reader never sees its job go
 * back. A view at the same position is the same step (a duplicate event, or the row that event wrote).
 */
export function isLaterView(next: SyncJobView, shown: SyncJobView | undefined): boolean {
  if (!shown) return true;
  const a = positionOf(next);
  const b = positionOf(shown);
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] > b[i];
  return false;
}
