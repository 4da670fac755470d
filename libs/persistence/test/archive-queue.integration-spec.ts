import { createTestDatabase, TestDatabase } from '@fittrack/testing';
import { ArchiveQueueStore, createDataSource, Fence, runMigrations, User } from '../src';

/** The queue of archived days and its per-account daily budget, shared in PostgreSQL by every job and worker. */
describe('the archive reload queue', () => {
  let db: TestDatabase;
  const queue = new ArchiveQueueStore();
  let profile = 9300;

  beforeAll(async () => {
    db = await createTestDatabase({ migrate: runMigrations, dataSource: (url) => createDataSource({ url, poolSize: 6 }) });
  });

  afterAll(() => db?.drop());

  /** A user holding their lease (fence 1) for a job. */
  async function leased(): Promise<{ fence: Fence; jobId: string }> {
    const userId = (await db.dataSource.getRepository(User).save({ garminProfileId: ++profile, displayName: `a${profile}` })).id;
    const [{ id: jobId }] = await db.dataSource.query(
      `INSERT INTO sync_jobs (user_id, status, sync_type, kinds, by_kind, trigger) VALUES ($1, 'running', 'health', '{health}', '{}', 'manual') RETURNING id`,
      [userId],
    );
    await db.dataSource.query(`INSERT INTO sync_leases (user_id, job_id, holder, fence, expires_at) VALUES ($1, $2, 'spec', 1, now() + interval '1 hour')`, [userId, jobId]);
    return { fence: { userId, fence: '1' }, jobId };
  }
  const m = () => db.dataSource.manager;
  const days = (from: number, count: number) => Array.from({ length: count }, (_, i) => `2025-03-${String(from + i).padStart(2, '0')}`);

  it('queues each day once, and reserves the newest first up to the day’s budget', async () => {
    const { fence, jobId } = await leased();
    expect(await queue.enqueue(m(), fence, jobId, days(1, 6))).toBe(6);
    expect(await queue.enqueue(m(), fence, jobId, days(4, 5))).toBe(2);
    const reserved: string[] = [];
    for (;;) {
      const next = await queue.reserveNext(m(), fence, jobId, 3);
      if (!next || 'none' in next) {
        expect(next).toEqual({ none: 'budget_spent' });
        break;
      }
      reserved.push(next.date);
    }
    expect(reserved).toEqual(['2025-03-08', '2025-03-07', '2025-03-06']);
    expect(await queue.summary(m(), fence.userId, 3)).toMatchObject({ queued: 5, requested: 3, requestedToday: 3, budget: 3, nextDates: days(1, 5).reverse() });
  });

  it('shares the budget between two jobs of the day, even racing', async () => {
    const { fence, jobId } = await leased();
    await queue.enqueue(m(), fence, jobId, days(1, 20));
    const race = await Promise.all(Array.from({ length: 12 }, () => queue.reserveNext(m(), fence, jobId, 5)));
    const dates = race.flatMap((r) => (r && 'date' in r ? [r.date] : []));
    expect(dates).toHaveLength(5);
    expect(new Set(dates).size).toBe(5);
    expect(await queue.reserveNext(m(), fence, 'c8a0ad4a-86ba-4f0a-9d6c-8f0d5e3c2a11', 5)).toEqual({ none: 'budget_spent' });
    // The next UTC day has a budget of its own.
    await db.dataSource.query(`UPDATE archive_reload_days SET utc_day = utc_day - 1 WHERE user_id = $1`, [fence.userId]);
    expect(await queue.reserveNext(m(), fence, jobId, 5)).toEqual({ date: '2025-03-15' });
  });

  it('on a refusal puts the day back and ends the day; fetched days are done', async () => {
    const { fence, jobId } = await leased();
    await queue.enqueue(m(), fence, jobId, days(1, 4));
    const first = (await queue.reserveNext(m(), fence, jobId, 10)) as { date: string };
    await queue.accepted(m(), fence, first.date);
    const second = (await queue.reserveNext(m(), fence, jobId, 10)) as { date: string };
    await queue.refused(m(), fence, second.date);
    expect(await queue.reserveNext(m(), fence, jobId, 10)).toEqual({ none: 'budget_spent' });
    expect(await queue.reloaded(m(), fence.userId)).toEqual([first.date]);
    expect(await queue.done(m(), fence, [first.date])).toBe(1);
    expect(await queue.summary(m(), fence.userId, 10)).toMatchObject({ queued: 3, requested: 0, done: 1, requestedToday: 2, exhaustedToday: true, nextDates: [second.date, '2025-03-02', '2025-03-01'] });
    expect(await queue.enqueue(m(), fence, jobId, [first.date])).toBe(0);
  });

  it('asks again, against the budget, for a reload whose answer a dead attempt never heard', async () => {
    const { fence, jobId } = await leased();
    await queue.enqueue(m(), fence, jobId, days(1, 3));
    const answered = (await queue.reserveNext(m(), fence, jobId, 4)) as { date: string };
    await queue.accepted(m(), fence, answered.date);
    const unheard = (await queue.reserveNext(m(), fence, jobId, 4)) as { date: string };
    expect(await queue.requeueUnanswered(m(), fence)).toEqual([unheard.date]);
    expect(await queue.reserveNext(m(), fence, jobId, 4)).toEqual({ date: unheard.date });
    expect(await queue.reserveNext(m(), fence, jobId, 4)).toEqual({ date: '2025-03-01' });
    expect(await queue.reserveNext(m(), fence, jobId, 4)).toEqual({ none: 'queue_empty' });
    expect((await queue.summary(m(), fence.userId, 4)).requestedToday).toBe(4);
  });

  it('writes nothing once the lease is lost', async () => {
    const { fence, jobId } = await leased();
    const lost: Fence = { ...fence, fence: '2' };
    expect(await queue.enqueue(m(), lost, jobId, days(1, 2))).toBeUndefined();
    await queue.enqueue(m(), fence, jobId, days(1, 2));
    expect(await queue.reserveNext(m(), lost, jobId, 5)).toBeUndefined();
    expect(await queue.summary(m(), fence.userId, 5)).toMatchObject({ queued: 2, requestedToday: 0 });
  });
});
