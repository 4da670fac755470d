import { CommandSubject } from '@fittrack/contracts';
import { EntityManager } from 'typeorm';

export interface Redriven {
  jobId: string;
  userId: string;
  /** The new command's Nats-Msg-Id: `<jobId>:<redrive_count>`, distinct from every earlier one of the job. */
  msgId: string;
}

/** The Nats-Msg-Id of a job's latest command, as SQL over a `sync_jobs` alias (the first is the bare job id). */
export function latestMsgIdSql(alias: string): string {
  return `(CASE WHEN ${alias}.redrive_count = 0 THEN ${alias}.id::text ELSE ${alias}.id::text || ':' || ${alias}.redrive_count END)`;
}

/**
 * Publishes the commands of active jobs again, in the caller's transaction: each job leaves the parked
 * state (`waiting_since = NULL`), counts one more re-drive, and gets an outbox row with the original
 * command's payload under the Nats-Msg-Id `<jobId>:<redrive_count>`, so JetStream's duplicate window does
 * not drop it as a repeat of an earlier one. This is the one re-publish shape: the reconciler's re-drives,
 * a request meeting a dead job and the worker's wake of a parked job all come through here. Ended jobs are
 * left alone (and not returned). `updated_at` moves, so a re-driven job is not "stale" again at once.
 * A duplicate command is harmless: the user's lease and the job's status make a second delivery a no-op.
 */
export async function redriveSyncJobs(manager: EntityManager, jobIds: string[]): Promise<Redriven[]> {
  if (jobIds.length === 0) return [];
  const rows: { job_id: string; user_id: string; msg_id: string }[] = await manager.query(
    `WITH bumped AS (
       UPDATE sync_jobs j SET waiting_since = NULL, redrive_count = j.redrive_count + 1, updated_at = now()
        WHERE j.id = ANY($1::uuid[]) AND j.status IN ('pending', 'running')
        RETURNING j.id, j.user_id, j.redrive_count)
     INSERT INTO outbox (subject, msg_id, payload)
     SELECT $2, b.id::text || ':' || b.redrive_count, jsonb_build_object('jobId', b.id, 'userId', b.user_id) FROM bumped b
     RETURNING msg_id, payload->>'jobId' AS job_id, payload->>'userId' AS user_id`,
    [jobIds, CommandSubject.SyncRun],
  );
  return rows.map((row) => ({ jobId: row.job_id, userId: row.user_id, msgId: row.msg_id }));
}

/** redriveSyncJobs for one job; undefined when it has ended (nothing to publish). */
export async function redriveSyncJob(manager: EntityManager, jobId: string): Promise<Redriven | undefined> {
  const [redriven] = await redriveSyncJobs(manager, [jobId]);
  return redriven;
}
