import { SYNC_KINDS, SyncJobStatus } from '@fittrack/contracts';
import { createTestDatabase, TestDatabase } from '@fittrack/testing';
import { createDataSource, DeadJobRule, dedupeKeyOf, enqueueNightlySyncJobs, runMigrations, SyncJob, SyncJobStore, User } from '../src';

const RULE: DeadJobRule = { staleAfterSeconds: 60, parkedGraceSeconds: 10, commandsGoneBefore: null };

/** Each clause of the dead-job rule, through the reconciler's sweep (SyncJobStore.redriveDead). */
describe('the dead-job rule', () => {
  let db: TestDatabase;
  const store = new SyncJobStore();
  let profile = 500;

  beforeAll(async () => {
    db = await createTestDatabase({ migrate: runMigrations, dataSource: (url) => createDataSource({ url, poolSize: 2 }) });
  });

  afterAll(() => db?.drop());

  async function user(): Promise<string> {
    return (await db.dataSource.getRepository(User).save({ garminProfileId: ++profile, displayName: `u${profile}` })).id;
  }

  /** A job as the sweep would find it: `ageSeconds` since anything touched it, its command published then. */
  async function job(userId: string, spec: { status?: SyncJobStatus; ageSeconds?: number; parkedSeconds?: number; notBeforeInSeconds?: number; published?: boolean } = {}): Promise<string> {
    const age = spec.ageSeconds ?? 600;
    const [row] = await db.dataSource.query(
      `INSERT INTO sync_jobs (user_id, status, sync_type, kinds, by_kind, trigger, dedupe_key, not_before, waiting_since, created_at, updated_at)
       VALUES ($1, $2, 'all', '{activities}', '{}', 'manual', gen_random_uuid()::text, now() + make_interval(secs => $3), now() - make_interval(secs => $4),
               now() - make_interval(secs => $5), now() - make_interval(secs => $5))
       RETURNING id`,
      [userId, spec.status ?? 'pending', spec.notBeforeInSeconds ?? -1, spec.parkedSeconds ?? null, age],
    );
    await db.dataSource.query(`INSERT INTO outbox (subject, msg_id, payload, published_at) VALUES ('garmin.cmd.sync.run', $1, '{}', $2)`, [
      row.id,
      spec.published === false ? null : new Date(Date.now() - age * 1000),
    ]);
    return row.id;
  }

  const sweep = (rule: DeadJobRule = RULE) => db.dataSource.transaction((manager) => store.redriveDead(manager, rule, 100));
  const lease = (userId: string, jobId: string, expiresInSeconds: number) =>
    db.dataSource.query(`INSERT INTO sync_leases (user_id, job_id, holder, fence, expires_at) VALUES ($1, $2, 'w', 1, now() + make_interval(secs => $3))`, [
      userId,
      jobId,
      expiresInSeconds,
    ]);

  it('re-drives stale jobs whose command is gone, one per user per sweep, oldest first, running before pending', async () => {
    const a = await user();
    const b = await user();
    const olderPending = await job(a, { ageSeconds: 900 });
    const running = await job(a, { status: 'running', ageSeconds: 300 });
    const onlyOfB = await job(b);
    const first = await sweep();
    expect(first.map((r) => r.jobId).sort()).toEqual([running, onlyOfB].sort());
    expect(first.find((r) => r.jobId === running)?.reason).toBe('running');
    // The re-driven ones were just touched; the next sweep takes the next of a's.
    expect((await sweep()).map((r) => r.jobId)).toEqual([olderPending]);
    expect(await sweep()).toEqual([]);
    console.log('proved: one dead job per user per sweep, the running one first, and a re-drive is not stale again at once');
  });

  it('leaves alone jobs that are fresh, not yet due, behind a live lease, or whose command is unpublished or still in the stream', async () => {
    const u = await user();
    await job(u, { ageSeconds: 5 });
    await job(u, { notBeforeInSeconds: 3600 });
    await job(u, { published: false });
    const held = await user();
    const heldJob = await job(held);
    await lease(held, heldJob, 30);
    expect(await sweep()).toEqual([]);
    // Published 10 minutes ago, while the stream's oldest message is 11 minutes old: still in the stream (a backlog).
    const backlog = await user();
    const waiting = await job(backlog);
    expect(await sweep({ ...RULE, commandsGoneBefore: new Date(Date.now() - 660_000) })).toEqual([]);
    // The stream's oldest message is newer than the command (by more than the margin): the command is gone.
    expect((await sweep({ ...RULE, commandsGoneBefore: new Date() })).map((r) => r.jobId)).toEqual([waiting]);
    console.log('proved: fresh, future, unpublished, leased and still-queued jobs are never re-driven');
  });

  it('takes over a running job once its lease has expired, and wakes a parked job after the grace', async () => {
    const u = await user();
    const running = await job(u, { status: 'running' });
    await lease(u, running, -1);
    expect((await sweep()).map((r) => [r.jobId, r.reason])).toEqual([[running, 'running']]);

    const p = await user();
    const fresh = await job(p, { parkedSeconds: 2 });
    expect(await sweep()).toEqual([]);
    await db.dataSource.query(`UPDATE sync_jobs SET waiting_since = now() - interval '20 seconds' WHERE id = $1`, [fresh]);
    const woken = await sweep();
    expect(woken.map((r) => [r.jobId, r.reason])).toEqual([[fresh, 'parked']]);
    expect((await db.dataSource.getRepository(SyncJob).findOneByOrFail({ id: fresh })).waitingSince).toBeNull();
    console.log('proved: an expired lease makes a running job re-driven; a parked job is woken only after the grace');
  });

  it('lets the nightly run re-drive a dead equivalent job instead of counting it as queued', async () => {
    const lost = await user();
    const alive = await user();
    const fresh = await user();
    const all = dedupeKeyOf({ kinds: [...SYNC_KINDS] });
    const dead = await job(lost);
    const live = await job(alive, { ageSeconds: 5 });
    await db.dataSource.query(`UPDATE sync_jobs SET dedupe_key = $1, updated_at = now() - interval '10 minutes' WHERE id = $2`, [all, dead]);
    await db.dataSource.query(`UPDATE sync_jobs SET dedupe_key = $1 WHERE id = $2`, [all, live]);
    const outcome = await db.dataSource.transaction((manager) =>
      enqueueNightlySyncJobs(manager, { userIds: [lost, alive, fresh], date: '2030-03-04', windowStart: new Date(), windowSeconds: 0, deadJob: RULE }),
    );
    expect(outcome).toEqual({ created: 1, redriven: 1 });
    expect((await db.dataSource.getRepository(SyncJob).findOneByOrFail({ id: dead })).redriveCount).toBe(1);
    expect((await db.dataSource.getRepository(SyncJob).findOneByOrFail({ id: live })).redriveCount).toBe(0);
    console.log('proved: the nightly run creates a job for a user without one, and re-drives only the dead equivalent job');
  });
});
