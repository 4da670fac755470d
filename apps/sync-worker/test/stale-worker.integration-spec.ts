import { PlatformStack } from '@fittrack/testing';
import { setTimeout as sleep } from 'node:timers/promises';
import { differencesOf, expectedData, storedData } from './support/expected';
import { eventually, linkedUser, startStack, waitForJob } from './support/stack';

jest.setTimeout(240_000);

/** A short lease, so a paused worker loses it quickly; a short idle-in-transaction limit, so a pause inside a write cannot hold a takeover up. */
const WORKER_ENV = { SYNC_LEASE_TTL_MS: '2000', SYNC_ACK_WAIT_MS: '3000', SYNC_ITEM_CONCURRENCY: '2', SYNC_IDLE_IN_TRANSACTION_TIMEOUT_MS: '3000' };
const RANGE = { from: '2026-07-01', to: '2026-09-28' };
/** Tables a job writes; a trigger records who wrote each row, and when. */
const WRITTEN = ['sync_jobs', 'sync_cursors', 'activities', 'activity_files', 'daily_health', 'workouts'];

/**
 * A worker frozen with SIGSTOP past its lease, while another worker takes the job over, and then thawed
 * with SIGCONT: from the moment of the takeover it writes nothing at all, and the job ends once, with the
 * data of an uninterrupted run. The paused worker connects as its own PostgreSQL role, so every row it
 * writes is attributed to it by a trigger the test installs.
 */
describe('a worker paused past its lease', () => {
  let stack: PlatformStack;
  const role = `stale_worker_${process.pid}`;
  const query = (sql: string, params: unknown[] = []) => stack.database.dataSource.query(sql, params);

  beforeAll(async () => {
    stack = await startStack({ gateways: 1, workers: 0, env: WORKER_ENV });
    await query(`DROP ROLE IF EXISTS ${role}`);
    await query(`CREATE ROLE ${role} LOGIN SUPERUSER`);
    await query(`CREATE TABLE test_write_audit (at timestamptz NOT NULL DEFAULT clock_timestamp(), who text NOT NULL DEFAULT current_user, tbl text NOT NULL, op text NOT NULL)`);
    await query(`CREATE FUNCTION test_audit_write() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN INSERT INTO test_write_audit (tbl, op) VALUES (TG_TABLE_NAME, TG_OP); RETURN NULL; END $$`);
    for (const table of WRITTEN) await query(`CREATE TRIGGER test_audit AFTER INSERT OR UPDATE ON ${table} FOR EACH ROW EXECUTE FUNCTION test_audit_write()`);
  });

  afterAll(async () => {
    for (const worker of stack?.workers ?? []) await worker.process.stop('SIGKILL');
    await query(`DROP ROLE IF EXISTS ${role}`).catch(() => undefined);
    await stack?.stop();
  });

  it('writes nothing after the takeover, and the job ends once with the data of a clean run', async () => {
    await stack.sim.admin('/faults', { latency: { fixedMs: 15 } }, 'PUT');
    const user = await linkedUser(stack.sim, stack.gateway, { historyDays: 3650 });
    const asRole = new URL(stack.database.url);
    asRole.username = role;
    const paused = await stack.startWorker({ DATABASE_URL: asRole.toString() });
    const id = (await stack.gateway.post('/v1/sync', RANGE, { token: user.token })).body.id as string;
    const job = async () => (await query(`SELECT status, attempt_count, processed_items, total_items, finished_at FROM sync_jobs WHERE id = $1`, [id]))[0];
    await eventually(async () => (await job()).processed_items > 40, 90_000, 'the first worker to be well into the job');
    const [{ n: beforeStop }] = await query(`SELECT count(*)::int AS n FROM test_write_audit WHERE who = $1`, [role]);
    expect(beforeStop).toBeGreaterThan(0);

    process.kill(paused.process.pid!, 'SIGSTOP');
    await stack.startWorker();
    await eventually(async () => (await job()).attempt_count === 2, 60_000, 'the second worker to take the job over');
    const [{ at: takenOverAt }] = await query(`SELECT clock_timestamp() AS at`);
    // Thawed while the second worker still runs: its heartbeat, its in-flight answers and its writes all resume.
    const logsAtThaw = paused.process.logs.length;
    process.kill(paused.process.pid!, 'SIGCONT');

    const done = await waitForJob(stack.gateway, user, id, 120_000);
    expect(done.status).toBe('completed');
    const finishedAt = (await job()).finished_at;
    await sleep(3000);
    expect((await job()).finished_at).toEqual(finishedAt);

    // The thawed worker gives the job up however it learns first that it lost it (its heartbeat's renewal, a
    // refused fenced write, or a database connection PostgreSQL ended while it was frozen inside a transaction):
    // every way logs the job. Only then is it sure to have had its chance to write.
    await eventually(async () => paused.process.logs.slice(logsAtThaw).includes(id), 60_000, 'the thawed worker to give the job up');
    const late = await query(`SELECT tbl, op, at FROM test_write_audit WHERE who = $1 AND at > $2 ORDER BY at`, [role, takenOverAt]);
    expect(late).toEqual([]);
    await stack.sim.admin('/faults', {}, 'PUT');
    expect(differencesOf(await storedData(query, user.userId), await expectedData(stack.sim, user.email, RANGE.from, RANGE.to))).toEqual([]);
    console.log(`proved: the paused worker wrote ${beforeStop} rows before its pause and none after the takeover; the job completed once, matching the oracle`);
  });
});
