import { AuthDialect, GarminClientConfig } from '../config';

/** OAuth1 credentials as garth stores them (§C). */
export interface OAuth1Credentials {
  oauth_token: string;
  oauth_token_secret: string;
  mfa_token?: string | null;
  mfa_expiration_timestamp?: string | null;
  domain?: string;
}

/** OAuth2 / DI token as Garmin sends it, plus the absolute expiries clients add (epoch seconds). */
export interface OAuth2Token {
  scope: string;
  jti: string;
  token_type: string;
  access_token: string;
  refresh_token: string;
  expires_in: number;
  expires_at: number;
  refresh_token_expires_in: number;
  refresh_token_expires_at: number;
}

/**
 * A Garmin session: versioned, plain JSON, so it can be encrypted into the
 * database and read back by any process.
 */
export interface GarminSession {
  version: 1;
  dialect: AuthDialect;
  domain: GarminClientConfig['domain'];
  /** mobile+oauth1 only: what a refresh re-exchanges. */
  oauth1?: OAuth1Credentials;
  oauth2: OAuth2Token;
  /** mobile+di only: the client the refresh grant is made as. */
  diClientId?: string;
}

const YEAR_S = 365 * 24 * 3600;

export function withExpiries(raw: Omit<OAuth2Token, 'expires_at' | 'refresh_token_expires_at'>, nowMs = Date.now()): OAuth2Token {
  const now = Math.floor(nowMs / 1000);
  return { ...raw, expires_at: now + raw.expires_in, refresh_token_expires_at: now + raw.refresh_token_expires_in };
}

export function accessExpiresAt(session: GarminSession): Date {
  return new Date(session.oauth2.expires_at * 1000);
}

/**
 * When the session can no longer be refreshed without a new sign-in: the OAuth1
 * token's life (its MFA expiry, or about a year) for mobile+oauth1, the refresh
 * token's for mobile+di.
 */
export function refreshExpiresAt(session: GarminSession): Date {
  if (session.dialect === 'mobile+oauth1') {
    const mfaExpiry = session.oauth1?.mfa_expiration_timestamp;
    if (mfaExpiry) return new Date(`${mfaExpiry.replace(' ', 'T')}Z`);
    return new Date((session.oauth2.expires_at - session.oauth2.expires_in + YEAR_S) * 1000);
  }
  return new Date(session.oauth2.refresh_token_expires_at * 1000);
}

/** True when the access token expires within `skewSeconds`: refresh before calling Garmin. */
export function needsRefresh(session: GarminSession, nowMs = Date.now(), skewSeconds = 60): boolean {
  return session.oauth2.expires_at - skewSeconds <= nowMs / 1000;
}
