import { PlatformStack } from '@fittrack/testing';
import { PROBE_DAYS } from '../src/sync/kinds/health/health-plan';
import { LinkedUser, linkedUser, startStack, waitForJob } from './support/stack';

jest.setTimeout(180_000);

/** The simulator's route of the kind the account's device lacks (pgc get_spo2_data). */
const SPO2_ROUTE = '/wellness-service/wellness/daily/spo2/:date';

/**
 * A kind the user's device does not produce (the simulator account's `lacks`) costs its probe (the last
 * PROBE_DAYS days, each empty) the first sync, and none in any later one; the kinds the device has go on as before.
 */
describe('a kind the device does not produce', () => {
  let stack: PlatformStack;

  beforeAll(async () => {
    stack = await startStack({ gateways: 1, workers: 1 });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  async function incremental(user: LinkedUser): Promise<Record<string, number>> {
    await fetch(`${stack.sim.url}/__sim/stats`, { method: 'DELETE' });
    const started = await stack.gateway.post('/v1/sync', { types: ['health'] }, { token: user.token });
    expect((await waitForJob(stack.gateway, user, started.body.id, 120_000)).status).toBe('completed');
    return (await stack.sim.stats()).byRoute;
  }

  it('costs its probe days the first sync and none the second; the user sees it absent', async () => {
    const user = await linkedUser(stack.sim, stack.gateway, { lacks: ['spo2'] });
    await stack.gateway.request('PUT', '/v1/sync/selection', { body: { kinds: ['spo2', 'heart_rate'] }, token: user.token });

    const first = await incremental(user);
    expect(first[SPO2_ROUTE]).toBe(PROBE_DAYS);
    const heartRate = (routes: Record<string, number>) => Object.entries(routes).filter(([route]) => route.includes('dailyHeartRate')).reduce((n, [, c]) => n + c, 0);
    expect(heartRate(first)).toBeGreaterThan(1);

    const second = await incremental(user);
    expect(second[SPO2_ROUTE] ?? 0).toBe(0);
    expect(heartRate(second)).toBeGreaterThan(0);

    const selection = await stack.gateway.get('/v1/sync/selection', { token: user.token });
    expect(selection.body.absent.map((a: { kind: string }) => a.kind)).toEqual(['spo2']);
    const stored = await stack.database.dataSource.query(`SELECT DISTINCT metric FROM daily_health WHERE user_id = $1 ORDER BY 1`, [user.userId]);
    expect(stored).toEqual([{ metric: 'heart_rate' }]);
  });
});
