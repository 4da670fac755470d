import { ActivitySummary, ConnectApi } from '@fittrack/garmin';
import { Lease, SyncJob, UpsertSpec } from '@fittrack/persistence';
import { EntityManager } from 'typeorm';
import { WorkerConfig } from '../../config/worker.config';
import { JobContext } from '../job-context';
import { ActivitiesSyncer } from './activities.syncer';
import { KindRun } from './kind-syncer';
import { uniqueRows } from './last-by-key';
import { KindAvailability } from './availability';

const activity = (id: number, name = `run ${id}`): ActivitySummary => ({
  activityId: id,
  activityName: name,
  startTimeLocal: '2026-05-01 07:00:00',
  startTimeGMT: '2026-05-01 05:00:00',
  activityType: { typeId: 1, typeKey: 'running' },
  beginTimestamp: 0,
});

/** The database seam: progress writes succeed, nothing is stored yet, transactions run inline. */
function fakeManager(): EntityManager {
  const manager = {
    query: async (sql: string) => (sql.trimStart().startsWith('UPDATE') ? [[{ id: 'job' }], 1] : []),
    transaction: async (work: (tx: EntityManager) => Promise<unknown>) => work(manager as unknown as EntityManager),
  };
  return manager as unknown as EntityManager;
}

describe('ActivitiesSyncer', () => {
  it('lists an activity repeated across a page boundary once (the last listing), fetches it once and upserts unique keys', async () => {
    // Page 1 is full (100), page 2 starts with the last activity of page 1 again, renamed meanwhile.
    const page1 = Array.from({ length: 100 }, (_, i) => activity(i + 1));
    const page2 = [activity(100, 'renamed'), activity(101)];
    const api = {
      activities: jest.fn(async (start: number) => (start === 0 ? page1 : start === 100 ? page2 : [])),
      activity: jest.fn(async () => ({})),
      activityFile: jest.fn(async () => null),
    } as unknown as ConnectApi & { activity: jest.Mock };
    const manager = fakeManager();
    const job = { id: 'job', userId: 'user', kinds: ['activities'], byKind: {}, processedItems: 0, totalItems: null, progress: 0 } as unknown as SyncJob;
    const ctx = new JobContext(job, { userId: 'user', jobId: 'job', holder: 'test', fence: '1' } as Lease, manager, 60_000, () => undefined);
    const upserts: { table: string; rows: readonly unknown[]; unique: number }[] = [];
    const run: KindRun = {
      ctx,
      api,
      selection: new Set(['activities']),
      availability: KindAvailability.nothingKnown(manager, ctx.lease, 'job'),
      displayName: 'spec',
      profileId: 1,
      manager,
      today: '2026-05-02',
      range: { from: '2026-04-01', to: '2026-05-02' },
      cursor: null,
      concurrency: 2,
      upsert: async <R>(spec: UpsertSpec<R>, rows: readonly R[]) => {
        upserts.push({ table: spec.table, rows, unique: uniqueRows(spec, rows).length });
        return rows.length;
      },
      together: (work) => work(run.upsert),
    };

    const plan = await new ActivitiesSyncer({ SYNC_BACKFILL_DAYS: 30 } as WorkerConfig).plan(run);
    // 2 list pages, then a detail and a file for each of the 101 distinct activities.
    expect(ctx.totals).toEqual({ processed: 2, total: 2 + 101 * 2 });
    await plan.fetch();

    // New activities: each list entry is written with its detail, in one statement (one change), once per key.
    const written = upserts.filter((u) => u.table === 'activities');
    expect(written.every((u) => u.unique === u.rows.length)).toBe(true);
    const listed = written.flatMap((u) => u.rows) as { a: ActivitySummary; detail?: unknown }[];
    expect(listed.every((r) => r.detail !== undefined)).toBe(true);
    expect(listed).toHaveLength(101);
    expect(new Set(listed.map((r) => r.a.activityId)).size).toBe(101);
    expect(listed.find((r) => r.a.activityId === 100)?.a.activityName).toBe('renamed');
    expect(api.activity).toHaveBeenCalledTimes(101);
    expect(new Set(api.activity.mock.calls.map(([id]) => id)).size).toBe(101);
    expect(ctx.totals).toEqual({ processed: 204, total: 204 });
  });
});
