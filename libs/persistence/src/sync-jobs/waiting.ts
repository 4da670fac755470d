import { CommandSubject, SyncRunCommand } from '@fittrack/contracts';
import { EntityManager } from 'typeorm';

/**
 * Jobs that wait for their user's lease without costing anything while they
 * wait. A worker that finds the lease held by another job parks its job (sets
 * `waiting_since`) and settles the command; whoever releases the lease wakes the
 * oldest parked job of that user by publishing its command again, through the
 * outbox. The gateway's reconciler wakes any left parked behind a lease that is gone.
 */

/** Parks a pending or running job; false when it has ended meanwhile (nothing to wait for). */
export async function parkSyncJob(manager: EntityManager, jobId: string): Promise<boolean> {
  const [, affected]: [unknown, number] = await manager.query(
    `UPDATE sync_jobs SET waiting_since = COALESCE(waiting_since, now()) WHERE id = $1 AND status IN ('pending', 'running')`,
    [jobId],
  );
  return affected === 1;
}

/**
 * Publishes a job's command again (inside the caller's transaction): the job stops waiting, its re-drive count
 * goes up, and the outbox gets a command whose Nats-Msg-Id (`<jobId>:<count>`) JetStream's duplicate window
 * has not seen. False when the job is no longer pending or running.
 */
export async function redriveSyncJob(manager: EntityManager, jobId: string): Promise<boolean> {
  const [[job]]: [{ user_id: string; redrive_count: number }[], number] = await manager.query(
    `UPDATE sync_jobs SET waiting_since = NULL, redrive_count = redrive_count + 1
      WHERE id = $1 AND status IN ('pending', 'running')
      RETURNING user_id, redrive_count`,
    [jobId],
  );
  if (!job) return false;
  const command: SyncRunCommand = { jobId, userId: job.user_id };
  await manager.query(`INSERT INTO outbox (subject, msg_id, payload) VALUES ($1, $2, $3)`, [
    CommandSubject.SyncRun,
    `${jobId}:${job.redrive_count}`,
    command,
  ]);
  return true;
}

/** Wakes the user's oldest parked job, if any (one transaction); its id, or undefined. */
export async function wakeNextWaitingJob(manager: EntityManager, userId: string): Promise<string | undefined> {
  return manager.transaction(async (tx) => {
    const [next]: { id: string }[] = await tx.query(
      `SELECT id FROM sync_jobs
        WHERE user_id = $1 AND waiting_since IS NOT NULL AND status IN ('pending', 'running')
        ORDER BY created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`,
      [userId],
    );
    if (!next) return undefined;
    return (await redriveSyncJob(tx, next.id)) ? next.id : undefined;
  });
}
