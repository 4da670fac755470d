import { ErrorKind } from '@fittrack/app-core';
import { GarminError, GarminErrorCode } from '@fittrack/garmin';
import { NeedsLogin } from './sync.errors';

/** Machine-readable reasons of a failed job (sync_jobs.error_code). */
export const JobErrorCode = {
  /** The job ran out of attempts; the message says what kept going wrong. */
  GaveUp: 'gave_up',
  /** The Garmin session cannot be refreshed: only a new sign-in helps. */
  NeedsLogin: 'needs_login',
} as const;
export type JobErrorCode = (typeof JobErrorCode)[keyof typeof JobErrorCode];

/** What a user is told about a failed job: a sentence of ours and a code. */
export interface JobFailure {
  code: JobErrorCode;
  message: string;
}

/** What kept a job from finishing, said without the host, URL or Garmin's own words. */
const BY_CODE: Partial<Record<GarminErrorCode, string>> = {
  [GarminErrorCode.Unavailable]: 'Garmin was unavailable',
  [GarminErrorCode.RateLimited]: 'Garmin kept throttling this account',
  [GarminErrorCode.Forbidden]: 'Garmin refused the request',
  [GarminErrorCode.EdgeRefused]: 'Garmin refused the request',
  [GarminErrorCode.SessionRejected]: 'Garmin kept rejecting the session',
  [GarminErrorCode.Protocol]: 'Garmin sent an answer we could not read',
  [GarminErrorCode.ResponseTooLarge]: 'Garmin sent an answer larger than we accept',
  [GarminErrorCode.UnsafeArchive]: 'Garmin sent a file archive we do not open',
};

/** For codes without a sentence of their own (new ones included), by what kind of failure it is. */
const BY_KIND: Partial<Record<ErrorKind, string>> = {
  [ErrorKind.Unavailable]: 'Garmin was unavailable',
  [ErrorKind.RateLimited]: 'Garmin kept throttling this account',
};

const causeOf = (error: unknown): string => {
  if (!(error instanceof GarminError)) return 'the sync failed on our side';
  return BY_CODE[error.code] ?? BY_KIND[error.kind] ?? 'Garmin refused the request';
};

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * The failure a user sees (error_message, the job view, the events). It is built from the error's
 * type and code only: its message can name a host, a URL or repeat Garmin, so it goes to the logs
 * (see `failureDetail`), never here.
 */
export function jobFailure(error: unknown, attempts: number): JobFailure {
  if (error instanceof NeedsLogin) return { code: JobErrorCode.NeedsLogin, message: 'The Garmin account needs a new sign-in.' };
  return { code: JobErrorCode.GaveUp, message: `Gave up after ${plural(attempts, 'attempt')}: ${causeOf(error)}.` };
}

/** A job out of attempts before this one could start: the earlier ones were cut short (a crash, a lost lease). */
export function interruptedFailure(attempts: number): JobFailure {
  return { code: JobErrorCode.GaveUp, message: `Gave up after ${plural(attempts, 'attempt')}: the sync was interrupted each time.` };
}

/** Everything about an error worth a log line: for our own log only. */
export function failureDetail(error: unknown): string {
  if (error instanceof NeedsLogin) return error.message;
  if (error instanceof GarminError) return `${error.code}: ${error.message}`;
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}
