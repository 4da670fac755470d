import { connect, NatsConnection } from 'nats';
import { setTimeout as sleep } from 'node:timers/promises';
import { newAccount } from './support/accounts';
import { EventStream, SentEvent } from './support/event-stream';
import { Gateway, GatewayStack, NATS_URL, uniqueIp } from './support/stack';

jest.setTimeout(120_000);

/**
 * GET /v1/sync/jobs/:id/events against real gateway processes, NATS and PostgreSQL. Replicas a and b have the
 * safety check all but off (300 s), so what ends or moves their streams came through NATS events; replica c checks
 * every second, so what only the database knows (a deleted row, a revoke whose event was lost) reaches its streams.
 */
describe('job event streams (SSE) pushed from NATS events', () => {
  const PER_USER = 3;
  let stack: GatewayStack;
  let a: Gateway;
  let b: Gateway;
  let c: Gateway;
  let nats: NatsConnection;
  const opened: EventStream[] = [];

  beforeAll(async () => {
    stack = await GatewayStack.start({
      gateways: 2,
      env: { SSE_MAX_STREAMS_PER_USER: String(PER_USER), SSE_SAFETY_CHECK_SECONDS: '300', SSE_KEEPALIVE_SECONDS: '1' },
    });
    [a, b] = stack.gateways;
    c = await stack.startGateway({ SSE_MAX_STREAMS_PER_USER: '100', SSE_SAFETY_CHECK_SECONDS: '1' });
    nats = await connect({ servers: NATS_URL });
  });

  afterAll(async () => {
    await Promise.all(opened.map((stream) => stream.close()));
    await nats?.close();
    await stack?.stop();
  });

  /** A signed-in user with a pending job (no worker runs until the last test, so it stays pending). */
  async function userWithJob(types: string[] = ['workouts']) {
    const account = await newAccount(stack.sim);
    const signedIn = await a.post('/v1/auth/login', account.credentials, { ip: uniqueIp() });
    expect(signedIn.status).toBe(200);
    const token: string = signedIn.body.accessToken;
    const job = await a.post('/v1/sync', { types, from: '2026-02-01', to: '2026-02-03' }, { token });
    expect([200, 202]).toContain(job.status);
    return { token, userId: signedIn.body.user.id as string, jobId: job.body.id as string };
  }

  async function open(gateway: Gateway, jobId: string, token: string): Promise<EventStream> {
    const answer = await EventStream.open(`${gateway.url}/v1/sync/jobs/${jobId}/events`, token);
    if (answer.status !== 200) throw new Error(`stream refused: ${answer.status} ${JSON.stringify(answer.body)}`);
    opened.push(answer.stream!);
    await answer.stream!.waitFor((e) => e.type === 'job', 'the first view');
    return answer.stream!;
  }

  async function transactionsOnTestDatabase(): Promise<number> {
    const [row] = await stack.database.dataSource.query(`SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = current_database()`);
    return Number(row.n);
  }

  it('refuses the (N+1)th stream of a user on a replica with a 429 that says why, and a closed stream frees its slot', async () => {
    const { token, jobId } = await userWithJob();
    const streams = [];
    for (let i = 0; i < PER_USER; i++) streams.push(await open(a, jobId, token));
    expect(streams[0].events[0]).toMatchObject({ type: 'job', data: { id: jobId, status: 'pending' } });

    const refused = await EventStream.open(`${a.url}/v1/sync/jobs/${jobId}/events`, token);
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ statusCode: 429, code: 'SYNC_EVENTS_TOO_MANY_STREAMS' });
    expect(refused.body.message).toMatch(/already have 3 job event streams open/);

    // The cap is per replica: the same user still gets a stream on another one.
    const elsewhere = await open(b, jobId, token);
    await elsewhere.close();

    // Idle streams get keep-alive comments (SSE_KEEPALIVE_SECONDS=1).
    await sleep(1500);
    expect(streams[0].comments).toBeGreaterThan(0);

    await streams[0].close();
    let again: Awaited<ReturnType<typeof EventStream.open>> | undefined;
    for (let i = 0; i < 100 && again?.status !== 200; i++) {
      again = await EventStream.open(`${a.url}/v1/sync/jobs/${jobId}/events`, token);
      if (again.status !== 200) await sleep(100);
    }
    expect(again?.status).toBe(200);
    opened.push(again!.stream!);
    const refusedAgain = await EventStream.open(`${a.url}/v1/sync/jobs/${jobId}/events`, token);
    expect(refusedAgain.status).toBe(429);
    console.log(`cap: ${PER_USER} streams open, the next one got 429 "${refused.body.message}"; closing one let a new one in; keep-alives seen: ${streams[0].comments}`);
    await Promise.all([again!.stream!.close(), ...streams.slice(1).map((s) => s.close())]);
  });

  it('ends a stream with `gone` when its API session is revoked, on this replica and on the other one, from the revocation event', async () => {
    const { token, jobId } = await userWithJob();
    const here = await open(b, jobId, token);
    const there = await open(a, jobId, token);
    expect((await b.post('/v1/auth/logout', undefined, { token })).status).toBe(204);
    for (const [name, stream] of [['same replica', here], ['other replica', there]] as const) {
      await stream.waitForEnd(`${name} after logout`, 15_000);
      expect(stream.events.at(-1)).toMatchObject({ type: 'gone', data: { reason: 'session_ended' } });
    }
    console.log('logout on replica b ended its own stream and the one on replica a with `gone` (safety check off on both: the NATS event did it)');
  });

  it('ends a stream whose job row was deleted, and one whose session was revoked without an event, from the safety check', async () => {
    const deleted = await userWithJob();
    const revoked = await userWithJob();
    const deletedStream = await open(c, deleted.jobId, deleted.token);
    const revokedStream = await open(c, revoked.jobId, revoked.token);
    await stack.database.dataSource.query(`DELETE FROM sync_jobs WHERE id = $1`, [deleted.jobId]);
    // Straight in the database: no revocation event is published, as if NATS had lost it.
    await stack.database.dataSource.query(`UPDATE user_sessions SET revoked_at = now() WHERE user_id = $1`, [revoked.userId]);
    await deletedStream.waitForEnd('after the job row was deleted', 15_000);
    await revokedStream.waitForEnd('after the session was revoked in the database', 15_000);
    expect(deletedStream.events.at(-1)).toMatchObject({ type: 'gone', data: { reason: 'job_deleted' } });
    expect(revokedStream.events.at(-1)).toMatchObject({ type: 'gone', data: { reason: 'session_ended' } });
    console.log('a deleted job row and a revoke with no event each ended their stream with `gone` within the safety check');
  });

  it('repairs a lost job event from the safety check, and drops malformed events without harm', async () => {
    const { token, jobId } = await userWithJob();
    const stream = await open(c, jobId, token);
    const prefixed = (subject: string) => `${stack.prefix}.${subject}`;
    nats.publish(prefixed('garmin.events.sync.progress'), Buffer.from('{not json'));
    nats.publish(prefixed('garmin.events.sync.progress'), Buffer.from(JSON.stringify({ job: { id: jobId, status: 'exploded' } })));
    nats.publish(prefixed('garmin.events.auth.session_revoked'), Buffer.from(JSON.stringify({ sessionId: 'x' })));
    await nats.flush();
    // Cancelled in the database, with no event: only the safety check can tell the stream.
    await stack.database.dataSource.query(`UPDATE sync_jobs SET status = 'cancelled', finished_at = now() WHERE id = $1`, [jobId]);
    await stream.waitForEnd('after the job was cancelled without an event', 15_000);
    expect(stream.events.map((e) => e.type)).toEqual(['job', 'end']);
    expect(stream.events[1].data).toMatchObject({ id: jobId, status: 'cancelled' });
    expect((await c.get('/health/ready')).status).toBe(200);
    console.log('a cancel without an event reached the stream as `end` from the safety check; malformed events were dropped, the replica stayed ready');
  });

  it('ends its open streams when the replica shuts down, so SIGTERM exits cleanly instead of waiting for them', async () => {
    const { token, jobId } = await userWithJob();
    const stream = await open(b, jobId, token);
    const exit = await b.process.stop('SIGTERM');
    await stream.waitForEnd('when its replica shut down', 15_000);
    expect(exit).toMatchObject({ code: 0 });
    expect(stream.events.map((e) => e.type)).toEqual(['job']);
    console.log(`replica b, SIGTERM with a stream open: the stream ended, the process exited ${exit?.code}`);
  });

  it('reads nothing per connection per tick: 40 idle streams cost no more database transactions than none', async () => {
    const STREAMS = 40;
    const WINDOW_MS = 5000;
    const { token, jobId } = await userWithJob();
    await sleep(1500); // let the setup's own statistics settle
    const before = await transactionsOnTestDatabase();
    await sleep(WINDOW_MS);
    const idle = (await transactionsOnTestDatabase()) - before;

    const streams = await Promise.all(Array.from({ length: STREAMS }, () => open(c, jobId, token)));
    await sleep(1500);
    const start = await transactionsOnTestDatabase();
    await sleep(WINDOW_MS);
    const watched = (await transactionsOnTestDatabase()) - start;
    await Promise.all(streams.map((s) => s.close()));

    // A poll per stream twice a second (the old watcher) would add STREAMS × 2 × 5 = 400 here; the safety check
    // adds about one per second for all of them. Half a transaction per stream per second is far from both.
    console.log(`transactions on the test database over ${WINDOW_MS} ms: ${idle} with no stream, ${watched} with ${STREAMS} idle streams`);
    expect(watched - idle).toBeLessThan((STREAMS * WINDOW_MS) / 1000 / 2);
  });

  it('streams a multi-kind sync to the end: every change the worker announced, in order, then `end`', async () => {
    const { token, jobId } = await userWithJob(['activities', 'health', 'workouts']);
    const announced: SentEvent['data'][] = [];
    const subscription = nats.subscribe(`${stack.prefix}.garmin.events.sync.>`, {
      callback: (_error, message) => {
        const { job } = JSON.parse(Buffer.from(message.data).toString());
        if (job.id === jobId) announced.push(job);
      },
    });
    const stream = await open(a, jobId, token);
    await stack.startWorker({ GARMIN_ACCOUNT_RATE_PER_SECOND: '0', GARMIN_GLOBAL_RATE_PER_SECOND: '0', SYNC_PROGRESS_INTERVAL_MS: '100' });
    await stream.waitForEnd('when the job completes', 90_000);
    subscription.unsubscribe();

    const types = stream.events.map((e) => e.type);
    const views = stream.events.map((e) => e.data);
    expect(types.at(-1)).toBe('end');
    expect(types.slice(0, -1).every((t) => t === 'job')).toBe(true);
    expect(views[0].status).toBe('pending');
    expect(views.at(-1)).toMatchObject({ status: 'completed', progress: 100 });
    const rank = (status: string) => ['pending', 'running'].indexOf(status) + 1 || 3;
    for (let i = 1; i < views.length; i++) {
      const [x, y] = [views[i - 1], views[i]];
      const back = rank(y.status) < rank(x.status) || y.progress < x.progress || y.processedItems < x.processedItems;
      expect({ at: i, back }).toEqual({ at: i, back: false });
    }
    const kinds = new Set(views.map((v) => v.currentKind).filter(Boolean));
    expect(kinds.size).toBeGreaterThanOrEqual(2);
    // Every change announced on NATS reached the stream (those before it opened aside: it began with the row).
    const key = (v: SentEvent['data']) => `${v.status}:${v.progress}:${v.processedItems}:${v.currentKind}`;
    const sent = new Set(views.map(key));
    const missing = announced.filter((v) => v.status !== 'pending').map(key).filter((k) => !sent.has(k));
    expect(missing).toEqual([]);
    console.log(
      `a ${[...kinds].join('+')} sync streamed ${views.length} views in order (${[...new Set(views.map((v) => v.status))].join(' → ')}, ` +
        `${views.map((v) => v.progress).join(',')} %), all ${announced.length} announced changes included, then \`end\``,
    );
  });
});
