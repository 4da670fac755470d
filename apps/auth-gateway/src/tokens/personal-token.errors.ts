import { DomainError, ErrorKind } from '@fittrack/app-core';

export const PersonalTokenErrorCode = {
  ReadOnly: 'PERSONAL_TOKEN_READ_ONLY',
  NotFound: 'PERSONAL_TOKEN_NOT_FOUND',
  TooMany: 'PERSONAL_TOKEN_LIMIT',
} as const;
export type PersonalTokenErrorCode = (typeof PersonalTokenErrorCode)[keyof typeof PersonalTokenErrorCode];

/** Personal access token errors (an unknown, revoked or expired one is TokenError.invalidToken: one 401 for all). */
export class PersonalTokenError extends DomainError<PersonalTokenErrorCode> {
  private constructor(
    kind: ErrorKind,
    code: PersonalTokenErrorCode,
    message: string,
    private readonly extra?: Record<string, unknown>,
  ) {
    super(kind, code, message);
  }

  override get details(): Record<string, unknown> | undefined {
    return this.extra;
  }

  static readOnly() {
    return new PersonalTokenError(
      ErrorKind.Forbidden,
      PersonalTokenErrorCode.ReadOnly,
      'a personal access token may only read data; this needs a signed-in session (garmin-sync login)',
    );
  }
  static notFound() {
    return new PersonalTokenError(ErrorKind.NotFound, PersonalTokenErrorCode.NotFound, 'no such personal access token');
  }
  static tooMany(limit: number) {
    return new PersonalTokenError(
      ErrorKind.BadInput,
      PersonalTokenErrorCode.TooMany,
      `you already have ${limit} personal access tokens, the most allowed (expired ones count until revoked); revoke one first`,
      { limit },
    );
  }
}
