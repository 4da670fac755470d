import type { Pool } from 'pg';
import { DataSource, EntityManager } from 'typeorm';

/** A new API session: the hash of its first refresh token and who opened it. */
export interface NewApiSession {
  userId: string;
  refreshTokenHash: string;
  ttlSeconds: number;
  mfa: boolean;
  userAgent: string | null;
}

/** A new access token of a session. */
export interface NewAccessToken {
  userId: string;
  sessionId: string;
  accessTokenHash: string;
  ttlSeconds: number;
  scope: string;
  mfa: boolean;
}

/** The session and user behind a live access token (the hash is returned for the constant-time check). */
export interface AccessTokenOwner {
  userId: string;
  sessionId: string;
  accessTokenHash: string;
}

/** The session a refresh token is current for, locked until the caller's transaction ends. */
export interface RefreshableSession {
  id: string;
  userId: string;
  refreshTokenHash: string;
  mfa: boolean;
  /** Not revoked and not expired, by the database's clock. */
  live: boolean;
}

/** A live API session as its user sees it. */
export interface ApiSessionRow {
  id: string;
  userAgent: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date;
}

/** How stale authentication_tokens.last_used_at may be: it is written at most this often per token. */
const LAST_USED_RESOLUTION = '1 minute';

const LIVE = `user_id = $1 AND revoked_at IS NULL AND expires_at > now()`;
const SESSION_COLUMNS = `id, user_agent AS "userAgent", created_at AS "createdAt", last_used_at AS "lastUsedAt", expires_at AS "expiresAt"`;

/**
 * API sessions (user_sessions), their access tokens (authentication_tokens) and
 * the refresh tokens they rotated away from (rotated_refresh_tokens). Tokens are
 * only ever seen here as SHA-256 hashes. Writes that belong to a unit of work take
 * the caller's manager; the rest run on the store's own data source.
 */
export class ApiSessionStore {
  constructor(private readonly dataSource: DataSource) {}

  /** Inserts a session and returns its id. */
  async open(manager: EntityManager, session: NewApiSession): Promise<string> {
    const [{ id }]: { id: string }[] = await manager.query(
      `INSERT INTO user_sessions (user_id, refresh_token_hash, expires_at, mfa_enabled, user_agent)
       VALUES ($1, $2, now() + make_interval(secs => $3), $4, $5) RETURNING id`,
      [session.userId, session.refreshTokenHash, session.ttlSeconds, session.mfa, session.userAgent],
    );
    return id;
  }

  async addAccessToken(manager: EntityManager, token: NewAccessToken): Promise<void> {
    await manager.query(
      `INSERT INTO authentication_tokens (user_id, session_id, access_token_hash, expires_at, scope, mfa_verified)
       VALUES ($1, $2, $3, now() + make_interval(secs => $4), $5, $6)`,
      [token.userId, token.sessionId, token.accessTokenHash, token.ttlSeconds, token.scope, token.mfa],
    );
  }

  /**
   * The owner of a live access token, stamping its last_used_at. Every authenticated request runs this: a named
   * (prepared once per connection) statement on the driver's pool. It stamps last_used_at in the same round trip,
   * at most once a minute per token: within the minute the UPDATE matches no row and writes nothing. Two requests
   * at once serialize on the row, and the second one's recheck sees the first one's stamp, so the minute holds
   * across replicas too.
   */
  async accessTokenOwner(accessTokenHash: string): Promise<AccessTokenOwner | undefined> {
    const { rows } = await this.pool().query<{ user_id: string; session_id: string; access_token_hash: string }>({
      name: 'fittrack-authenticate-access-token',
      text: `WITH caller AS (
               SELECT t.id, t.user_id, t.session_id, t.access_token_hash
                 FROM authentication_tokens t JOIN user_sessions s ON s.id = t.session_id
                WHERE t.access_token_hash = $1 AND t.expires_at > now() AND s.revoked_at IS NULL),
             stamped AS (
               UPDATE authentication_tokens t SET last_used_at = now() FROM caller
                WHERE t.id = caller.id AND (t.last_used_at IS NULL OR t.last_used_at < now() - interval '${LAST_USED_RESOLUTION}'))
             SELECT user_id, session_id, access_token_hash FROM caller`,
      values: [accessTokenHash],
    });
    const [row] = rows;
    return row && { userId: row.user_id, sessionId: row.session_id, accessTokenHash: row.access_token_hash };
  }

