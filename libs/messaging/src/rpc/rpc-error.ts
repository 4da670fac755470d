import { HttpException, HttpStatus } from '@nestjs/common';
import { DomainError, ErrorKind } from '@fittrack/app-core';
import { RpcErrorBody, RpcErrorCode } from '@fittrack/contracts';

const CODE_OF_KIND: Record<ErrorKind, RpcErrorCode> = {
  bad_input: RpcErrorCode.BadRequest,
  unauthorized: RpcErrorCode.Unauthorized,
  forbidden: RpcErrorCode.Forbidden,
  not_found: RpcErrorCode.NotFound,
  conflict: RpcErrorCode.Conflict,
  unprocessable: RpcErrorCode.BadRequest,
  gone: RpcErrorCode.NotFound,
  locked: RpcErrorCode.Conflict,
  rate_limited: RpcErrorCode.RateLimited,
  unavailable: RpcErrorCode.Unavailable,
};

const CODE_OF_STATUS: Partial<Record<number, RpcErrorCode>> = {
  [HttpStatus.BAD_REQUEST]: RpcErrorCode.BadRequest,
  [HttpStatus.UNAUTHORIZED]: RpcErrorCode.Unauthorized,
  [HttpStatus.FORBIDDEN]: RpcErrorCode.Forbidden,
  [HttpStatus.NOT_FOUND]: RpcErrorCode.NotFound,
  [HttpStatus.CONFLICT]: RpcErrorCode.Conflict,
  [HttpStatus.TOO_MANY_REQUESTS]: RpcErrorCode.RateLimited,
  [HttpStatus.SERVICE_UNAVAILABLE]: RpcErrorCode.Unavailable,
};

export function isRpcErrorBody(value: unknown): value is RpcErrorBody {
  if (value instanceof Error) return false; // errors carry code and message too
  const candidate = value as Partial<RpcErrorBody> | null;
  return typeof candidate?.code === 'string' && typeof candidate.message === 'string';
}

/**
 * The one translation of errors at the messaging edge. Unknown errors become
 * INTERNAL with a fixed message: a cause is logged by the caller, never sent.
 */
export function toRpcErrorBody(error: unknown): RpcErrorBody {
  if (isRpcErrorBody(error)) return error;
  if (error instanceof DomainError) {
    const context = { ...(error.retryAfterSeconds !== undefined && { retryAfterSeconds: error.retryAfterSeconds }), ...error.details };
    return { code: CODE_OF_KIND[error.kind], message: error.message, reason: error.code, ...(Object.keys(context).length > 0 && { context }) };
  }
  if (error instanceof HttpException) {
    const response = error.getResponse() as { message?: string | string[] } | string;
    const messages = typeof response === 'object' ? response.message : undefined;
    const details = Array.isArray(messages) ? messages : undefined;
    return {
      code: CODE_OF_STATUS[error.getStatus()] ?? RpcErrorCode.Internal,
      message: details ? 'payload is invalid' : error.message,
      ...(details && { details }),
    };
  }
  return { code: RpcErrorCode.Internal, message: 'internal error' };
}

/** What an RpcClient throws when the other side answered with an error. */
export class RpcCallError extends Error {
  constructor(
    readonly subject: string,
    readonly body: RpcErrorBody,
  ) {
    super(`${subject} failed: ${body.code}: ${body.message}`);
    this.name = 'RpcCallError';
  }
}
