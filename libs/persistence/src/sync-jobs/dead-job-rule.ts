import { latestMsgIdSql } from './redrive-sync-job';

/**
 * When a pending or running job is dead: nothing will ever run it unless its command is published again.
 * The reconciler and the request path (a request meeting its equivalent job) apply this same rule.
 */
export interface DeadJobRule {
  /** Untouched (`updated_at`) this long, with no live lease of its user, a job's command is presumed lost. */
  staleAfterSeconds: number;
  /** A parked job (`waiting_since`) whose user holds no live lease is woken this long after it was parked. */
  parkedGraceSeconds: number;
  /**
   * Commands published before this instant are no longer in the command stream: the time of the stream's
   * oldest message, or now when it is empty or gone; null when unknown (then staleness alone decides).
   * It keeps a legitimate backlog (commands waiting in the stream for a free worker) from being re-driven.
   */
  commandsGoneBefore: Date | null;
}

/**
 * The rule as a SQL condition over the `sync_jobs` alias; its parameters are appended to `params`.
 * - the job is pending or running, its not-before (if any) has passed, and its user holds no live lease;
 * - parked: parked for longer than the grace (the lease it waited for is gone: nobody will wake it);
 * - otherwise: untouched for the stale period, and either running (its worker lost the lease: take over)
 *   or its latest command is neither unpublished nor published after the stream's oldest message (with the
 *   stale period as a margin for clock skew and the relay's transaction), so it is gone from the stream.
 */
export function deadJobCondition(alias: string, rule: DeadJobRule, params: unknown[]): string {
  params.push(rule.staleAfterSeconds, rule.parkedGraceSeconds, rule.commandsGoneBefore);
  const stale = `make_interval(secs => $${params.length - 2}::int)`;
  const grace = `make_interval(secs => $${params.length - 1}::int)`;
  const goneBefore = `COALESCE($${params.length}::timestamptz, now())`;
  return `(${alias}.status IN ('pending', 'running')
    AND (${alias}.not_before IS NULL OR ${alias}.not_before <= now())
    AND NOT EXISTS (SELECT 1 FROM sync_leases l WHERE l.user_id = ${alias}.user_id AND l.expires_at > now())
    AND CASE WHEN ${alias}.waiting_since IS NOT NULL THEN ${alias}.waiting_since < now() - ${grace}
      ELSE ${alias}.updated_at < now() - ${stale}
        AND (${alias}.status = 'running' OR NOT EXISTS (
          SELECT 1 FROM outbox o WHERE o.msg_id = ${latestMsgIdSql(alias)}
             AND (o.published_at IS NULL OR o.published_at >= ${goneBefore} - ${stale})))
    END)`;
}
