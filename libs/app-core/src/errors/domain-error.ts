/**
 * What kind of failure a domain error is. Each module declares its own error
 * class and code enum; the edges (HTTP filter, RPC filter) translate only the
 * kind, so they never need to know a module's codes.
 */
export const ErrorKind = {
  BadInput: 'bad_input',
  Unauthorized: 'unauthorized',
  Forbidden: 'forbidden',
  NotFound: 'not_found',
  Conflict: 'conflict',
  /** The request is well-formed, but what it names cannot be processed (a stored file that does not decode). */
  Unprocessable: 'unprocessable',
  Gone: 'gone',
  Locked: 'locked',
  RateLimited: 'rate_limited',
  Unavailable: 'unavailable',
} as const;
export type ErrorKind = (typeof ErrorKind)[keyof typeof ErrorKind];

export abstract class DomainError<Code extends string = string> extends Error {
  protected constructor(
    readonly kind: ErrorKind,
    readonly code: Code,
    message: string,
    /** Seconds a caller should wait before trying again (rate limits, cool-downs). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = new.target.name;
  }

  /** Extra fields a caller can act on (attempts left, …), added to the error body at the edges. */
  get details(): Record<string, unknown> | undefined {
    return undefined;
  }
}
