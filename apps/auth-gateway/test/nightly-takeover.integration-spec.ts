import { PlatformStack } from '@fittrack/testing';
import { QueryRunner } from 'typeorm';
import { newAccount } from './support/accounts';
import { GatewayStack, uniqueIp } from './support/stack';

jest.setTimeout(120_000);

async function until<T>(read: () => Promise<T | undefined>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * A gateway SIGKILLed right after claiming the nightly run. The run itself takes milliseconds, so "right
 * after the claim" is made deterministic from outside the code: the test holds an exclusive lock on
 * garmin_authentication_states, which the run reads first after its claim (the claim's INSERT is already
 * committed). The replica is then really killed (SIGKILL, no shutdown hook) while it waits there, the lock
 * is let go, and the other replica, whose reconciler runs every second, must take the run over once the
 * dead one's claim (3 s) has expired.
 */
describe('nightly takeover: a replica killed after claiming the run', () => {
  let stack: PlatformStack;
  let lock: QueryRunner | undefined;
  const query = (sql: string, params: unknown[] = []) => stack.database.dataSource.query(sql, params);
  const users: string[] = [];

  beforeAll(async () => {
    stack = await GatewayStack.start({
      gateways: 1,
      env: { NIGHTLY_ENABLED: 'false', RECONCILE_INTERVAL_SECONDS: '1', NIGHTLY_CLAIM_SECONDS: '3', NIGHTLY_WINDOW_SECONDS: '0', SESSION_REFRESH_HORIZON_HOURS: '0' },
    });
    for (let i = 0; i < 3; i++) {
      const account = await newAccount(stack.sim);
      users.push((await stack.gateway.post('/v1/auth/login', account.credentials, { ip: uniqueIp() })).body.user.id);
    }
  });

  afterAll(async () => {
    if (lock?.isTransactionActive) await lock.rollbackTransaction().catch(() => undefined);
    await lock?.release();
    await stack?.stop();
  });

  it('is finished by another replica, with one job per user', async () => {
    lock = stack.database.dataSource.createQueryRunner();
    await lock.connect();
    await lock.startTransaction();
    await lock.query(`LOCK TABLE garmin_authentication_states IN ACCESS EXCLUSIVE MODE`);

    const doomed = await stack.startGateway({ NIGHTLY_ENABLED: 'true', NIGHTLY_CRON: '* * * * * *', RECONCILE_ENABLED: 'false' });
    const claimed = await until(async () => (await query(`SELECT id, claimed_by FROM nightly_runs WHERE trigger = 'schedule'`))[0], 'the claim');
    await doomed.process.stop('SIGKILL');
    await lock.commitTransaction();
    console.log(`replica ${claimed.claimed_by} SIGKILLed after claiming nightly run ${claimed.id}`);

    const finished = await until(
      async () => (await query(`SELECT * FROM nightly_runs WHERE id = $1 AND finished_at IS NOT NULL`, [claimed.id]))[0],
      'the run to be finished by the other replica',
      60_000,
    ).catch((error: unknown) => {
      console.log(stack.gateway.process.logs.split('\n').filter((line) => /nightly|reconcil|Reconcil|ERROR|WARN/i.test(line)).slice(-30).join('\n'));
      throw error;
    });
    expect(finished).toMatchObject({ users_enqueued: 3, takeovers: 1, error: null });
    expect(finished.claimed_by).not.toBe(claimed.claimed_by);
    expect(await query(`SELECT count(*)::int AS n FROM nightly_runs`)).toEqual([{ n: 1 }]);
    const jobs = await query(`SELECT user_id FROM sync_jobs WHERE trigger = 'nightly' ORDER BY user_id`);
    expect(jobs.map((j: { user_id: string }) => j.user_id)).toEqual([...users].sort());
    expect(stack.gateway.process.logs).toContain(`nightly run ${claimed.id} for `);
    expect(stack.gateway.process.logs).toContain(`taken over from ${claimed.claimed_by}`);
    console.log(`proved: nightly run ${claimed.id} was taken over (takeovers=1) and finished with ${finished.users_enqueued} jobs by the surviving replica`);
  });
});
