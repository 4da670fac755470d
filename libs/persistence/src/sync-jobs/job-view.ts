import { SyncJobView } from '@fittrack/contracts';
import { SyncJob } from '../entities/sync-job.entity';

const iso = (date: Date | null) => date?.toISOString() ?? null;

/** The one shape of a job every reader sees (HTTP, RPC, events). */
export function toJobView(job: SyncJob): SyncJobView {
  return {
    id: job.id,
    userId: job.userId,
    status: job.status,
    type: job.syncType,
    kinds: job.kinds,
    trigger: job.trigger,
    progress: job.progress,
    processedItems: job.processedItems,
    totalItems: job.totalItems,
    currentKind: job.currentKind,
    byKind: job.byKind,
    from: job.rangeFrom,
    to: job.rangeTo,
    error: job.errorMessage,
    createdAt: job.createdAt.toISOString(),
    startedAt: iso(job.startedAt),
    finishedAt: iso(job.finishedAt),
  };
}
