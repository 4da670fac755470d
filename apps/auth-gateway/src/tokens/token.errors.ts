import { DomainError, ErrorKind } from '@fittrack/app-core';

export const TokenErrorCode = {
  MissingToken: 'TOKEN_MISSING',
  InvalidToken: 'TOKEN_INVALID',
  RefreshTokenReused: 'TOKEN_REFRESH_REUSED',
  SessionNotFound: 'TOKEN_SESSION_NOT_FOUND',
  CsrfMismatch: 'TOKEN_CSRF_MISMATCH',
} as const;
export type TokenErrorCode = (typeof TokenErrorCode)[keyof typeof TokenErrorCode];

/** API token and session errors. */
export class TokenError extends DomainError<TokenErrorCode> {
  private constructor(kind: ErrorKind, code: TokenErrorCode, message: string) {
    super(kind, code, message);
  }

  static missingToken() {
    return new TokenError(ErrorKind.Unauthorized, TokenErrorCode.MissingToken, 'send an access token: Authorization: Bearer <token>');
  }
  /** One answer for unknown, expired and revoked tokens: a caller learns only what to do next. */
  static invalidToken(kind: 'access' | 'refresh' | 'personal') {
    const next = { access: 'refresh it or sign in again', refresh: 'sign in again', personal: 'it may have been revoked; make a new one' }[kind];
    return new TokenError(ErrorKind.Unauthorized, TokenErrorCode.InvalidToken, `the ${kind === 'personal' ? 'personal access' : kind} token is invalid or expired; ${next}`);
  }
  static refreshTokenReused() {
    return new TokenError(
      ErrorKind.Unauthorized,
      TokenErrorCode.RefreshTokenReused,
      'this refresh token was already used, so its session has been revoked; sign in again',
    );
  }
  /** A cookie-authenticated request that changes something, without the X-CSRF-Token its ft_csrf cookie holds. */
  static csrfMismatch() {
    return new TokenError(
      ErrorKind.Forbidden,
      TokenErrorCode.CsrfMismatch,
      'a request signed in by cookie that changes something must send X-CSRF-Token with the value of the ft_csrf cookie',
    );
  }
  static sessionNotFound() {
    return new TokenError(ErrorKind.NotFound, TokenErrorCode.SessionNotFound, 'no such session');
  }
}
