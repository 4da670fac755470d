import { SyncArchiveView } from '@fittrack/contracts';
import { EntityManager } from 'typeorm';
import { Fence, inFence } from '../sync-jobs/leases';

/** The UTC day of the database's clock: every worker and job counts the budget on the same day. */
const UTC_TODAY = `(now() AT TIME ZONE 'UTC')::date`;

/** The next reload of a job: a date reserved against today's budget, or why there is none. */
export type Reservation = { date: string } | { none: 'queue_empty' | 'budget_spent' };

/**
 * A user's archived days to reload (archive_reloads) and the reload requests spent per UTC day
 * (archive_reload_days). A date is reserved (status requested, the day's count up by one) BEFORE its
 * request goes to Garmin, so the count is never below what was sent, whichever worker dies when. Writes
 * are fenced by the job's lease; each returns undefined when the lease was lost (nothing written).
 */
export class ArchiveQueueStore {
  /** Queues old days; those already queued, requested or done stay as they are. How many were new. */
  enqueue(manager: EntityManager, fence: Fence, jobId: string, dates: readonly string[]): Promise<number | undefined> {
    if (dates.length === 0) return Promise.resolve(0);
    return inFence(manager, fence, async (tx) => {
      const rows: unknown[] = await tx.query(
        `INSERT INTO archive_reloads (user_id, calendar_date, status, queued_by_job)
         SELECT $1, d::date, 'queued', $3 FROM unnest($2::text[]) AS d
         ON CONFLICT (user_id, calendar_date) DO NOTHING RETURNING 1`,
        [fence.userId, dates, jobId],
      );
      return rows.length;
    });
  }

  /**
   * Reloads asked for by an attempt that died before Garmin's answer: whether Garmin got them is unknown,
   * so they go back to the queue (to be asked again, each against the budget again: never more than Garmin
   * accepts in a day). The dates.
   */
  requeueUnanswered(manager: EntityManager, fence: Fence): Promise<string[] | undefined> {
    return inFence(manager, fence, async (tx) => {
      // UPDATE … RETURNING answers [rows, affected].
      const [rows]: [{ date: string }[], number] = await tx.query(
        `UPDATE archive_reloads SET status = 'queued', requested_at = NULL, requested_by_job = NULL, updated_at = now()
          WHERE user_id = $1 AND status = 'requested' AND accepted IS NULL
          RETURNING to_char(calendar_date, 'YYYY-MM-DD') AS date`,
        [fence.userId],
      );
      return rows.map((row) => row.date).sort().reverse();
    });
  }

  /** Reserves the newest queued date against today's budget (`perDay` requests per UTC day). */
  reserveNext(manager: EntityManager, fence: Fence, jobId: string, perDay: number): Promise<Reservation | undefined> {
    return inFence(manager, fence, async (tx): Promise<Reservation> => {
      const [next]: { date: string }[] = await tx.query(
        `SELECT to_char(calendar_date, 'YYYY-MM-DD') AS date FROM archive_reloads WHERE user_id = $1 AND status = 'queued'
          ORDER BY calendar_date DESC LIMIT 1 FOR UPDATE`,
        [fence.userId],
      );
      if (!next) return { none: 'queue_empty' };
      if (perDay <= 0) return { none: 'budget_spent' };
      const counted: unknown[] = await tx.query(
        `INSERT INTO archive_reload_days AS d (user_id, utc_day, used) VALUES ($1, ${UTC_TODAY}, 1)
         ON CONFLICT (user_id, utc_day) DO UPDATE SET used = d.used + 1, updated_at = now()
         WHERE d.used < $2 AND NOT d.exhausted
         RETURNING used`,
        [fence.userId, perDay],
      );
      if (counted.length === 0) return { none: 'budget_spent' };
      await tx.query(
        `UPDATE archive_reloads SET status = 'requested', requested_at = now(), requested_by_job = $3, accepted = NULL, updated_at = now()
          WHERE user_id = $1 AND calendar_date = $2`,
        [fence.userId, next.date, jobId],
      );
      return { date: next.date };
    });
  }

