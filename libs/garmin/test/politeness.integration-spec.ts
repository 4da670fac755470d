import { ConnectApi, GarminAuthenticator, GarminErrorCode, GarminSession, needsRefresh, PoliteSender } from '../src';
import { DEMO, MFA, Simulator } from './support/simulator';

async function signIn(sim: Simulator, account: { email: string; password: string }): Promise<GarminSession> {
  const auth = new GarminAuthenticator(sim.config());
  const started = await auth.start(account.email, account.password);
  if (started.kind === 'signed_in') return started.session;
  return (await auth.complete(started.pending, await sim.mfaCode(account.email))).session;
}

describe('polite data access', () => {
  let sim: Simulator;
  let session: GarminSession;
  const quick = { maxAttempts: 4, baseDelayMs: 20, maxDelayMs: 100, maxRetryAfterSeconds: 10 };

  beforeEach(async () => {
    sim = await Simulator.start();
    session = await signIn(sim, DEMO);
  });

  afterEach(() => sim.stop());

  const apiWith = (sender: PoliteSender) =>
    new ConnectApi(sim.config(), { account: DEMO.email, accessToken: async () => session.oauth2.access_token, sender });

  it('reads through garmin-connect npm and our own requests with this account’s token: workouts, activities, a day, the file', async () => {
    const api = apiWith(new PoliteSender());
    expect((await api.workouts(0, 10)).length).toBeGreaterThan(0);
    const [latest] = await api.activities(0, 1);
    expect((await api.activity(latest.activityId))?.activityId).toBe(latest.activityId);
    const day = latest.startTimeLocal.slice(0, 10);
    expect((await api.dailySummary(day))?.calendarDate).toBe(day);
    expect(await api.getJson('/hrv-service/hrv/2099-01-01')).toBeNull();
    expect((await api.activityFile(latest.activityId))?.subarray(0, 2).toString()).toBe('PK');
    const stats = await sim.stats();
    expect(stats.byRoute['/sso/signin']).toBeUndefined(); // garmin-connect never signed in by itself
  });

  it('waits out a 429 Retry-After before asking again', async () => {
    await sim.admin('/faults', { rateLimit: { perAccount: { limit: 1, windowSeconds: 2 }, retryAfterSeconds: 2 } }, 'PUT');
    await sim.admin('/stats', undefined, 'DELETE');
    const api = apiWith(new PoliteSender({ retry: quick }));
    expect((await api.profile())?.displayName).toBe('demo_runner');
    const started = Date.now();
    expect((await api.profile())?.displayName).toBe('demo_runner');
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
    const stats = await sim.stats();
    expect(stats).toMatchObject({ throttled: 1, earlyRetries: 0, honouredRetryAfter: true });
  });

  it('does not wait for a Retry-After longer than it allows: the error goes to the caller', async () => {
    await sim.admin('/faults', { throttle: [{ prefix: '/userprofile-service', retryAfterSeconds: 3600 }] }, 'PUT');
    await expect(apiWith(new PoliteSender({ retry: quick })).profile()).rejects.toMatchObject({
      code: GarminErrorCode.RateLimited,
      retryAfterSeconds: 3600,
    });
  });

  it('recovers from 5xx with backoff', async () => {
    await sim.admin('/faults', { serverErrors: { probability: 0.5, status: 503 } }, 'PUT');
    const api = apiWith(new PoliteSender({ retry: { ...quick, maxAttempts: 8 } }));
    for (let i = 0; i < 10; i++) expect((await api.activities(i, 1)).length).toBe(1);
    expect((await sim.stats()).serverErrors).toBeGreaterThan(0);
  });

  it('opens the host breaker on repeated failure, and closes it when the host recovers', async () => {
    await sim.admin('/faults', { serverErrors: { probability: 1 } }, 'PUT');
    const sender = new PoliteSender({ retry: { ...quick, maxAttempts: 1 }, breaker: { errorThresholdPercentage: 50, resetTimeoutMs: 500, volumeThreshold: 3 } });
    const api = apiWith(sender);
    for (let i = 0; i < 3; i++) await expect(api.profile()).rejects.toMatchObject({ code: GarminErrorCode.Unavailable });
    const reached = (await sim.stats()).requests;
    await expect(api.profile()).rejects.toMatchObject({ code: GarminErrorCode.Unavailable });
    expect((await sim.stats()).requests).toBe(reached); // open: the host was not asked
    await sim.admin('/faults', undefined, 'DELETE');
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect((await api.profile())?.displayName).toBe('demo_runner'); // half-open trial succeeds and closes it
    expect(sender.breakerOf(new URL(sim.url).host).closed).toBe(true);
  });
});

describe('two accounts in one process', () => {
  it('never sends one account’s token for the other, with tokens expiring every few seconds', async () => {
    const sim = await Simulator.start({ SIM_ACCESS_TOKEN_TTL_S: '2' });
    try {
      const auth = new GarminAuthenticator(sim.config());
      const sender = new PoliteSender();
      const clients = await Promise.all(
        [DEMO, MFA].map(async (account) => {
          let session = await signIn(sim, account);
          const accessToken = async () => {
            if (needsRefresh(session, Date.now(), 1)) session = await auth.refresh(session);
            return session.oauth2.access_token;
          };
          const expected = (await new ConnectApi(sim.config(), { account: account.email, accessToken, sender }).profile())?.profileId;
          return { account, expected, api: new ConnectApi(sim.config(), { account: account.email, accessToken, sender }) };
        }),
      );
      const deadline = Date.now() + 5000;
      const seen = await Promise.all(
        clients.map(async ({ api, expected }) => {
          const ids = new Set<number | undefined>();
          while (Date.now() < deadline) ids.add((await api.profile())?.profileId ?? -1);
          return { ids: [...ids], expected };
        }),
      );
      for (const { ids, expected } of seen) expect(ids).toEqual([expected]);
      const stats = await sim.stats();
      expect(stats.byRoute['/userprofile-service/socialProfile']).toBeGreaterThan(20);
      expect(stats.byAccount[DEMO.email]).toBeGreaterThan(10);
      expect(stats.byAccount[MFA.email]).toBeGreaterThan(10);
      // Tokens lived 2 s over a 5 s run: each account refreshed, through its own DI refresh token.
      expect(stats.byRoute['/di-oauth2-service/oauth/token']).toBeGreaterThanOrEqual(2 + 4);
    } finally {
      await sim.stop();
    }
  });
});
