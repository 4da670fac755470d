import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { EventSubject } from '@fittrack/contracts';
import { EventPublisher } from '@fittrack/messaging';
import { constantTimeEqualHex, sha256Hex } from '@fittrack/persistence';
import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { GatewayConfig } from '../config/gateway.config';
import { TokenError } from './token.errors';

/** What a verified access token says about its caller. */
export interface Caller {
  userId: string;
  sessionId: string;
}

/** Who opens a session: the client's User-Agent, and whether its sign-in passed MFA. */
export interface SessionClient {
  userAgent: string | null;
  mfa: boolean;
}

export interface IssuedTokens {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  scope: string;
}

/** What an API token lets its holder do: everything a user does with their own data. */
export const API_SCOPE = 'profile sync';

const ACCESS_PREFIX = 'fgs_at_';
const REFRESH_PREFIX = 'fgs_rt_';
// 32 random bytes (256 bits) in base64url is 43 characters.
const TOKEN_SHAPE = /^fgs_(at|rt)_[A-Za-z0-9_-]{43}$/;

/** How stale authentication_tokens.last_used_at may be: it is written at most this often per token. */
const LAST_USED_RESOLUTION = '1 minute';

const newToken = (prefix: string) => `${prefix}${randomBytes(32).toString('base64url')}`;

/**
 * Opaque API tokens, stored only as SHA-256 hashes. A session holds one
 * refresh token, rotated on every use; the rotated-away hashes are kept, and
 * presenting one of them again revokes the whole session (a stolen copy was used).
 */
