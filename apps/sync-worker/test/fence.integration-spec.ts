import {
  acquireLease,
  countFurtherAttempt,
  createDataSource,
  createSyncJob,
  CreationPolicy,
  Lease,
  moveCursor,
  runMigrations,
  SyncJob,
  transitionSyncJob,
  User,
  UpsertSpec,
} from '@fittrack/persistence';
import { createTestDatabase, TestDatabase } from '@fittrack/testing';
import { FencedWriter } from '../src/sync/fenced-writer';
import { JobContext } from '../src/sync/job-context';
import { JobStopped } from '../src/sync/sync.errors';

/** Test setup writes jobs directly: no quota, and nothing counts as dead. */
const POLICY: CreationPolicy = { maxOpenJobs: 1000, deadJob: { staleAfterSeconds: 86_400, parkedGraceSeconds: 86_400, commandsGoneBefore: null } };

/** One activity row: enough to see whether a stale worker's data write lands. */
const ACTIVITY: UpsertSpec<{ userId: string; id: number; name: string }> = {
  table: 'activities',
  columns: ['user_id', 'activity_id', 'name', 'summary'],
  key: ['user_id', 'activity_id'],
  update: ['name', 'summary'],
  casts: { summary: 'jsonb' },
  touch: true,
  values: (r) => [r.userId, r.id, r.name, JSON.stringify({ name: r.name })],
};

/**
 * Every state write of a job is fenced by the user's lease: after another worker took the lease over, the
 * old holder's start, progress, cursor, data rows, completion and failure all write nothing, and a takeover
 * waits for a fenced write that is under way instead of slipping in under it.
 */
