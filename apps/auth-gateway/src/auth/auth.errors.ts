import { DomainError, ErrorKind } from '@fittrack/app-core';
import { GarminErrorCode, SignInAttempt } from '@fittrack/garmin';
import { ActiveCooldown } from '@fittrack/persistence';

export const AuthErrorCode = {
  InvalidMfaCode: 'AUTH_INVALID_MFA_CODE',
  ChallengeOver: 'AUTH_MFA_CHALLENGE_OVER',
  ChallengeExpired: 'AUTH_MFA_CHALLENGE_EXPIRED',
  /** The account is in a sign-in cooldown: nothing was sent to Garmin. */
  CoolingDown: 'AUTH_SIGN_IN_COOLING_DOWN',
  /** Another sign-in for the account is still running: nothing was sent to Garmin. */
  InProgress: 'AUTH_SIGN_IN_IN_PROGRESS',
} as const;
export type AuthErrorCode = (typeof AuthErrorCode)[keyof typeof AuthErrorCode];

/** The gateway's own MFA challenge errors; Garmin's arrive as GarminError. */
export class AuthError extends DomainError<AuthErrorCode> {
  private constructor(
    kind: ErrorKind,
    code: AuthErrorCode,
    message: string,
    private readonly extra?: Record<string, unknown>,
  ) {
    super(kind, code, message);
  }

  override get details(): Record<string, unknown> | undefined {
    return this.extra;
  }

  /** Garmin says only "not accepted"; the attempts are ours to count (MFA_MAX_ATTEMPTS). */
  static invalidMfaCode(attemptsLeft: number) {
    const message =
      attemptsLeft > 0
        ? `Garmin did not accept the MFA code (${attemptsLeft} attempt${attemptsLeft === 1 ? '' : 's'} left)`
        : 'Garmin did not accept the MFA code and no attempts are left; sign in again';
    return new AuthError(ErrorKind.Unauthorized, AuthErrorCode.InvalidMfaCode, message, { attemptsLeft });
  }
  /** Unknown, finished or used up: no way back but a new sign-in. */
  static challengeOver() {
    return new AuthError(ErrorKind.Gone, AuthErrorCode.ChallengeOver, 'this MFA challenge is over (unknown, used up or finished); sign in again');
  }
  static challengeExpired() {
    return new AuthError(ErrorKind.Gone, AuthErrorCode.ChallengeExpired, 'this MFA challenge has expired; sign in again');
  }
  /** Two sign-ins at once would send Garmin the password twice for one account. */
  static signInInProgress() {
    return new AuthError(ErrorKind.Conflict, AuthErrorCode.InProgress, 'a sign-in for this Garmin account is already under way; wait for it to finish');
  }
}

type CooldownCode = typeof GarminErrorCode.RateLimited | typeof GarminErrorCode.EdgeRefused | typeof AuthErrorCode.CoolingDown;

/**
 * A sign-in that will not (or did not) get through because Garmin refuses this
 * account from us: the answer names when we will try again and why, and
 * Retry-After says the same in seconds.
 */
export class SignInCooldownError extends DomainError<CooldownCode> {
  private constructor(
    kind: ErrorKind,
    code: CooldownCode,
    message: string,
    readonly cooldown: ActiveCooldown,
    private readonly attempts?: readonly SignInAttempt[],
  ) {
    super(kind, code, message, cooldown.secondsLeft);
  }

  override get details(): Record<string, unknown> {
    return { cooldownUntil: this.cooldown.until.toISOString(), ...(this.attempts && { attempts: this.attempts }) };
  }

  /** This sign-in was refused by every strategy: 429 when throttled, 403 when the edge blocked us. */
  static refused(cooldown: ActiveCooldown, attempts: readonly SignInAttempt[] | undefined, now = new Date()) {
    if (cooldown.reason === 'edge_refused') {
      const why = "Garmin's bot protection refused every way of signing in to this account from us";
      return new SignInCooldownError(ErrorKind.Forbidden, GarminErrorCode.EdgeRefused, sentence(why, cooldown, now), cooldown, attempts);
    }
    const why = 'Garmin is throttling every way of signing in to this account from us';
    return new SignInCooldownError(ErrorKind.RateLimited, GarminErrorCode.RateLimited, sentence(why, cooldown, now), cooldown, attempts);
  }

  /** A cooldown is running: nothing was sent to Garmin. */
  static coolingDown(cooldown: ActiveCooldown, now = new Date()) {
    const why = `Garmin is refusing sign-ins for this account from us (${cooldown.reason === 'edge_refused' ? 'its bot protection' : 'throttled'})`;
    return new SignInCooldownError(ErrorKind.RateLimited, AuthErrorCode.CoolingDown, sentence(why, cooldown, now), cooldown);
  }
}

function sentence(why: string, cooldown: ActiveCooldown, now: Date): string {
  return `${why}; to avoid making it worse we will not try again before ${clockTime(cooldown.until, now)} (in ${duration(cooldown.secondsLeft)})`;
}

/** "14:05 UTC" today, "2026-12-03 14:05 UTC" on another day. */
export function clockTime(at: Date, now: Date): string {
  const iso = at.toISOString();
  const time = `${iso.slice(11, 16)} UTC`;
  return iso.slice(0, 10) === now.toISOString().slice(0, 10) ? time : `${iso.slice(0, 10)} ${time}`;
}

/** "2 h", "1 h 58 min", "5 min": minutes rounded up, so it is never sooner than said. */
export function duration(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}
