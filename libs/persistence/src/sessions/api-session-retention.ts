import { DataSource } from 'typeorm';

/** How long ended API sessions and rotated refresh-token hashes are kept (README, "Retention"). */
export interface ApiSessionRetentionPolicy {
  /** Days a revoked or expired session (and its expired access tokens) is kept after it ended. */
  sessionsDays: number;
  /**
   * Days a rotated-away refresh-token hash is kept after the token could no longer have been valid anyway
   * (its rotation plus the refresh-token life): before that, its reuse must still revoke the session.
   */
  rotatedTokensDays: number;
  /** The gateway's REFRESH_TOKEN_TTL_SECONDS: a refresh token is never valid longer after it was issued. */
  refreshTokenTtlSeconds: number;
  /** Rows per DELETE, so a sweep never holds many row locks or one long transaction. */
  batchSize: number;
}

/** What one sweep deleted (rows that went by cascade with their session are counted with the session). */
export interface ApiSessionSweep {
  sessions: number;
  accessTokens: number;
  rotatedTokens: number;
}

/** One advisory lock for the whole cluster: two replicas never sweep at once (the loser skips its turn). */
const SWEEP_LOCK = 'fittrack:api-session-retention';

/**
 * Deletes what API sessions leave behind once nobody can need it, in batches:
 * - sessions revoked, or expired without being revoked, more than `sessionsDays` ago (a live session, unrevoked
 *   and unexpired, is never touched); their access tokens and rotated hashes go with them (ON DELETE CASCADE),
 *   and sync_jobs.session_id becomes NULL (ON DELETE SET NULL), so the user's job history stays;
 * - access tokens expired more than `sessionsDays` ago (useless, only kept as an audit trail);
 * - rotated refresh-token hashes whose token was issued at the latest at its rotation, so could not be valid past
 *   rotated_at + the refresh-token life: kept `rotatedTokensDays` beyond that. Until then a reuse of the token
 *   still finds its row and revokes a live session.
 */
export class ApiSessionRetention {
  constructor(private readonly dataSource: DataSource) {}

  /** One sweep, or null when another process holds the sweep lock. */
  async sweep(policy: ApiSessionRetentionPolicy): Promise<ApiSessionSweep | null> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }]: { locked: boolean }[] = await runner.query(`SELECT pg_try_advisory_lock(hashtext($1)) AS locked`, [SWEEP_LOCK]);
      if (!locked) return null;
      try {
        const batched = async (sql: string, params: unknown[]): Promise<number> => {
          let total = 0;
          for (;;) {
            const [, affected]: [unknown, number] = await runner.query(sql, [...params, policy.batchSize]);
            total += affected;
            if (affected < policy.batchSize) return total;
          }
        };
        const sessionSeconds = policy.sessionsDays * 86_400;
        const sessions = await batched(
          `DELETE FROM user_sessions WHERE id IN (
             SELECT id FROM user_sessions
              WHERE (revoked_at IS NOT NULL AND revoked_at < now() - make_interval(secs => $1))
                 OR (revoked_at IS NULL AND expires_at < now() - make_interval(secs => $1))
              LIMIT $2 FOR UPDATE SKIP LOCKED)`,
          [sessionSeconds],
        );
        const accessTokens = await batched(
          `DELETE FROM authentication_tokens WHERE id IN (
             SELECT id FROM authentication_tokens WHERE expires_at < now() - make_interval(secs => $1) LIMIT $2 FOR UPDATE SKIP LOCKED)`,
          [sessionSeconds],
        );
        const rotatedTokens = await batched(
          `DELETE FROM rotated_refresh_tokens WHERE token_hash IN (
             SELECT token_hash FROM rotated_refresh_tokens WHERE rotated_at < now() - make_interval(secs => $1) LIMIT $2 FOR UPDATE SKIP LOCKED)`,
          [policy.refreshTokenTtlSeconds + policy.rotatedTokensDays * 86_400],
        );
        return { sessions, accessTokens, rotatedTokens };
      } finally {
        await runner.query(`SELECT pg_advisory_unlock(hashtext($1))`, [SWEEP_LOCK]);
      }
    } finally {
      await runner.release();
    }
  }
}