describe('the lease fences every write of a job', () => {
  let db: TestDatabase;
  let userId: string;
  const manager = () => db.dataSource.manager;
  const query = (sql: string, params: unknown[] = []) => db.dataSource.query(sql, params);

  beforeAll(async () => {
    db = await createTestDatabase({ migrate: runMigrations, dataSource: (url) => createDataSource({ url, poolSize: 6 }) });
  });
  afterAll(() => db.drop());

  /** A fresh user with one pending job, whose lease `stale` held first and `current` then took over. */
  async function takenOver(): Promise<{ job: SyncJob; stale: Lease; current: Lease }> {
    userId = (await db.dataSource.getRepository(User).save({ garminProfileId: Math.floor(Math.random() * 1e9), displayName: 'runner' })).id;
    const { job } = await db.dataSource.transaction((tx) => createSyncJob(tx, { userId, kinds: ['activities'], trigger: 'manual' }, POLICY));
    const stale = (await acquireLease(manager(), userId, job.id, 'worker-stale', 60_000))!;
    // The stale worker stops renewing (paused, or cut off from the database) and its lease runs out ...
    await query(`UPDATE sync_leases SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [userId]);
    // ... so another worker takes it, with the next fence.
    const current = (await acquireLease(manager(), userId, job.id, 'worker-current', 60_000))!;
    expect(Number(current.fence)).toBe(Number(stale.fence) + 1);
    return { job, stale, current };
  }

  const jobRow = async (id: string) => (await query(`SELECT status, attempt_count, processed_items, error_code, finished_at FROM sync_jobs WHERE id = $1`, [id]))[0];

  it('refuses the stale start (pending → running) and lets the holder start', async () => {
    const { job, stale, current } = await takenOver();
    expect(await transitionSyncJob(manager(), job.id, 'running', {}, stale)).toEqual({ ok: false, reason: 'lease_lost', current: 'pending' });
    expect((await jobRow(job.id)).status).toBe('pending');
    expect(await transitionSyncJob(manager(), job.id, 'running', {}, current)).toMatchObject({ ok: true });
    console.log('proved: a stale worker cannot start a job; the lease holder can');
  });

  it('refuses a stale further attempt, a stale completion and a stale failure', async () => {
    const { job, stale, current } = await takenOver();
    await transitionSyncJob(manager(), job.id, 'running', {}, current);
    expect(await countFurtherAttempt(manager(), job.id, stale)).toBeUndefined();
    expect(await transitionSyncJob(manager(), job.id, 'completed', {}, stale)).toMatchObject({ ok: false, reason: 'lease_lost' });
    expect(await transitionSyncJob(manager(), job.id, 'failed', { errorCode: 'gave_up' }, stale)).toMatchObject({ ok: false, reason: 'lease_lost' });
    expect(await jobRow(job.id)).toMatchObject({ status: 'running', attempt_count: 1, error_code: null, finished_at: null });
    expect(await countFurtherAttempt(manager(), job.id, current)).toMatchObject({ attemptCount: 2 });
    expect(await transitionSyncJob(manager(), job.id, 'completed', {}, current)).toMatchObject({ ok: true });
    console.log('proved: a stale worker can neither count an attempt nor end the job, while the holder can');
  });

  it('refuses stale progress, and the stale job learns it must stop', async () => {
    const { job, stale, current } = await takenOver();
    const started = await transitionSyncJob(manager(), job.id, 'running', {}, current);
    if (!started.ok) throw new Error('could not start');
    const ctx = new JobContext(started.job, stale, manager(), 0, () => undefined);
    ctx.planned();
    ctx.plan('activities', 10);
    ctx.done('activities', 7);
    await ctx.flush();
    expect(ctx.stopReason?.reason).toBe('lease_lost');
    expect((await jobRow(job.id)).processed_items).toBe(0);
    console.log('proved: stale progress is not written, and the stale worker stops as lease_lost');
  });

  it('refuses a stale cursor move', async () => {
    const { stale, current } = await takenOver();
    expect(await moveCursor(manager(), stale, 'activities', { syncedThrough: '2026-01-01' })).toBe(false);
    expect(await query(`SELECT * FROM sync_cursors WHERE user_id = $1`, [userId])).toEqual([]);
    expect(await moveCursor(manager(), current, 'activities', { syncedThrough: '2026-01-02' })).toBe(true);
    console.log('proved: a stale worker cannot move a cursor; the holder can');
  });

  it('refuses stale data rows, so an older answer never overwrites a newer one', async () => {
    const { stale, current } = await takenOver();
    await new FencedWriter(manager(), current, () => undefined).upsert(ACTIVITY, [{ userId, id: 1, name: 'newer' }]);
    const write = new FencedWriter(manager(), stale, () => undefined).upsert(ACTIVITY, [
      { userId, id: 1, name: 'older' },
      { userId, id: 2, name: 'older' },
    ]);
    await expect(write).rejects.toBeInstanceOf(JobStopped);
    expect(await query(`SELECT activity_id::int AS id, name FROM activities WHERE user_id = $1`, [userId])).toEqual([{ id: 1, name: 'newer' }]);
    console.log('proved: a stale worker writes no data row, neither an update nor an insert');
  });

  it('makes a takeover wait for a fenced write under way, which then lands whole', async () => {
    userId = (await db.dataSource.getRepository(User).save({ garminProfileId: Math.floor(Math.random() * 1e9), displayName: 'runner' })).id;
    const { job } = await db.dataSource.transaction((tx) => createSyncJob(tx, { userId, kinds: ['activities'], trigger: 'manual' }, POLICY));
    const first = (await acquireLease(manager(), userId, job.id, 'worker-first', 60_000))!;
    await query(`UPDATE sync_leases SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [userId]);
    const order: string[] = [];
    let takeover: Promise<Lease | undefined> | undefined;
    await new FencedWriter(manager(), first, () => undefined).together(async (upsert) => {
      await upsert(ACTIVITY, [{ userId, id: 1, name: 'first' }]);
      // The lease has run out, but this write holds it: the takeover must wait until the write commits.
      takeover = acquireLease(manager(), userId, job.id, 'worker-second', 60_000).then((lease) => {
        order.push('taken over');
        return lease;
      });
      await new Promise((resolve) => setTimeout(resolve, 500));
      await upsert(ACTIVITY, [{ userId, id: 2, name: 'first' }]);
      order.push('write committed');
    });
    const second = await takeover;
    expect(order).toEqual(['write committed', 'taken over']);
    expect(Number(second?.fence)).toBe(Number(first.fence) + 1);
    expect(await query(`SELECT count(*)::int AS n FROM activities WHERE user_id = $1`, [userId])).toEqual([{ n: 2 }]);
    await expect(new FencedWriter(manager(), first, () => undefined).upsert(ACTIVITY, [{ userId, id: 3, name: 'first' }])).rejects.toBeInstanceOf(JobStopped);
    console.log('proved: a takeover waits for the write under way; after it, the old fence writes nothing');
  });
});
