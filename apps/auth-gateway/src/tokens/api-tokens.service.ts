import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { EventSubject } from '@fittrack/contracts';
import { EventPublisher } from '@fittrack/messaging';
import { ApiSessionStore, constantTimeEqualHex, sha256Hex } from '@fittrack/persistence';
import { randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { GatewayConfig } from '../config/gateway.config';
import { TokenError } from './token.errors';

/** A caller signed in through a client: an API access token of one of their sessions. Every route takes it. */
export interface SessionCaller {
  userId: string;
  sessionId: string;
}

/** A script's caller: a personal access token (see PersonalTokensService), let in only on @ReadScope() routes. */
export interface PersonalTokenCaller {
  userId: string;
  personalTokenId: string;
}

/** What a verified bearer token says about its caller. */
export type Caller = SessionCaller | PersonalTokenCaller;

export const isSessionCaller = (caller: Caller): caller is SessionCaller => 'sessionId' in caller;

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
    private readonly store: ApiSessionStore,
  ) {}

  /**
   * A new session for a user who has just signed in, within the caller's transaction.
   * `mfa` says the sign-in went through a verified MFA code; every token of the session then carries it.
   */
  async openSession(manager: EntityManager, userId: string, client: SessionClient): Promise<IssuedTokens> {
    const refreshToken = newToken(REFRESH_PREFIX);
    const sessionId = await this.store.open(manager, {
      userId,
      refreshTokenHash: sha256Hex(refreshToken),
      ttlSeconds: this.config.REFRESH_TOKEN_TTL_SECONDS,
      mfa: client.mfa,
      userAgent: client.userAgent?.slice(0, 200) ?? null,
    });
    return this.withAccessToken(manager, { userId, sessionId, mfa: client.mfa }, refreshToken);
  }

  /** The caller behind an access token, or 401. */
  async authenticate(accessToken: string): Promise<SessionCaller> {
    if (!TOKEN_SHAPE.test(accessToken) || !accessToken.startsWith(ACCESS_PREFIX)) throw TokenError.invalidToken('access');
    const hash = sha256Hex(accessToken);
    const owner = await this.store.accessTokenOwner(hash);
    // The index finds the row; the comparison that decides is constant-time.
    if (!owner || !constantTimeEqualHex(owner.accessTokenHash, hash)) throw TokenError.invalidToken('access');
    return { userId: owner.userId, sessionId: owner.sessionId };
  }

  /** Rotates a refresh token: new access and refresh tokens, the old refresh token dead. */
  async refresh(refreshToken: string): Promise<{ userId: string; tokens: IssuedTokens }> {
    if (!TOKEN_SHAPE.test(refreshToken) || !refreshToken.startsWith(REFRESH_PREFIX)) throw TokenError.invalidToken('refresh');
    const hash = sha256Hex(refreshToken);
    const rotated = await this.dataSource.transaction(async (manager) => {
      const session = await this.store.lockByRefreshToken(manager, hash);
      if (!session || !constantTimeEqualHex(session.refreshTokenHash, hash)) return undefined;
      if (!session.live) throw TokenError.invalidToken('refresh');
      const next = newToken(REFRESH_PREFIX);
      await this.store.rotateRefreshToken(manager, session.id, hash, sha256Hex(next), this.config.REFRESH_TOKEN_TTL_SECONDS);
      const owner = { userId: session.userId, sessionId: session.id, mfa: session.mfa };
      return { userId: session.userId, tokens: await this.withAccessToken(manager, owner, next) };
    });
    if (rotated) return rotated;
    await this.revokeOnReuse(hash);
    throw TokenError.invalidToken('refresh');
  }

  /** Ends a session: its refresh token and every access token it issued stop working at once. */
  async revoke(sessionId: string, userId: string): Promise<boolean> {
    const revoked = await this.dataSource.transaction((manager) => this.store.revoke(manager, sessionId, userId));
    // After the commit: every replica ends the session's open job event streams (JobEventHub).
    if (revoked) this.events.publish(EventSubject.ApiSessionRevoked, { userId, sessionId, at: new Date().toISOString() });
    return revoked;
  }

  /** A rotated-away refresh token came back: whoever holds the session now may be a thief, so it ends. */
  private async revokeOnReuse(hash: string): Promise<void> {
    const reused = await this.store.sessionOfRotatedToken(hash);
    if (!reused) return;
    await this.revoke(reused.sessionId, reused.userId);
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
    await this.store.addAccessToken(manager, { userId, sessionId, accessTokenHash: sha256Hex(accessToken), ttlSeconds: ttl, scope: API_SCOPE, mfa });
    return { accessToken, refreshToken, tokenType: 'Bearer', expiresIn: ttl, scope: API_SCOPE };
  }
}
