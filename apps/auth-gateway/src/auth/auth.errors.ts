import { DomainError, ErrorKind } from '@fittrack/app-core';

export const AuthErrorCode = {
  InvalidMfaCode: 'AUTH_INVALID_MFA_CODE',
  ChallengeOver: 'AUTH_MFA_CHALLENGE_OVER',
  ChallengeExpired: 'AUTH_MFA_CHALLENGE_EXPIRED',
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

  static invalidMfaCode(attemptsLeft: number) {
    const message =
      attemptsLeft > 0
        ? `the MFA code is wrong (${attemptsLeft} attempt${attemptsLeft === 1 ? '' : 's'} left)`
        : 'the MFA code is wrong and no attempts are left; sign in again';
    return new AuthError(ErrorKind.Unauthorized, AuthErrorCode.InvalidMfaCode, message, { attemptsLeft });
  }
  /** Unknown, finished or used up: no way back but a new sign-in. */
  static challengeOver() {
    return new AuthError(ErrorKind.Gone, AuthErrorCode.ChallengeOver, 'this MFA challenge is over (unknown, used up or finished); sign in again');
  }
  static challengeExpired() {
    return new AuthError(ErrorKind.Gone, AuthErrorCode.ChallengeExpired, 'this MFA challenge has expired; sign in again');
  }
}
