/**
 * The ways of signing in, in python-garminconnect 0.3.12's order (client.py:513-522). Every one ends in the
 * DI OAuth2 token (or, failing that, the JWT_WEB web session); the OAuth1 exchange is no way to sign in any more.
 */
export const SIGN_IN_STRATEGIES = ['mobile-impit', 'mobile-fetch', 'widget', 'portal-impit', 'portal-fetch'] as const;
export type SignInStrategy = (typeof SIGN_IN_STRATEGIES)[number];

/** The DI client ids python-garminconnect tries, in its order (client.py:174-179). */
export const DI_CLIENT_IDS = [
  'GARMIN_CONNECT_MOBILE_ANDROID_DI_2025Q2',
  'GARMIN_CONNECT_MOBILE_ANDROID_DI_2024Q4',
  'GARMIN_CONNECT_MOBILE_ANDROID_DI',
  'GARMIN_CONNECT_MOBILE_IOS_DI',
] as const;

/** Session dialects: how a stored Garmin session authenticates and refreshes. */
export const AuthDialect = {
  /** DI OAuth2 Bearer token with its refresh grant (every sign-in strategy ends here when it can). */
  MobileDi: 'mobile+di',
  /** The JWT_WEB cookie of connect's web app, when no DI client id took the ticket (client.py:1280-1302). */
  JwtWeb: 'jwt_web',
  /** An imported garth session: OAuth2 Bearer, refreshed only through the OAuth1 exchange with a configured consumer. */
  MobileOAuth: 'mobile+oauth1',
} as const;
export type AuthDialect = (typeof AuthDialect)[keyof typeof AuthDialect];

/** A pause range in milliseconds; [0, 0] means none. */
export type PauseRange = readonly [min: number, max: number];

/**
 * Everything the Garmin client is configured with. Every host is configurable,
 * so the same code runs against Garmin, the simulator or recorded traffic;
 * apps fill this from their GARMIN_* variables (GarminServiceConfig).
 */
export interface GarminClientConfig {
  /** GARMIN_SSO_URL, e.g. https://sso.garmin.com */
  ssoUrl: string;
  /** GARMIN_CONNECTAPI_URL, e.g. https://connectapi.garmin.com */
  connectApiUrl: string;
  /** GARMIN_DIAUTH_URL, e.g. https://diauth.garmin.com */
  diauthUrl: string;
  /** GARMIN_CONNECT_URL, e.g. https://connect.garmin.com: the web app (JWT_WEB session and its refresh). */
  connectUrl: string;
  /** garmin.com or garmin.cn: names the services tickets are issued for. */
  domain: 'garmin.com' | 'garmin.cn';
  /** GARMIN_SIGN_IN_STRATEGIES: which strategies run, in order. */
  strategies: readonly SignInStrategy[];
  /** GARMIN_WIDGET_PAUSE_MS: the pause before the widget's form POST. */
  widgetPauseMs: PauseRange;
  /** GARMIN_PORTAL_PAUSE_MS: the pause between the portal's sign-in page and its POST. */
  portalPauseMs: PauseRange;
  /** GARMIN_DI_CLIENT_IDS: tried in order for a service ticket. */
  diClientIds: readonly string[];
  /** GARMIN_OAUTH_CONSUMER_KEY / _SECRET: only an imported garth session uses them, to refresh. Empty = none. */
  consumerKey?: string;
  consumerSecret?: string;
  timeoutMs: number;
}

/** The service URL a ticket is issued for: always the real domain's, whatever host we send requests to. */
export const serviceUrls = (domain: GarminClientConfig['domain']) => ({
  /** The iOS app's (client.py:97-98, 316). */
  ios: `https://mobile.integration.${domain}/gcm/ios`,
  /** The web portal's (client.py:112, 320). */
  portal: `https://connect.${domain}/app`,
  /** The SSO embed widget's (client.py:752, 877). */
  widget: `https://sso.${domain}/sso/embed`,
  /** The Android app's: only for the JWT_WEB refresh through the CAS ticket-granting cookie (client.py:1471-1478). */
  android: `https://mobile.integration.${domain}/gcm/android`,
});

/**
 * Where to send a request for a service URL on Garmin's real hosts, to consume a ticket for JWT_WEB
 * (client.py:1289-1295: `GET {service_url}?ticket=…`). The SSO host maps to GARMIN_SSO_URL and connect's to
 * GARMIN_CONNECT_URL, keeping the path. The mobile app's host (mobile.integration.{domain}) has no variable
 * of its own: against Garmin itself (GARMIN_CONNECT_URL is the real connect host) the service URL is used as
 * the reference uses it; against anything else (the simulator) it goes to GARMIN_CONNECT_URL.
 */
export function requestUrlFor(config: GarminClientConfig, serviceUrl: string): string {
  const service = new URL(serviceUrl);
  if (service.hostname === `sso.${config.domain}`) return `${config.ssoUrl}${service.pathname}`;
  if (service.hostname !== `connect.${config.domain}` && config.connectUrl === `https://connect.${config.domain}`) return `${service.origin}${service.pathname}`;
  return `${config.connectUrl}${service.pathname}`;
}
