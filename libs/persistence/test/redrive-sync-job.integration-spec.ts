import { SyncJobStatus } from '@fittrack/contracts';
import { createTestDatabase, TestDatabase } from '@fittrack/testing';
import { createDataSource, redriveSyncJob, redriveSyncJobs, runMigrations, SyncJob, User } from '../src';

/** The one re-publish shape: a re-drive or wake is an outbox row `<jobId>:<n>` with the original payload. */
describe('re-driving a sync job', () => {
  let db: TestDatabase;
  let userId: string;

  beforeAll(async () => {
    db = await createTestDatabase({ migrate: runMigrations, dataSource: (url) => createDataSource({ url, poolSize: 2 }) });
    userId = (await db.dataSource.getRepository(User).save({ garminProfileId: 77, displayName: 'redriven' })).id;
  });

  afterAll(() => db?.drop());

  async function jobIn(status: SyncJobStatus, waiting = false): Promise<string> {
    const job = await db.dataSource.getRepository(SyncJob).save({
      userId,
      status,
      syncType: 'all',
      kinds: ['activities', 'health', 'workouts'],
      byKind: {},
      trigger: 'manual',
      waitingSince: waiting ? new Date() : null,
    } as Partial<SyncJob>);
    return job.id;
  }

  const outboxOf = (jobId: string) =>
    db.dataSource.query(`SELECT subject, msg_id, payload FROM outbox WHERE payload->>'jobId' = $1 ORDER BY id`, [jobId]);

  it('wakes a parked job and publishes its command again under a new message id each time', async () => {
    const id = await jobIn('pending', true);
    const first = await db.dataSource.transaction((manager) => redriveSyncJob(manager, id));
    const second = await db.dataSource.transaction((manager) => redriveSyncJob(manager, id));
    expect(first).toEqual({ jobId: id, userId, msgId: `${id}:1` });
    expect(second?.msgId).toBe(`${id}:2`);
    const job = await db.dataSource.getRepository(SyncJob).findOneByOrFail({ id });
    expect(job.waitingSince).toBeNull();
    expect(job.redriveCount).toBe(2);
    expect(await outboxOf(id)).toEqual([
      { subject: 'garmin.cmd.sync.run', msg_id: `${id}:1`, payload: { jobId: id, userId } },
      { subject: 'garmin.cmd.sync.run', msg_id: `${id}:2`, payload: { jobId: id, userId } },
    ]);
    console.log('proved: a re-drive clears waiting_since, counts, and writes `<jobId>:<n>` with the original payload');
  });

  it('re-drives running jobs too, and leaves ended ones alone', async () => {
    const running = await jobIn('running');
    const ended = await Promise.all((['completed', 'failed', 'cancelled'] as const).map((status) => jobIn(status)));
    const redriven = await redriveSyncJobs(db.dataSource.manager, [running, ...ended]);
    expect(redriven.map((r) => r.jobId)).toEqual([running]);
    for (const id of ended) {
      expect(await outboxOf(id)).toEqual([]);
      expect((await db.dataSource.getRepository(SyncJob).findOneByOrFail({ id })).redriveCount).toBe(0);
    }
    expect(await redriveSyncJob(db.dataSource.manager, ended[0])).toBeUndefined();
    console.log('proved: only pending or running jobs are re-published');
  });
});
