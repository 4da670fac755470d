import { commandStreamName } from '@fittrack/messaging';
import { PlatformStack } from '@fittrack/testing';
import { connect, NatsConnection } from 'nats';
import { eventually, LinkedUser, linkedUser, startStack, waitForJob } from './support/stack';

jest.setTimeout(240_000);

/**
 * A fast reconciler (every second, stale after 2 s), short leases, and an ack wait far beyond any deadline
 * here: whatever completes in these tests was re-driven by the reconciler, not redelivered by JetStream.
 */
const GATEWAY_ENV = { RECONCILE_INTERVAL_SECONDS: '1', RECONCILE_STALE_AFTER_SECONDS: '2', RECONCILE_PARKED_GRACE_SECONDS: '1' };
const WORKER_ENV = { SYNC_LEASE_TTL_MS: '2000', SYNC_ACK_WAIT_MS: '600000', SYNC_CONCURRENCY: '1', SYNC_ITEM_CONCURRENCY: '2' };
const SLOW = { latency: { fixedMs: 15 } };
const RANGE = { from: '2026-07-01', to: '2026-09-28' };
const SHORT = { from: '2026-09-01', to: '2026-09-28' };

describe('the reconciler re-drives what was lost (one gateway reconciling every second)', () => {
  let stack: PlatformStack;
  let nats: NatsConnection;
  const query = (sql: string, params: unknown[] = []) => stack.database.dataSource.query(sql, params);
  const row = async (id: string) => (await query(`SELECT status, attempt_count, redrive_count, processed_items FROM sync_jobs WHERE id = $1`, [id]))[0];

  async function startSync(user: LinkedUser, body: object): Promise<string> {
    const answer = await stack.gateway.post('/v1/sync', body, { token: user.token });
    expect(answer.status).toBe(202);
    return answer.body.id as string;
  }

  beforeAll(async () => {
    stack = await startStack({ gateways: 1, workers: 0, env: { ...GATEWAY_ENV, ...WORKER_ENV } });
    nats = await connect({ servers: 'nats://127.0.0.1:4222' });
  });

  afterEach(() => stack.sim.admin('/faults', {}, 'PUT'));

  afterAll(async () => {
    await nats?.close();
    await stack?.stop();
  });

  it('takes over a job left running with an expired lease (its worker SIGKILLed)', async () => {
    await stack.sim.admin('/faults', SLOW, 'PUT');
    const user = await linkedUser(stack.sim, stack.gateway, { historyDays: 400 });
    const doomed = await stack.startWorker();
    const id = await startSync(user, RANGE);
    await eventually(async () => (await row(id)).processed_items > 0, 60_000, 'the job to make progress');
    await doomed.process.stop('SIGKILL');
    expect((await row(id)).status).toBe('running');

    await stack.startWorker();
    const done = await waitForJob(stack.gateway, user, id, 90_000);
    expect(done.status).toBe('completed');
    const after = await row(id);
    expect(after.attempt_count).toBe(2);
    expect(after.redrive_count).toBeGreaterThanOrEqual(1);
    expect(stack.gateway.process.logs).toMatch(new RegExp(`re-drove job ${id} of user ${user.userId} \\(running\\)`));
    console.log(`proved: job ${id}, left running by a killed worker, was re-driven (${after.redrive_count}x) and finished on attempt 2`);
  });

  it('finishes every job of several users after the command stream is deleted mid-run', async () => {
    await stack.sim.admin('/faults', SLOW, 'PUT');
    await stack.startWorker();
    const users = [];
    for (let i = 0; i < 3; i++) users.push(await linkedUser(stack.sim, stack.gateway, { historyDays: 120 }));
    const jobs: { user: LinkedUser; id: string }[] = [];
    for (const user of users) {
      jobs.push({ user, id: await startSync(user, { types: ['activities'], ...SHORT }) });
      jobs.push({ user, id: await startSync(user, { types: ['health'], ...SHORT }) });
    }
    const ids = jobs.map((j) => j.id);
    await eventually(async () => (await query(`SELECT count(*)::int AS n FROM outbox WHERE msg_id = ANY($1) AND published_at IS NOT NULL`, [ids]))[0].n === ids.length, 30_000, 'every command published');
    await eventually(async () => (await query(`SELECT count(*)::int AS n FROM sync_jobs WHERE id = ANY($1) AND status = 'running'`, [ids]))[0].n > 0, 60_000, 'a job running');
    const jsm = await nats.jetstreamManager();
    await jsm.streams.delete(commandStreamName(stack.prefix));
    const states = await query(`SELECT status, count(*)::int AS n FROM sync_jobs WHERE id = ANY($1) GROUP BY status`, [ids]);
    console.log(`stream deleted with jobs ${JSON.stringify(states)}`);

    for (const { user, id } of jobs) expect((await waitForJob(stack.gateway, user, id, 150_000)).status).toBe('completed');
    const redriven = await query(`SELECT count(*)::int AS n FROM sync_jobs WHERE id = ANY($1) AND redrive_count > 0`, [ids]);
    expect(redriven[0].n).toBeGreaterThan(0);
    expect(stack.gateway.process.logs).toMatch(/reconciliation: re-drove \d+ jobs/);
    // The stream and its consumer are back: a new request runs without anyone's help.
    const fresh = await startSync(users[0], { types: ['workouts'], ...SHORT });
    expect((await waitForJob(stack.gateway, users[0], fresh, 60_000)).status).toBe('completed');
    expect((await row(fresh)).redrive_count).toBe(0);
    console.log(`proved: all ${ids.length} jobs completed after the stream was deleted, ${redriven[0].n} of them re-driven; the lanes pull from the re-created stream`);
  });

  it('leaves a stale job whose command waits in the stream alone, and re-drives it at once when its message is gone (request path only)', async () => {
    // The reconciler's passes off (a replica of its own, the reconciling one stopped), no worker: only the request can re-drive.
    for (const worker of stack.workers.splice(0)) await worker.process.stop('SIGKILL');
    const gateway = await stack.startGateway({ RECONCILE_ENABLED: 'false' });
    await stack.gateways[0].process.stop('SIGTERM');
    const user = await linkedUser(stack.sim, gateway, { historyDays: 30 });
    const body = { types: ['workouts'], ...RANGE };
    const first = await gateway.post('/v1/sync', body, { token: user.token });
    expect(first.status).toBe(202);
    const id = first.body.id as string;
    await eventually(async () => (await query(`SELECT published_at FROM outbox WHERE msg_id = $1`, [id]))[0]?.published_at !== null, 15_000, 'the relay');
    // Stale by the clock, but its command is still in the stream (no worker yet): a backlog, not a loss.
    await new Promise((resolve) => setTimeout(resolve, 3500));
    const backlog = await gateway.post('/v1/sync', body, { token: user.token });
    expect(backlog.status).toBe(200);
    expect(backlog.body.id).toBe(id);
    expect((await row(id)).redrive_count).toBe(0);

    const jsm = await nats.jetstreamManager();
    await jsm.streams.purge(commandStreamName(stack.prefix));
    // Once the gateway has seen the empty stream (it looks every second), the job is dead: the request re-drives it.
    let again: { status: number; body: { id: string } } | undefined;
    await eventually(
      async () => {
        again = await gateway.post('/v1/sync', body, { token: user.token });
        return (await row(id)).redrive_count === 1;
      },
      15_000,
      'the request to re-drive the dead job',
    );
    expect(again).toMatchObject({ status: 200, body: { id } });
    expect(await query(`SELECT msg_id FROM outbox WHERE payload->>'jobId' = $1 ORDER BY id`, [id])).toEqual([{ msg_id: id }, { msg_id: `${id}:1` }]);

    await stack.startWorker();
    expect((await waitForJob(gateway, user, id, 60_000)).status).toBe('completed');
    expect(gateway.process.logs).toContain(`job ${id} of user ${user.userId} was dead (its command lost): re-driven for an equivalent request`);
    console.log(`proved: a backlog job is not re-driven, and the dead job ${id} was re-driven by the equivalent request and completed`);
  });
});
