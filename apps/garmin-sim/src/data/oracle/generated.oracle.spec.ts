import { AccountRegistry } from '../../state/accounts';
import { Clock } from '../../state/clock';
import { exerciseSets } from '../activity-extras';
import { heartRateZones, latestCyclingFtp, latestLactateThreshold } from '../biometrics';
import { addDays } from '../calendar';
import { dayFacts, DayFacts } from '../daily';
import { devices, gear } from '../equipment';
import { personalRecords } from '../personal-records';
import { calendarMonth, trainingPlans } from '../planning';
import { SimData } from '../sim-data';
import { racePredictionEntry, vo2MaxEntry } from '../training';
import { floorsChart, respiration, spo2, stepsChart } from '../wellness-intraday';
import { bloodPressureRange, fitnessAge, lifestyleLog } from '../wellness-logs';
import { buildOracle } from './build-oracle';
import { GENERATED_DAILY_ORACLES, GENERATED_PART_ORACLES, GENERATED_RECORD_ORACLES } from './generated.oracle';

/** Each oracle against the rendered answer of the same day: the renderer and the oracle tell the same story. */
describe('generated oracles', () => {
  const clock = new Clock();
  const data = new SimData('oracle-spec', clock);
  const accounts = new AccountRegistry(400);
  const runner = accounts.add({ email: 'r@x.test', password: 'p', displayName: 'runner', profileId: 81_000_101, historyDays: 400 });
  const rider = accounts.add({ email: 'c@x.test', password: 'p', displayName: 'rider', profileId: 81_000_102, historyDays: 400, timeZone: 'Europe/Berlin' });
  const today = data.today(runner);
  const ages = [0, 1, 2, 5, 13, 40, 90, 179, 180, 250, 399];
  const headline = (kind: string, account = runner, day: DayFacts) =>
    GENERATED_DAILY_ORACLES.find((o) => o.kind === kind)!.headline(account, day, data) ?? null;

  /** The headline each rendered answer carries, read the way a client reads it. */
  const rendered: Record<string, (account: typeof runner, day: DayFacts) => number | null> = {
    respiration: (a, day) => respiration(a, day).avgWakingRespirationValue,
    spo2: (a, day) => spo2(a, day).averageSpO2,
    floors: (_a, day) => {
      const values = floorsChart(day).floorValuesArray;
      return values.length ? values.reduce((sum, v) => sum + Number(v[2]), 0) : null;
    },
    steps_intraday: (_a, day) => {
      const chart = stepsChart(day);
      return chart.every((b) => b.primaryActivityLevel === 'none') ? null : chart.reduce((sum, b) => sum + b.steps, 0);
    },
    blood_pressure: (a, day) => bloodPressureRange(a, day.date, day.date, [day]).measurementSummaries[0]?.highSystolic ?? null,
    lifestyle: (a, day) => lifestyleLog(a, day).dailyLogsReport.length || null,
    fitness_age: (a, day) => fitnessAge(a, day).fitnessAge,
    vo2max: (a, day) => {
      const entry = vo2MaxEntry(a, day.date, data.activitiesOn(a, day.date));
      return entry?.generic?.vo2MaxPreciseValue ?? entry?.cycling?.vo2MaxPreciseValue ?? null;
    },
    race_predictions: (a, day) => racePredictionEntry(a, day.date).time5K,
  };

  it('has a rendered reading for every daily oracle', () => {
    expect(Object.keys(rendered).sort()).toEqual(GENERATED_DAILY_ORACLES.map((o) => o.kind).sort());
  });

  it.each([runner, rider].flatMap((account) => ages.map((age) => [account.displayName, age] as const)))('agrees with the rendered answers (%s, %i days ago)', (name, age) => {
    const account = name === 'runner' ? runner : rider;
    const day = data.day(account, addDays(data.today(account), -age))!;
    for (const [kind, read] of Object.entries(rendered)) expect([kind, read(account, day)]).toEqual([kind, headline(kind, account, day)]);
  });

  it('hides the intraday kinds of an offloaded day and shows the others', () => {
    const old = data.day(runner, addDays(today, -200))!;
    expect(old.archived).toBe(true);
    for (const kind of ['respiration', 'spo2', 'floors', 'steps_intraday']) expect(headline(kind, runner, old)).toBeNull();
    expect(headline('fitness_age', runner, old)).not.toBeNull();
    expect(stepsChart(old).every((b) => b.steps === 0 && b.activityLevelConstant)).toBe(true);
  });

  it('sums the steps chart exactly to the day, also on a daylight-saving day', () => {
    for (let age = 0; age < 180; age += 1) {
      const day = data.day(rider, addDays(data.today(rider), -age))!;
      expect(stepsChart(day).reduce((sum, b) => sum + b.steps, 0)).toBe(day.steps);
    }
    for (const [date, buckets] of [['2025-03-30', 92], ['2025-10-26', 100]] as const) {
      const day = dayFacts('oracle-spec', rider, date);
      const chart = stepsChart(day);
      expect(chart).toHaveLength(buckets);
      expect(chart.reduce((sum, b) => sum + b.steps, 0)).toBe(day.steps);
    }
  });

  it('lists the same records the endpoints render', () => {
    const items = (kind: string, account = runner, range = { from: addDays(today, -60), to: addDays(today, 20) }) =>
      Object.fromEntries(GENERATED_RECORD_ORACLES.find((o) => o.kind === kind)!.items(account, data, range).map((i) => [i.key, i.value]));
    expect(items('devices')).toEqual(Object.fromEntries(devices(runner).map((d) => [String(d.deviceId), null])));
    expect(items('gear')).toEqual(Object.fromEntries(gear(runner).map((g) => [g.uuid, g.maximumMeters])));
    const prs = personalRecords(runner, data.activities(runner).newestFirst);
    expect(prs.length).toBeGreaterThan(0);
    expect(items('personal_records')).toEqual(Object.fromEntries(prs.map((p) => [String(p.typeId), p.value])));
    expect(items('heart_rate_zones')).toEqual(Object.fromEntries(heartRateZones(runner).map((z) => [z.sport, z.maxHeartRateUsed])));
    const threshold = latestLactateThreshold(runner, today);
    expect(items('lactate_threshold')).toEqual({ [threshold[0].calendarDate]: threshold.find((e) => e.heartRate !== null)!.heartRate });
    const ftp = latestCyclingFtp(runner, today);
    expect(items('ftp')).toEqual({ [ftp.calendarDate]: ftp.functionalThresholdPower });
    for (const account of [runner, rider]) {
      expect(items('training_plans', account)).toEqual(Object.fromEntries(trainingPlans(account, today).trainingPlanList.map((p) => [String(p.trainingPlanId), null])));
    }
    const month = calendarMonth(runner, data, Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 1);
    const monthRange = { from: `${today.slice(0, 7)}-01`, to: `${today.slice(0, 7)}-${month.numOfDaysInMonth}` };
    const scheduled = month.calendarItems.filter((i) => i.itemType === 'workout');
    expect(scheduled.length).toBeGreaterThan(2);
    expect(items('scheduled_workouts', runner, monthRange)).toEqual(Object.fromEntries(scheduled.map((s) => [String(s.id), null])));
  });

  it('gives exercise sets to strength activities only, and every part to the others', () => {
    const all = data.activities(runner).newestFirst;
    const strength = all.filter((a) => a.kind.typeKey === 'strength_training');
    expect(strength.length).toBeGreaterThan(0);
    const answer = buildOracle(runner, data, addDays(today, -399), today);
    for (const activity of all) {
      const parts = answer.activityParts[String(activity.activityId)];
      expect(parts).toEqual(GENERATED_PART_ORACLES.filter((p) => p.kind !== 'activity_exercise_sets' || activity.kind.typeKey === 'strength_training').map((p) => p.kind));
    }
    expect(exerciseSets(strength[0]).exerciseSets.length).toBeGreaterThan(0);
  });

  it('drops every kind the device lacks, and lists only days of the history', () => {
    const lacking = accounts.add({ email: 'l@x.test', password: 'p', displayName: 'lacking', profileId: 81_000_104, historyDays: 30, lacks: ['spo2', 'floors', 'fitness_age'] });
    const answer = buildOracle(lacking, data, addDays(today, -60), today);
    expect(Object.keys(answer.daily).length).toBe(30);
    for (const entry of Object.values(answer.daily)) {
      expect(entry).not.toHaveProperty('spo2');
      expect(entry).not.toHaveProperty('floors');
      expect(entry).not.toHaveProperty('fitness_age');
      expect(entry).toHaveProperty('respiration');
    }
    expect(spo2(lacking, data.day(lacking, today)!).averageSpO2).toBeNull();
  });
});
