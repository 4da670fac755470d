import { EntityManager } from 'typeorm';
import { redriveSyncJob } from './redrive-sync-job';

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
    return (await redriveSyncJob(tx, next.id))?.jobId;
  });
}
