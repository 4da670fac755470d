import { DomainError, ErrorKind } from '@fittrack/app-core';

export const TokenErrorCode = {
  MissingToken: 'TOKEN_MISSING',
  InvalidToken: 'TOKEN_INVALID',
  RefreshTokenReused: 'TOKEN_REFRESH_REUSED',
  SessionNotFound: 'TOKEN_SESSION_NOT_FOUND',
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
  static invalidToken(kind: 'access' | 'refresh') {
    const next = kind === 'access' ? 'refresh it or sign in again' : 'sign in again';
    return new TokenError(ErrorKind.Unauthorized, TokenErrorCode.InvalidToken, `the ${kind} token is invalid or expired; ${next}`);
  }
  static refreshTokenReused() {
    return new TokenError(
      ErrorKind.Unauthorized,
      TokenErrorCode.RefreshTokenReused,
      'this refresh token was already used, so its session has been revoked; sign in again',
    );
  }
  static sessionNotFound() {
    return new TokenError(ErrorKind.NotFound, TokenErrorCode.SessionNotFound, 'no such session');
  }
}
