import { DomainError, ErrorKind } from '@fittrack/app-core';

export const GarminErrorCode = {
  InvalidCredentials: 'GARMIN_INVALID_CREDENTIALS',
  InvalidMfaCode: 'GARMIN_INVALID_MFA_CODE',
  MfaExpired: 'GARMIN_MFA_EXPIRED',
  AccountLocked: 'GARMIN_ACCOUNT_LOCKED',
  RateLimited: 'GARMIN_RATE_LIMITED',
  CaptchaRequired: 'GARMIN_CAPTCHA_REQUIRED',
  Unavailable: 'GARMIN_UNAVAILABLE',
  SessionRejected: 'GARMIN_SESSION_REJECTED',
  Protocol: 'GARMIN_PROTOCOL',
} as const;
export type GarminErrorCode = (typeof GarminErrorCode)[keyof typeof GarminErrorCode];

/**
 * What Garmin said, typed. Messages never contain a password, code or token:
 * they are written here, never copied from an answer.
 */
export class GarminError extends DomainError<GarminErrorCode> {
  private constructor(
    kind: ErrorKind,
    code: GarminErrorCode,
    message: string,
    retryAfterSeconds?: number,
    readonly attemptsLeft?: number,
  ) {
    super(kind, code, message, retryAfterSeconds);
  }

  /** The same error, telling the caller how long to wait (for answers where Garmin named no wait). */
  withRetryAfter(seconds: number): GarminError {
    return new GarminError(this.kind, this.code, this.message, seconds, this.attemptsLeft);
  }

  static invalidCredentials() {
    return new GarminError(ErrorKind.Unauthorized, GarminErrorCode.InvalidCredentials, 'Garmin rejected the email or password');
  }
  static invalidMfaCode(attemptsLeft?: number) {
    const left = attemptsLeft === undefined ? '' : ` (${attemptsLeft} attempt${attemptsLeft === 1 ? '' : 's'} left)`;
    return new GarminError(ErrorKind.Unauthorized, GarminErrorCode.InvalidMfaCode, `the MFA code is wrong${left}`, undefined, attemptsLeft);
  }
  static mfaExpired(reason = 'the MFA challenge expired') {
    return new GarminError(ErrorKind.Gone, GarminErrorCode.MfaExpired, reason);
  }
  static accountLocked() {
    return new GarminError(ErrorKind.Locked, GarminErrorCode.AccountLocked, 'Garmin has locked the account; unlock it on connect.garmin.com');
  }
  static rateLimited(retryAfterSeconds?: number) {
    return new GarminError(ErrorKind.RateLimited, GarminErrorCode.RateLimited, 'Garmin is rate limiting requests', retryAfterSeconds);
  }
  static captchaRequired() {
    return new GarminError(ErrorKind.RateLimited, GarminErrorCode.CaptchaRequired, 'Garmin wants a captcha solved; sign in on connect.garmin.com first');
  }
  static unavailable(detail: string) {
    return new GarminError(ErrorKind.Unavailable, GarminErrorCode.Unavailable, `Garmin is unavailable: ${detail}`);
  }
  static sessionRejected(detail: string) {
    return new GarminError(ErrorKind.Unauthorized, GarminErrorCode.SessionRejected, `Garmin rejected the stored session: ${detail}`);
  }
  static protocol(detail: string) {
    return new GarminError(ErrorKind.Unavailable, GarminErrorCode.Protocol, `unexpected answer from Garmin: ${detail}`);
  }
}
