import { CommandSubject } from '@fittrack/contracts';
import { commandStreamName, SYNC_CONSUMER } from '@fittrack/messaging';
import { NatsServerProcess, PlatformStack, TcpProxy } from '@fittrack/testing';
import { connect, NatsConnection } from 'nats';
import { setTimeout as sleep } from 'node:timers/promises';
import { differencesOf, expectedData, storedData } from './support/expected';
import { eventually, LinkedUser, linkedUser, startStack, waitForJob } from './support/stack';

jest.setTimeout(180_000);

/** Quick redelivery after a worker dies, and a Garmin slow enough that a job is still running when we interfere. */
const WORKER_ENV = { SYNC_LEASE_TTL_MS: '2000', SYNC_ACK_WAIT_MS: '3000', SYNC_ITEM_CONCURRENCY: '2' };
const SLOW = { latency: { fixedMs: 15 } };
const RANGE = { from: '2026-07-01', to: '2026-09-28' };

describe('the sync engine survives crashes, duplicates, poison, cancels, throttling and expiring tokens', () => {
  let stack: PlatformStack;
  let nats: NatsConnection;
  const query = (sql: string, params: unknown[] = []) => stack.database.dataSource.query(sql, params);
  const job = async (id: string) => (await query(`SELECT status, attempt_count, processed_items, total_items, error_code FROM sync_jobs WHERE id = $1`, [id]))[0];
  const progressOf = async (id: string) => {
    const row = await job(id);
    return row.total_items ? row.processed_items / row.total_items : 0;
  };

  async function startSync(user: LinkedUser, body: object = RANGE): Promise<string> {
    const answer = await stack.gateway.post('/v1/sync', body, { token: user.token });
    expect(answer.status).toBe(202);
    return answer.body.id as string;
  }

  async function matchesOracle(user: LinkedUser, from = RANGE.from, to = RANGE.to) {
    const expected = await expectedData(stack.sim, user.email, from, to);
    expect(differencesOf(await storedData(query, user.userId), expected)).toEqual([]);
  }

  beforeAll(async () => {
    stack = await startStack({ gateways: 1, workers: 0, env: WORKER_ENV });
    nats = await connect({ servers: 'nats://127.0.0.1:4222' });
  });

  afterEach(async () => {
    await stack.sim.admin('/faults', {}, 'PUT');
    for (const worker of stack.workers.splice(0)) await worker.process.stop('SIGKILL');
  });

  afterAll(async () => {
    await nats?.close();
    await stack?.stop();
  });

  it('finishes a job on another worker after its worker is SIGKILLed, with the data of an uninterrupted run', async () => {
    await stack.sim.admin('/faults', SLOW, 'PUT');
    const user = await linkedUser(stack.sim, stack.gateway, { historyDays: 3650 });
    const doomed = await stack.startWorker();
    const id = await startSync(user);
    await eventually(async () => (await progressOf(id)) > 0.25, 60_000, 'the job to get a quarter done');
    await doomed.process.stop('SIGKILL');
    const stored = (await job(id)).processed_items;

    await stack.startWorker();
    const done = await waitForJob(stack.gateway, user, id, 90_000);
    expect(done.status).toBe('completed');
    expect((await job(id)).attempt_count).toBe(2);
    expect(stored).toBeGreaterThan(0);
    await matchesOracle(user);
  });

  it('runs a command delivered twice only once', async () => {
    const user = await linkedUser(stack.sim, stack.gateway, { historyDays: 3650 });
    const id = await startSync(user, { types: ['activities'], ...RANGE });
    const js = nats.jetstream();
    const subject = `${stack.prefix}.${CommandSubject.SyncRun}`;
    const payload = Buffer.from(JSON.stringify({ jobId: id, userId: user.userId }));
    // The same message id again is dropped by JetStream itself; a different id is a true second delivery.
    await eventually(async () => (await query(`SELECT published_at FROM outbox WHERE msg_id = $1`, [id]))[0]?.published_at !== null, 10_000, 'the relay');
    expect((await js.publish(subject, payload, { msgID: id })).duplicate).toBe(true);
    await js.publish(subject, payload, { msgID: `${id}-again` });

    const before = (await stack.sim.stats()).byRoute['/activity-service/activity/:id'] ?? 0;
    await stack.startWorker();
    await stack.startWorker();
    expect((await waitForJob(stack.gateway, user, id)).status).toBe('completed');
    const jsm = await nats.jetstreamManager();
    await eventually(async () => {
      const info = await jsm.consumers.info(commandStreamName(stack.prefix), SYNC_CONSUMER);
      return info.num_pending === 0 && info.num_ack_pending === 0;
    }, 20_000, 'both deliveries to be settled');
    const details = ((await stack.sim.stats()).byRoute['/activity-service/activity/:id'] ?? 0) - before;
    const [{ n }] = await query(`SELECT count(*)::int AS n FROM activities WHERE user_id = $1`, [user.userId]);
    expect(details).toBe(n);
    expect((await job(id)).attempt_count).toBe(1);
  });

  it('rejects malformed and unknown commands with a reason and keeps consuming', async () => {
    const worker = await stack.startWorker();
    const js = nats.jetstream();
    const subject = `${stack.prefix}.${CommandSubject.SyncRun}`;
    for (const raw of ['not json', '[]', '{"jobId":"x"}', JSON.stringify({ jobId: '6f1c1a52-3f1c-4b8e-9a59-0d9b5c6f7a10', userId: '6f1c1a52-3f1c-4b8e-9a59-0d9b5c6f7a11' })]) {
      await js.publish(subject, Buffer.from(raw));
    }
    const user = await linkedUser(stack.sim, stack.gateway);
    const id = await startSync(user, { types: ['workouts'] });
    expect((await waitForJob(stack.gateway, user, id)).status).toBe('completed');
    await eventually(async () => /sync_commands_rejected_total 4\n/.test(await worker.metrics()), 10_000, 'four rejections');
    // Past the ack wait (3 s): a rejected command is never delivered again.
    await sleep(4500);
    expect(await worker.metrics()).toMatch(/sync_commands_rejected_total 4\n/);
    expect(worker.process.logs).toContain('rejected sync command');
    expect(worker.process.logs).toContain('the command is not JSON');
  });

  it('stops calling Garmin within 2 seconds of a cancel, and keeps what it stored', async () => {
    await stack.sim.admin('/faults', SLOW, 'PUT');
    const user = await linkedUser(stack.sim, stack.gateway, { historyDays: 3650 });
    await stack.startWorker();
    const id = await startSync(user);
    await eventually(async () => (await progressOf(id)) > 0.2, 60_000, 'the job to get going');
    const cancelled = await stack.gateway.post(`/v1/sync/jobs/${id}/cancel`, undefined, { token: user.token });
    expect(cancelled.body.status).toBe('cancelled');
    await sleep(2000);
    const calls = async () => (await stack.sim.stats()).byAccount[user.email] as number;
    const settled = await calls();
    await sleep(1500);
    expect(await calls()).toBe(settled);
    expect((await job(id)).status).toBe('cancelled');
    const [{ n }] = await query(
      `SELECT (SELECT count(*) FROM activities WHERE user_id = $1) + (SELECT count(*) FROM daily_health WHERE user_id = $1) AS n`,
      [user.userId],
    );
    expect(Number(n)).toBeGreaterThan(0);
  });

  it('rides out 20 concurrent 429 storms, one per account, and never asks any account again before its Retry-After', async () => {
    // The storm that once failed one run in four, twenty times over: twenty accounts throttled at once, each
    // one's own jobs with several requests in flight, over two workers. Any request sent before its account's
    // Retry-After ran out is an early retry (SimStats judges it against the 429 it follows).
    const storms = 20;
    await stack.sim.admin('/faults', { throttle: [{ prefix: '/wellness-service', probability: 0.3, retryAfterSeconds: 1 }, { prefix: '/usersummary-service', probability: 0.3, retryAfterSeconds: 1 }] }, 'PUT');
    const users: LinkedUser[] = [];
    for (let i = 0; i < storms; i++) users.push(await linkedUser(stack.sim, stack.gateway));
    await stack.startWorker();
    await stack.startWorker();
    const range = { from: '2026-08-01', to: '2026-08-06' };
    const ids = await Promise.all(users.map((user) => startSync(user, { types: ['health'], ...range })));
    for (const [i, user] of users.entries()) expect((await waitForJob(stack.gateway, user, ids[i], 180_000)).status).toBe('completed');
    const stats = await stack.sim.stats();
    const emails = new Set(users.map((u) => u.email));
    expect(stats.throttled).toBeGreaterThan(storms);
    expect(stats.earlyRetryDetails.filter((e: { client: string }) => emails.has(e.client))).toEqual([]);
    await stack.sim.admin('/faults', {}, 'PUT');
    for (const user of users) {
      const expected = await expectedData(stack.sim, user.email, range.from, range.to);
      expect((await storedData(query, user.userId)).health).toEqual(expected.health);
    }
    console.log(`proved: ${storms} accounts under a 429 storm at once (${stats.throttled} 429s): no early retry, every job complete and exact`);
  });

  it('backs off for minutes, not seconds, when a 429 names no wait, with a bounded number of tries per job', async () => {
    const backoffSeconds = 3;
    await stack.startWorker({ GARMIN_THROTTLE_BACKOFF_SECONDS: String(backoffSeconds), SYNC_MAX_ATTEMPTS: '2' });
    const user = await linkedUser(stack.sim, stack.gateway);
    const lists = async () => ((await stack.sim.stats()).byRoute['/workout-service/workouts'] ?? 0) as number;
    const before = await lists();
    await stack.sim.admin('/faults', { throttle: [{ prefix: '/workout-service' }] }, 'PUT');
    const startedAt = Date.now();
    const id = await startSync(user, { types: ['workouts'] });
    const failed = await waitForJob(stack.gateway, user, id, 60_000);
    expect(failed.status).toBe('failed');
    expect((await job(id)).error_code).toBe('gave_up');
    // One request an attempt (no retry inside it), and the second attempt only after the backoff.
    expect((await lists()) - before).toBe(2);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(backoffSeconds * 1000);
    console.log(`a 429 without Retry-After: 2 requests over 2 attempts, ${Math.round((Date.now() - startedAt) / 100) / 10} s apart or more`);
  });

  it('refreshes an access token that expires mid-job exactly once, with two workers', async () => {
    await stack.sim.admin('/faults', SLOW, 'PUT');
    const users = [await linkedUser(stack.sim, stack.gateway, { historyDays: 3650 }), await linkedUser(stack.sim, stack.gateway, { historyDays: 3650 })];
    await stack.startWorker();
    await stack.startWorker();
    // DI sessions refresh at the DI token endpoint (with the refresh grant): one refresh per expiry.
    const refreshes = async () => ((await stack.sim.stats()).byRoute['/di-oauth2-service/oauth/token'] ?? 0) as number;
    const ids = [await startSync(users[0]), await startSync(users[1])];
    await eventually(async () => (await progressOf(ids[0])) > 0.2 && (await progressOf(ids[1])) > 0.2, 60_000, 'both jobs to run');
    const before = await refreshes();
    for (const user of users) await stack.sim.admin(`/accounts/${user.email}/expire-bearers`);
    for (const [i, user] of users.entries()) expect((await waitForJob(stack.gateway, user, ids[i], 90_000)).status).toBe('completed');
    expect((await refreshes()) - before).toBe(2);
  });

  it('fails a job after SYNC_MAX_ATTEMPTS attempts with the reason in our words, and goes on with the next', async () => {
    await stack.startWorker({ SYNC_MAX_ATTEMPTS: '2', GARMIN_REQUEST_ATTEMPTS: '2' });
    const unlucky = await linkedUser(stack.sim, stack.gateway);
    await stack.sim.admin('/faults', { serverErrors: { probability: 1, status: 503, prefix: '/workout-service' } }, 'PUT');
    const doomed = await startSync(unlucky, { types: ['workouts'] });
    const failed = await waitForJob(stack.gateway, unlucky, doomed, 120_000);
    expect(failed.status).toBe('failed');
    expect(failed.error).toBe('Gave up after 2 attempts: Garmin was unavailable.');
    expect((await job(doomed)).error_code).toBe('gave_up');

    await stack.sim.admin('/faults', {}, 'PUT');
    const lucky = await linkedUser(stack.sim, stack.gateway);
    const next = await startSync(lucky, { types: ['workouts'] });
    expect((await waitForJob(stack.gateway, lucky, next, 60_000)).status).toBe('completed');
  });

  it('fails a job whose session cannot be refreshed as needs_login, and says so everywhere', async () => {
    const user = await linkedUser(stack.sim, stack.gateway);
    await stack.startWorker();
    const events: string[] = [];
    const subscription = nats.subscribe(`${stack.prefix}.garmin.events.session.needs_login`, { callback: (_e, m) => events.push(Buffer.from(m.data).toString()) });
    await stack.sim.admin(`/accounts/${user.email}/expire-tokens`);
    // Expired by our record too: refused before its known expiry, it would read as revoked (link-health spec).
    await query(`UPDATE garmin_authentication_states SET refresh_expires_at = now() - interval '1 minute' WHERE user_id = $1`, [user.userId]);
    const id = await startSync(user, { types: ['workouts'] });
    const done = await waitForJob(stack.gateway, user, id);
    expect(done.status).toBe('failed');
    expect((await job(id)).error_code).toBe('needs_login');
    const me = await stack.gateway.get('/v1/auth/me', { token: user.token });
    expect(me.body.garmin).toMatchObject({ linked: true, health: 'needs_login' });
    await eventually(async () => events.some((e) => e.includes(user.userId)), 5000, 'the needs_login event');
    subscription.unsubscribe();
    expect((await stack.gateway.post('/v1/sync', {}, { token: user.token })).body.code).toBe('SYNC_GARMIN_NEEDS_LOGIN');
  });
});