  /** Whether an access token with this hash is stored at all (expired, or of a revoked session, included). */
  async accessTokenKnown(accessTokenHash: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM authentication_tokens WHERE access_token_hash = $1`, [accessTokenHash]);
    return rows.length > 0;
  }

  /** The session whose current refresh token has this hash, row-locked (FOR UPDATE) in the caller's transaction. */
  async lockByRefreshToken(manager: EntityManager, refreshTokenHash: string): Promise<RefreshableSession | undefined> {
    const [row]: RefreshableSession[] = await manager.query(
      `SELECT id, user_id AS "userId", refresh_token_hash AS "refreshTokenHash", mfa_enabled AS mfa,
              (revoked_at IS NULL AND expires_at > now()) AS live
         FROM user_sessions WHERE refresh_token_hash = $1 FOR UPDATE`,
      [refreshTokenHash],
    );
    return row;
  }

  /**
   * Moves a locked session to its next refresh token: the old hash is kept (so its reuse is caught), the session
   * gets a new life, and its expired access tokens go.
   */
  async rotateRefreshToken(manager: EntityManager, sessionId: string, oldHash: string, nextHash: string, ttlSeconds: number): Promise<void> {
    await manager.query(`INSERT INTO rotated_refresh_tokens (token_hash, session_id) VALUES ($1, $2)`, [oldHash, sessionId]);
    await manager.query(
      `UPDATE user_sessions SET refresh_token_hash = $2, expires_at = now() + make_interval(secs => $3), last_used_at = now()
        WHERE id = $1`,
      [sessionId, nextHash, ttlSeconds],
    );
    await manager.query(`DELETE FROM authentication_tokens WHERE session_id = $1 AND expires_at <= now()`, [sessionId]);
  }

  /** The session a rotated-away refresh token belonged to, if its row is still kept. */
  async sessionOfRotatedToken(tokenHash: string): Promise<{ sessionId: string; userId: string } | undefined> {
    const [row]: { sessionId: string; userId: string }[] = await this.dataSource.query(
      `SELECT r.session_id AS "sessionId", s.user_id AS "userId"
         FROM rotated_refresh_tokens r JOIN user_sessions s ON s.id = r.session_id WHERE r.token_hash = $1`,
      [tokenHash],
    );
    return row;
  }

  /** Marks the user's session revoked and drops its access tokens; false when it is not theirs or was already revoked. */
  async revoke(manager: EntityManager, sessionId: string, userId: string): Promise<boolean> {
    const [, affected]: [unknown[], number] = await manager.query(
      `UPDATE user_sessions SET revoked_at = now() WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL`,
      [sessionId, userId],
    );
    await manager.query(`DELETE FROM authentication_tokens WHERE session_id = $1 AND user_id = $2`, [sessionId, userId]);
    return affected > 0;
  }

  /** The user's live sessions, newest first (at most 100). */
  async listLive(userId: string): Promise<ApiSessionRow[]> {
    return this.dataSource.query(`SELECT ${SESSION_COLUMNS} FROM user_sessions WHERE ${LIVE} ORDER BY created_at DESC LIMIT 100`, [userId]);
  }

  /** One live session of the user. */
  async findLive(userId: string, sessionId: string): Promise<ApiSessionRow | undefined> {
    const [row]: ApiSessionRow[] = await this.dataSource.query(`SELECT ${SESSION_COLUMNS} FROM user_sessions WHERE ${LIVE} AND id = $2`, [userId, sessionId]);
    return row;
  }

  private pool(): Pool {
    return (this.dataSource.driver as unknown as { master: Pool }).master;
  }
}
