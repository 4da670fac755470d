import { GarminSessionHealth } from '@fittrack/contracts';

/**
 * What users read about their Garmin link (health_reason, through /v1/auth/me and the user-status RPC):
 * sentences of ours. Garmin's words, hosts, URLs and stack details go to the worker's log only.
 */
export const HealthReason = {
  NeedsLogin: 'Garmin no longer accepts this sign-in: its refresh credential ran out. Sign in to Garmin again.',
  Revoked: 'Garmin revoked this sign-in before it was due to run out (the app was removed or the password changed). Sign in to Garmin again.',
  RefreshFailed: 'The Garmin session could not be renewed because Garmin did not answer; it is tried again before it runs out.',
  /** Also how GarminLinkStore tells a throttling cooldown (which a completed job ends) from a sign-in cooldown. */
  Throttled: 'Garmin is throttling this account’s data requests, so syncing pauses until the cooldown ends.',
} as const;

/**
 * Why Garmin refused a refresh credential, from what we know of it: Garmin answers the same (400 invalid_grant,
 * or 401) whether it expired or was revoked, so the expiry we stored decides. One refused before its own expiry
 * was revoked (the user removed the app, changed the password); one refused after it, or of unknown expiry,
 * simply ran out.
 */
export function refusedHealth(refreshExpiresAt: Date | null, nowMs: number): Extract<GarminSessionHealth, 'needs_login' | 'revoked'> {
  return refreshExpiresAt && refreshExpiresAt.getTime() > nowMs ? 'revoked' : 'needs_login';
}
