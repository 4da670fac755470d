import { DomainError, ErrorKind } from '@fittrack/app-core';

export const JobStreamErrorCode = {
  TooManyForUser: 'SYNC_EVENTS_TOO_MANY_STREAMS',
  ReplicaFull: 'SYNC_EVENTS_REPLICA_FULL',
} as const;
export type JobStreamErrorCode = (typeof JobStreamErrorCode)[keyof typeof JobStreamErrorCode];

/** Seconds a refused caller is told to wait: about how long a watched job takes to move on. */
const RETRY_AFTER_SECONDS = 5;

/** Why a job event stream was not opened. */
export class JobStreamError extends DomainError<JobStreamErrorCode> {
  private constructor(kind: ErrorKind, code: JobStreamErrorCode, message: string) {
    super(kind, code, message, RETRY_AFTER_SECONDS);
  }

  static tooManyForUser(max: number) {
    return new JobStreamError(
      ErrorKind.RateLimited,
      JobStreamErrorCode.TooManyForUser,
      `you already have ${max} job event streams open here, the most allowed; close one (or poll GET /v1/sync/jobs/:id) and try again`,
    );
  }

  /** The replica's own limit, not the caller's fault: another replica (or a little later) may serve it. */
  static replicaFull() {
    return new JobStreamError(ErrorKind.Unavailable, JobStreamErrorCode.ReplicaFull, 'this server has as many job event streams open as it can serve; try again shortly');
  }
}
