import { localHostReason } from '@fittrack/app-core';

/** Garmin's own hosts, by variable: what production should name, and what the refusals suggest. */
export const GARMIN_HOSTS = {
  GARMIN_SSO_URL: 'https://sso.garmin.com',
  GARMIN_CONNECTAPI_URL: 'https://connectapi.garmin.com',
  GARMIN_DIAUTH_URL: 'https://diauth.garmin.com',
  GARMIN_CONNECT_URL: 'https://connect.garmin.com',
} as const;

export type GarminUrlVariable = keyof typeof GARMIN_HOSTS;

/**
 * The OAuth1 consumers the simulator runs with (its own default, and the one libs/testing gives it):
 * public, so a production consumer equal to either is a simulator setting left in by mistake.
 */
export const SIMULATOR_OAUTH_CONSUMERS = {
  simulatorDefault: { key: 'fittrack-sim-consumer-key', secret: 'fittrack-sim-consumer-secret' },
  tests: { key: 'test-consumer-key', secret: 'test-consumer-secret' },
} as const;

/**
 * Why production refuses a Garmin URL, or undefined. Garmin receives passwords and tokens, so the URL
 * must be https:// (a forgotten variable would otherwise send them in clear text to the simulator's
 * default, 127.0.0.1) and must name a public host (never the simulator, loopback or a private network).
 */
export function garminUrlProblem(variable: GarminUrlVariable, value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined; // its own validator names a malformed URL
  }
  const fix = `set ${variable}=${GARMIN_HOSTS[variable]}`;
  if (url.protocol !== 'https:') return `${variable} must be https:// in production (it is ${url.protocol}//${url.host}): ${fix}`;
  const local = localHostReason(url.hostname);
  if (local) return `${variable} points at ${local} (${url.hostname}), which production refuses: ${fix}`;
  return undefined;
}

export function oauthConsumerProblem(key: string, secret: string): string | undefined {
  const simulators = Object.values(SIMULATOR_OAUTH_CONSUMERS);
  if (!simulators.some((c) => c.key === key || c.secret === secret)) return undefined;
  return "GARMIN_OAUTH_CONSUMER_KEY/SECRET are the simulator's, which production refuses: set Garmin's consumer, or leave both empty";
}
