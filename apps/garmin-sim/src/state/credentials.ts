import { randomBytes } from 'node:crypto';
import { SignInFamily } from './account-behaviour';
import { Account } from './accounts';
import { Clock } from './clock';
import { fakeJwt } from './jwt';

/**
 * A credential the Connect API accepts: a Bearer from the OAuth2 exchange or the DI token endpoint,
 * or the value of a JWT_WEB cookie (the web session pgc falls back to).
 */
export interface AccessGrant {
  token: string;
  profileId: number;
  kind: 'oauth2' | 'di' | 'jwt_web';
  issuedAt: number;
  expiresAt: number;
  revoked: boolean;
  /** DI grants: the sign-in they descend from, the client they were issued to, the family of that sign-in. */
  family?: string;
  clientId?: string;
  via?: SignInFamily;
}

export interface DiOrigin {
  family: string;
  clientId: string;
  via?: SignInFamily;
}

/** An OAuth1 token from `preauthorized`; it is what the OAuth2 exchange is signed with. */
export interface OAuth1Grant {
  token: string;
  secret: string;
  profileId: number;
  mfaToken: string | null;
  expiresAt: number;
  revoked: boolean;
}

/** A DI refresh token. Each sign-in starts a family; a reused token revokes the whole family. */
export interface RefreshGrant {
  token: string;
  profileId: number;
  family: string;
  clientId: string;
  via?: SignInFamily;
  expiresAt: number;
  used: boolean;
}

/**
 * Every credential the simulator has issued. The Connect API only needs
 * `resolveBearer`; the OAuth routes issue and rotate; faults expire and revoke.
 */
export class CredentialStore {
  private readonly accessTokens = new Map<string, AccessGrant>();
  private readonly oauth1Tokens = new Map<string, OAuth1Grant>();
  private readonly refreshTokens = new Map<string, RefreshGrant>();
  private readonly revokedFamilies = new Set<string>();

  constructor(private readonly clock: Clock) {}

  /** A new Bearer token (or JWT_WEB value). DI tokens name the sign-in they descend from and the client they were issued to. */
  issueAccessToken(account: Account, kind: AccessGrant['kind'], ttlSeconds: number, di?: DiOrigin): AccessGrant {
    const now = this.clock.now();
    const jwt = di || kind === 'jwt_web';
    const grant: AccessGrant = {
      token: jwt ? fakeJwt(account.profileId, di?.clientId, now, ttlSeconds) : randomBytes(24).toString('base64url'),
      profileId: account.profileId,
      kind,
      issuedAt: now,
      expiresAt: now + ttlSeconds * 1000,
      revoked: false,
      family: di?.family,
      clientId: di?.clientId,
      via: di?.via,
    };
    this.accessTokens.set(grant.token, grant);
    return grant;
  }

  /** The grant behind a Bearer token if it is known, unrevoked and unexpired (JWT_WEB values are not Bearers). */
  resolveBearer(token: string): AccessGrant | undefined {
    const grant = this.accessTokens.get(token);
    if (!grant || grant.kind === 'jwt_web' || grant.revoked || grant.expiresAt <= this.clock.now()) return undefined;
    return grant;
  }

  /** The grant behind a JWT_WEB cookie; `orExpiredWithin` also finds one that expired that recently (for its refresh). */
  resolveJwtWeb(token: string, orExpiredWithinMs = 0): AccessGrant | undefined {
    const grant = this.accessTokens.get(token);
    if (!grant || grant.kind !== 'jwt_web' || grant.revoked || grant.expiresAt + orExpiredWithinMs <= this.clock.now()) return undefined;
    return grant;
  }

  issueOAuth1(account: Account, ttlSeconds: number, withMfaToken: boolean): OAuth1Grant {
    const grant: OAuth1Grant = {
      token: randomBytes(24).toString('hex'),
      secret: randomBytes(24).toString('base64url'),
      profileId: account.profileId,
      mfaToken: withMfaToken ? `MFA-${(randomBytes(2).readUInt16BE() % 9000) + 1000}-${randomBytes(36).toString('base64url')}-cas` : null,
      expiresAt: this.clock.now() + ttlSeconds * 1000,
      revoked: false,
    };
    this.oauth1Tokens.set(grant.token, grant);
    return grant;
  }

  resolveOAuth1(token: string): OAuth1Grant | undefined {
    const grant = this.oauth1Tokens.get(token);
    return grant && !grant.revoked && grant.expiresAt > this.clock.now() ? grant : undefined;
  }

  issueRefreshToken(account: Account, family: string, clientId: string, ttlSeconds: number, via?: SignInFamily): RefreshGrant {
    const grant: RefreshGrant = {
      token: randomBytes(32).toString('base64url'),
      profileId: account.profileId,
      family,
      clientId,
      via,
      expiresAt: this.clock.now() + ttlSeconds * 1000,
      used: false,
    };
    this.refreshTokens.set(grant.token, grant);
    return grant;
  }

  /** The grant behind a refresh token, without redeeming it. */
  peekRefreshToken(token: string): RefreshGrant | undefined {
    return this.refreshTokens.get(token);
  }

  /**
   * Rotation: a refresh token works once. Presenting a used one means it leaked
   * (or a client lost the rotated one): the whole family is revoked. `rotate: false`
   * (an account whose refresh answers carry no new refresh token) leaves it reusable.
   */
  redeemRefreshToken(token: string, rotate = true): RefreshGrant | 'reused' | undefined {
    const grant = this.refreshTokens.get(token);
    if (!grant || this.revokedFamilies.has(grant.family) || grant.expiresAt <= this.clock.now()) return undefined;
    if (grant.used) {
      this.revokeFamily(grant.family);
      return 'reused';
    }
    if (rotate) grant.used = true;
    return grant;
  }

  revokeFamily(family: string): void {
    this.revokedFamilies.add(family);
    for (const grant of this.accessTokens.values()) if (grant.family === family) grant.revoked = true;
  }

  /** Fault: every credential of the account stops working as if expired (Bearer, OAuth1 and refresh tokens). */
  expireAccount(profileId: number): void {
    const past = this.clock.now() - 1;
    this.expireBearers(profileId);
    for (const grant of this.oauth1Tokens.values()) if (grant.profileId === profileId) grant.expiresAt = past;
    for (const grant of this.refreshTokens.values()) if (grant.profileId === profileId) grant.expiresAt = past;
  }

  /**
   * Fault: only the account's Bearer tokens expire, so a client must refresh
   * (re-exchange its OAuth1 token or redeem its DI refresh token) but need not sign in again.
   */
  expireBearers(profileId: number): void {
    const past = this.clock.now() - 1;
    for (const grant of this.accessTokens.values()) if (grant.profileId === profileId) grant.expiresAt = past;
  }

  /** Fault: every credential of the account is revoked, down to the OAuth1 and refresh tokens. */
  revokeAccount(profileId: number): void {
    for (const grant of this.accessTokens.values()) if (grant.profileId === profileId) grant.revoked = true;
    for (const grant of this.oauth1Tokens.values()) if (grant.profileId === profileId) grant.revoked = true;
    for (const grant of this.refreshTokens.values()) if (grant.profileId === profileId) this.revokedFamilies.add(grant.family);
  }
}
