import { SyncJobStatus } from '@fittrack/contracts';
import { createTestDatabase, TestDatabase } from '@fittrack/testing';
import { setTimeout as sleep } from 'node:timers/promises';
import { QueryRunner } from 'typeorm';
import { createDataSource, runMigrations, SyncJob, transitionSyncJob, User } from '../src';

/** Two processes ending the same running job at once: exactly one may win. */
describe('racing sync job transitions', () => {
  let db: TestDatabase;
  let userId: string;

  beforeAll(async () => {
    db = await createTestDatabase({ migrate: runMigrations, dataSource: (url) => createDataSource({ url, poolSize: 6 }) });
    userId = (await db.dataSource.getRepository(User).save({ garminProfileId: 9, displayName: 'racer' })).id;
  });

  afterAll(() => db?.drop());

  async function runningJob(): Promise<string> {
    const job = await db.dataSource
      .getRepository(SyncJob)
      .save({ userId, status: 'running', syncType: 'all', kinds: ['activities', 'health', 'workouts'], byKind: {}, trigger: 'manual' } as Partial<SyncJob>);
    return job.id;
  }

  async function openTransaction(): Promise<QueryRunner> {
    const runner = db.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    return runner;
  }

  /** Resolves once `count` parties have arrived, so none starts before all are ready. */
  function barrier(count: number): () => Promise<void> {
    let arrived = 0;
    let release!: () => void;
    const open = new Promise<void>((resolve) => (release = resolve));
    return () => {
      if (++arrived === count) release();
      return open;
    };
  }

  async function waitForLockWaiters(count: number): Promise<void> {
    for (let i = 0; i < 200; i++) {
      const [{ waiting }] = await db.dataSource.query(
        `SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      );
      if (waiting >= count) return;
      await sleep(10);
    }
    throw new Error('the second UPDATE never waited for the first one’s row lock');
  }

  it('lets exactly one of two connections started together end a running job', async () => {
    for (let round = 0; round < 20; round++) {
      const id = await runningJob();
      const ready = barrier(2);
      const outcomes = await Promise.all(
        (['completed', 'failed'] as const).map(async (to) => {
          const runner = await openTransaction();
          try {
            await ready();
            const result = await transitionSyncJob(runner.manager, id, to, { errorMessage: `${to} won` });
            await runner.commitTransaction();
            return { to, result };
          } finally {
            await runner.release();
          }
        }),
      );
      const winners = outcomes.filter((o) => o.result.ok);
      expect(winners).toHaveLength(1);
      const [winner] = winners;
      const loser = outcomes.find((o) => o !== winner)!;
      expect(loser.result).toEqual({ ok: false, reason: 'illegal', current: winner.to });
      const stored = await db.dataSource.getRepository(SyncJob).findOneByOrFail({ id });
      expect(stored).toMatchObject({ status: winner.to, errorMessage: `${winner.to} won` });
    }
  });

  it.each([
    ['commits', 'completed', false],
    ['rolls back', 'failed', true],
  ] as const)(
    'a move blocked behind another decides by its outcome: when the first %s, the job ends %s',
    async (outcome, expected: SyncJobStatus, secondWins) => {
      const id = await runningJob();
      const first = await openTransaction();
      const second = await openTransaction();
      try {
        expect((await transitionSyncJob(first.manager, id, 'completed')).ok).toBe(true);
        const blocked = transitionSyncJob(second.manager, id, 'failed', { errorMessage: 'second' });
        await waitForLockWaiters(1);
        if (outcome === 'commits') await first.commitTransaction();
        else await first.rollbackTransaction();
        const result = await blocked;
        await second.commitTransaction();
        expect(result.ok).toBe(secondWins);
        if (!result.ok) expect(result).toEqual({ ok: false, reason: 'illegal', current: 'completed' });
      } finally {
        await first.release();
        await second.release();
      }
      const stored = await db.dataSource.getRepository(SyncJob).findOneByOrFail({ id });
      expect(stored.status).toBe(expected);
      expect(stored.errorMessage).toBe(secondWins ? 'second' : null);
    },
  );
});
