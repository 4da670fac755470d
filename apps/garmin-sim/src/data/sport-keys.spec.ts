import { validateConfig } from '@fittrack/app-core';
import { SimConfig } from '../config/sim.config';
import { SimData } from './sim-data';
import { DEMO_ACCOUNTS } from '../state/accounts';
import { SimState } from '../state/sim-state';
import { activityDetail } from './activity-detail';

describe('activity keys follow the sport', () => {
  const state = new SimState(validateConfig('garmin-sim', SimConfig, { LOG_LEVEL: 'silent' }), DEMO_ACCOUNTS);
  const account = state.accounts.findByEmail(DEMO_ACCOUNTS[0].email)!;
  const data: SimData = state.data;
  const first = (typeKey: string) => data.activities(account).newestFirst.find((a) => a.kind.typeKey === typeKey)!;

  it('gives running cadence only to runs and walks, strokes only to swims, sets only to strength', () => {
    const run = first('running').summary;
    const ride = first('cycling').summary;
    const swim = first('lap_swimming').summary;
    const strength = first('strength_training').summary;
    expect(run).toHaveProperty('averageRunningCadenceInStepsPerMinute');
    expect(run).toHaveProperty('avgVerticalOscillation');
    for (const other of [ride, swim, strength]) expect(other).not.toHaveProperty('averageRunningCadenceInStepsPerMinute');
    expect(ride).toHaveProperty('averageBikingCadenceInRevPerMinute');
    expect(ride).toHaveProperty('avgPower');
    expect(swim).toHaveProperty('strokes');
    expect(run).not.toHaveProperty('strokes');
    expect(strength).toMatchObject({ activeSets: expect.any(Number), totalSets: expect.any(Number), totalReps: expect.any(Number) });
    expect(strength['summarizedExerciseSets']).toEqual(expect.arrayContaining([expect.objectContaining({ category: expect.any(String), reps: expect.any(Number) })]));
    expect(strength).not.toHaveProperty('elevationGain');
    expect(run).not.toHaveProperty('activeSets');
  });

  it('gives an indoor detail no distance or location, and an outdoor one both', () => {
    const indoor = activityDetail(account, first('strength_training'));
    const outdoor = activityDetail(account, first('running'));
    expect(indoor['summaryDTO']).not.toHaveProperty('distance');
    expect(indoor).not.toHaveProperty('locationName');
    expect(indoor['summaryDTO']).toHaveProperty('activeSets');
    expect(outdoor['summaryDTO']).toHaveProperty('distance');
    expect(outdoor['summaryDTO']).not.toHaveProperty('activeSets');
  });
});
