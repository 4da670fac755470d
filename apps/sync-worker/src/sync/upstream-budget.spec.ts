import { DataSource } from 'typeorm';
import { WorkerConfig } from '../config/worker.config';
import { UpstreamBudget } from './upstream-budget';

/** No rate limit, and a database that has no other worker's Retry-After: only this process's penalties count. */
function budget(): UpstreamBudget {
  const dataSource = { manager: { query: async () => [] } } as unknown as DataSource;
  return new UpstreamBudget(dataSource, { GARMIN_ACCOUNT_RATE_PER_SECOND: 0, GARMIN_GLOBAL_RATE_PER_SECOND: 0 } as WorkerConfig);
}

/** Starts `n` acquires and records when each one is let out. */
function waiting(limiter: UpstreamBudget, n: number) {
  const out: { at: number; release: () => void }[] = [];
  const all = Array.from({ length: n }, () => limiter.acquire('a').then((release) => out.push({ at: Date.now(), release })));
  return { out, all };
}

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('UpstreamBudget', () => {
  it('holds back requests that were already waiting when a Retry-After arrived, then lets one probe go first', async () => {
    const limiter = budget();
    const penalisedAt = Date.now();
    await limiter.penalize('a', 0.3);
    const { out } = waiting(limiter, 4);
    await tick(250);
    expect(out).toHaveLength(0);
    await tick(200);
    // Past the wait: one request, and the others wait for its answer.
    expect(out).toHaveLength(1);
    expect(out[0].at - penalisedAt).toBeGreaterThanOrEqual(300);
    await tick(50);
    expect(out).toHaveLength(1);
    out[0].release();
    await tick(20);
    expect(out).toHaveLength(2);
  });

  it('keeps a throttled account at one request at a time until ten answers in a row came back without a 429', async () => {
    const limiter = budget();
    await limiter.penalize('a', 0.01);
    await tick(100);
    // Five rounds of two requests: ten calm answers.
    for (let round = 0; round < 5; round++) {
      const { out } = waiting(limiter, 2);
      await tick(20);
      expect(out).toHaveLength(1);
      out[0].release();
      await tick(20);
      expect(out).toHaveLength(2);
      out[1].release();
    }
    const { out } = waiting(limiter, 3);
    await tick(20);
    expect(out).toHaveLength(3);
  });

  it('starts the count again on a fresh 429, and a request that saw it arrive waits it out', async () => {
    const limiter = budget();
    await limiter.penalize('a', 0.01);
    await tick(100);
    const { out } = waiting(limiter, 2);
    await tick(20);
    expect(out).toHaveLength(1);
    await limiter.penalize('a', 0.2);
    const releasedAt = Date.now();
    out[0].release();
    await tick(100);
    expect(out).toHaveLength(1);
    await tick(200);
    expect(out).toHaveLength(2);
    expect(out[1].at - releasedAt).toBeGreaterThanOrEqual(200);
  });

  it('lets an account that was never throttled send at full concurrency', async () => {
    const { out } = waiting(budget(), 4);
    await tick(20);
    expect(out).toHaveLength(4);
  });
});
