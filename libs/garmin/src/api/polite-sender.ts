import CircuitBreaker from 'opossum';
import { GarminErrorCode, GarminError } from '../errors';
import { Answer, send, SendOptions } from '../http/send';
import { backoffDelayMs, DEFAULT_RETRY_POLICY, RateLimiter, RetryPolicy } from './politeness';

export interface PoliteSenderOptions {
  rateLimiter?: RateLimiter;
  retry?: RetryPolicy;
  /** Consecutive failure share (percent) that opens a host's breaker, and how long it stays open. */
  breaker?: { errorThresholdPercentage: number; resetTimeoutMs: number; volumeThreshold: number };
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Told of every exchange's outcome (for metrics): an answer, a 429, or a failure. */
  observe?: (host: string, outcome: 'ok' | '429' | 'error') => void;
}

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const isUnavailable = (error: unknown) => error instanceof GarminError && error.code === GarminErrorCode.Unavailable;
const isRateLimited = (error: unknown): error is GarminError => error instanceof GarminError && error.code === GarminErrorCode.RateLimited;

/**
 * Every data request to Garmin goes through here: the rate limiter first, one
 * circuit breaker per host (a host that keeps failing is left alone for a while),
 * Retry-After honoured, and capped exponential backoff with full jitter on 5xx
 * and network errors. Only data calls use it: a sign-in is never retried.
 */
export class PoliteSender {
  private readonly breakers = new Map<string, CircuitBreaker<[string, SendOptions], Answer>>();
  private readonly retry: RetryPolicy;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;

  constructor(private readonly options: PoliteSenderOptions = {}) {
    this.retry = options.retry ?? DEFAULT_RETRY_POLICY;
    this.sleep = options.sleep ?? sleepFor;
    this.random = options.random ?? Math.random;
  }

  breakerOf(host: string): CircuitBreaker<[string, SendOptions], Answer> {
    let breaker = this.breakers.get(host);
    if (!breaker) {
      const settings = this.options.breaker ?? { errorThresholdPercentage: 50, resetTimeoutMs: 30_000, volumeThreshold: 10 };
      breaker = new CircuitBreaker(send, {
        timeout: false,
        errorThresholdPercentage: settings.errorThresholdPercentage,
        resetTimeout: settings.resetTimeoutMs,
        volumeThreshold: settings.volumeThreshold,
        // Only Garmin being down counts against the host; a 429 or a bad token is not an outage.
        errorFilter: (error: unknown) => !isUnavailable(error),
      });
      this.breakers.set(host, breaker);
    }
    return breaker;
  }

  async send(account: string, url: string, options: SendOptions): Promise<Answer> {
    const host = new URL(url).host;
    const breaker = this.breakerOf(host);
    for (let attempt = 0; ; attempt++) {
      const release = (await this.options.rateLimiter?.acquire(account)) ?? (() => undefined);
      let error: unknown;
      try {
        const answer = await breaker.fire(url, options);
        this.options.observe?.(host, 'ok');
        return answer;
      } catch (caught) {
        error = caught;
      } finally {
        // A known Retry-After is recorded before the answer is released, so nobody waiting on it can slip out first.
        const penalty = this.penaltyOf(error, attempt);
        if (penalty !== undefined) await this.options.rateLimiter?.penalize?.(account, penalty);
        release();
      }
      this.options.observe?.(host, isRateLimited(error) ? '429' : 'error');
      if (breaker.opened && !(error instanceof GarminError)) {
        throw GarminError.unavailable(`${host} is failing; its circuit is open`);
      }
      const last = attempt + 1 >= this.retry.maxAttempts;
      if (isRateLimited(error)) {
        // Without a Retry-After there is no safe wait to take here: Garmin's throttle re-arms while it is
        // retried (python-garminconnect never retries a 429), so the caller backs off for minutes instead.
        const wait = error.retryAfterSeconds;
        if (wait === undefined || last || wait > this.retry.maxRetryAfterSeconds) throw error;
        await this.sleep(wait * 1000);
        continue;
      }
      if (isUnavailable(error) && !last) {
        await this.sleep(backoffDelayMs(attempt, this.retry, this.random));
        continue;
      }
      throw error;
    }
  }

  /** The Retry-After to share with everyone else asking for the account: Garmin's own, when it will be waited for. */
  private penaltyOf(error: unknown, attempt: number): number | undefined {
    if (!isRateLimited(error) || error.retryAfterSeconds === undefined) return undefined;
    if (attempt + 1 >= this.retry.maxAttempts || error.retryAfterSeconds > this.retry.maxRetryAfterSeconds) return undefined;
    return error.retryAfterSeconds;
  }
}
