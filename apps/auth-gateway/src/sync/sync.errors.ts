import { DomainError, ErrorKind } from '@fittrack/app-core';

export const SyncErrorCode = {
  JobNotFound: 'SYNC_JOB_NOT_FOUND',
  JobFinished: 'SYNC_JOB_FINISHED',
  NotLinked: 'SYNC_GARMIN_NOT_LINKED',
  NeedsLogin: 'SYNC_GARMIN_NEEDS_LOGIN',
  BadRange: 'SYNC_BAD_RANGE',
  BadSelection: 'SYNC_BAD_SELECTION',
} as const;
export type SyncErrorCode = (typeof SyncErrorCode)[keyof typeof SyncErrorCode];

export class SyncError extends DomainError<SyncErrorCode> {
  private constructor(kind: ErrorKind, code: SyncErrorCode, message: string) {
    super(kind, code, message);
  }

  /** Unknown, or another user's: the same answer. */
  static jobNotFound() {
    return new SyncError(ErrorKind.NotFound, SyncErrorCode.JobNotFound, 'no such sync job');
  }
  static jobFinished(status: string) {
    return new SyncError(ErrorKind.Conflict, SyncErrorCode.JobFinished, `the job is already ${status}`);
  }
  static notLinked() {
    return new SyncError(ErrorKind.Conflict, SyncErrorCode.NotLinked, 'no Garmin account is linked; sign in with POST /v1/auth/login first');
  }
  static needsLogin(health: string) {
    return new SyncError(ErrorKind.Conflict, SyncErrorCode.NeedsLogin, `the Garmin session is ${health}; sign in again with POST /v1/auth/login`);
  }
  static badRange(reason: string) {
    return new SyncError(ErrorKind.BadInput, SyncErrorCode.BadRange, reason);
  }
  static badSelection(reason: string) {
    return new SyncError(ErrorKind.BadInput, SyncErrorCode.BadSelection, reason);
  }
}
