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
 * a row lock the account, as Garmin does.
 */
export function checkPassword(state: SimState, username: unknown, password: unknown): PasswordOutcome {
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
  if (account.mfa === 'email') {
    state.mfa.send(account.email);
    return { kind: 'mfa_required', account };
  }
  return { kind: 'success', account };
}
