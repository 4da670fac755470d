import { EntityManager } from 'typeorm';

export interface Lease {
  userId: string;
  jobId: string;
  holder: string;
  fence: string;
}

/** What fences a write: the user's lease at one fence value. */
export type Fence = Pick<Lease, 'userId' | 'fence'>;

/** Who holds a user's lease now. */
export interface LeaseHolder {
  jobId: string;
  holder: string;
  expiresAt: Date;
}

/**
 * Takes the user's lease for a job when it is free or expired; each taking
 * bumps the fence. Returns undefined while anyone holds it (even the same
 * process: two lanes of one worker must not run one user's jobs at once).
 * A fenced write in progress (leaseHeld, holdLease) holds the row FOR SHARE, so
 * a takeover waits for it to commit, and every write after the takeover fails.
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

/**
 * Extends a held lease; false when it was lost (taken by another fence). An
 * expired lease nobody has taken yet is still ours: nobody else has written.
 */
export async function renewLease(manager: EntityManager, lease: Lease, ttlMs: number): Promise<boolean> {
  const [, affected]: [unknown, number] = await manager.query(
    `UPDATE sync_leases SET expires_at = now() + make_interval(secs => $3 / 1000.0) WHERE user_id = $1 AND fence = $2`,
    [lease.userId, lease.fence, ttlMs],
  );
  return affected === 1;
}

/** Gives the lease up; false when it was no longer ours. */
export async function releaseLease(manager: EntityManager, lease: Lease): Promise<boolean> {
  const [, affected]: [unknown, number] = await manager.query(`DELETE FROM sync_leases WHERE user_id = $1 AND fence = $2`, [lease.userId, lease.fence]);
  return affected === 1;
}

/** The user's lease as it stands (possibly expired), or undefined when nobody holds one. */
export async function leaseHolder(manager: EntityManager, userId: string): Promise<LeaseHolder | undefined> {
  const [row]: { job_id: string; holder: string; expires_at: Date }[] = await manager.query(
    `SELECT job_id, holder, expires_at FROM sync_leases WHERE user_id = $1`,
    [userId],
  );
  return row && { jobId: row.job_id, holder: row.holder, expiresAt: row.expires_at };
}

/**
 * Inside a transaction: true while the fence is still the user's lease, and
 * then it stays so until the transaction ends (the row is held FOR SHARE, so a
 * takeover waits). Every write of the transaction is fenced by it.
 */
export async function holdLease(manager: EntityManager, fence: Fence): Promise<boolean> {
  const rows: unknown[] = await manager.query(`SELECT 1 FROM sync_leases WHERE user_id = $1 AND fence = $2 FOR SHARE`, [fence.userId, fence.fence]);
  return rows.length === 1;
}

/**
 * SQL condition (for a WHERE) that holds only while the lease is still ours: `$u` user, `$f` fence. The row
 * is locked FOR SHARE for the statement, so a takeover racing the write waits for it, or the write sees the
 * new fence and matches nothing (READ COMMITTED re-checks a locked row that changed).
 */
export function leaseHeld(userParam: string, fenceParam: string): string {
  return `EXISTS (SELECT 1 FROM sync_leases WHERE user_id = ${userParam} AND fence = ${fenceParam} FOR SHARE)`;
}

/**
 * Runs `work` in one transaction fenced by the lease (held FOR SHARE throughout, as holdLease); undefined,
 * with nothing written, when the fence is no longer the user's lease.
 */
export async function inFence<T>(manager: EntityManager, fence: Fence, work: (tx: EntityManager) => Promise<T>): Promise<T | undefined> {
  return manager.transaction(async (tx) => ((await holdLease(tx, fence)) ? work(tx) : undefined));
}
