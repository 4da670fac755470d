import { DomainError, ErrorKind } from '@fittrack/app-core';

export const PersistenceErrorCode = {
  JobNotFound: 'JOB_NOT_FOUND',
  IllegalTransition: 'ILLEGAL_TRANSITION',
} as const;
export type PersistenceErrorCode = (typeof PersistenceErrorCode)[keyof typeof PersistenceErrorCode];

export class PersistenceError extends DomainError<PersistenceErrorCode> {
  static jobNotFound(jobId: string): PersistenceError {
    return new PersistenceError(ErrorKind.NotFound, PersistenceErrorCode.JobNotFound, `sync job ${jobId} not found`);
  }

  static illegalTransition(jobId: string, from: string, to: string): PersistenceError {
    return new PersistenceError(
      ErrorKind.Conflict,
      PersistenceErrorCode.IllegalTransition,
      `sync job ${jobId} cannot move from ${from} to ${to}`,
    );
  }
}
