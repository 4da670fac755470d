import { validateConfig } from '@fittrack/app-core';
import { SimConfig } from '../config/sim.config';
import { buildSimulator, Simulator } from '../server';
import { addDays } from './calendar';
import { activitiesOn } from './day-activities';
import { readinessEntries } from './training-metrics';

/**
 * Garmin lists a day's readiness snapshots newest first by `timestamp` (data/test_training_readiness_data_list.yaml).
 * A client may take the first entry or the newest timestamp as the day's readiness: both must be the same one,
 * also on a day whose last activity ends late in the evening.
 */
describe('training readiness entries', () => {
  let sim: Simulator;

  beforeAll(async () => {
    const config = validateConfig('garmin-sim', SimConfig, { LOG_LEVEL: 'silent', SIM_PROFILE: 'permissive' });
    sim = await buildSimulator(config, [{ email: 'ready@fittrack.test', password: 'pw-ready-1', displayName: 'ready', profileId: 7_200_001, historyDays: 3650 }]);
  });

  afterAll(() => sim.app.close());

  it('are newest first by time on every day of ten years, late activities included', () => {
    const account = sim.state.accounts.findByEmail('ready@fittrack.test')!;
    const today = sim.state.data.today(account);
    let lateDays = 0;
    for (let age = 1; age < 3650; age++) {
      const day = sim.state.data.day(account, addDays(today, -age));
      if (!day?.produces('training_readiness')) continue;
      const activities = activitiesOn(sim.state.data, account, day.date);
      if (activities.some((a) => a.startMs + a.durationS * 1000 + 60_000 >= day.dayEndMs - 2 * 3600_000)) lateDays++;
      const times = readinessEntries(day, activities).map((entry) => entry.atMs);
      expect(times).toEqual([...times].sort((a, b) => b - a));
    }
    // The case that broke the order before: the account's ten years hold days whose last activity ends after 22:00.
    expect(lateDays).toBeGreaterThan(0);
  });
});
