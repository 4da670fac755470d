import { DomainError, ErrorKind } from '@fittrack/app-core';

export const ChangesErrorCode = {
  StreamUnavailable: 'CHANGES_STREAM_UNAVAILABLE',
  BadStart: 'CHANGES_BAD_START',
} as const;
export type ChangesErrorCode = (typeof ChangesErrorCode)[keyof typeof ChangesErrorCode];

export class ChangesError extends DomainError<ChangesErrorCode> {
  private constructor(kind: ErrorKind, code: ChangesErrorCode, message: string) {
    super(kind, code, message);
  }

  static streamUnavailable() {
    return new ChangesError(ErrorKind.Unavailable, ChangesErrorCode.StreamUnavailable, 'the change event stream is not available now; try again');
  }

  static bothStarts() {
    return new ChangesError(ErrorKind.BadInput, ChangesErrorCode.BadStart, 'give startSequence or startTime, not both');
  }
}
