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

  it('daily data, with the no-data answers as null', async () => {
    expect((await api.dailySummary('2025-06-14'))?.calendarDate).toBe('2025-06-14');
    expect((await api.heartRate('2026-01-07'))?.heartRateValues?.length).toBeGreaterThan(100);
    expect((await api.hrv('2023-07-20'))?.hrvSummary.calendarDate).toBe('2023-07-20');
    expect(await api.hrv('2021-07-20')).toBeNull();
    expect((await api.sleep('2025-07-07'))?.dailySleepDTO.sleepTimeSeconds).toBeGreaterThan(0);
    expect(await api.sleep('2030-01-01')).toBeNull();
  });

  it('ranges', async () => {
    expect((await api.steps('2023-07-01', '2023-07-20')).length).toBe(20);
    expect((await api.stressRange('2023-07-01', '2023-07-20'))[0].values['overallStressLevel']).toEqual(expect.any(Number));
    expect((await api.weight('2025-06-01', '2025-06-15'))?.dailyWeightSummaries.length).toBeGreaterThan(0);
  });
});
