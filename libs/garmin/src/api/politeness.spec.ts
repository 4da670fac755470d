import { backoffDelayMs, DEFAULT_RETRY_POLICY, LocalRateLimiter } from './politeness';

describe('backoffDelayMs', () => {
  it('is full jitter under a capped exponential ceiling', () => {
    expect(backoffDelayMs(0, DEFAULT_RETRY_POLICY, () => 0.999)).toBe(249);
    expect(backoffDelayMs(3, DEFAULT_RETRY_POLICY, () => 0.5)).toBe(1000);
    expect(backoffDelayMs(20, DEFAULT_RETRY_POLICY, () => 0.999)).toBeLessThan(DEFAULT_RETRY_POLICY.maxDelayMs);
    expect(backoffDelayMs(5, DEFAULT_RETRY_POLICY, () => 0)).toBe(0);
  });
});

describe('LocalRateLimiter', () => {
  it('lets a burst through, then paces per account, without holding up other accounts', async () => {
    const limiter = new LocalRateLimiter({ ratePerSecond: 10, burst: 2 }, { ratePerSecond: 1000, burst: 100 });
    const started = Date.now();
    await limiter.acquire('a');
    await limiter.acquire('a');
    expect(Date.now() - started).toBeLessThan(50);
    await limiter.acquire('b');
    expect(Date.now() - started).toBeLessThan(50);
    await limiter.acquire('a');
    expect(Date.now() - started).toBeGreaterThanOrEqual(80);
  });

  it('paces everyone under the overall limit', async () => {
    const limiter = new LocalRateLimiter({ ratePerSecond: 1000, burst: 100 }, { ratePerSecond: 10, burst: 1 });
    const started = Date.now();
    await limiter.acquire('a');
    await limiter.acquire('b');
    expect(Date.now() - started).toBeGreaterThanOrEqual(80);
  });
});
