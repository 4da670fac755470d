import { DomainError, ErrorKind } from '@fittrack/app-core';

export const OperatorErrorCode = { OperatorsOnly: 'OPERATOR_ONLY' } as const;
export type OperatorErrorCode = (typeof OperatorErrorCode)[keyof typeof OperatorErrorCode];

/** The operator console's errors. */
export class OperatorError extends DomainError<OperatorErrorCode> {
  private constructor(kind: ErrorKind, code: OperatorErrorCode, message: string) {
    super(kind, code, message);
  }

  static operatorsOnly() {
    return new OperatorError(
      ErrorKind.Forbidden,
      OperatorErrorCode.OperatorsOnly,
      "this is for operators: a signed-in session of an account whose Garmin profile id is in the gateway's OPERATOR_GARMIN_PROFILE_IDS",
    );
  }
}
