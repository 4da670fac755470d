import { DomainError, ErrorKind } from '@fittrack/app-core';

export const SessionErrorCode = {
  /** Another worker's refresh claim outlasted our wait: the job attempt ends and is retried. */
  RefreshBusy: 'SESSION_REFRESH_BUSY',
} as const;
export type SessionErrorCode = (typeof SessionErrorCode)[keyof typeof SessionErrorCode];

/** Errors of the worker's Garmin session handling (SessionKeeper). */
export class SessionError extends DomainError<SessionErrorCode> {
  private constructor(kind: ErrorKind, code: SessionErrorCode, message: string) {
    super(kind, code, message);
  }

  static refreshBusy(userId: string, waitedMs: number) {
    return new SessionError(ErrorKind.Unavailable, SessionErrorCode.RefreshBusy, `user ${userId}: another worker's refresh claim was still running after ${waitedMs} ms`);
  }
}
