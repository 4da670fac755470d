/**
 * How requests to Garmin are paced. Callers that run many processes back the
 * RateLimiter with shared state (a database or NATS KV); LocalRateLimiter is
 * the in-process one.
 */
export interface RateLimiter {
  /**
   * Resolves when one more request for `account` may go out, with the function to call once its answer
   * (or failure) is in, after any `penalize` it led to: a limiter may hold other requests back until then.
   */
  acquire(account: string): Promise<Release>;
  /** Garmin answered 429 with Retry-After: no request for `account` before that, from anyone sharing the limiter. */
  penalize?(account: string, seconds: number): Promise<void>;
}

/** Says that a request's answer is in. */
export type Release = () => void;
const NOTHING_TO_RELEASE: Release = () => undefined;

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited for: the error goes to the caller. */
  maxRetryAfterSeconds: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 250, maxDelayMs: 8000, maxRetryAfterSeconds: 120 };

/** Exponential backoff with full jitter: a random wait in [0, min(max, base·2^attempt)). */
export function backoffDelayMs(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  return Math.floor(random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt));
}

/** Token buckets, per account and overall (requests per second, with a burst). */
export class LocalRateLimiter implements RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly perAccount: { ratePerSecond: number; burst: number },
    private readonly overall: { ratePerSecond: number; burst: number },
    private readonly now: () => number = Date.now,
  ) {}

  async acquire(account: string): Promise<Release> {
    for (;;) {
      const wait = Math.max(this.waitFor(`a:${account}`, this.perAccount), this.waitFor('*', this.overall));
      if (wait === 0) {
        this.take(`a:${account}`);
        this.take('*');
        return NOTHING_TO_RELEASE;
      }
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  private bucket(key: string, limits: { ratePerSecond: number; burst: number }) {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: limits.burst, at: now };
    bucket.tokens = Math.min(limits.burst, bucket.tokens + ((now - bucket.at) / 1000) * limits.ratePerSecond);
    bucket.at = now;
    this.buckets.set(key, bucket);
    return bucket;
  }

  private waitFor(key: string, limits: { ratePerSecond: number; burst: number }): number {
    const bucket = this.bucket(key, limits);
    return bucket.tokens >= 1 ? 0 : Math.ceil(((1 - bucket.tokens) / limits.ratePerSecond) * 1000);
  }

  private take(key: string): void {
    const bucket = this.buckets.get(key);
    if (bucket) bucket.tokens -= 1;
  }
}
