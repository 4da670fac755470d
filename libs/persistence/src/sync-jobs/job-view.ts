import { defaultSelectionOf, SyncJobView } from '@fittrack/contracts';
import { SyncJob } from '../entities/sync-job.entity';

const iso = (date: Date | null) => date?.toISOString() ?? null;

/** The one shape of a job every reader sees (HTTP, RPC, events). */
export function toJobView(job: SyncJob): SyncJobView {
  return {
    id: job.id,
    userId: job.userId,
    sessionId: job.sessionId,
    status: job.status,
    type: job.syncType,
    kinds: job.kinds,
    trigger: job.trigger,
    progress: job.progress,
    processedItems: job.processedItems,
    totalItems: job.totalItems,
    currentKind: job.currentKind,
    byKind: job.byKind,
    selection: job.selection ?? defaultSelectionOf(job.kinds),
    archive: job.archive ?? null,
    from: job.rangeFrom,
    to: job.rangeTo,
    error: job.errorMessage,
    createdAt: job.createdAt.toISOString(),
    startedAt: iso(job.startedAt),
    finishedAt: iso(job.finishedAt),
  };
}

/** A `sync_jobs` row as `SELECT *` returns it (for hot paths that skip entity hydration). */
export interface SyncJobRow {
  id: string;
  user_id: string;
  session_id: string | null;
  status: SyncJob['status'];
  progress: number;
  sync_type: SyncJob['syncType'];
  kinds: SyncJob['kinds'];
  by_kind: SyncJob['byKind'];
  selection: SyncJob['selection'];
  archive: SyncJob['archive'];
  trigger: SyncJob['trigger'];
  range_from: string | null;
  range_to: string | null;
  total_items: number | null;
  processed_items: number;
  current_kind: SyncJob['currentKind'];
  error_message: string | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

/** The same view as toJobView, from a raw row. */
export function jobViewOfRow(row: SyncJobRow): SyncJobView {
  return {
    id: row.id,
    userId: row.user_id,
    sessionId: row.session_id,
    status: row.status,
    type: row.sync_type,
    kinds: row.kinds,
    trigger: row.trigger,
    progress: row.progress,
    processedItems: row.processed_items,
    totalItems: row.total_items,
    currentKind: row.current_kind,
    byKind: row.by_kind,
    selection: row.selection ?? defaultSelectionOf(row.kinds),
    archive: row.archive ?? null,
    from: row.range_from,
    to: row.range_to,
    error: row.error_message,
    createdAt: row.created_at.toISOString(),
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
  };
}

/** The columns jobViewOfRow reads, with dates as the entity has them. */
export const JOB_VIEW_COLUMNS = `id, user_id, session_id, status, progress, sync_type, kinds, by_kind, selection, archive, trigger,
  to_char(range_from, 'YYYY-MM-DD') AS range_from, to_char(range_to, 'YYYY-MM-DD') AS range_to,
  total_items, processed_items, current_kind, error_message, created_at, started_at, finished_at`;
