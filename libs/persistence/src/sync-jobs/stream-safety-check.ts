import { SyncJobView } from '@fittrack/contracts';
import { EntityManager } from 'typeorm';
import { JOB_VIEW_COLUMNS, jobViewOfRow, SyncJobRow } from './job-view';

/** What the safety check of a gateway's open job event streams finds. */
export interface WatchedState {
  /** The watched jobs that still exist, as they are now; a missing id is a deleted job. */
  jobs: SyncJobView[];
  /** The watched API sessions that are still live (not revoked, not expired). */
  liveSessionIds: Set<string>;
}

/**
 * The state of every job and API session a gateway replica's event streams watch, in one statement: the
 * replica runs it every few seconds for all its streams together, so the database work does not grow with
 * the number of streams (each stream is otherwise pushed to from NATS events).
 */
export async function readWatchedState(manager: EntityManager, jobIds: string[], sessionIds: string[]): Promise<WatchedState> {
  const rows: (Partial<SyncJobRow> & { live_session_ids: string[] })[] = await manager.query(
    `WITH live AS (
       SELECT coalesce(array_agg(id::text), '{}'::text[]) AS live_session_ids FROM user_sessions
        WHERE id = ANY($2::uuid[]) AND revoked_at IS NULL AND expires_at > now())
     SELECT live.live_session_ids, jobs.* FROM live
       LEFT JOIN (SELECT ${JOB_VIEW_COLUMNS} FROM sync_jobs WHERE id = ANY($1::uuid[])) jobs ON true`,
    [jobIds, sessionIds],
  );
  return {
    jobs: rows.filter((row) => row.id).map((row) => jobViewOfRow(row as SyncJobRow)),
    liveSessionIds: new Set(rows[0]?.live_session_ids ?? []),
  };
}
