import { DEMO_ACCOUNTS } from '../src/state/accounts';
import { SsoClient } from './support/garmin-client';
import { PERMISSIVE, RunningSim, startSim } from './support/sim-harness';

const [demoSpec, mfaSpec] = DEMO_ACCOUNTS;
const PROFILE = '/userprofile-service/socialProfile';

describe('faults and counters', () => {
  let sim: RunningSim;
  let bearer: string;
  const get = (path: string, token = bearer) => fetch(`${sim.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const setFaults = (faults: unknown) =>
    fetch(`${sim.url}/__sim/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(faults) });
  const admin = (path: string, body?: unknown) =>
    fetch(`${sim.url}/__sim${path}`, {
      method: 'POST',
      ...(body !== undefined && { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });

  beforeEach(async () => {
    sim = await startSim(PERMISSIVE);
    bearer = sim.bearerFor(sim.state.accounts.findByEmail(demoSpec.email)!);
  });

  afterEach(() => sim.close());

  it('throttles a route with 429 and Retry-After, JSON on the API and Cloudflare HTML on SSO', async () => {
    expect((await setFaults({ throttle: [{ prefix: '/userprofile-service', retryAfterSeconds: 30 }, { prefix: '/mobile/api/login', retryAfterSeconds: 60 }] })).status).toBe(200);
    const api = await get(PROFILE);
    expect(api.status).toBe(429);
    expect(api.headers.get('retry-after')).toBe('30');
    expect(await api.json()).toEqual({ error: { 'status-code': '429' } });
    const sso = await new SsoClient(sim).fetch('/mobile/api/login?clientId=GCM_ANDROID_DARK', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: demoSpec.email, password: demoSpec.password }),
    });
    expect(sso.status).toBe(429);
    expect(await sso.text()).toContain('used Cloudflare to restrict access');
    expect((await get('/workout-service/workouts')).status).toBe(200);
  });

  it('throttles by probability, reproducibly for a seed', async () => {
    const sequence = async () => {
      await setFaults({ throttle: [{ probability: 0.5, retryAfterSeconds: 1 }] });
      const statuses: number[] = [];
      for (let i = 0; i < 40; i++) statuses.push((await get(PROFILE)).status);
      return statuses;
    };
    const first = await sequence();
    expect(first).toContain(429);
    expect(first).toContain(200);
    expect(await sequence()).toEqual(first);
    await setFaults({ throttle: [{ probability: 0, retryAfterSeconds: 1 }] });
    expect((await get(PROFILE)).status).toBe(200);
  });

  it('limits the request rate per account and overall', async () => {
    await setFaults({ rateLimit: { perAccount: { limit: 3, windowSeconds: 60 }, retryAfterSeconds: 60 } });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await get(PROFILE)).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const other = sim.bearerFor(sim.state.accounts.findByEmail(mfaSpec.email)!);
    expect((await get(PROFILE, other)).status).toBe(200);

    await setFaults({ rateLimit: { overall: { limit: 2, windowSeconds: 60 }, retryAfterSeconds: 5 } });
    expect([(await get(PROFILE)).status, (await get(PROFILE, other)).status, (await get(PROFILE)).status]).toEqual([200, 200, 429]);
  });

  it('fails with 5xx by probability, and adds latency', async () => {
    await setFaults({ serverErrors: { probability: 1, status: 502 } });
    expect((await get(PROFILE)).status).toBe(502);
    await setFaults({ latency: { fixedMs: 150, jitterMs: 10 } });
    const started = Date.now();
    expect((await get(PROFILE)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect((await fetch(`${sim.url}/__sim/faults`, { method: 'DELETE' })).status).toBe(200);
  });

  it('rejects bad fault settings with the reason', async () => {
    const bad = await setFaults({ throttle: [{ probability: 2, retryAfterSeconds: -1 }], shout: true });
    expect(bad.status).toBe(400);
    const { message } = (await bad.json()) as { message: string };
    expect(message).toContain('throttle[0].probability');
    expect(message).toContain('throttle[0].retryAfterSeconds');
    expect(message).toContain('faults.shout');
    await expect(startSim({ ...PERMISSIVE, SIM_FAULTS: '{"latency":' })).rejects.toThrow('SIM_FAULTS is not valid JSON');
  });

  it('applies faults given at start-up', async () => {
    const throttled = await startSim({ ...PERMISSIVE, SIM_FAULTS: JSON.stringify({ throttle: [{ retryAfterSeconds: 9 }] }) });
    try {
      const response = await fetch(`${throttled.url}${PROFILE}`);
      expect(response.headers.get('retry-after')).toBe('9');
    } finally {
      await throttled.close();
    }
  });

  it('expires and revokes an account’s tokens, locks it and asks for captcha', async () => {
    expect((await admin(`/accounts/${demoSpec.email}/expire-tokens`)).status).toBe(200);
    expect((await get(PROFILE)).status).toBe(401);
    bearer = sim.bearerFor(sim.state.accounts.findByEmail(demoSpec.email)!);
    await admin(`/accounts/${demoSpec.email}/revoke-tokens`);
    expect((await get(PROFILE)).status).toBe(401);

    await admin(`/accounts/${demoSpec.email}/lock`);
    expect((await new SsoClient(sim).mobileLogin(demoSpec.email, demoSpec.password)).body['responseStatus'].type).toBe('ACCOUNT_LOCKED');
    await admin(`/accounts/${demoSpec.email}/unlock`);
    await admin(`/accounts/${demoSpec.email}/captcha`, { on: true });
    expect((await new SsoClient(sim).mobileLogin(demoSpec.email, demoSpec.password)).body['responseStatus'].type).toBe('CAPTCHA_REQUIRED');
    await admin(`/accounts/${demoSpec.email}/captcha`, { on: false });
    expect((await new SsoClient(sim).mobileLogin(demoSpec.email, demoSpec.password)).body['responseStatus'].type).toBe('SUCCESSFUL');
    expect((await admin('/accounts/nobody@x.test/lock')).status).toBe(404);
  });

  it('adds accounts, refusing bad and duplicate ones', async () => {
    const spec = { email: 'new@fittrack.test', password: 'pw', displayName: 'newbie', profileId: 81_000_099, timeZone: 'Asia/Tokyo' };
    expect((await admin('/accounts', spec)).status).toBe(201);
    expect((await admin('/accounts', spec)).status).toBe(409);
    const bad = await admin('/accounts', { ...spec, email: 'nope', timeZone: 'Mars/Base', extra: 1 });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toMatch(/email.*timeZone.*|timeZone.*email/);
    expect((await new SsoClient(sim).mobileLogin('new@fittrack.test', 'pw')).status).toBe(200);
  });

  it('counts requests by route and account, 429s and 5xx, and notices early retries', async () => {
    await setFaults({ throttle: [{ prefix: '/workout-service', retryAfterSeconds: 60 }] });
    await get(PROFILE);
    await get('/workout-service/workouts');
    await setFaults({ serverErrors: { probability: 1, prefix: '/hrv-service' } });
    await new Promise((resolve) => setTimeout(resolve, 300)); // past the in-flight grace: a real early retry, on any connection
    await get('/hrv-service/hrv/2026-01-01');
    let stats = (await (await fetch(`${sim.url}/__sim/stats`)).json()) as any;
    expect(stats).toMatchObject({ throttled: 1, serverErrors: 1, earlyRetries: 1, honouredRetryAfter: false });
    expect(stats.byRoute['/userprofile-service/socialProfile']).toBe(1);
    expect(stats.byAccount[demoSpec.email]).toBe(3);
    expect(stats.earlyRetryDetails[0]).toMatchObject({ client: demoSpec.email, route: '/hrv-service/hrv/:date' });

    await fetch(`${sim.url}/__sim/stats`, { method: 'DELETE' });
    stats = (await (await fetch(`${sim.url}/__sim/stats`)).json()) as any;
    expect(stats).toMatchObject({ requests: 0, earlyRetries: 0, honouredRetryAfter: true });
  });

  it.each([
    ['switched off', { SIM_DEV_MODE: 'false' }],
    ['in production by default', { NODE_ENV: 'production' }],
  ])('has no /__sim routes when dev mode is %s', async (_label, env) => {
    const production = await startSim(env);
    try {
      expect((await fetch(`${production.url}/__sim/stats`)).status).toBe(404);
      expect((await fetch(`${production.url}/__sim/mfa/${mfaSpec.email}`)).status).toBe(404);
    } finally {
      await production.close();
    }
  });
});
