/** Ways of turning a password into Garmin tokens; see ../shared/garmin-protocol.md §A-B. */
export const AuthDialect = {
  /** Mobile JSON sign-in, then OAuth1 preauthorized and the OAuth2 exchange (garth ≥ 0.8). */
  MobileOAuth: 'mobile+oauth1',
  /** Mobile JSON sign-in, then the DI OAuth2 token with rotating refresh tokens (python-garminconnect 0.3). */
  MobileDi: 'mobile+di',
} as const;
export type AuthDialect = (typeof AuthDialect)[keyof typeof AuthDialect];
export const AUTH_DIALECTS: readonly AuthDialect[] = Object.values(AuthDialect);

/**
 * Everything the Garmin client is configured with. Every host is configurable,
 * so the same code runs against Garmin, the simulator or recorded traffic;
 * apps fill this from their GARMIN_* variables.
 */
export interface GarminClientConfig {
  /** GARMIN_SSO_URL, e.g. https://sso.garmin.com */
  ssoUrl: string;
  /** GARMIN_CONNECTAPI_URL, e.g. https://connectapi.garmin.com */
  connectApiUrl: string;
  /** GARMIN_DIAUTH_URL, e.g. https://diauth.garmin.com */
  diauthUrl: string;
  /** garmin.com or garmin.cn: names the services tickets are issued for. */
  domain: 'garmin.com' | 'garmin.cn';
  /** GARMIN_OAUTH_CONSUMER_KEY / _SECRET: configured, never downloaded. */
  consumerKey: string;
  consumerSecret: string;
  /** GARMIN_AUTH_DIALECTS: the order sign-in tries them in. */
  dialects: readonly AuthDialect[];
  /** The DI client id (python-garminconnect tries these in order). */
  diClientId: string;
  timeoutMs: number;
}

export const DEFAULT_DI_CLIENT_ID = 'GARMIN_CONNECT_MOBILE_ANDROID_DI_2025Q2';

/** The mobile app's service URL a ticket is issued for (§A.2). */
export function mobileService(domain: GarminClientConfig['domain']): string {
  return `https://mobile.integration.${domain}/gcm/android`;
}
