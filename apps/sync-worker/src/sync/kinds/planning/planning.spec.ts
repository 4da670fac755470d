import { fakeConnect, fakeKindRun } from '../../../../test/support/kind-run';
import { WorkerConfig } from '../../../config/worker.config';
import { WorkoutsSyncer } from '../workouts.syncer';
import { monthsBetween, planningMonths } from './calendar-months';
import { scheduledWorkoutsIn, trainingPlans } from './planning.sources';

const PLANS = '/trainingplan-service/trainingplan/plans';
const month = (year: number, month0: number) => `/calendar-service/year/${year}/month/${month0}`;

/** A month of Garmin's calendar: its planned workouts and its activities side by side in `calendarItems`. */
const calendar = (items: Record<string, unknown>[]) => ({ startDayOfMonth: 5, numOfDaysInMonth: 31, numOfDaysInPrevMonth: 30, year: 2026, month: 4, calendarItems: items });
const tempo = { id: 700_001, itemType: 'workout', workoutId: 55, title: 'Tempo', date: '2026-05-07' };
const long = { id: 700_002, itemType: 'workout', workoutId: 56, title: 'Long run', date: '2026-05-10' };
const ran = { id: 21_482_825_013, itemType: 'activity', activityTypeId: 1, title: 'Morning run', date: '2026-05-01' };
const plan = { trainingPlanId: 30_000_001, name: '10K', trainingPlanCategory: 'FBT_ADAPTIVE', startDate: '2026-04-06T00:00:00.0' };

describe('planning months', () => {
  it('counts Garmin calendar months from 0, across a year boundary', () => {
    expect(monthsBetween('2025-11-20', '2026-01-03')).toEqual([
      { year: 2025, month0: 10 },
      { year: 2025, month0: 11 },
      { year: 2026, month0: 0 },
    ]);
  });

  it("adds today's month and the next to the window's, each once, oldest first", () => {
    expect(planningMonths({ from: '2026-04-03', to: '2026-05-02' }, '2026-05-02')).toEqual([
      { year: 2026, month0: 3 },
      { year: 2026, month0: 4 },
      { year: 2026, month0: 5 },
    ]);
    // A range last year still brings the plans ahead; December's next month is January.
    expect(planningMonths({ from: '2025-02-10', to: '2025-02-20' }, '2025-12-31')).toEqual([
      { year: 2025, month0: 1 },
      { year: 2025, month0: 11 },
      { year: 2026, month0: 0 },
    ]);
  });
});

describe('planning sources', () => {
  it('scheduled_workouts: the workout items of a month (0-based in the path), not its activities', async () => {
    const { api, paths } = fakeConnect({ [month(2026, 4)]: calendar([ran, tempo, long, { itemType: 'workout', title: 'no id' }]) });
    expect(await scheduledWorkoutsIn(api, { year: 2026, month0: 4 })).toEqual([
      { kind: 'scheduled_workouts', key: '700001', recordedOn: '2026-05-07', value: null, raw: tempo },
      { kind: 'scheduled_workouts', key: '700002', recordedOn: '2026-05-10', value: null, raw: long },
    ]);
    expect(paths()).toEqual(['/calendar-service/year/2026/month/4']);
  });

  it('training_plans: the trainingPlanList, keyed by trainingPlanId and dated by startDate', async () => {
    const { api } = fakeConnect({ [PLANS]: { trainingPlanList: [plan] } });
    expect(await trainingPlans(api)).toEqual([{ kind: 'training_plans', key: '30000001', recordedOn: '2026-04-06', value: null, raw: plan }]);
  });

  it.each([null, {}, { calendarItems: [] }, { calendarItems: null }, []])('no data (%p) stores nothing', async (answer) => {
    const { api } = fakeConnect({ [month(2026, 4)]: answer, [PLANS]: answer });
    expect(await scheduledWorkoutsIn(api, { year: 2026, month0: 4 })).toEqual([]);
    expect(await trainingPlans(api)).toEqual([]);
  });
});

describe('WorkoutsSyncer planning', () => {
  const syncer = new WorkoutsSyncer({ SYNC_BACKFILL_DAYS: 30 } as WorkerConfig);

  it('reads the months since the last sync and the next one, counts each request, and stores the workouts planned', async () => {
    const { api, paths } = fakeConnect({ [month(2026, 4)]: calendar([ran, tempo]), [month(2026, 5)]: calendar([long]), [PLANS]: { trainingPlanList: [plan] } });
    const { run, ctx, rowsOf } = fakeKindRun('workouts', api, { selection: ['scheduled_workouts', 'training_plans'], cursor: { syncedThrough: '2026-05-01' } });

    const planned = await syncer.plan(run);
    expect(paths()).toEqual([]);
    expect(ctx.totals).toEqual({ processed: 0, total: 3 });
    expect(await planned.fetch()).toEqual({ syncedThrough: '2026-05-02' });

    expect(paths().sort()).toEqual([month(2026, 4), month(2026, 5), PLANS].sort());
    expect(ctx.totals).toEqual({ processed: 3, total: 3 });
    const records = rowsOf('garmin_records') as { kind: string; key: string }[];
    expect(records.map((r) => `${r.kind}:${r.key}`).sort()).toEqual(['scheduled_workouts:700001', 'scheduled_workouts:700002', 'training_plans:30000001']);
  });

  it('covers a backfill window month by month, and asks nothing of what is not selected (no library, no plans)', async () => {
    const { api, paths } = fakeConnect({ [month(2026, 3)]: null, [month(2026, 4)]: calendar([]), [month(2026, 5)]: null });
    const workouts = jest.fn();
    Object.assign(api, { workouts, workout: workouts });
    const { run, ctx, writes } = fakeKindRun('workouts', api, { selection: ['scheduled_workouts'] });

    await (await syncer.plan(run)).fetch();
    expect(paths().sort()).toEqual([month(2026, 3), month(2026, 4), month(2026, 5)].sort());
    expect(workouts).not.toHaveBeenCalled();
    expect(ctx.totals).toEqual({ processed: 3, total: 3 });
    expect(writes).toEqual([]);
  });

  it('a requested range reads its own months, plus the current and the next', async () => {
    const { api, paths } = fakeConnect({ [month(2025, 0)]: null, [month(2025, 1)]: null, [month(2026, 4)]: null, [month(2026, 5)]: null });
    const { run } = fakeKindRun('workouts', api, { selection: ['scheduled_workouts'], range: { from: '2025-01-15', to: '2025-02-03' } });
    await (await syncer.plan(run)).fetch();
    expect(paths().sort()).toEqual([month(2025, 0), month(2025, 1), month(2026, 4), month(2026, 5)].sort());
  });
});
