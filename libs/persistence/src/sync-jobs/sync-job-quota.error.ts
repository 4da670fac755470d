import { DomainError, ErrorKind } from '@fittrack/app-core';

export const SyncJobQuotaErrorCode = { TooManyOpenJobs: 'SYNC_TOO_MANY_OPEN_JOBS' } as const;
export type SyncJobQuotaErrorCode = (typeof SyncJobQuotaErrorCode)[keyof typeof SyncJobQuotaErrorCode];

/** Seconds a caller is told to wait: jobs take about that long to end, and asking sooner only meets the quota again. */
const RETRY_AFTER_SECONDS = 30;

/** A user asked for a new job while already at the quota of open (pending or running) jobs. */
export class SyncJobQuotaError extends DomainError<SyncJobQuotaErrorCode> {
  private constructor(
    readonly limit: number,
    message: string,
  ) {
    super(ErrorKind.RateLimited, SyncJobQuotaErrorCode.TooManyOpenJobs, message, RETRY_AFTER_SECONDS);
  }

  static tooManyOpenJobs(limit: number): SyncJobQuotaError {
    return new SyncJobQuotaError(
      limit,
      `you already have ${limit} sync jobs pending or running, the most allowed; wait for one to end or cancel one, then ask again`,
    );
  }

  override get details(): Record<string, unknown> {
    return { limit: this.limit };
  }
}
