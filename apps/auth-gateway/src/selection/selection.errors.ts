import { DomainError, ErrorKind } from '@fittrack/app-core';

export const SelectionErrorCode = {
  UserNotFound: 'SELECTION_USER_NOT_FOUND',
} as const;
export type SelectionErrorCode = (typeof SelectionErrorCode)[keyof typeof SelectionErrorCode];

export class SelectionError extends DomainError<SelectionErrorCode> {
  private constructor(kind: ErrorKind, code: SelectionErrorCode, message: string) {
    super(kind, code, message);
  }

  static userNotFound() {
    return new SelectionError(ErrorKind.NotFound, SelectionErrorCode.UserNotFound, 'no such user');
  }
}
