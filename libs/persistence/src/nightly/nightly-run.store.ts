import { CommandSubject } from '@fittrack/contracts';
import { EntityManager } from 'typeorm';
import { NightlyRun, NightlyTrigger } from '../entities/nightly-run.entity';

export interface ClaimedRun {
  id: string;
  runDate: string;
  trigger: NightlyTrigger;
}

export interface RunOutcome {
  enqueued: number;
  existing: number;
  skipped: Record<string, number>;
  refreshes: number;
}

const ttl = (param: string) => `now() + make_interval(secs => ${param}::int)`;

/**
 * The nightly runs and what they read. A run is claimed by one replica for a while (`claimed_until`),
 * renewed as it goes; an unfinished run whose claim expired lost its replica and may be taken over.
 * Every write that ends or renews a run names its holder, so a replica that lost its claim changes nothing.
 */
export class NightlyRunStore {
  /** The scheduled run of a day, claimed by the first replica to ask; undefined for the others. */
  async claimScheduled(manager: EntityManager, date: string, holder: string, claimSeconds: number): Promise<ClaimedRun | undefined> {
    const [row]: { id: string }[] = await manager.query(
      `INSERT INTO nightly_runs (run_date, trigger, claimed_by, claimed_until) VALUES ($1, 'schedule', $2, ${ttl('$3')})
       ON CONFLICT DO NOTHING RETURNING id`,
      [date, holder, claimSeconds],
    );
    return row && { id: row.id, runDate: date, trigger: 'schedule' };
  }

  /** An operator's run (any number per day). */
  async claimOperator(manager: EntityManager, date: string, holder: string, claimSeconds: number): Promise<ClaimedRun> {
    const [row]: { id: string }[] = await manager.query(
      `INSERT INTO nightly_runs (run_date, trigger, claimed_by, claimed_until) VALUES ($1, 'operator', $2, ${ttl('$3')}) RETURNING id`,
      [date, holder, claimSeconds],
    );
    return { id: row.id, runDate: date, trigger: 'operator' };
  }

  /**
   * Takes over the oldest unfinished run (started within the last day: an older one is covered by the nights
   * since) whose claim has expired; undefined when there is none.
   */
  async takeOverExpired(manager: EntityManager, holder: string, claimSeconds: number): Promise<(ClaimedRun & { from: string | null }) | undefined> {
    // An UPDATE's result through manager.query is [rows, affected].
    const [[row]]: [{ id: string; run_date: string; trigger: NightlyTrigger; previous: string | null }[], number] = await manager.query(
      `WITH expired AS (
         SELECT id, claimed_by FROM nightly_runs
          WHERE finished_at IS NULL AND (claimed_until IS NULL OR claimed_until < now()) AND started_at > now() - interval '1 day'
          ORDER BY started_at LIMIT 1 FOR UPDATE SKIP LOCKED)
       UPDATE nightly_runs r SET claimed_by = $1, claimed_until = ${ttl('$2')}, takeovers = r.takeovers + 1
         FROM expired WHERE r.id = expired.id
       RETURNING r.id, to_char(r.run_date, 'YYYY-MM-DD') AS run_date, r.trigger, expired.claimed_by AS previous`,
      [holder, claimSeconds],
    );
    return row && { id: row.id, runDate: row.run_date, trigger: row.trigger, from: row.previous };
  }

  /** Extends the holder's claim; false once another replica has taken the run over (or it has finished). */
  async renewClaim(manager: EntityManager, runId: string, holder: string, claimSeconds: number): Promise<boolean> {
    const [, affected]: [unknown, number] = await manager.query(
      `UPDATE nightly_runs SET claimed_until = ${ttl('$3')} WHERE id = $1 AND claimed_by = $2 AND finished_at IS NULL`,
      [runId, holder, claimSeconds],
    );
    return affected === 1;
  }

  /** Records the outcome; false when the holder had lost the run (the one who took it over records it). */
  async finish(manager: EntityManager, runId: string, holder: string, outcome: RunOutcome): Promise<boolean> {
    const [, affected]: [unknown, number] = await manager.query(
      `UPDATE nightly_runs SET finished_at = now(), claimed_until = NULL, users_enqueued = $3, users_already_queued = $4, skipped = $5, refreshes_requested = $6
        WHERE id = $1 AND claimed_by = $2 AND finished_at IS NULL`,
      [runId, holder, outcome.enqueued, outcome.existing, JSON.stringify(outcome.skipped), outcome.refreshes],
    );
    return affected === 1;
  }

  async fail(manager: EntityManager, runId: string, holder: string, error: string): Promise<void> {
    await manager.query(`UPDATE nightly_runs SET finished_at = now(), claimed_until = NULL, error = $3 WHERE id = $1 AND claimed_by = $2 AND finished_at IS NULL`, [
      runId,
      holder,
      error,
    ]);
  }

  async get(manager: EntityManager, runId: string): Promise<NightlyRun> {
    return manager.getRepository(NightlyRun).findOneByOrFail({ id: runId });
  }

  async latest(manager: EntityManager, limit: number): Promise<NightlyRun[]> {
    return manager.getRepository(NightlyRun).find({ order: { startedAt: 'DESC' }, take: limit });
  }

  /** Linked users who cannot sync tonight, with the reason: needs_login, revoked or cooling_down. */
  async unhealthyLinks(manager: EntityManager, now: Date): Promise<{ reason: string; userId: string }[]> {
    const rows: { reason: string; user_id: string }[] = await manager.query(
      `SELECT CASE WHEN health_status IN ('needs_login', 'revoked') THEN health_status ELSE 'cooling_down' END AS reason, user_id
         FROM garmin_authentication_states
        WHERE health_status IN ('needs_login', 'revoked') OR cooldown_until > $1`,
      [now],
    );
    return rows.map((row) => ({ reason: row.reason, userId: row.user_id }));
  }

  /** Linked users whose session can sync tonight, in a stable order (for chunking). */
  async healthyUserIds(manager: EntityManager, now: Date): Promise<string[]> {
    const rows: { user_id: string }[] = await manager.query(
      `SELECT user_id FROM garmin_authentication_states
        WHERE health_status IN ('active', 'refresh_failed', 'cooling_down') AND (cooldown_until IS NULL OR cooldown_until <= $1)
        ORDER BY user_id`,
      [now],
    );
    return rows.map((row) => row.user_id);
  }

  /** Refresh commands (one per user and day) for healthy sessions whose refresh credentials end within the horizon. */
  async requestRefreshes(manager: EntityManager, date: string, horizonHours: number): Promise<number> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO outbox (subject, msg_id, payload)
       SELECT $1, 'refresh:' || g.user_id || ':' || $2, jsonb_build_object('userId', g.user_id)
         FROM garmin_authentication_states g
        WHERE g.health_status IN ('active', 'refresh_failed')
          AND g.refresh_expires_at < now() + make_interval(hours => $3)
          AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.msg_id = 'refresh:' || g.user_id || ':' || $2)
       RETURNING id`,
      [CommandSubject.SessionRefresh, date, horizonHours],
    );
    return rows.length;
  }
}
