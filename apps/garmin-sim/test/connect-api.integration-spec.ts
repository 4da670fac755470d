import { unzipSync } from 'fflate';
import { Decoder, Stream } from '@garmin/fitsdk';
import { addDays } from '../src/data/calendar';
import { DEMO_ACCOUNTS } from '../src/state/accounts';
import { PERMISSIVE, RunningSim, startSim } from './support/sim-harness';

const [demoSpec, otherSpec] = DEMO_ACCOUNTS;
const LIST = '/activitylist-service/activities/search/activities';

describe('Connect API', () => {
  let sim: RunningSim;
  let bearer: string;
  let today: string;
  const get = (path: string, token = bearer) => fetch(`${sim.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const getJson = async (path: string) => {
    const response = await get(path);
    expect(response.status).toBe(200);
    return response.json() as Promise<any>;
  };

  beforeAll(async () => {
    sim = await startSim(PERMISSIVE);
    const demo = sim.state.accounts.findByEmail(demoSpec.email)!;
    bearer = sim.bearerFor(demo);
    today = sim.state.data.today(demo);
  });

  afterAll(() => sim.close());

  it('answers 401 with the Garmin challenge for a missing, unknown or expired token', async () => {
    for (const response of [await fetch(`${sim.url}${LIST}`), await get(LIST, 'not-a-token')]) {
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer error="invalid_token", error_description="Token is not active"');
    }
    const other = sim.state.accounts.findByEmail(otherSpec.email)!;
    const token = sim.bearerFor(other);
    sim.state.credentials.expireAccount(other.profileId);
    expect((await get('/userprofile-service/socialProfile', token)).status).toBe(401);
  });

  it('pages activities newest first by offset, with an empty page past the end and a limit cap', async () => {
    const all = await getJson(`${LIST}?start=0&limit=1000`);
    expect(all.length).toBeGreaterThan(30);
    const starts = all.map((a: any) => a.beginTimestamp);
    expect([...starts].sort((a, b) => b - a)).toEqual(starts);
    expect(new Set(all.map((a: any) => a.activityId)).size).toBe(all.length);
    const page2 = await getJson(`${LIST}?start=5&limit=5`);
    expect(page2.map((a: any) => a.activityId)).toEqual(all.slice(5, 10).map((a: any) => a.activityId));
    expect(await getJson(`${LIST}?start=${all.length}&limit=20`)).toEqual([]);
    expect((await get(`${LIST}?start=0&limit=1001`)).status).toBe(400);
    expect((await get(`${LIST}?start=-1&limit=10`)).status).toBe(400);
  });

  it('filters activities by date and type', async () => {
    const from = addDays(today, -10);
    const recent = await getJson(`${LIST}?start=0&limit=1000&startDate=${from}&endDate=${today}`);
    for (const a of recent) expect(a.startTimeLocal.slice(0, 10) >= from).toBe(true);
    const runs = await getJson(`${LIST}?start=0&limit=1000&activityType=running`);
    expect(runs.length).toBeGreaterThan(0);
    for (const a of runs) expect(a.activityType.typeKey).toBe('running');
  });

  it('serves an activity detail, and 404 for an unknown id', async () => {
    const [first] = await getJson(`${LIST}?start=0&limit=1`);
    const detail = await getJson(`/activity-service/activity/${first.activityId}`);
    expect(detail).toMatchObject({ activityId: first.activityId, activityName: first.activityName, summaryDTO: { distance: first.distance } });
    expect((await get('/activity-service/activity/1')).status).toBe(404);
  });

  it('downloads the original file: a ZIP holding a valid FIT file of that activity', async () => {
    const [first] = await getJson(`${LIST}?start=0&limit=1`);
    const response = await get(`/download-service/files/activity/${first.activityId}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-zip-compressed');
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
    const fit = files[`${first.activityId}_ACTIVITY.fit`];
    expect(fit).toBeDefined();
    const decoder = new Decoder(Stream.fromByteArray(Array.from(fit)));
    expect(decoder.isFIT()).toBe(true);
    expect(decoder.checkIntegrity()).toBe(true);
    const { messages, errors } = decoder.read();
    expect(errors).toEqual([]);
    expect(messages.recordMesgs?.length).toBeGreaterThan(10);
    const session = messages.sessionMesgs?.[0] as { startTime: Date; totalDistance: number } | undefined;
    expect(session?.startTime.getTime()).toBe(first.beginTimestamp);
    expect(session?.totalDistance).toBeCloseTo(first.distance, 0);
  });

  it('serves the daily endpoints, with Garmin no-data answers outside the history', async () => {
    const summary = await getJson(`/usersummary-service/usersummary/daily/demo_runner?calendarDate=${today}`);
    expect(summary).toMatchObject({ calendarDate: today, userProfileId: demoSpec.profileId });
    expect(await getJson(`/usersummary-service/usersummary/daily/?calendarDate=${today}`)).toEqual(summary);
    const future = addDays(today, 3);
    expect((await get(`/hrv-service/hrv/${future}`)).status).toBe(204);
    expect(await (await get(`/wellness-service/wellness/dailyStress/${future}`)).text()).toBe('null');
    const noSleep = await getJson(`/sleep-service/sleep/dailySleepData?date=${future}`);
    expect(noSleep.dailySleepDTO).toMatchObject({ calendarDate: future, sleepTimeSeconds: null });
    const sleep = await getJson(`/wellness-service/wellness/dailySleepData/demo_runner?date=${today}&nonSleepBufferMinutes=60`);
    expect(sleep.dailySleepDTO.sleepTimeSeconds).toBeGreaterThan(3600);
    const heart = await getJson(`/wellness-service/wellness/dailyHeartRate/?date=${today}`);
    expect(heart.heartRateValues.length).toBe(720);
  });

  it('has HRV gaps (204) and stress gaps (null) inside the history too', async () => {
    const statuses: number[] = [];
    const stress: string[] = [];
    for (let age = 0; age < 60; age++) {
      const date = addDays(today, -age);
      statuses.push((await get(`/hrv-service/hrv/${date}`)).status);
      stress.push(await (await get(`/wellness-service/wellness/dailyStress/${date}`)).text());
    }
    expect(statuses).toContain(204);
    expect(statuses).toContain(200);
    expect(stress).toContain('null');
  });

  it('caps ranges at 28 days', async () => {
    const start = addDays(today, -27);
    expect((await getJson(`/usersummary-service/stats/steps/daily/${start}/${today}`)).length).toBe(28);
    expect((await get(`/usersummary-service/stats/steps/daily/${addDays(start, -1)}/${today}`)).status).toBe(400);
    expect((await get(`/usersummary-service/stats/stress/daily/${today}/${start}`)).status).toBe(400);
    const battery = await getJson(`/wellness-service/wellness/bodyBattery/reports/daily?startDate=${start}&endDate=${today}`);
    expect(battery.length).toBe(28);
    const weight = await getJson(`/weight-service/weight/range/${start}/${today}?includeAll=true`);
    expect(weight.dailyWeightSummaries.length).toBeGreaterThan(0);
    expect(weight.dailyWeightSummaries.length).toBeLessThan(28);
  });

  it("answers 403 for another user's display name", async () => {
    expect((await get(`/usersummary-service/usersummary/daily/mfa_cyclist?calendarDate=${today}`)).status).toBe(403);
    expect((await get(`/wellness-service/wellness/dailyHeartRate/mfa_cyclist?date=${today}`)).status).toBe(403);
  });

  it('creates, reads and deletes workouts, both delete styles', async () => {
    const before = await getJson('/workout-service/workouts?start=0&limit=100');
    const create = (name: string) =>
      fetch(`${sim.url}/workout-service/workout`, {
        method: 'POST',
        headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
        body: JSON.stringify({ workoutName: name, sportType: { sportTypeId: 1, sportTypeKey: 'running' } }),
      }).then((r) => r.json() as Promise<any>);
    const a = await create('Intervals');
    const b = await create('Long run');
    expect(a).toMatchObject({ workoutName: 'Intervals', ownerId: demoSpec.profileId });
    expect((await getJson(`/workout-service/workout/${a.workoutId}`)).workoutSegments[0].workoutSteps.length).toBe(3);
    const del = await fetch(`${sim.url}/workout-service/workout/${a.workoutId}`, { method: 'DELETE', headers: { authorization: `Bearer ${bearer}` } });
    expect(del.status).toBe(204);
    const override = await fetch(`${sim.url}/workout-service/workout/${b.workoutId}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${bearer}`, 'x-http-method-override': 'DELETE' },
    });
    expect(override.status).toBe(204);
    expect((await get(`/workout-service/workout/${a.workoutId}`)).status).toBe(404);
    expect(await getJson('/workout-service/workouts?start=0&limit=100')).toEqual(before);
  });
});

describe('determinism', () => {
  async function snapshot(seed: string) {
    const sim = await startSim({ ...PERMISSIVE, SIM_SEED: seed });
    try {
      const demo = sim.state.accounts.findByEmail(demoSpec.email)!;
      const headers = { authorization: `Bearer ${sim.bearerFor(demo)}` };
      const today = sim.state.data.today(demo);
      const texts = await Promise.all(
        [`${LIST}?start=0&limit=200`, `/usersummary-service/usersummary/daily/?calendarDate=${addDays(today, -3)}`, '/workout-service/workouts'].map(
          (p) => fetch(`${sim.url}${p}`, { headers }).then((r) => r.text()),
        ),
      );
      return texts;
    } finally {
      await sim.close();
    }
  }

  it('gives the same data for the same seed, and other data for another seed', async () => {
    const first = await snapshot('alpha');
    expect(await snapshot('alpha')).toEqual(first);
    const other = await snapshot('beta');
    expect(other[0]).not.toEqual(first[0]);
    expect(other[1]).not.toEqual(first[1]);
  });
});
