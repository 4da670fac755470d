import type { FastifyRequest } from 'fastify';
import { Refusal, SignInFamily } from '../state/account-behaviour';
import { SimState } from '../state/sim-state';
import { hasBrowserFingerprint } from './fingerprint';
import { SignInThrottle } from './sign-in-throttle';

/** The client id each family's throttle bucket is kept under when a request names none. */
export const DEFAULT_CLIENT: Record<SignInFamily, string> = { mobile: 'GCM_IOS_DARK', widget: 'widget', portal: 'GarminConnect' };

/** Why the edge refused a request, as the request log shows it. */
export type RefusalReason = 'android-client' | 'no-fingerprint' | 'throttled' | 'challenge';

declare module 'fastify' {
  interface FastifyRequest {
    /** For the request log: the account a sign-in request named, and why the edge refused it. */
    simSignIn?: { email?: string; refusal?: RefusalReason };
  }
}

/**
 * Garmin's edge in front of the sign-in routes, in the today profile; undefined lets the request
 * through to the password check. In order:
 * 1. `clientId=GCM_ANDROID_DARK` on the mobile routes: 429 (reported: garth #217, pgc #344).
 * 2. mobile and portal without a browser fingerprint: SIM_UNFINGERPRINTED, by default (`split`)
 *    429 on mobile (withings-sync PR #246) and a 403 challenge on the portal (pgc a13a938). It is one
 *    setting, not per account, because the portal's page GET names no account.
 * 3. the account's gate for the family: `challenge` is a 403 every time; `throttled` armed a bucket
 *    that each refused retry restarts (see SignInThrottle).
 */
export function edgeRefusal(
  state: SimState,
  request: FastifyRequest,
  family: SignInFamily,
  email?: string,
): { refusal: Refusal; reason: RefusalReason } | undefined {
  request.simSignIn = { email: typeof email === 'string' ? email.toLowerCase() : undefined };
  if (!state.config.today) return undefined;
  const clientId = (request.query as { clientId?: string }).clientId;
  const account = typeof email === 'string' ? state.accounts.findByEmail(email) : undefined;
  const verdict = decide();
  if (verdict) request.simSignIn.refusal = verdict.reason;
  return verdict;

  function decide(): { refusal: Refusal; reason: RefusalReason } | undefined {
    if (family === 'mobile' && clientId === 'GCM_ANDROID_DARK') return { refusal: 'throttled', reason: 'android-client' };
    if (family !== 'widget' && !hasBrowserFingerprint(request.headers)) {
      const setting = state.config.SIM_UNFINGERPRINTED;
      const refusal = setting === 'split' ? (family === 'mobile' ? 'throttled' : 'challenge') : setting;
      return { refusal, reason: 'no-fingerprint' };
    }
    if (!account) return undefined;
    if (account.signIn?.[family] === 'challenge') return { refusal: 'challenge', reason: 'challenge' };
    const bucket = SignInThrottle.key(account.email, family, clientId ?? DEFAULT_CLIENT[family]);
    if (state.throttle.refuses(bucket)) return { refusal: 'throttled', reason: 'throttled' };
    return undefined;
  }
}
