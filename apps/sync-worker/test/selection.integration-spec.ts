import { PlatformStack } from '@fittrack/testing';
import { LinkedUser, linkedUser, startStack, waitForJob } from './support/stack';

jest.setTimeout(180_000);

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const RECENT = { from: day(-4), to: day(0) };

/** What a sync stores and asks Garmin for follows the deployment's default and the user's own selection. */
describe('which kinds are synced (SYNC_DEFAULT_SELECTION on the gateway, a user override through the API)', () => {
  let stack: PlatformStack;
  const query = (sql: string, params: unknown[] = []) => stack.database.dataSource.query(sql, params);
  const metrics = async (user: LinkedUser) =>
    ((await query(`SELECT DISTINCT metric FROM daily_health WHERE user_id = $1 ORDER BY 1`, [user.userId])) as { metric: string }[]).map((r) => r.metric);
  const counts = async (user: LinkedUser) =>
    (
      await query(
        `SELECT (SELECT count(*) FROM activities WHERE user_id = $1)::int AS activities, (SELECT count(*) FROM workouts WHERE user_id = $1)::int AS workouts,
                (SELECT count(*) FROM garmin_records WHERE user_id = $1)::int AS records`,
        [user.userId],
      )
    )[0];
  /** Which Connect routes the simulator was asked for since the last reset (one user syncs at a time here). */
  const routesAsked = async () =>
    Object.keys((await stack.sim.stats()).byRoute as Record<string, number>).filter((route) => !route.startsWith('/__sim') && !/oauth|sso|socialProfile|userprofile|usersummary\/daily/.test(route));
  const resetStats = () => fetch(`${stack.sim.url}/__sim/stats`, { method: 'DELETE' });

  async function sync(user: LinkedUser, body: object): Promise<any> {
    const started = await stack.gateway.post('/v1/sync', body, { token: user.token });
    expect(started.status).toBe(202);
    const done = await waitForJob(stack.gateway, user, started.body.id, 120_000);
    expect(done).toMatchObject({ status: 'completed', error: null });
    return done;
  }

  beforeAll(async () => {
    stack = await startStack({ gateways: 1, workers: 1, env: { SYNC_DEFAULT_SELECTION: 'heart_rate, steps' } });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('stores only the deployment default, asks Garmin only for it, and shows it on the job and the selection', async () => {
    const user = await linkedUser(stack.sim, stack.gateway);
    const selection = await stack.gateway.get('/v1/sync/selection', { token: user.token });
    expect(selection.body).toMatchObject({ default: ['heart_rate', 'steps'], override: null, effective: ['heart_rate', 'steps'], absent: [] });
    expect(selection.body.catalog).toContainEqual({ kind: 'spo2', group: 'health', store: 'daily', byDefault: false });

    await resetStats();
    const job = await sync(user, { types: ['all'], ...RECENT });
    expect(job.selection).toEqual(['heart_rate', 'steps']);
    expect(job.byKind).toMatchObject({ activities: { total: 0 }, workouts: { total: 0 }, profile: { total: 0 } });
    expect(await metrics(user)).toEqual(['heart_rate', 'steps']);
    expect(await counts(user)).toEqual({ activities: 0, workouts: 0, records: 0 });
    expect((await routesAsked()).sort()).toEqual(['/usersummary-service/stats/steps/daily/:start/:end', '/wellness-service/wellness/dailyHeartRate/']);
  });

  it('follows a user’s override from the next sync on, and the default again after a reset', async () => {
    const user = await linkedUser(stack.sim, stack.gateway);
    const set = await stack.gateway.request('PUT', '/v1/sync/selection', { body: { kinds: ['stress', 'sleep'] }, token: user.token });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ override: ['sleep', 'stress'], effective: ['sleep', 'stress'] });

    await resetStats();
    const job = await sync(user, { types: ['health'], ...RECENT });
    expect(job.selection).toEqual(['sleep', 'stress']);
    expect(await metrics(user)).toEqual(['sleep', 'stress']);
    expect((await routesAsked()).sort()).toEqual(['/wellness-service/wellness/dailySleepData/:dn', '/wellness-service/wellness/dailyStress/:date']);

    const reset = await stack.gateway.delete('/v1/sync/selection', { token: user.token });
    expect(reset.body).toMatchObject({ override: null, effective: ['heart_rate', 'steps'] });
    await resetStats();
    await sync(user, { types: ['health'], from: day(-9), to: day(-5) });
    expect((await routesAsked()).sort()).toEqual(['/usersummary-service/stats/steps/daily/:start/:end', '/wellness-service/wellness/dailyHeartRate/']);

    const named = await sync(user, { types: ['health'], dataKinds: ['sleep'], ...RECENT });
    expect(named.selection).toEqual(['sleep']);
  });

  it('refuses an unknown kind (listing the valid ones), an empty list, and data kinds outside the types asked for', async () => {
    const user = await linkedUser(stack.sim, stack.gateway);
    const unknown = await stack.gateway.request('PUT', '/v1/sync/selection', { body: { kinds: ['sleep', 'oxygen'] }, token: user.token });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body.message)).toContain('each of kinds must be one of: activities, activity_zones');
    const empty = await stack.gateway.request('PUT', '/v1/sync/selection', { body: { kinds: [] }, token: user.token });
    expect(empty.status).toBe(400);
    expect(JSON.stringify(empty.body.message)).toContain('at least one data kind');
    const outside = await stack.gateway.post('/v1/sync', { types: ['activities'], dataKinds: ['sleep'] }, { token: user.token });
    expect(outside).toMatchObject({ status: 400, body: { code: 'SYNC_BAD_SELECTION' } });
    expect((await stack.gateway.get('/v1/sync/selection', { token: user.token })).body.override).toBeNull();
  });
});
