import { Account, LOCK_AFTER_FAILED_LOGINS } from '../state/accounts';
import { SimState } from '../state/sim-state';

export type PasswordOutcome =
  | { kind: 'success'; account: Account }
  | { kind: 'mfa_required'; account: Account }
  | { kind: 'invalid' }
  | { kind: 'locked' }
  | { kind: 'captcha' };

/**
 * The password step shared by both sign-in flows. An unknown email and a wrong
 * password are the same `invalid` (no account enumeration); wrong passwords in
 * a row lock the account, as Garmin does. `sendCode: false` leaves an emailed MFA code unsent.
 */
export function checkPassword(state: SimState, username: unknown, password: unknown, sendCode = true): PasswordOutcome {
  const account = typeof username === 'string' ? state.accounts.findByEmail(username) : undefined;
  if (!account) return { kind: 'invalid' };
  if (account.locked) return { kind: 'locked' };
  if (account.captchaRequired) return { kind: 'captcha' };
  if (password !== account.password) {
    account.failedLogins += 1;
    if (account.failedLogins >= LOCK_AFTER_FAILED_LOGINS) account.locked = true;
    return { kind: 'invalid' };
  }
  account.failedLogins = 0;
  if (account.mfa !== 'none') {
    // An authenticator app's code is always "there" (the mailbox shows it); an emailed one may wait
    // for the widget's explicit request (pgc GH-386).
    if (sendCode || account.mfa === 'totp') state.mfa.send(account.email);
    return { kind: 'mfa_required', account };
  }
  return { kind: 'success', account };
}
