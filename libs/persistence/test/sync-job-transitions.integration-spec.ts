import { canTransition, SYNC_JOB_STATUSES, SyncJobStatus } from '@fittrack/contracts';
import { createTestDatabase, TestDatabase } from '@fittrack/testing';
import { createDataSource, PersistenceError, runMigrations, SyncJob, transitionSyncJob, transitionSyncJobOrFail, User } from '../src';

const pairs = SYNC_JOB_STATUSES.flatMap((from) => SYNC_JOB_STATUSES.map((to) => [from, to] as const)).filter(
  ([from, to]) => from !== to,
);

describe('sync job state machine in PostgreSQL', () => {
  let db: TestDatabase;
  let userId: string;

  beforeAll(async () => {
    db = await createTestDatabase({ migrate: runMigrations, dataSource: (url) => createDataSource({ url, poolSize: 4 }) });
    userId = (await db.dataSource.getRepository(User).save({ garminProfileId: 1, displayName: 'runner' })).id;
  });

  afterAll(() => db.drop());

  /** A job put straight into `status`, bypassing the machine (setup only: INSERT is not guarded). */
  async function jobIn(status: SyncJobStatus): Promise<string> {
    const job = await db.dataSource
      .getRepository(SyncJob)
      .save({ userId, status, syncType: 'all', kinds: ['activities', 'health', 'workouts'], byKind: {}, trigger: 'manual' } as Partial<SyncJob>);
    return job.id;
  }

  it.each(pairs)('the trigger %s -> %s matches the transition table', async (from, to) => {
    const id = await jobIn(from);
    const update = db.dataSource.query(`UPDATE sync_jobs SET status = $2 WHERE id = $1`, [id, to]);
    if (canTransition(from, to)) await expect(update).resolves.toBeDefined();
    else await expect(update).rejects.toThrow(`illegal sync job transition ${from} -> ${to}`);
  });

  it.each(SYNC_JOB_STATUSES)('the trigger lets a %s job be updated without a status change', async (status) => {
    const id = await jobIn(status);
    await db.dataSource.query(`UPDATE sync_jobs SET status = $2, processed_items = 5 WHERE id = $1`, [id, status]);
    expect((await db.dataSource.getRepository(SyncJob).findOneByOrFail({ id })).processedItems).toBe(5);
  });

  it.each(pairs)('transitionSyncJob %s -> %s', async (from, to) => {
    const id = await jobIn(from);
    const result = await transitionSyncJob(db.dataSource.manager, id, to, { errorMessage: to === 'failed' ? 'boom' : undefined });
    if (canTransition(from, to)) {
      expect(result).toMatchObject({ ok: true, job: { id, status: to } });
    } else {
      expect(result).toEqual({ ok: false, reason: 'illegal', current: from });
      expect((await db.dataSource.getRepository(SyncJob).findOneByOrFail({ id })).status).toBe(from);
    }
  });

  it('stamps times, attempts and progress', async () => {
    const id = await jobIn('pending');
    const running = await transitionSyncJobOrFail(db.dataSource.manager, id, 'running');
    expect(running.startedAt).toBeInstanceOf(Date);
    expect(running.attemptCount).toBe(1);
    expect(running.finishedAt).toBeNull();
    const done = await transitionSyncJobOrFail(db.dataSource.manager, id, 'completed', { processedItems: 42, totalItems: 42 });
    expect(done).toMatchObject({ progress: 100, processedItems: 42, totalItems: 42 });
    expect(done.finishedAt).toBeInstanceOf(Date);
  });

  it('records the reason of a failure', async () => {
    const id = await jobIn('running');
    const failed = await transitionSyncJobOrFail(db.dataSource.manager, id, 'failed', { errorMessage: 'Garmin answered 503' });
    expect(failed.errorMessage).toBe('Garmin answered 503');
  });

  it('tells a missing job from an illegal move', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    expect(await transitionSyncJob(db.dataSource.manager, missing, 'running')).toEqual({ ok: false, reason: 'not_found' });
    await expect(transitionSyncJobOrFail(db.dataSource.manager, missing, 'running')).rejects.toMatchObject({
      code: 'JOB_NOT_FOUND',
    });
    const done = await jobIn('completed');
    await expect(transitionSyncJobOrFail(db.dataSource.manager, done, 'running')).rejects.toBeInstanceOf(PersistenceError);
  });
});
