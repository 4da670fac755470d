import { DomainError, ErrorKind } from '@fittrack/app-core';

export const LinkErrorCode = { UserNotFound: 'LINK_USER_NOT_FOUND' } as const;
export type LinkErrorCode = (typeof LinkErrorCode)[keyof typeof LinkErrorCode];

export class LinkError extends DomainError<LinkErrorCode> {
  private constructor(kind: ErrorKind, code: LinkErrorCode, message: string) {
    super(kind, code, message);
  }

  static userNotFound() {
    return new LinkError(ErrorKind.NotFound, LinkErrorCode.UserNotFound, 'no such user');
  }
}
