import { EntityManager } from 'typeorm';

export interface Lease {
  userId: string;
  jobId: string;
  holder: string;
  fence: string;
}

/**
 * Takes the user's lease for a job when it is free or expired; each taking
 * bumps the fence. Returns undefined while anyone holds it (even the same
 * process: two lanes of one worker must not run one user's jobs at once).
 */
export async function acquireLease(manager: EntityManager, userId: string, jobId: string, holder: string, ttlMs: number): Promise<Lease | undefined> {
  const [row]: { fence: string }[] = await manager.query(
    `INSERT INTO sync_leases AS l (user_id, job_id, holder, fence, expires_at)
     VALUES ($1, $2, $3, 1, now() + make_interval(secs => $4 / 1000.0))
     ON CONFLICT (user_id) DO UPDATE SET job_id = EXCLUDED.job_id, holder = EXCLUDED.holder,
       fence = l.fence + 1, expires_at = EXCLUDED.expires_at
     WHERE l.expires_at <= now()
     RETURNING fence`,
    [userId, jobId, holder, ttlMs],
  );
  return row ? { userId, jobId, holder, fence: String(row.fence) } : undefined;
}

/** Extends a held lease; false when it was lost (expired and taken). */
export async function renewLease(manager: EntityManager, lease: Lease, ttlMs: number): Promise<boolean> {
  const [, affected]: [unknown, number] = await manager.query(
    `UPDATE sync_leases SET expires_at = now() + make_interval(secs => $3 / 1000.0) WHERE user_id = $1 AND fence = $2`,
    [lease.userId, lease.fence, ttlMs],
  );
  return affected === 1;
}

export async function releaseLease(manager: EntityManager, lease: Lease): Promise<void> {
  await manager.query(`DELETE FROM sync_leases WHERE user_id = $1 AND fence = $2`, [lease.userId, lease.fence]);
}

/** SQL condition (for a WHERE) that holds only while the lease is still ours: `$u` user, `$f` fence. */
export function leaseHeld(userParam: string, fenceParam: string): string {
  return `EXISTS (SELECT 1 FROM sync_leases WHERE user_id = ${userParam} AND fence = ${fenceParam})`;
}
