import { DomainError, ErrorKind } from '@fittrack/app-core';

export const LimitErrorCode = { TooManyAttempts: 'LIMIT_TOO_MANY_ATTEMPTS' } as const;
export type LimitErrorCode = (typeof LimitErrorCode)[keyof typeof LimitErrorCode];

export class LimitExceededError extends DomainError<LimitErrorCode> {
  constructor(what: string, retryAfterSeconds: number) {
    super(ErrorKind.RateLimited, LimitErrorCode.TooManyAttempts, `too many ${what}; try again in ${retryAfterSeconds} s`, retryAfterSeconds);
  }
}
