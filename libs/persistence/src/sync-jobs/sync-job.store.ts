import { SyncJobStatus, SyncJobView } from '@fittrack/contracts';
import { EntityManager } from 'typeorm';
import { SyncJob } from '../entities/sync-job.entity';
import { deadJobCondition, DeadJobRule } from './dead-job-rule';
import { JOB_VIEW_COLUMNS, jobViewOfRow, SyncJobRow, toJobView } from './job-view';
import { Redriven, redriveSyncJobs } from './redrive-sync-job';

export interface JobFilter {
  page: number;
  pageSize: number;
  status?: SyncJobStatus;
  /** Jobs asked for by this API session only. */
  sessionId?: string;
}

export interface JobPage {
  items: SyncJobView[];
  page: number;
  pageSize: number;
  total: number;
}

/** A re-drive of the reconciler, with why the job was dead. */
export interface Reconciled extends Redriven {
  reason: 'parked' | 'running' | 'pending';
}

/** The reads and sweeps of sync jobs that are not job creation (create-sync-job.ts) or a status change (sync-job-transitions.ts). */
export class SyncJobStore {
  /** The Garmin link's health of a user: undefined when the user has none (or does not exist). */
  async linkHealthOf(manager: EntityManager, userId: string): Promise<string | undefined> {
    const [link]: { health_status: string | null }[] = await manager.query(
      `SELECT g.health_status FROM users u LEFT JOIN garmin_authentication_states g ON g.user_id = u.id WHERE u.id = $1`,
      [userId],
    );
    return link?.health_status ?? undefined;
  }

  /** The hot read (polled by clients): one indexed row, no entity hydration. Undefined for another user's job. */
  async view(manager: EntityManager, userId: string, jobId: string): Promise<SyncJobView | undefined> {
    const [row]: SyncJobRow[] = await manager.query(`SELECT ${JOB_VIEW_COLUMNS} FROM sync_jobs WHERE id = $1 AND user_id = $2`, [jobId, userId]);
    return row && jobViewOfRow(row);
  }

  /** One page of the user's jobs, newest first; a session filter only ever matches the user's own sessions' jobs. */
  async page(manager: EntityManager, userId: string, { page, pageSize, status, sessionId }: JobFilter): Promise<JobPage> {
    const [jobs, total] = await manager.getRepository(SyncJob).findAndCount({
      where: { userId, ...(status && { status }), ...(sessionId && { sessionId }) },
      order: { createdAt: 'DESC', id: 'DESC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    return { items: jobs.map(toJobView), page, pageSize, total };
  }

  /**
   * One reconciliation sweep, in the caller's transaction: re-drives the jobs that are dead by the rule, at
   * most one per user (the running one first, else the oldest), so a user's backlog is re-published one job
   * per sweep instead of all at once. Rows another sweep or request holds are skipped.
   */
  async redriveDead(manager: EntityManager, rule: DeadJobRule, limit: number): Promise<Reconciled[]> {
    const params: unknown[] = [limit];
    const dead = deadJobCondition('j', rule, params);
    const rows: { id: string; reason: Reconciled['reason'] }[] = await manager.query(
      `SELECT id, reason FROM (
         SELECT DISTINCT ON (j.user_id) j.id, j.created_at,
                CASE WHEN j.waiting_since IS NOT NULL THEN 'parked' ELSE j.status END AS reason
           FROM sync_jobs j
          WHERE ${dead}
          ORDER BY j.user_id, (j.status = 'running') DESC, j.created_at
       ) AS oldest
       ORDER BY created_at
       LIMIT $1`,
      params,
    );
    if (rows.length === 0) return [];
    const locked: { id: string }[] = await manager.query(`SELECT id FROM sync_jobs WHERE id = ANY($1::uuid[]) FOR UPDATE SKIP LOCKED`, [
      rows.map((r) => r.id),
    ]);
    const reasons = new Map(rows.map((r) => [r.id, r.reason]));
    const redriven = await redriveSyncJobs(
      manager,
      locked.map((r) => r.id),
    );
    return redriven.map((r) => ({ ...r, reason: reasons.get(r.jobId) ?? 'pending' }));
  }
}
