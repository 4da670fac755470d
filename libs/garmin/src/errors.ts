import { DomainError, ErrorKind } from '@fittrack/app-core';
import type { SignInStrategy } from './config';

export const GarminErrorCode = {
  /** Every sign-in strategy was refused by Garmin's edge, at least one not by a 429. */
  EdgeRefused: 'GARMIN_EDGE_REFUSED',
  /** Throttled: a data call's 429, or every sign-in strategy refused with a 429. */
  RateLimited: 'GARMIN_RATE_LIMITED',
  InvalidCredentials: 'GARMIN_INVALID_CREDENTIALS',
  /** Any MFA verify answer that is not SUCCESSFUL (Garmin names no reason and counts nothing for us). */
  InvalidMfaCode: 'GARMIN_INVALID_MFA_CODE',
  MfaExpired: 'GARMIN_MFA_EXPIRED',
  Unavailable: 'GARMIN_UNAVAILABLE',
  BadTokenFile: 'GARMIN_BAD_TOKEN_FILE',
  SessionRejected: 'GARMIN_SESSION_REJECTED',
  /** A data call answered 403: the session is fine, this resource is not ours to read (no refresh is spent). */
  Forbidden: 'GARMIN_FORBIDDEN',
  Protocol: 'GARMIN_PROTOCOL',
  /** An answer longer than its cap: not an outage, so never retried and never counted against the host. */
  ResponseTooLarge: 'GARMIN_RESPONSE_TOO_LARGE',
  /** An activity file's ZIP broke a limit (entries, size, ratio) or lied about its sizes: that file is refused. */
  UnsafeArchive: 'GARMIN_UNSAFE_ARCHIVE',
} as const;
export type GarminErrorCode = (typeof GarminErrorCode)[keyof typeof GarminErrorCode];

/** Which archive limit an activity file's ZIP broke (`declared_size`: it inflated to other than it said). */
export type ArchiveLimit = 'entries' | 'size' | 'ratio' | 'declared_size';

/** What one sign-in strategy got, for logs and for the caller's cooldown decision. Never holds a secret. */
export interface SignInAttempt {
  strategy: SignInStrategy;
  /** The HTTP status that decided it (0 when none did, e.g. a challenge page served with 200). */
  status: number;
  reason: string;
}

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
    /** Chain-level refusals: which strategy got what. */
    readonly attempts?: readonly SignInAttempt[],
    /** Numbers and names a caller can act on (a limit and its value), never a secret. */
    private readonly facts?: Record<string, unknown>,
  ) {
    super(kind, code, message, retryAfterSeconds);
  }

  override get details(): Record<string, unknown> | undefined {
    if (!this.attempts && !this.facts) return undefined;
    return { ...this.facts, ...(this.attempts && { attempts: this.attempts }) };
  }

  /** The same error, telling the caller how long to wait (for answers where Garmin named no wait). */
  withRetryAfter(seconds: number): GarminError {
    return new GarminError(this.kind, this.code, this.message, seconds, this.attempts, this.facts);
  }

  static edgeRefused(attempts: readonly SignInAttempt[]) {
    return new GarminError(
      ErrorKind.Forbidden,
      GarminErrorCode.EdgeRefused,
      `Garmin's edge refused every way of signing in (${summary(attempts)})`,
      undefined,
      attempts,
    );
  }
  /** A data call's 429 (with Garmin's Retry-After when it sent one), or a whole sign-in chain throttled. */
  static rateLimited(retryAfterSeconds?: number, attempts?: readonly SignInAttempt[]) {
    const message = attempts ? `Garmin throttled every way of signing in (${summary(attempts)})` : 'Garmin is rate limiting requests';
    return new GarminError(ErrorKind.RateLimited, GarminErrorCode.RateLimited, message, retryAfterSeconds, attempts);
  }
  static invalidCredentials() {
    return new GarminError(ErrorKind.Unauthorized, GarminErrorCode.InvalidCredentials, 'Garmin rejected the email or password');
  }
  static invalidMfaCode() {
    return new GarminError(ErrorKind.Unauthorized, GarminErrorCode.InvalidMfaCode, 'Garmin did not accept the MFA code');
  }
  static mfaExpired(reason = 'the MFA challenge expired') {
    return new GarminError(ErrorKind.Gone, GarminErrorCode.MfaExpired, reason);
  }
  static unavailable(detail: string) {
    return new GarminError(ErrorKind.Unavailable, GarminErrorCode.Unavailable, `Garmin is unavailable: ${detail}`);
  }
  /** `field` names what is wrong (a key path), never its value. */
  static badTokenFile(field: string, problem: string) {
    return new GarminError(ErrorKind.BadInput, GarminErrorCode.BadTokenFile, `the token file is not usable: ${field} ${problem}`);
  }
  static sessionRejected(detail: string) {
    return new GarminError(ErrorKind.Unauthorized, GarminErrorCode.SessionRejected, `Garmin rejected the session: ${detail}`);
  }
  static forbidden(path: string) {
    return new GarminError(ErrorKind.Forbidden, GarminErrorCode.Forbidden, `Garmin refused ${path} (403) for this account`);
  }
  static protocol(detail: string) {
    return new GarminError(ErrorKind.Unavailable, GarminErrorCode.Protocol, `unexpected answer from Garmin: ${detail}`);
  }
  /**
   * Unavailable in kind (Garmin gave nothing usable, as a bad gateway would) but its own code, so that
   * PoliteSender, which retries only GARMIN_UNAVAILABLE, asks once: the same URL answers the same size.
   */
  static responseTooLarge(host: string, maxBytes: number, declaredBytes?: number) {
    const said = declaredBytes === undefined ? 'sent' : `announced ${declaredBytes} bytes,`;
    return new GarminError(ErrorKind.Unavailable, GarminErrorCode.ResponseTooLarge, `${host} ${said} more than the ${maxBytes}-byte cap for this answer`, undefined, undefined, {
      maxBytes,
      ...(declaredBytes !== undefined && { declaredBytes }),
    });
  }
  static unsafeArchive(limit: ArchiveLimit, detail: string) {
    return new GarminError(ErrorKind.Unavailable, GarminErrorCode.UnsafeArchive, `the activity file's ZIP is refused: ${detail}`, undefined, undefined, { limit });
  }
}

const summary = (attempts: readonly SignInAttempt[]) => attempts.map((a) => `${a.strategy}: ${a.reason}`).join('; ') || 'no strategy ran';

export const isGarminError = (error: unknown, code?: GarminErrorCode): error is GarminError =>
  error instanceof GarminError && (code === undefined || error.code === code);
