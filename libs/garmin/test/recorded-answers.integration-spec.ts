import { ConnectApi, PoliteSender } from '../src';
import { startReplayServer } from './support/replay-server';
import { configFor } from './support/simulator';

/** Every recorded Connect answer, served back as it was, parses into the typed result. */
describe('typed results from the real recordings', () => {
  let replay: Awaited<ReturnType<typeof startReplayServer>>;
  let api: ConnectApi;

  beforeAll(async () => {
    replay = await startReplayServer();
    api = new ConnectApi(configFor(replay.url), { account: 'recorded', accessToken: async () => 'SANITIZED', sender: new PoliteSender() });
  });

  afterAll(() => replay.close());

  it('activities, detail and profile', async () => {
    const list = await api.activities(0, 3);
    expect(list).toHaveLength(3);
    expect(list[0]).toMatchObject({ activityId: 21482825013, activityType: { typeKey: 'trail_running' } });
    expect((await api.activity(21482825013))?.summaryDTO).toBeDefined();
    expect((await api.profile())?.displayName).toBe('mtamizi');
    expect((await api.userSettings())?.['userData']).toBeDefined();
  });

  it('the original file as bytes', async () => {
    const zip = await api.activityFile(11998957007);
    expect(zip?.subarray(0, 2).toString()).toBe('PK');
  });

  it('any read as JSON, with the recorded no-data answers (204, null body) as null', async () => {
    expect((await api.dailySummary('2025-06-14'))?.calendarDate).toBe('2025-06-14');
    expect(await api.getJson('/hrv-service/hrv/2023-07-20')).toMatchObject({ hrvSummary: { calendarDate: '2023-07-20' } });
    expect(await api.getJson('/hrv-service/hrv/2021-07-20')).toBeNull();
    expect(await api.getJson('/wellness-service/wellness/dailyHeartRate/', { date: '2026-01-07' })).toMatchObject({ heartRateValues: expect.any(Array) });
    expect(await api.getJson<unknown[]>('/usersummary-service/stats/steps/daily/2023-07-01/2023-07-20')).toHaveLength(20);
  });
});
