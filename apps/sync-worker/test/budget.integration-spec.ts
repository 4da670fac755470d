import { PlatformStack } from '@fittrack/testing';
import { linkedUser, startStack, waitForJob } from './support/stack';

jest.setTimeout(120_000);

describe('the upstream request budget is shared by every worker', () => {
  let stack: PlatformStack;

  afterAll(async () => {
    await stack?.stop();
  });

  it('keeps two workers together under the global and per-account rates Garmin enforces', async () => {
    // Our budget: 16 requests a second overall, 8 per account. Garmin (the simulator) refuses beyond 24 and 12
    // (room for timer jitter); without the budget these jobs would send hundreds a second.
    stack = await startStack({
      gateways: 1,
      workers: 2,
      env: { GARMIN_GLOBAL_RATE_PER_SECOND: '16', GARMIN_ACCOUNT_RATE_PER_SECOND: '8', SYNC_ITEM_CONCURRENCY: '8' },
    });
    const users = [await linkedUser(stack.sim, stack.gateway), await linkedUser(stack.sim, stack.gateway), await linkedUser(stack.sim, stack.gateway)];
    await stack.sim.admin('/faults', { rateLimit: { overall: { limit: 24, windowSeconds: 1 }, perAccount: { limit: 12, windowSeconds: 1 }, retryAfterSeconds: 1 } }, 'PUT');
    await fetch(`${stack.sim.url}/__sim/stats`, { method: 'DELETE' });
    const ids = await Promise.all(
      users.map(async (user) => (await stack.gateway.post('/v1/sync', { types: ['health'], from: '2026-04-01', to: '2026-04-07' }, { token: user.token })).body.id as string),
    );
    for (const [i, user] of users.entries()) expect(await waitForJob(stack.gateway, user, ids[i], 100_000)).toMatchObject({ status: 'completed', error: null });
    const stats = await stack.sim.stats();
    expect(stats.requests).toBeGreaterThan(90);
    expect(stats.throttled).toBe(0);
  });
});
