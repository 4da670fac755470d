import { AuthDialect, GarminClientConfig, SignInStrategy } from '../config';
import { jwtExpiry } from '../http/native-headers';

/** OAuth1 credentials as garth stores them (an imported garth session only). */
export interface OAuth1Credentials {
  oauth_token: string;
  oauth_token_secret: string;
  mfa_token?: string | null;
  mfa_expiration_timestamp?: string | null;
  domain?: string;
}

/**
 * The access credential and its absolute expiries (epoch seconds). Garmin's DI answers carry only
 * `access_token` and sometimes `refresh_token` for certain (python-garminconnect reads nothing else,
 * client.py:1359-1364), so everything else is optional; `expires_at` is always filled in.
 * For `jwt_web`, `access_token` is the JWT_WEB cookie's value.
 */
export interface OAuth2Token {
  access_token: string;
  refresh_token?: string;
  expires_at: number;
  refresh_token_expires_at?: number;
  expires_in?: number;
  refresh_token_expires_in?: number;
  scope?: string;
  jti?: string;
  token_type?: string;
}

/** tough-cookie's serialised jar (CookieJar.serializeSync()). */
export type SerializedCookies = unknown;

/**
 * A Garmin session: versioned, plain JSON, so it can be encrypted into the
 * database and read back by any process. Version 1 sessions written before
 * the jwt_web dialect read the same way (every field added since is optional).
 */
export interface GarminSession {
  version: 1;
  dialect: AuthDialect;
  domain: GarminClientConfig['domain'];
  oauth2: OAuth2Token;
  /** mobile+oauth1 only: what a refresh re-exchanges (with a configured consumer). */
  oauth1?: OAuth1Credentials;
  /** mobile+di only: the client the refresh grant is made as (the JWT's client_id claim when it had one). */
  diClientId?: string;
  /** jwt_web only: the web session's cookies (the SSO ticket-granting cookie among them), for its refresh. */
  webCookies?: SerializedCookies;
  /** How the session was obtained: a sign-in strategy, or an imported token file. */
  via?: SignInStrategy | 'import';
}

/** What socialProfile says about the account a session belongs to. */
export interface GarminProfile {
  profileId: number;
  displayName: string;
}

/**
 * Assumed lifetimes, where Garmin's answer does not say (nothing recorded or coded in the references does):
 * - an access token with neither `expires_in` nor a JWT `exp`: one hour;
 * - a refresh token without `refresh_token_expires_in` (nor a JWT `exp`): 30 days from issue, the lifetime
 *   garth's recorded OAuth2 answers gave their refresh tokens (2591999 s). Being wrong costs one failed
 *   refresh and a "sign in again", never a NaN in the database.
 */
export const ASSUMED_ACCESS_LIFETIME_S = 3600;
export const ASSUMED_REFRESH_LIFETIME_S = 30 * 24 * 3600;
const YEAR_S = 365 * 24 * 3600;

const seconds = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined);

/**
 * A token answer (DI, OAuth2 exchange or refresh) as a stored token: expiries from `expires_in` when present,
 * else from the JWT `exp`; the previous refresh token (and its expiry) kept when the answer carries none
 * (client.py:1416).
 */
export function tokenFromAnswer(raw: Record<string, unknown>, nowMs: number, previous?: OAuth2Token): OAuth2Token {
  const now = Math.floor(nowMs / 1000);
  const access = String(raw['access_token']);
  const expiresIn = seconds(raw['expires_in']);
  const expiresAt = expiresIn !== undefined ? now + expiresIn : (jwtExpiry(access) ?? now + ASSUMED_ACCESS_LIFETIME_S);
  const newRefresh = typeof raw['refresh_token'] === 'string' && raw['refresh_token'] ? raw['refresh_token'] : undefined;
  const refreshIn = seconds(raw['refresh_token_expires_in']);
  let refresh: string | undefined;
  let refreshAt: number | undefined;
  if (newRefresh) {
    refresh = newRefresh;
    refreshAt = refreshIn !== undefined ? now + refreshIn : (jwtExpiry(newRefresh) ?? now + ASSUMED_REFRESH_LIFETIME_S);
  } else if (previous?.refresh_token) {
    refresh = previous.refresh_token;
    refreshAt = previous.refresh_token_expires_at;
  }
  return {
    access_token: access,
    ...(refresh !== undefined && { refresh_token: refresh }),
    expires_at: expiresAt,
    ...(refreshAt !== undefined && { refresh_token_expires_at: refreshAt }),
    ...(expiresIn !== undefined && { expires_in: expiresIn }),
    ...(refreshIn !== undefined && newRefresh && { refresh_token_expires_in: refreshIn }),
    ...(typeof raw['scope'] === 'string' && { scope: raw['scope'] }),
    ...(typeof raw['jti'] === 'string' && { jti: raw['jti'] }),
    ...(typeof raw['token_type'] === 'string' && { token_type: raw['token_type'] }),
  };
}

export function accessExpiresAt(session: GarminSession): Date {
  return new Date(session.oauth2.expires_at * 1000);
}

/**
 * When the session can no longer be refreshed without a new sign-in (never NaN):
 * - mobile+oauth1: the OAuth1 token's life (its MFA expiry, or about a year from the last exchange);
 * - mobile+di: the refresh token's expiry; a session without a refresh token ends with its access token;
 * - jwt_web: its access token's (the web session's SSO cookies promise nothing longer).
 */
export function refreshExpiresAt(session: GarminSession): Date {
  const token = session.oauth2;
  if (session.dialect === 'mobile+oauth1') {
    const mfaExpiry = session.oauth1?.mfa_expiration_timestamp;
    const parsed = mfaExpiry ? Date.parse(`${mfaExpiry.replace(' ', 'T')}Z`) : NaN;
    if (Number.isFinite(parsed)) return new Date(parsed);
    return new Date((token.expires_at - (seconds(token.expires_in) ?? 0) + YEAR_S) * 1000);
  }
  if (session.dialect === 'mobile+di' && token.refresh_token) {
    const at = seconds(token.refresh_token_expires_at) ?? token.expires_at - (seconds(token.expires_in) ?? 0) + ASSUMED_REFRESH_LIFETIME_S;
    return new Date(at * 1000);
  }
  return accessExpiresAt(session);
}

/** True when the access token expires within `skewSeconds`: refresh before calling Garmin. */
export function needsRefresh(session: GarminSession, nowMs = Date.now(), skewSeconds = 60): boolean {
  return session.oauth2.expires_at - skewSeconds <= nowMs / 1000;
}
