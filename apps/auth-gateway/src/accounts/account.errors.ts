import { DomainError, ErrorKind } from '@fittrack/app-core';

export const AccountErrorCode = {
  /** DELETE /v1/me with a token that resolves to no account (deleted, or the token is gone). */
  NoAccount: 'ACCOUNT_NOT_FOUND',
  UserNotFound: 'ACCOUNT_USER_NOT_FOUND',
} as const;
export type AccountErrorCode = (typeof AccountErrorCode)[keyof typeof AccountErrorCode];

/** Errors of a user's account as a whole (its deletion). */
export class AccountError extends DomainError<AccountErrorCode> {
  private constructor(kind: ErrorKind, code: AccountErrorCode, message: string) {
    super(kind, code, message);
  }

  static noAccount() {
    return new AccountError(
      ErrorKind.NotFound,
      AccountErrorCode.NoAccount,
      'no account behind this token: it was deleted (its tokens went with it), or the token was revoked',
    );
  }
  static userNotFound(userId: string) {
    return new AccountError(ErrorKind.NotFound, AccountErrorCode.UserNotFound, `no user ${userId} (already deleted, or never existed)`);
  }
}
