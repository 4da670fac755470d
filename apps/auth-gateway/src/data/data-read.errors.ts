import { DomainError, ErrorKind } from '@fittrack/app-core';

export const DataReadErrorCode = {
  BadCursor: 'DATA_BAD_CURSOR',
  RangeReversed: 'DATA_RANGE_REVERSED',
  RangeTooLong: 'DATA_RANGE_TOO_LONG',
  ActivityNotFound: 'DATA_ACTIVITY_NOT_FOUND',
  WorkoutNotFound: 'DATA_WORKOUT_NOT_FOUND',
  HealthDayNotFound: 'DATA_HEALTH_DAY_NOT_FOUND',
  UserNotFound: 'DATA_USER_NOT_FOUND',
} as const;
export type DataReadErrorCode = (typeof DataReadErrorCode)[keyof typeof DataReadErrorCode];

/** The read API's errors (HTTP /v1/activities, /health, /workouts, /records and garmin.rpc.data.*). */
export class DataReadError extends DomainError<DataReadErrorCode> {
  private constructor(
    kind: ErrorKind,
    code: DataReadErrorCode,
    message: string,
    private readonly extra?: Record<string, unknown>,
  ) {
    super(kind, code, message);
  }

  override get details(): Record<string, unknown> | undefined {
    return this.extra;
  }

  /** Forged, altered, another user's, or another list's or filter's: which one is not said. */
  static badCursor() {
    return new DataReadError(
      ErrorKind.BadInput,
      DataReadErrorCode.BadCursor,
      'cursor is not valid here: send a nextCursor unchanged, with the same filters it came with',
    );
  }

  static rangeReversed(from: string, to: string) {
    return new DataReadError(ErrorKind.BadInput, DataReadErrorCode.RangeReversed, `from (${from}) must not be after to (${to})`);
  }

  static rangeTooLong(from: string, to: string, days: number, maxDays: number) {
    return new DataReadError(
      ErrorKind.BadInput,
      DataReadErrorCode.RangeTooLong,
      `from ${from} to ${to} is ${days} days: at most ${maxDays} days per request`,
      { days, maxDays },
    );
  }

  /** Unknown, or another user's: the two are not told apart. */
  static activityNotFound(id: number) {
    return new DataReadError(ErrorKind.NotFound, DataReadErrorCode.ActivityNotFound, `no activity ${id}`);
  }

  static workoutNotFound(id: number) {
    return new DataReadError(ErrorKind.NotFound, DataReadErrorCode.WorkoutNotFound, `no workout ${id}`);
  }

  static healthDayNotFound(metric: string, date: string) {
    return new DataReadError(ErrorKind.NotFound, DataReadErrorCode.HealthDayNotFound, `no ${metric} stored for ${date}`);
  }

  static userNotFound() {
    return new DataReadError(ErrorKind.NotFound, DataReadErrorCode.UserNotFound, 'no such user');
  }
}
