import type { GarminLinkView } from '@fittrack/contracts';
import { formatDateTime } from './dates';

/** How the Garmin link is, in words: a headline, what it means for the syncs, and whether signing in again is the fix. */
export interface LinkState {
  tone: 'ok' | 'warn' | 'danger';
  headline: string;
  detail: string;
  mustSignIn: boolean;
}

export function linkState(garmin: GarminLinkView): LinkState {
  if (!garmin.linked || garmin.health === null)
    return {
      tone: 'warn',
      headline: 'Not linked',
      detail: 'Nothing is synced. Your data stays here; sign in with your Garmin account to sync again.',
      mustSignIn: true,
    };
  switch (garmin.health) {
    case 'active':
      return { tone: 'ok', headline: 'Active', detail: 'Syncs reach Garmin; the link renews itself.', mustSignIn: false };
    case 'refresh_failed':
      return {
        tone: 'warn',
        headline: 'Renewing failed',
        detail: 'Garmin could not be reached to renew the link. It is tried again by itself; signing in again also fixes it.',
        mustSignIn: false,
      };
    case 'cooling_down':
      return {
        tone: 'warn',
        headline: garmin.cooldownUntil ? `Cooling down until ${formatDateTime(garmin.cooldownUntil)}` : 'Cooling down',
        detail: 'Garmin is throttling this account, so nothing is sent to it until then. Syncs go on afterwards by themselves.',
        mustSignIn: false,
      };
    case 'needs_login':
      return { tone: 'danger', headline: 'You must sign in again', detail: 'Garmin no longer accepts this link: nothing is synced until you sign in again.', mustSignIn: true };
    case 'revoked':
      return { tone: 'danger', headline: 'Revoked', detail: 'Garmin ended this link: nothing is synced until you sign in again.', mustSignIn: true };
  }
}
