import { CATALOG_DEFAULT_SELECTION, DataKind } from '@fittrack/contracts';
import { ActivitySummary } from '@fittrack/garmin';
import { fakeConnect, fakeKindRun } from '../../../../test/support/kind-run';
import { WorkerConfig } from '../../../config/worker.config';
import { ActivitiesSyncer } from '../activities.syncer';

const entry = (id: number, typeKey: string): ActivitySummary => ({
  activityId: id,
  activityName: `${typeKey} ${id}`,
  startTimeLocal: '2026-05-01 07:00:00',
  startTimeGMT: '2026-05-01 05:00:00',
  activityType: { typeId: 1, typeKey },
  beginTimestamp: 0,
  hrTimeInZone_1: 300,
  hrTimeInZone_2: 600,
});
const RUN = entry(101, 'running');
const LIFT = entry(202, 'strength_training');
const LIST = [RUN, LIFT];

const part = (id: number, name: string) => `/activity-service/activity/${id}/${name}`;
const SPLITS = (id: number) => ({ activityId: id, lapDTOs: [{ lapIndex: 1, distance: 1000, duration: 300 }] });
const SETS = { activityId: 202, exerciseSets: [{ setType: 'ACTIVE', repetitionCount: 8, weight: 60_000 }] };

/** Garmin with a run and a strength session; every part's path answers (weather: none for the session, indoors). */
function garmin() {
  const connect = fakeConnect(
    {
      [part(101, 'splits')]: SPLITS(101),
      [part(202, 'splits')]: SPLITS(202),
      [part(202, 'exerciseSets')]: SETS,
      [part(101, 'weather')]: { temp: 58, relativeHumidity: 80 },
      [part(202, 'weather')]: null,
    },
    {
      activities: async (start: number) => (start === 0 ? LIST : []),
      activity: async (id: number) => ({ activityId: id, summaryDTO: {} }),
      activityFile: async () => null,
    },
  );
  return connect;
}

const syncer = new ActivitiesSyncer({ SYNC_BACKFILL_DAYS: 30, SYNC_ACTIVITY_REREAD_DAYS: 7 } as WorkerConfig);
const RANGE = { from: '2026-04-01', to: '2026-05-02' };

/** Stored activities as the completeness query finds them: id → the parts asked with their detail. */
const storedAs = (asked: Record<number, DataKind[]>) => (sql: string, params: unknown[]) =>
  sql.includes('parts_asked') ? (params[1] as number[]).filter((id) => id in asked).map((id) => ({ activity_id: String(id), parts_asked: asked[id] })) : [];

