import { PlatformStack } from '@fittrack/testing';
import { connect, NatsConnection } from 'nats';
import { HealthReason } from '../src/sync/session/health-reasons';
import { eventually, LinkedUser, linkedUser, startStack, waitForJob } from './support/stack';

jest.setTimeout(180_000);

/** No host, URL, port or stack frame in what a user is shown. */
const INTERNAL = /https?:|127\.0\.0\.1|localhost|:\d{2,5}\b|\bat \w+ \(|Error:/;

describe('a link’s health is set by code: revoked, needs_login and cooling_down, with reasons of ours', () => {
  let stack: PlatformStack;
  let nats: NatsConnection;
  const query = (sql: string, params: unknown[] = []) => stack.database.dataSource.query(sql, params);
  const garminOf = async (user: LinkedUser) => (await stack.gateway.get('/v1/auth/me', { token: user.token })).body.garmin;
  const sync = async (user: LinkedUser) => {
    const answer = await stack.gateway.post('/v1/sync', { types: ['workouts'] }, { token: user.token });
    expect(answer.status).toBe(202);
    return answer.body.id as string;
  };
  const needsLoginEvents = (user: LinkedUser) => {
    const seen: string[] = [];
    const subscription = nats.subscribe(`${stack.prefix}.garmin.events.session.needs_login`, {
      callback: (_e, m) => {
        const text = Buffer.from(m.data).toString();
        if (text.includes(user.userId)) seen.push(text);
      },
    });
    return { seen, subscription };
  };

  beforeAll(async () => {
    // Throttled attempts 5 s, then 10 s apart: long enough to watch the cooldown, short enough for a test.
    stack = await startStack({ gateways: 1, workers: 1, env: { GARMIN_THROTTLE_BACKOFF_SECONDS: '5', SYNC_MAX_ATTEMPTS: '10' } });
    nats = await connect({ servers: 'nats://127.0.0.1:4222' });
  });

  afterEach(() => stack.sim.admin('/faults', {}, 'PUT'));

  afterAll(async () => {
    await nats?.close();
    await stack?.stop();
  });

  it('revoked: Garmin refuses a refresh credential before its known expiry; the user must sign in again', async () => {
    const user = await linkedUser(stack.sim, stack.gateway);
    const events = needsLoginEvents(user);
    // The user removed the app at Garmin: every token of theirs is refused from now on.
    await stack.sim.admin(`/accounts/${user.email}/revoke-tokens`);
    const done = await waitForJob(stack.gateway, user, await sync(user), 90_000);
    expect(done).toMatchObject({ status: 'failed', error: 'The Garmin account needs a new sign-in.' });
    expect(await garminOf(user)).toMatchObject({ linked: true, health: 'revoked', reason: HealthReason.Revoked });
    expect((await garminOf(user)).reason).not.toMatch(INTERNAL);
    await eventually(async () => events.seen.length > 0, 10_000, 'the needs_login event');
    events.subscription.unsubscribe();
    expect(JSON.parse(events.seen[0])).toMatchObject({ userId: user.userId, reason: HealthReason.Revoked });
    expect((await stack.gateway.post('/v1/sync', {}, { token: user.token })).body.code).toBe('SYNC_GARMIN_NEEDS_LOGIN');
    console.log('a refresh credential refused before its expiry: revoked, our reason, the needs_login event, no further sync');
  });

  it('needs_login: Garmin refuses a refresh credential whose expiry has passed', async () => {
    const user = await linkedUser(stack.sim, stack.gateway);
    const events = needsLoginEvents(user);
    // Its refresh credential ran out, at Garmin and by our own record of its expiry.
    await stack.sim.admin(`/accounts/${user.email}/expire-tokens`);
    await query(`UPDATE garmin_authentication_states SET refresh_expires_at = now() - interval '1 minute' WHERE user_id = $1`, [user.userId]);
    const done = await waitForJob(stack.gateway, user, await sync(user), 90_000);
    expect(done).toMatchObject({ status: 'failed', error: 'The Garmin account needs a new sign-in.' });
    expect(await garminOf(user)).toMatchObject({ linked: true, health: 'needs_login', reason: HealthReason.NeedsLogin });
    await eventually(async () => events.seen.length > 0, 10_000, 'the needs_login event');
    events.subscription.unsubscribe();
    expect(JSON.parse(events.seen[0])).toMatchObject({ userId: user.userId, reason: HealthReason.NeedsLogin });
    console.log('a refresh credential refused after its expiry: needs_login, our reason, the needs_login event');
  });

  it('cooling_down after two throttled attempts in a row, until the next attempt; a completed job brings it back to active', async () => {
    const user = await linkedUser(stack.sim, stack.gateway);
    const link = async () => (await query(`SELECT throttle_strikes, health_status, cooldown_until FROM garmin_authentication_states WHERE user_id = $1`, [user.userId]))[0];
    // Garmin's own 429s name no wait: each attempt ends throttled.
    await stack.sim.admin('/faults', { throttle: [{ prefix: '/workout-service' }] }, 'PUT');
    const id = await sync(user);

    await eventually(async () => (await link()).throttle_strikes >= 1, 60_000, 'a first throttled attempt');
    const first = await link();
    // One throttled attempt is not yet a cooldown (the next is 5 s away, so this read is of the first strike).
    expect(first).toMatchObject({ throttle_strikes: 1, health_status: 'active', cooldown_until: null });

    await eventually(async () => (await link()).throttle_strikes >= 2, 60_000, 'a second throttled attempt');
    const cooling = await garminOf(user);
    expect(cooling).toMatchObject({ health: 'cooling_down', reason: HealthReason.Throttled, cooldownUntil: expect.any(String) });
    expect(cooling.reason).not.toMatch(INTERNAL);
    const until = new Date(cooling.cooldownUntil).getTime();
    // Until the job's next attempt: 5 s doubled for the second attempt.
    expect(until).toBeGreaterThan(Date.now());

    await stack.sim.admin('/faults', {}, 'PUT');
    expect((await waitForJob(stack.gateway, user, id, 90_000)).status).toBe('completed');
    expect(await link()).toMatchObject({ throttle_strikes: 0, health_status: 'active', cooldown_until: null });
    expect(await garminOf(user)).toMatchObject({ health: 'active', reason: null, cooldownUntil: null });
    console.log('1 throttled attempt: still active; 2 in a row: cooling_down until the next attempt, our reason; a completed job: active again');
  });
});
