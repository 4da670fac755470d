import { addDays } from '../src/data/calendar';
import { AccountSpec } from '../src/state/accounts';
import { RunningSim, startSim } from './support/sim-harness';

const runner: AccountSpec = { email: 'gen@fittrack.test', password: 'pw', displayName: 'gen_runner', profileId: 81_000_303, historyDays: 400 };
const lacking: AccountSpec = { email: 'lacks@fittrack.test', password: 'pw', displayName: 'gen_lacks', profileId: 81_000_302, historyDays: 60, lacks: ['respiration'] };

/** The endpoints no cassette records, the archive and its reload allowance, device capabilities and the oracle, over HTTP. */
describe('generated endpoints', () => {
  let sim: RunningSim;
  let today: string;
  const bearerOf = (spec: AccountSpec) => sim.bearerFor(sim.state.accounts.findByEmail(spec.email)!);
  const get = (path: string, spec = runner) => fetch(`${sim.url}${path}`, { headers: { authorization: `Bearer ${bearerOf(spec)}` } });
  const getJson = async (path: string, spec = runner) => {
    const response = await get(path, spec);
    expect([path, response.status]).toEqual([path, 200]);
    expect(response.headers.get('content-type')).toBe('application/json;charset=UTF-8');
    return response.json() as Promise<any>;
  };
  const reload = (date: string, spec = runner) =>
    fetch(`${sim.url}/wellness-service/wellness/epoch/request/${date}`, { method: 'POST', headers: { authorization: `Bearer ${bearerOf(spec)}` } });
  const oracle = async (from: string, to: string, spec = runner) => {
    const response = await fetch(`${sim.url}/__sim/accounts/${spec.email}/oracle?from=${from}&to=${to}`);
    expect(response.status).toBe(200);
    return response.json() as Promise<any>;
  };
  const body = async (response: Response): Promise<any> => response.json();
  const patch = (spec: AccountSpec, body: unknown) =>
    fetch(`${sim.url}/__sim/accounts/${spec.email}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  beforeAll(async () => {
    sim = await startSim({ SIM_RELOADS_PER_DAY: '3' }, [runner, lacking]);
    today = sim.state.data.today(sim.state.accounts.findByEmail(runner.email)!);
  });

  afterAll(() => sim.close());

  it('serves the per-day kinds as the oracle tells them', async () => {
    const from = addDays(today, -6);
    const told = await oracle(from, today);
    for (let date = from; date <= today; date = addDays(date, 1)) {
      const day = told.daily[date];
      const steps = await getJson(`/wellness-service/wellness/dailySummaryChart/${runner.displayName}?date=${date}`);
      expect(steps.reduce((sum: number, b: any) => sum + b.steps, 0)).toBe(day.steps_intraday);
      expect((await getJson(`/wellness-service/wellness/daily/respiration/${date}`)).avgWakingRespirationValue).toBe(day.respiration);
      expect((await getJson(`/wellness-service/wellness/daily/spo2/${date}`)).averageSpO2).toBe(day.spo2);
      const floors = await getJson(`/wellness-service/wellness/floorsChartData/daily/${date}`);
      expect(floors.floorValuesArray.reduce((sum: number, v: any[]) => sum + v[2], 0)).toBe(day.floors);
      expect((await getJson(`/fitnessage-service/fitnessage/${date}`)).fitnessAge).toBe(day.fitness_age);
      expect((await getJson(`/lifestylelogging-service/dailyLog/${date}`)).dailyLogsReport.length || undefined).toBe(day.lifestyle);
    }
    const pressure = [
      ...(await getJson(`/bloodpressure-service/bloodpressure/range/${addDays(today, -55)}/${addDays(today, -28)}?includeAll=true`)).measurementSummaries,
      ...(await getJson(`/bloodpressure-service/bloodpressure/range/${addDays(today, -27)}/${today}?includeAll=true`)).measurementSummaries,
    ];
    const toldPressure = await oracle(addDays(today, -55), today);
    const byDay = Object.fromEntries(pressure.map((s: any) => [s.startDate, s.highSystolic]));
    const toldByDay = Object.fromEntries(Object.entries(toldPressure.daily).filter(([, e]: any) => 'blood_pressure' in e).map(([d, e]: any) => [d, e.blood_pressure]));
    expect(Object.keys(byDay).length).toBeGreaterThan(0);
    expect(byDay).toEqual(toldByDay);
    const maxmet = await getJson(`/metrics-service/metrics/maxmet/daily/${addDays(today, -27)}/${today}`);
    // Garmin's running figure, else its cycling one (the oracle's headline).
    const generic = Object.fromEntries(maxmet.map((e: any) => e.generic ?? e.cycling).map((m: any) => [m.calendarDate, m.vo2MaxPreciseValue]));
    const toldVo2 = Object.fromEntries(Object.entries((await oracle(addDays(today, -27), today)).daily).filter(([, e]: any) => 'vo2max' in e).map(([d, e]: any) => [d, e.vo2max]));
    expect(generic).toEqual(toldVo2);
    const races = await getJson(`/metrics-service/metrics/racepredictions/daily/${runner.displayName}?fromCalendarDate=${from}&toCalendarDate=${today}`);
    expect(races.map((r: any) => r.time5K)).toEqual(Object.values(told.daily).map((e: any) => e.race_predictions));
    expect((await getJson(`/metrics-service/metrics/racepredictions/latest/${runner.displayName}`)).calendarDate).toBe(today);
  });

  it('serves the records and activity parts the oracle lists', async () => {
    const told = await oracle(addDays(today, -30), today);
    const devices = await getJson('/device-service/deviceregistration/devices');
    expect(devices.map((d: any) => String(d.deviceId)).sort()).toEqual(Object.keys(told.records.devices).sort());
    const gear = await getJson(`/gear-service/gear/filterGear?userProfilePk=${runner.profileId}`);
    expect(Object.fromEntries(gear.map((g: any) => [g.uuid, g.maximumMeters]))).toEqual(told.records.gear);
    const prs = await getJson(`/personalrecord-service/personalrecord/prs/${runner.displayName}`);
    expect(Object.fromEntries(prs.map((p: any) => [String(p.typeId), p.value]))).toEqual(told.records.personal_records);
    const zones = await getJson('/biometric-service/heartRateZones');
    expect(Object.fromEntries(zones.map((z: any) => [z.sport, z.maxHeartRateUsed]))).toEqual(told.records.heart_rate_zones);
    const threshold = await getJson('/biometric-service/biometric/latestLactateThreshold');
    expect({ [threshold[1].calendarDate]: threshold[1].heartRate }).toEqual(told.records.lactate_threshold);
    expect((await getJson(`/biometric-service/biometric/powerToWeight/latest/${today}?sport=Running`))[0].sport).toBe('RUNNING');
    const ftp = await getJson('/biometric-service/biometric/latestFunctionalThresholdPower/CYCLING');
    expect({ [ftp.calendarDate]: ftp.functionalThresholdPower }).toEqual(told.records.ftp);
    const plans = await getJson('/trainingplan-service/trainingplan/plans');
    expect(plans.trainingPlanList).toHaveLength(1);
    expect(plans.trainingPlanList.map((p: any) => String(p.trainingPlanId))).toEqual(Object.keys(told.records.training_plans));

    const [year, month] = [Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 1];
    const calendar = await getJson(`/calendar-service/year/${year}/month/${month}`);
    const monthTold = await oracle(`${today.slice(0, 7)}-01`, `${today.slice(0, 7)}-${calendar.numOfDaysInMonth}`);
    const workouts = calendar.calendarItems.filter((i: any) => i.itemType === 'workout');
    expect(workouts.map((w: any) => String(w.id)).sort()).toEqual(Object.keys(monthTold.records.scheduled_workouts).sort());
    const saved = (await body(await get('/workout-service/workouts'))).map((w: any) => w.workoutId);
    for (const w of workouts) expect(saved).toContain(w.workoutId);

    for (const [id, parts] of Object.entries(told.activityParts) as [string, string[]][]) {
      const splits = await getJson(`/activity-service/activity/${id}/splits`);
      expect(splits.lapDTOs.length).toBeGreaterThan(0);
      expect((await getJson(`/activity-service/activity/${id}/weather`)).temp).toEqual(expect.any(Number));
      expect((await getJson(`/activity-service/activity/${id}/hrTimeInZones`)).length).toBe(5);
      expect(Array.isArray(await getJson(`/activity-service/activity/${id}/powerTimeInZones`))).toBe(true);
      const sets = await get(`/activity-service/activity/${id}/exerciseSets`);
      if (parts.includes('activity_exercise_sets')) expect((await body(sets)).exerciseSets.length).toBeGreaterThan(0);
      else expect(sets.status).toBe(204);
    }
  });

  it('answers bad input with a clear 4xx', async () => {
    const bad: [string, number][] = [
      ['/wellness-service/wellness/daily/spo2/2026-13-01', 400],
      [`/wellness-service/wellness/dailySummaryChart/someone_else?date=${today}`, 403],
      [`/bloodpressure-service/bloodpressure/range/${addDays(today, -28)}/${today}`, 400],
      [`/bloodpressure-service/bloodpressure/range/${today}/${addDays(today, -1)}`, 400],
      [`/metrics-service/metrics/maxmet/daily/${addDays(today, -28)}/${today}`, 400],
      [`/metrics-service/metrics/racepredictions/daily/${runner.displayName}?fromCalendarDate=${addDays(today, -367)}&toCalendarDate=${today}`, 400],
      [`/metrics-service/metrics/racepredictions/daily/${runner.displayName}?fromCalendarDate=${today}`, 400],
      ['/gear-service/gear/filterGear', 400],
      [`/gear-service/gear/filterGear?userProfilePk=${lacking.profileId}`, 403],
      ['/activity-service/activity/1/splits', 404],
      ['/calendar-service/year/2026/month/12', 400],
      ['/calendar-service/year/1999/month/0', 400],
    ];
    for (const [path, status] of bad) {
      const response = await get(path);
      expect([path, response.status]).toEqual([path, status]);
      if (status === 400) expect((await body(response)).message).toEqual(expect.any(String));
    }
    expect((await get(`/metrics-service/metrics/racepredictions/daily/${runner.displayName}?fromCalendarDate=${addDays(today, -366)}&toCalendarDate=${today}`)).status).toBe(200);
    expect((await reload('yesterday')).status).toBe(400);
    const oracleOf = (query: string) => fetch(`${sim.url}/__sim/accounts/${runner.email}/oracle${query}`);
    expect((await oracleOf('?from=2026-01-02&to=2026-01-01')).status).toBe(400);
    expect((await oracleOf('?from=2016-01-01&to=2026-01-01')).status).toBe(400);
    expect((await oracleOf('?from=2026-01-01')).status).toBe(400);
    expect((await fetch(`${sim.url}/__sim/accounts/nobody@x.test/oracle?from=2026-01-01&to=2026-01-01`)).status).toBe(404);
  });

  it('hides offloaded days until reloaded, within a daily allowance that turns at midnight UTC', async () => {
    const old = [200, 201, 202, 203].map((age) => addDays(today, -age));
    const before = await oracle(old[0], old[0]);
    expect(before.daily[old[0]]).not.toHaveProperty('steps_intraday');
    expect(before.daily[old[0]]).toHaveProperty('fitness_age');
    const zeroed = await getJson(`/wellness-service/wellness/dailySummaryChart/${runner.displayName}?date=${old[0]}`);
    expect(zeroed.every((b: any) => b.steps === 0 && b.primaryActivityLevel === 'none')).toBe(true);
    expect((await getJson(`/wellness-service/wellness/daily/respiration/${old[0]}`)).avgWakingRespirationValue).toBeNull();

    expect((await reload(old[0])).status).toBe(204);
    const after = (await oracle(old[0], old[0])).daily[old[0]];
    expect(after.steps_intraday).toBeGreaterThan(0);
    const chart = await getJson(`/wellness-service/wellness/dailySummaryChart/${runner.displayName}?date=${old[0]}`);
    expect(chart.reduce((sum: number, b: any) => sum + b.steps, 0)).toBe(after.steps_intraday);
    expect((await getJson(`/wellness-service/wellness/daily/respiration/${old[0]}`)).avgWakingRespirationValue).toBe(after.respiration);

    const recent = await oracle(today, today);
    expect((await reload(today)).status).toBe(204);
    expect(await oracle(today, today)).toEqual(recent);
    expect((await reload(old[1])).status).toBe(204);
    const refused = await reload(old[2]);
    expect(refused.status).toBe(429);
    expect((await oracle(old[2], old[2])).daily[old[2]]).not.toHaveProperty('spo2');
    const log = await body(await fetch(`${sim.url}/__sim/accounts/${runner.email}/reloads`));
    expect(log.today).toBe(3);
    expect(log.allowancePerDay).toBe(3);
    expect(log.requests.map((r: any) => [r.date, r.wasArchived])).toEqual([
      [old[0], true],
      [today, false],
      [old[1], true],
    ]);

    const toMidnight = 86_400_000 - (sim.state.clock.now() % 86_400_000);
    await fetch(`${sim.url}/__sim/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceMs: toMidnight + 1000 }) });
    expect((await body(await fetch(`${sim.url}/__sim/accounts/${runner.email}/reloads`))).today).toBe(0);
    expect((await reload(old[2])).status).toBe(204);
    expect((await oracle(old[2], old[2])).daily[old[2]]).toHaveProperty('spo2');
  });

  it('answers "no data" for a kind the device lacks, changeable at run time', async () => {
    const date = sim.state.data.today(sim.state.accounts.findByEmail(lacking.email)!);
    expect((await getJson(`/wellness-service/wellness/daily/respiration/${date}`, lacking)).avgWakingRespirationValue).toBeNull();
    expect((await oracle(date, date, lacking)).daily[date]).not.toHaveProperty('respiration');
    expect((await patch(lacking, { lacks: ['steps_intraday', 'vo2max', 'race_predictions'] })).status).toBe(200);
    expect((await getJson(`/wellness-service/wellness/daily/respiration/${date}`, lacking)).avgWakingRespirationValue).toEqual(expect.any(Number));
    expect(await getJson(`/wellness-service/wellness/dailySummaryChart/${lacking.displayName}?date=${date}`, lacking)).toEqual([]);
    expect(await getJson(`/metrics-service/metrics/racepredictions/daily/${lacking.displayName}?fromCalendarDate=${date}&toCalendarDate=${date}`, lacking)).toEqual([]);
    expect((await get(`/metrics-service/metrics/racepredictions/latest/${lacking.displayName}`, lacking)).status).toBe(204);
    const entry = (await oracle(date, date, lacking)).daily[date];
    expect(entry).toHaveProperty('respiration');
    for (const kind of ['steps_intraday', 'vo2max', 'race_predictions']) expect(entry).not.toHaveProperty(kind);
    const refused = await patch(lacking, { lacks: ['steps', 'nonsense'] });
    expect(refused.status).toBe(400);
    expect((await body(refused)).message).toMatch(/nonsense/);
    const listed = (await body(await fetch(`${sim.url}/__sim/accounts`))).find((a: any) => a.email === lacking.email);
    expect(listed.lacks).toEqual(['steps_intraday', 'vo2max', 'race_predictions']);
  });
});