describe('ActivitiesSyncer parts', () => {
  it('fetches the default parts (zones, splits; exercise sets for strength only; no weather), counted in the plan, written with the detail', async () => {
    const { api, paths } = garmin();
    const { run, ctx, writes } = fakeKindRun('activities', api, { range: RANGE });

    const plan = await syncer.plan(run);
    // 1 list page; the run: detail, file, splits; the session: detail, file, splits, exercise sets.
    expect(ctx.totals).toEqual({ processed: 1, total: 1 + 3 + 4 });
    await plan.fetch();
    expect(ctx.totals).toEqual({ processed: 8, total: 8 });
    expect(paths().sort()).toEqual([part(101, 'splits'), part(202, 'exerciseSets'), part(202, 'splits')]);

    const parts = writes.filter((w) => w.table === 'activity_parts');
    const details = writes.filter((w) => w.table === 'activities' && (w.rows[0] as { detail?: unknown }).detail !== undefined);
    expect(parts).toHaveLength(2);
    for (const written of parts) {
      const activityId = (written.rows[0] as { activityId: number }).activityId;
      const detail = details.find((d) => (d.rows[0] as { a: ActivitySummary }).a.activityId === activityId);
      expect(detail?.transaction).toBe(written.transaction);
    }
    const rows = parts.flatMap((w) => w.rows) as { activityId: number; part: string; raw: unknown }[];
    expect(rows.map((r) => `${r.activityId}:${r.part}`).sort()).toEqual(['101:activity_splits', '101:activity_zones', '202:activity_exercise_sets', '202:activity_splits', '202:activity_zones']);
    expect(rows.find((r) => r.activityId === 101 && r.part === 'activity_zones')?.raw).toEqual({ hr: [300, 600, null, null, null], power: null });
    expect(rows.find((r) => r.part === 'activity_exercise_sets')?.raw).toEqual(SETS);
    const asked = details.map((d) => d.rows[0] as { a: ActivitySummary; partsAsked: string[] });
    expect(asked.find((d) => d.a.activityId === 101)?.partsAsked).toEqual(['activity_zones', 'activity_splits']);
    expect(asked.find((d) => d.a.activityId === 202)?.partsAsked).toEqual(['activity_zones', 'activity_splits', 'activity_exercise_sets']);
  });

  it('asks weather when it is selected, and stores none where Garmin has none', async () => {
    const { api, paths } = garmin();
    const { run, ctx, rowsOf } = fakeKindRun('activities', api, { range: RANGE, selection: ['activities', 'activity_weather'] });
    const plan = await syncer.plan(run);
    expect(ctx.totals.total).toBe(1 + 3 + 3);
    await plan.fetch();
    expect(paths().sort()).toEqual([part(101, 'weather'), part(202, 'weather')]);
    expect((rowsOf('activity_parts') as { activityId: number; part: string }[]).map((r) => `${r.activityId}:${r.part}`)).toEqual(['101:activity_weather']);
  });

  it('asks no part that is not selected, and nothing at all without activities selected', async () => {
    const bare = garmin();
    const { run, ctx, rowsOf } = fakeKindRun('activities', bare.api, { range: RANGE, selection: ['activities'] });
    await (await syncer.plan(run)).fetch();
    expect(bare.paths()).toEqual([]);
    expect(ctx.totals).toEqual({ processed: 5, total: 5 });
    expect(rowsOf('activity_parts')).toEqual([]);

    const none = garmin();
    const listed = jest.spyOn(none.api, 'activities');
    const off = fakeKindRun('activities', none.api, { range: RANGE, selection: CATALOG_DEFAULT_SELECTION.filter((k) => k !== 'activities') });
    await (await syncer.plan(off.run)).fetch();
    expect(listed).not.toHaveBeenCalled();
    expect(off.ctx.totals).toEqual({ processed: 0, total: 0 });
    expect(off.writes).toEqual([]);
  });

  it('skips a stored activity whose selected parts were all asked, even those that had no data', async () => {
    const { api, paths } = garmin();
    const fetched = jest.spyOn(api, 'activity');
    const stored = storedAs({ 101: ['activity_zones', 'activity_splits', 'activity_weather'], 202: ['activity_zones', 'activity_splits', 'activity_exercise_sets', 'activity_weather'] });
    const { run, ctx } = fakeKindRun('activities', api, { range: RANGE, selection: [...CATALOG_DEFAULT_SELECTION, 'activity_weather'], stored });
    await (await syncer.plan(run)).fetch();
    expect(fetched).not.toHaveBeenCalled();
    expect(paths()).toEqual([]);
    expect(ctx.totals).toEqual({ processed: 1, total: 1 });
  });

  it('fetches again, with all its parts, an activity stored without a part now selected (a resumed attempt, a wider selection)', async () => {
    const { api, paths } = garmin();
    const fetched = jest.spyOn(api, 'activity');
    // The run was stored before its splits were asked; the session is complete.
    const stored = storedAs({ 101: ['activity_zones'], 202: ['activity_zones', 'activity_splits', 'activity_exercise_sets'] });
    const { run, ctx, writes } = fakeKindRun('activities', api, { range: RANGE, stored });
    await (await syncer.plan(run)).fetch();
    expect(fetched.mock.calls.map(([id]) => id)).toEqual([101]);
    expect(paths()).toEqual([part(101, 'splits')]);
    expect(ctx.totals).toEqual({ processed: 4, total: 4 });
    // The complete one's entry is written up front; the one fetched again gets its entry with its detail.
    const summaries = writes.filter((w) => w.table === 'activities').map((w) => ({ ids: w.rows.map((r) => (r as { a: ActivitySummary }).a.activityId), transaction: w.transaction }));
    expect(summaries[0].ids).toEqual([202]);
    const parts = writes.find((w) => w.table === 'activity_parts');
    expect(summaries.filter((s) => s.ids[0] === 101).every((s) => s.transaction === parts?.transaction)).toBe(true);
  });
});
