/**
 * The wire shape of every request/reply answer. Requests are the bare JSON
 * payload of the subject; answers are always one of these two.
 */
export const RpcErrorCode = {
  BadRequest: 'BAD_REQUEST',
  NotFound: 'NOT_FOUND',
  Conflict: 'CONFLICT',
  Unauthorized: 'UNAUTHORIZED',
  Forbidden: 'FORBIDDEN',
  RateLimited: 'RATE_LIMITED',
  Unavailable: 'UNAVAILABLE',
  NoHandler: 'NO_HANDLER',
  Internal: 'INTERNAL',
} as const;
export type RpcErrorCode = (typeof RpcErrorCode)[keyof typeof RpcErrorCode];

export interface RpcErrorBody {
  code: RpcErrorCode;
  message: string;
  /** Field-level problems for BAD_REQUEST. */
  details?: string[];
  /** The module's own error code (`DATA_RANGE_TOO_LONG`, `SYNC_TOO_MANY_OPEN_JOBS`), the `code` of the same error over HTTP. */
  reason?: string;
  /** Fields a caller can act on (limits, attempts left, `retryAfterSeconds`), as the HTTP error body carries them. */
  context?: Record<string, unknown>;
}

export type RpcEnvelope<T> = { ok: true; data: T } | { ok: false; error: RpcErrorBody };
