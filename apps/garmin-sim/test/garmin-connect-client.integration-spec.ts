import { GarminConnect } from 'garmin-connect';
import { DEMO_ACCOUNTS } from '../src/state/accounts';
import { PERMISSIVE, RunningSim, startSim } from './support/sim-harness';

const [demo, mfaUser] = DEMO_ACCOUNTS;

/** The runtime fields of garmin-connect's UrlClass / HttpClient that the protocol doc (§E) names as override points. */
interface Internals {
  url: { GARMIN_SSO_ORIGIN: string; GC_API: string; GC_MODERN: string };
  client: {
    fetchOauthConsumer: () => Promise<void>;
    OAUTH_CONSUMER?: { key: string; secret: string };
  };
}

/** A garmin-connect client aimed at the simulator, with our consumer instead of the S3 download. */
function clientFor(sim: RunningSim, username: string, password: string): GarminConnect {
  const gc = new GarminConnect({ username, password });
  const internals = gc as unknown as Internals;
  internals.url.GARMIN_SSO_ORIGIN = sim.url;
  internals.url.GC_API = sim.url;
  internals.url.GC_MODERN = `${sim.url}/modern`;
  const consumer = {
    key: sim.state.config.SIM_OAUTH_CONSUMER_KEY,
    secret: sim.state.config.SIM_OAUTH_CONSUMER_SECRET,
  };
  internals.client.fetchOauthConsumer = async function (this: Internals['client']) {
    this.OAUTH_CONSUMER = consumer;
  };
  return gc;
}

const isoDay = (offsetDays: number) => new Date(Date.now() - offsetDays * 86_400_000);

/**
 * garmin-connect npm 1.6.2 as a third-party conformance probe: its own login
 * speaks the legacy HTML flow (multipart, no cookies) and the OAuth1 exchange
 * with query-string parameters.
 */
describe('garmin-connect npm against the simulator', () => {
  let sim: RunningSim;
  let gc: GarminConnect;

  beforeAll(async () => {
    sim = await startSim(PERMISSIVE);
    // garmin-connect console.logs page titles and errors; keep the test output readable.
    jest.spyOn(console, 'log').mockImplementation(() => undefined);
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    gc = clientFor(sim, demo.email, demo.password);
    await gc.login();
  });

  afterAll(async () => {
    jest.restoreAllMocks();
    await sim.close();
  });

  it('logs in through the legacy flow and holds both tokens', () => {
    const { oauth1, oauth2 } = gc.exportToken();
    expect(oauth1).toEqual({
      oauth_token: expect.any(String),
      oauth_token_secret: expect.any(String),
    });
    expect(oauth2).toMatchObject({
      access_token: expect.any(String),
      token_type: 'Bearer',
      expires_in: sim.state.config.SIM_ACCESS_TOKEN_TTL_S,
    });
    expect(sim.state.credentials.resolveBearer(oauth2.access_token)?.profileId).toBe(demo.profileId);
  });

  it('reads the profile', async () => {
    const profile = await gc.getUserProfile();
    expect(profile).toMatchObject({
      displayName: demo.displayName,
      profileId: demo.profileId,
    });
  });

  it('lists activities', async () => {
    const activities = await gc.getActivities(0, 5);
    expect(Array.isArray(activities)).toBe(true);
    expect(activities.length).toBeGreaterThan(0);
    expect(activities[0]).toMatchObject({
      activityId: expect.any(Number),
      activityName: expect.any(String),
      startTimeLocal: expect.any(String),
    });
  });

  it('lists workouts', async () => {
    const workouts = await gc.getWorkouts(0, 10);
    expect(Array.isArray(workouts)).toBe(true);
    for (const workout of workouts)
      expect(workout).toMatchObject({
        workoutId: expect.any(Number),
        workoutName: expect.any(String),
      });
  });

  it('reads sleep and heart rate of a recent day', async () => {
    const sleep = await gc.getSleepData(isoDay(2));
    expect(sleep).toHaveProperty('dailySleepDTO');
    const heartRate = await gc.getHeartRate(isoDay(2));
    expect(heartRate).toMatchObject({
      calendarDate: expect.any(String),
      heartRateValues: expect.any(Array),
    });
  });

  it('refreshes by re-exchanging its OAuth1 token when the Bearer expires', async () => {
    const before = gc.exportToken().oauth2.access_token;
    sim.state.credentials.expireBearers(demo.profileId);
    expect((await gc.getUserProfile()).displayName).toBe(demo.displayName);
    expect(gc.exportToken().oauth2.access_token).not.toBe(before);
  });

  it('fails to log in with a wrong password or an MFA account (it has no MFA support)', async () => {
    await expect(clientFor(sim, demo.email, 'wrong-password').login()).rejects.toThrow(/Ticket not found/);
    await expect(clientFor(sim, mfaUser.email, mfaUser.password).login()).rejects.toThrow(/Ticket not found/);
  });
});