describe('the sync engine rides out a NATS restart and a PostgreSQL outage', () => {
  it('completes every job when NATS is killed and started again mid-run', async () => {
    const server = await NatsServerProcess.start();
    const stack = await startStack({ gateways: 1, workers: 2, env: WORKER_ENV, natsUrl: server.url });
    try {
      await stack.sim.admin('/faults', SLOW, 'PUT');
      const users = [await linkedUser(stack.sim, stack.gateway, { historyDays: 3650 }), await linkedUser(stack.sim, stack.gateway, { historyDays: 3650 })];
      const ids: string[] = [];
      for (const user of users) ids.push((await stack.gateway.post('/v1/sync', RANGE, { token: user.token })).body.id);
      const query = (sql: string, params: unknown[]) => stack.database.dataSource.query(sql, params);
      await eventually(async () => (await query(`SELECT count(*)::int AS n FROM sync_jobs WHERE status = 'running'`, []))[0].n > 0, 30_000, 'a running job');
      await server.kill();
      await sleep(1500);
      await server.startAgain();
      for (const [i, user] of users.entries()) expect((await waitForJob(stack.gateway, user, ids[i], 120_000)).status).toBe('completed');
    } finally {
      await stack.stop();
      await server.stop();
    }
  });

  it('completes a job when the workers lose PostgreSQL for a while', async () => {
    const stack = await startStack({ gateways: 1, workers: 0, env: WORKER_ENV });
    const target = new URL(stack.database.url);
    const proxy = await new TcpProxy(target.hostname, Number(target.port)).start();
    const viaProxy = new URL(stack.database.url);
    viaProxy.port = String(proxy.port);
    try {
      await stack.sim.admin('/faults', SLOW, 'PUT');
      await stack.startWorker({ DATABASE_URL: viaProxy.toString() });
      const user = await linkedUser(stack.sim, stack.gateway, { historyDays: 3650 });
      const id = (await stack.gateway.post('/v1/sync', RANGE, { token: user.token })).body.id as string;
      const query = (sql: string, params: unknown[]) => stack.database.dataSource.query(sql, params);
      await eventually(async () => (await query(`SELECT processed_items FROM sync_jobs WHERE id = $1`, [id]))[0].processed_items > 30, 60_000, 'progress');
      await proxy.cut();
      await sleep(3000);
      await proxy.restore();
      const done = await waitForJob(stack.gateway, user, id, 120_000);
      expect(done.status).toBe('completed');
      const expected = await expectedData(stack.sim, user.email, RANGE.from, RANGE.to);
      expect(differencesOf(await storedData(query, user.userId), expected)).toEqual([]);
    } finally {
      await stack.stop();
      await proxy.cut();
    }
  });
});