@Injectable()
export class ApiTokensService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: GatewayConfig,
    private readonly events: EventPublisher,
  ) {}

  /**
   * A new session for a user who has just signed in, within the caller's transaction.
   * `mfa` says the sign-in went through a verified MFA code; every token of the session then carries it.
   */
  async openSession(manager: EntityManager, userId: string, client: SessionClient): Promise<IssuedTokens> {
    const refreshToken = newToken(REFRESH_PREFIX);
    const [{ id: sessionId }]: { id: string }[] = await manager.query(
      `INSERT INTO user_sessions (user_id, refresh_token_hash, expires_at, mfa_enabled, user_agent)
       VALUES ($1, $2, now() + make_interval(secs => $3), $4, $5) RETURNING id`,
      [userId, sha256Hex(refreshToken), this.config.REFRESH_TOKEN_TTL_SECONDS, client.mfa, client.userAgent?.slice(0, 200) ?? null],
    );
    return this.withAccessToken(manager, { userId, sessionId, mfa: client.mfa }, refreshToken);
  }

  /** The caller behind an access token, or 401. */
  async authenticate(accessToken: string): Promise<Caller> {
    if (!TOKEN_SHAPE.test(accessToken) || !accessToken.startsWith(ACCESS_PREFIX)) throw TokenError.invalidToken('access');
    const hash = sha256Hex(accessToken);
    // Every authenticated request runs this: a named (prepared once per connection) statement on the driver's pool.
    // It also stamps last_used_at, in the same round trip, at most once a minute per token: within the minute the
    // UPDATE matches no row and writes nothing. Two requests at once serialize on the row, and the second one's
    // recheck sees the first one's stamp, so the minute holds across replicas too.
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
      values: [hash],
    });
    const [row] = rows;
    // The index finds the row; the comparison that decides is constant-time.
    if (!row || !constantTimeEqualHex(row.access_token_hash, hash)) throw TokenError.invalidToken('access');
    return { userId: row.user_id, sessionId: row.session_id };
  }

  private pool(): Pool {
    return (this.dataSource.driver as unknown as { master: Pool }).master;
  }

  /** Rotates a refresh token: new access and refresh tokens, the old refresh token dead. */
  async refresh(refreshToken: string): Promise<{ userId: string; tokens: IssuedTokens }> {
    if (!TOKEN_SHAPE.test(refreshToken) || !refreshToken.startsWith(REFRESH_PREFIX)) throw TokenError.invalidToken('refresh');
    const hash = sha256Hex(refreshToken);
    const rotated = await this.dataSource.transaction(async (manager) => {
      const [session]: { id: string; user_id: string; refresh_token_hash: string; mfa_enabled: boolean; live: boolean }[] = await manager.query(
        `SELECT id, user_id, refresh_token_hash, mfa_enabled, (revoked_at IS NULL AND expires_at > now()) AS live
           FROM user_sessions WHERE refresh_token_hash = $1 FOR UPDATE`,
        [hash],
      );
      if (!session || !constantTimeEqualHex(session.refresh_token_hash, hash)) return undefined;
      if (!session.live) throw TokenError.invalidToken('refresh');
      const next = newToken(REFRESH_PREFIX);
      await manager.query(`INSERT INTO rotated_refresh_tokens (token_hash, session_id) VALUES ($1, $2)`, [hash, session.id]);
      await manager.query(
        `UPDATE user_sessions SET refresh_token_hash = $2, expires_at = now() + make_interval(secs => $3), last_used_at = now()
          WHERE id = $1`,
        [session.id, sha256Hex(next), this.config.REFRESH_TOKEN_TTL_SECONDS],
      );
      await manager.query(`DELETE FROM authentication_tokens WHERE session_id = $1 AND expires_at <= now()`, [session.id]);
      const owner = { userId: session.user_id, sessionId: session.id, mfa: session.mfa_enabled };
      return { userId: session.user_id, tokens: await this.withAccessToken(manager, owner, next) };
    });
    if (rotated) return rotated;
    await this.revokeOnReuse(hash);
    throw TokenError.invalidToken('refresh');
  }

  /** Ends a session: its refresh token and every access token it issued stop working at once. */
  async revoke(sessionId: string, userId: string): Promise<boolean> {
    const revoked = await this.dataSource.transaction(async (manager) => {
      const [, affected]: [unknown[], number] = await manager.query(
        `UPDATE user_sessions SET revoked_at = now() WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL`,
        [sessionId, userId],
      );
      await manager.query(`DELETE FROM authentication_tokens WHERE session_id = $1 AND user_id = $2`, [sessionId, userId]);
      return affected > 0;
    });
    // After the commit: every replica ends the session's open job event streams (JobEventHub).
    if (revoked) this.events.publish(EventSubject.ApiSessionRevoked, { userId, sessionId, at: new Date().toISOString() });
    return revoked;
  }

  /** A rotated-away refresh token came back: whoever holds the session now may be a thief, so it ends. */
  private async revokeOnReuse(hash: string): Promise<void> {
    const [reused]: { session_id: string; user_id: string }[] = await this.dataSource.query(
      `SELECT r.session_id, s.user_id FROM rotated_refresh_tokens r JOIN user_sessions s ON s.id = r.session_id WHERE r.token_hash = $1`,
      [hash],
    );
    if (!reused) return;
    await this.revoke(reused.session_id, reused.user_id);
    throw TokenError.refreshTokenReused();
  }

  /** An access token of the session; a refreshed one inherits the session's MFA. */
  private async withAccessToken(
    manager: EntityManager,
    { userId, sessionId, mfa }: { userId: string; sessionId: string; mfa: boolean },
    refreshToken: string,
  ): Promise<IssuedTokens> {
    const accessToken = newToken(ACCESS_PREFIX);
    const ttl = this.config.ACCESS_TOKEN_TTL_SECONDS;
    await manager.query(
      `INSERT INTO authentication_tokens (user_id, session_id, access_token_hash, expires_at, scope, mfa_verified)
       VALUES ($1, $2, $3, now() + make_interval(secs => $4), $5, $6)`,
      [userId, sessionId, sha256Hex(accessToken), ttl, API_SCOPE, mfa],
    );
    return { accessToken, refreshToken, tokenType: 'Bearer', expiresIn: ttl, scope: API_SCOPE };
  }
}
