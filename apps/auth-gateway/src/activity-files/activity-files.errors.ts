import { DomainError, ErrorKind } from '@fittrack/app-core';
import { ACTIVITY_EXPORT_FORMATS } from '@fittrack/contracts';

export const ActivityFileErrorCode = {
  BadActivityId: 'ACTIVITY_BAD_ID',
  ActivityNotFound: 'ACTIVITY_NOT_FOUND',
  FileMissing: 'ACTIVITY_FILE_MISSING',
  UnknownFormat: 'ACTIVITY_EXPORT_UNKNOWN_FORMAT',
  NotFit: 'ACTIVITY_FILE_NOT_FIT',
  Undecodable: 'ACTIVITY_FILE_UNDECODABLE',
} as const;
export type ActivityFileErrorCode = (typeof ActivityFileErrorCode)[keyof typeof ActivityFileErrorCode];

export class ActivityFileError extends DomainError<ActivityFileErrorCode> {
  private constructor(kind: ErrorKind, code: ActivityFileErrorCode, message: string) {
    super(kind, code, message);
  }

  static badActivityId(id: string) {
    return new ActivityFileError(ErrorKind.BadInput, ActivityFileErrorCode.BadActivityId, `"${id.slice(0, 40)}" is not an activity id (Garmin's ids are positive integers)`);
  }

  /** Unknown, or another user's: the two are not told apart. */
  static activityNotFound(activityId: number) {
    return new ActivityFileError(ErrorKind.NotFound, ActivityFileErrorCode.ActivityNotFound, `no activity ${activityId}`);
  }

  static fileMissing(activityId: number) {
    return new ActivityFileError(
      ErrorKind.NotFound,
      ActivityFileErrorCode.FileMissing,
      `activity ${activityId} is stored without its original file: Garmin had none to give when it was synced, or it was refused (too large or unsafe)`,
    );
  }

  static unknownFormat(format: string | undefined) {
    const valid = ACTIVITY_EXPORT_FORMATS.join(', ');
    const given = format === undefined || format === '' ? 'format is required' : `"${format.slice(0, 20)}" is not an export format`;
    return new ActivityFileError(ErrorKind.BadInput, ActivityFileErrorCode.UnknownFormat, `${given}: format must be one of: ${valid} (the original FIT is at /file)`);
  }

  /** The original is some other file (a TCX or GPX upload, an unknown archive): there is no FIT to convert. */
  static notFit(activityId: number, format: string) {
    return new ActivityFileError(
      ErrorKind.Unprocessable,
      ActivityFileErrorCode.NotFit,
      `the original file of activity ${activityId} is not a FIT file (it is ${format}): only FIT files are converted; download it as it is from /file`,
    );
  }

  static undecodable(activityId: number, reason: string) {
    return new ActivityFileError(ErrorKind.Unprocessable, ActivityFileErrorCode.Undecodable, `the original file of activity ${activityId} cannot be decoded as FIT: ${reason}`);
  }
}
