import { ConnectApi, Workout } from '@fittrack/garmin';
import { Lease, SyncJob, UpsertSpec } from '@fittrack/persistence';
import { EntityManager } from 'typeorm';
import { WorkerConfig } from '../../config/worker.config';
import { JobContext } from '../job-context';
import { KindRun } from './kind-syncer';
import { uniqueRows } from './last-by-key';
import { WorkoutsSyncer } from './workouts.syncer';
import { KindAvailability } from './availability';

const workout = (id: number, name = `plan ${id}`) => ({ workoutId: id, workoutName: name }) as unknown as Workout;

describe('WorkoutsSyncer', () => {
  it('lists a workout repeated across a page boundary once (the last listing) and fetches its detail once', async () => {
    const page1 = Array.from({ length: 100 }, (_, i) => workout(i + 1));
    const page2 = [workout(100, 'edited'), workout(101)];
    const api = {
      workouts: jest.fn(async (start: number) => (start === 0 ? page1 : start === 100 ? page2 : [])),
      workout: jest.fn(async () => ({})),
    } as unknown as ConnectApi & { workout: jest.Mock };
    const manager = { query: async (sql: string) => (sql.trimStart().startsWith('UPDATE') ? [[{ id: 'job' }], 1] : []) } as unknown as EntityManager;
    const job = { id: 'job', userId: 'user', kinds: ['workouts'], byKind: {}, processedItems: 0, totalItems: null, progress: 0 } as unknown as SyncJob;
    const ctx = new JobContext(job, { userId: 'user', jobId: 'job', holder: 'test', fence: '1' } as Lease, manager, 60_000, () => undefined);
    const batches: { rows: readonly unknown[]; unique: number }[] = [];
    const run: KindRun = {
      ctx,
      api,
      selection: new Set(['workouts']),
      availability: KindAvailability.nothingKnown(manager, ctx.lease, 'job'),
      displayName: 'spec',
      profileId: 1,
      manager,
      today: '2026-05-02',
      range: null,
      cursor: null,
      concurrency: 2,
      upsert: async <R>(spec: UpsertSpec<R>, rows: readonly R[]) => {
        batches.push({ rows, unique: uniqueRows(spec, rows).length });
        return rows.length;
      },
      together: (work) => work(run.upsert),
    };

    const plan = await new WorkoutsSyncer({ SYNC_BACKFILL_DAYS: 30 } as WorkerConfig).plan(run);
    expect(ctx.totals).toEqual({ processed: 2, total: 2 + 101 });
    await plan.fetch();
    // Each new workout is written once, entry and detail in one statement (one change, one event).
    const written = batches.flatMap((b) => b.rows) as { w: Workout; detail?: unknown }[];
    expect(batches.every((b) => b.unique === b.rows.length)).toBe(true);
    expect(written).toHaveLength(101);
    expect(new Set(written.map((r) => r.w.workoutId)).size).toBe(101);
    expect(written.every((r) => r.detail !== undefined)).toBe(true);
    expect(written.find((r) => r.w.workoutId === 100)?.w.workoutName).toBe('edited');
    expect(new Set(api.workout.mock.calls.map(([id]) => id)).size).toBe(101);
    expect(api.workout).toHaveBeenCalledTimes(101);
  });
});
