import { AccountRegistry } from '../state/accounts';
import { Clock } from '../state/clock';
import { activitySplits, hrTimeInZones, powerTimeInZones } from './activity-parts';
import { devices, watchDeviceId } from './equipment';
import { SimData } from './sim-data';

describe('activity parts', () => {
  const data = new SimData('parts-spec', new Clock());
  const account = new AccountRegistry(120).add({ email: 'a@x.test', password: 'p', displayName: 'a', profileId: 81_000_201 });
  const activities = data.activities(account).newestFirst;

  it('splits every activity into laps adding up to its distance and duration', () => {
    for (const activity of activities) {
      const laps = activitySplits(activity).lapDTOs;
      expect(laps.reduce((s, l) => s + l.distance, 0)).toBeCloseTo(activity.distanceM, 1);
      expect(laps.reduce((s, l) => s + l.duration, 0)).toBeCloseTo(activity.durationS, 1);
      if (activity.distanceM > 0) for (const lap of laps.slice(0, -1)) expect(lap.distance).toBe(activity.kind.sportTypeId === 2 ? 5000 : 1000);
    }
  });

  it('spends the whole activity in the zones, power only on runs and rides', () => {
    for (const activity of activities) {
      expect(hrTimeInZones(activity, account).reduce((s, z) => s + z.secsInZone, 0)).toBe(Math.round(activity.durationS));
      const power = powerTimeInZones(activity, account);
      if ([1, 2].includes(activity.kind.sportTypeId)) expect(power.reduce((s, z) => s + z.secsInZone, 0)).toBe(Math.round(activity.durationS));
      else expect(power).toEqual([]);
    }
  });

  it('records activities with the device the devices list names first', () => {
    expect(devices(account)[0].deviceId).toBe(watchDeviceId(account));
    for (const activity of activities) expect(activity.summary['deviceId']).toBe(watchDeviceId(account));
  });
});
