import { fakeConnect, fakeKindRun } from '../../../../test/support/kind-run';
import { ProfileSyncer } from './profile.syncer';

const GEAR = '/gear-service/gear/filterGear';
const ZONES = '/biometric-service/heartRateZones';

describe('ProfileSyncer', () => {
  it('asks only the sources of the selected kinds, counts each request, and stores what they yield', async () => {
    const { api, paths } = fakeConnect({ [GEAR]: [{ uuid: 'g-1', dateBegin: '2025-01-02', maximumMeters: null }], [ZONES]: [] });
    const { run, ctx, rowsOf } = fakeKindRun('profile', api, { selection: ['gear', 'heart_rate_zones', 'activities'] });

    const plan = await new ProfileSyncer().plan(run);
    expect(paths()).toEqual([]);
    expect(ctx.totals).toEqual({ processed: 0, total: 2 });
    await plan.fetch();

    expect(paths().sort()).toEqual([GEAR, ZONES].sort());
    expect(ctx.totals).toEqual({ processed: 2, total: 2 });
    expect(rowsOf('garmin_records')).toEqual([{ kind: 'gear', key: 'g-1', recordedOn: '2025-01-02', value: null, raw: { uuid: 'g-1', dateBegin: '2025-01-02', maximumMeters: null } }]);
  });

  it('asks nothing when no profile kind is selected', async () => {
    const { api, paths } = fakeConnect({});
    const { run, ctx, writes } = fakeKindRun('profile', api, { selection: ['activities', 'sleep'] });
    await (await new ProfileSyncer().plan(run)).fetch();
    expect(paths()).toEqual([]);
    expect(ctx.totals).toEqual({ processed: 0, total: 0 });
    expect(writes).toEqual([]);
  });
});