  /** Garmin accepted the reload of the date. */
  accepted(manager: EntityManager, fence: Fence, date: string): Promise<true | undefined> {
    return inFence(manager, fence, async (tx) => {
      await tx.query(`UPDATE archive_reloads SET accepted = true, updated_at = now() WHERE user_id = $1 AND calendar_date = $2`, [fence.userId, date]);
      return true as const;
    });
  }

  /** Garmin refused the reload (429: its allowance is spent): the date goes back to the queue, and today is over. */
  refused(manager: EntityManager, fence: Fence, date: string): Promise<true | undefined> {
    return inFence(manager, fence, async (tx) => {
      await tx.query(
        `UPDATE archive_reloads SET status = 'queued', requested_at = NULL, requested_by_job = NULL, accepted = NULL, updated_at = now()
          WHERE user_id = $1 AND calendar_date = $2`,
        [fence.userId, date],
      );
      await tx.query(
        `INSERT INTO archive_reload_days AS d (user_id, utc_day, exhausted) VALUES ($1, ${UTC_TODAY}, true)
         ON CONFLICT (user_id, utc_day) DO UPDATE SET exhausted = true, updated_at = now()`,
        [fence.userId],
      );
      return true as const;
    });
  }

  /** Dates whose reload Garmin accepted and that are not fetched yet, newest first. */
  async reloaded(manager: EntityManager, userId: string): Promise<string[]> {
    const rows: { date: string }[] = await manager.query(
      `SELECT to_char(calendar_date, 'YYYY-MM-DD') AS date FROM archive_reloads
        WHERE user_id = $1 AND status = 'requested' AND accepted ORDER BY calendar_date DESC`,
      [userId],
    );
    return rows.map((row) => row.date);
  }

  /** The dates are fetched. */
  done(manager: EntityManager, fence: Fence, dates: readonly string[]): Promise<number | undefined> {
    if (dates.length === 0) return Promise.resolve(0);
    return inFence(manager, fence, async (tx) => {
      const [, affected]: [unknown, number] = await tx.query(
        `UPDATE archive_reloads SET status = 'done', done_at = now(), updated_at = now()
          WHERE user_id = $1 AND calendar_date = ANY($2::date[]) AND status = 'requested'`,
        [fence.userId, dates],
      );
      return affected;
    });
  }

  async queued(manager: EntityManager, userId: string): Promise<number> {
    const [row]: { n: number }[] = await manager.query(`SELECT count(*)::int AS n FROM archive_reloads WHERE user_id = $1 AND status = 'queued'`, [userId]);
    return row.n;
  }

  /** The user's queue as GET /v1/sync/archive shows it. */
  async summary(manager: EntityManager, userId: string, perDay: number): Promise<SyncArchiveView> {
    const [counts]: { queued: number; requested: number; done: number; used: number | null; exhausted: boolean | null }[] = await manager.query(
      `SELECT count(*) FILTER (WHERE r.status = 'queued')::int AS queued,
              count(*) FILTER (WHERE r.status = 'requested')::int AS requested,
              count(*) FILTER (WHERE r.status = 'done')::int AS done,
              (SELECT used FROM archive_reload_days WHERE user_id = $1 AND utc_day = ${UTC_TODAY}) AS used,
              (SELECT exhausted FROM archive_reload_days WHERE user_id = $1 AND utc_day = ${UTC_TODAY}) AS exhausted
         FROM archive_reloads r WHERE r.user_id = $1`,
      [userId],
    );
    const next: { date: string }[] = await manager.query(
      `SELECT to_char(calendar_date, 'YYYY-MM-DD') AS date FROM archive_reloads WHERE user_id = $1 AND status = 'queued' ORDER BY calendar_date DESC LIMIT 10`,
      [userId],
    );
    return {
      queued: counts.queued,
      requestedToday: counts.used ?? 0,
      budget: perDay,
      exhaustedToday: counts.exhausted ?? false,
      done: counts.done,
      requested: counts.requested,
      nextDates: next.map((row) => row.date),
    };
  }
}
