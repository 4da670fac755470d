import { DomainError, ErrorKind } from '@fittrack/app-core';

export const ExportErrorCode = {
  BadId: 'EXPORT_BAD_ID',
  NotFound: 'EXPORT_NOT_FOUND',
  NotReady: 'EXPORT_NOT_READY',
  Failed: 'EXPORT_FAILED',
} as const;
export type ExportErrorCode = (typeof ExportErrorCode)[keyof typeof ExportErrorCode];

export class ExportError extends DomainError<ExportErrorCode> {
  private constructor(kind: ErrorKind, code: ExportErrorCode, message: string) {
    super(kind, code, message);
  }

  static badId(id: string) {
    return new ExportError(ErrorKind.BadInput, ExportErrorCode.BadId, `"${id.slice(0, 40)}" is not an export id (a UUID)`);
  }

  /** Unknown, another user's, or removed after its time: not told apart. */
  static notFound(id: string) {
    return new ExportError(ErrorKind.NotFound, ExportErrorCode.NotFound, `no export ${id} (finished exports are kept for a while, then removed: make a new one)`);
  }

  static notReady(id: string, done: number, total: number | null) {
    const progress = total === null ? 'not started yet' : `${done} of ${total} items written`;
    return new ExportError(ErrorKind.Conflict, ExportErrorCode.NotReady, `export ${id} is still being made (${progress}): download it once its status is completed`);
  }

  static failed(id: string, reason: string | null) {
    return new ExportError(ErrorKind.Conflict, ExportErrorCode.Failed, `export ${id} failed: ${reason ?? 'no reason recorded'}; make a new one`);
  }
}
