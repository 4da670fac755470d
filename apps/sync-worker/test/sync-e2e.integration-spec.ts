import { CATALOG_DEFAULT_SELECTION, DATA_KINDS, EventSubject, RpcSubject } from '@fittrack/contracts';
import { PlatformStack } from '@fittrack/testing';
import { connect, NatsConnection } from 'nats';
import { addDays, differencesOf, expectedData, storedData, todayIn } from './support/expected';
import { linkedUser, startStack, waitForJob } from './support/stack';

jest.setTimeout(120_000);

// Far ahead of UTC: the user's "today" is often the server's tomorrow, which is the point.
const ZONE = 'Pacific/Kiritimati';

describe('sync end to end (gateway, two worker processes, simulator, PostgreSQL, JetStream)', () => {
  let stack: PlatformStack;
  let nats: NatsConnection;
  const events: { subject: string; job: { id: string; status: string } }[] = [];
  const query = (sql: string, params: unknown[] = []) => stack.database.dataSource.query(sql, params);

  beforeAll(async () => {
    stack = await startStack({ gateways: 1, workers: 2 });
    nats = await connect({ servers: 'nats://127.0.0.1:4222' });
    nats.subscribe(`${stack.prefix}.garmin.events.>`, {
      callback: (_error, message) => events.push({ subject: message.subject.slice(stack.prefix.length + 1), ...JSON.parse(Buffer.from(message.data).toString()) }),
    });
  });

  afterAll(async () => {
    await nats?.close();
    await stack?.stop();
  });

  it('stores exactly the simulator’s data for the first 30 days, then re-reads only what can have changed', async () => {
    const user = await linkedUser(stack.sim, stack.gateway, { timeZone: ZONE });
    const started = await stack.gateway.post('/v1/sync', { types: ['all'] }, { token: user.token });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ status: 'pending', kinds: ['activities', 'health', 'workouts', 'profile'], trigger: 'manual' });

    const again = await stack.gateway.post('/v1/sync', {}, { token: user.token });
    expect([again.status, again.body.id]).toEqual([200, started.body.id]);

    const done = await waitForJob(stack.gateway, user, started.body.id);
    expect(done).toMatchObject({ status: 'completed', progress: 100, error: null, currentKind: null });
    expect(done.processedItems).toBe(done.totalItems);
    for (const kind of ['activities', 'health', 'workouts', 'profile']) expect(done.byKind[kind].processed).toBe(done.byKind[kind].total);

    // Days are the user's days: the health cursor is today in their zone, whatever the server's.
    const today = todayIn(ZONE);
    const [cursor] = await query(`SELECT to_char(synced_through, 'YYYY-MM-DD') AS d FROM sync_cursors WHERE user_id = $1 AND kind = 'health'`, [user.userId]);
    expect(cursor.d).toBe(today);

    const expected = await expectedData(stack.sim, user.email, addDays(today, -29), today, { today });
    const stored = await storedData(query, user.userId);
    expect(stored.activities.size).toBeGreaterThan(5);
    expect(differencesOf(stored, expected)).toEqual([]);
    const [files] = await query(`SELECT count(*)::int AS n, min(file_format) AS f FROM activity_files WHERE user_id = $1`, [user.userId]);
    expect(files).toEqual({ n: expected.activities.size, f: 'fit' });

    // Nothing new upstream: one list per kind, today and yesterday again, no activity or workout fetched again.
    await stack.sim.admin('/stats/reset').catch(() => undefined);
    const before = (await stack.sim.stats()).byRoute as Record<string, number>;
    const second = await stack.gateway.post('/v1/sync', {}, { token: user.token });
    expect(second.status).toBe(202);
    expect((await waitForJob(stack.gateway, user, second.body.id)).status).toBe('completed');
    const after = (await stack.sim.stats()).byRoute as Record<string, number>;
    const made = Object.fromEntries(Object.entries(after).map(([route, n]) => [route, n - (before[route] ?? 0)]).filter(([, n]) => (n as number) > 0));
    const total = Object.values(made).reduce((a, b) => (a as number) + (b as number), 0) as number;
    expect(made['/activity-service/activity/:id'] ?? 0).toBe(0);
    expect(made['/download-service/files/activity/:id'] ?? 0).toBe(0);
    expect(made['/workout-service/workout/:id'] ?? 0).toBe(0);
    // Nothing new upstream: each per-day endpoint twice (yesterday and today), each range or list once, the
    // calendar for this month and the next; at most 2 requests per enabled kind, as the benchmark reports.
    expect(Math.max(...(Object.values(made) as number[]))).toBeLessThanOrEqual(2);
    for (const ranged of ['/hrv-service/hrv/daily/:start/:end', '/weight-service/weight/range/:start/:end', '/activitylist-service/activities/search/activities']) {
      expect([ranged, made[ranged]]).toEqual([ranged, 1]);
    }
    for (const perDay of ['/wellness-service/wellness/dailySleepData/:dn', '/wellness-service/wellness/dailyStress/:date', '/metrics-service/metrics/trainingreadiness/:date']) {
      expect([perDay, made[perDay]]).toEqual([perDay, 2]);
    }
    expect(total).toBeLessThanOrEqual(2 * CATALOG_DEFAULT_SELECTION.length);
    expect(await storedData(query, user.userId)).toEqual(stored);
  });

  it('syncs every kind of the catalog when a user selects them all, each exactly as the simulator holds it', async () => {
    const user = await linkedUser(stack.sim, stack.gateway, { timeZone: 'Europe/Berlin' });
    const selected = await stack.gateway.request('PUT', '/v1/sync/selection', { body: { kinds: DATA_KINDS }, token: user.token });
    expect(selected.status).toBe(200);
    const job = await stack.gateway.post('/v1/sync', { types: ['all'] }, { token: user.token });
    expect((await waitForJob(stack.gateway, user, job.body.id)).status).toBe('completed');
    const today = todayIn('Europe/Berlin');
    const expected = await expectedData(stack.sim, user.email, addDays(today, -29), today, { selection: DATA_KINDS, today });
    const stored = await storedData(query, user.userId);
    expect(differencesOf(stored, expected)).toEqual([]);
    // Not a vacuous match: the simulator held most kinds in these 30 days (some depend on the account: a plan,
    // a strength session), the opt-in ones among them.
    const kindsOf = (keys: Iterable<string>, at: number) => new Set([...keys].map((key) => key.split('|')[at]));
    const held = new Set([...kindsOf(expected.health.keys(), 1), ...kindsOf(expected.records.keys(), 0), ...kindsOf(expected.parts, 1)]);
    expect(held.size).toBeGreaterThanOrEqual(30);
    for (const optIn of ['steps_intraday', 'floors', 'respiration', 'spo2', 'body_battery_events', 'activity_weather', 'fitness_age']) expect(held).toContain(optIn);
  });

  it('announces every state change on garmin.events.sync.*', () => {
    const seen = new Set(events.map((e) => e.subject));
    for (const subject of [EventSubject.SyncCreated, EventSubject.SyncStarted, EventSubject.SyncProgress, EventSubject.SyncCompleted]) {
      expect(seen).toContain(subject);
    }
  });

  it('syncs one kind over an explicit range, without touching the incremental cursor', async () => {
    const user = await linkedUser(stack.sim, stack.gateway);
    // Ten days inside the account's 90 days of history (days before it have no data, and store nothing).
    const from = addDays(todayIn('UTC'), -40);
    const to = addDays(from, 9);
    const job = await stack.gateway.post('/v1/sync', { types: ['health'], from, to }, { token: user.token });
    expect(job.body).toMatchObject({ kinds: ['health'], type: 'health', from, to });
    expect((await waitForJob(stack.gateway, user, job.body.id)).status).toBe('completed');
    const [range] = await query(
      `SELECT count(DISTINCT calendar_date)::int AS days, to_char(min(calendar_date), 'YYYY-MM-DD') AS first, to_char(max(calendar_date), 'YYYY-MM-DD') AS last FROM daily_health WHERE user_id = $1`,
      [user.userId],
    );
    expect(range).toEqual({ days: 10, first: from, last: to });
    expect(await query(`SELECT 1 FROM sync_cursors WHERE user_id = $1`, [user.userId])).toEqual([]);
    expect(await query(`SELECT 1 FROM activities WHERE user_id = $1`, [user.userId])).toEqual([]);
  });

  it('lists jobs newest first with paging and a status filter, and hides other users’ jobs (404)', async () => {
    const alice = await linkedUser(stack.sim, stack.gateway);
    const bob = await linkedUser(stack.sim, stack.gateway);
    const ids: string[] = [];
    for (const types of [['workouts'], ['health'], ['activities']]) {
      const job = await stack.gateway.post('/v1/sync', { types, from: '2026-02-01', to: '2026-02-02' }, { token: alice.token });
      ids.push(job.body.id);
      await waitForJob(stack.gateway, alice, job.body.id);
    }
    const page = await stack.gateway.get('/v1/sync/jobs?page=1&pageSize=2', { token: alice.token });
    expect(page.body).toMatchObject({ page: 1, pageSize: 2, total: 3 });
    expect(page.body.items.map((j: { id: string }) => j.id)).toEqual([ids[2], ids[1]]);
    const completed = await stack.gateway.get('/v1/sync/jobs?status=completed', { token: alice.token });
    expect(completed.body.total).toBe(3);
    expect((await stack.gateway.get('/v1/sync/jobs?status=failed', { token: alice.token })).body.total).toBe(0);
    expect((await stack.gateway.get('/v1/sync/jobs?status=bogus', { token: alice.token })).status).toBe(400);

    expect((await stack.gateway.get(`/v1/sync/jobs/${ids[0]}`, { token: bob.token })).status).toBe(404);
    expect((await stack.gateway.post(`/v1/sync/jobs/${ids[0]}/cancel`, undefined, { token: bob.token })).status).toBe(404);
    expect((await stack.gateway.get(`/v1/sync/jobs/${ids[0]}/events`, { token: bob.token })).status).toBe(404);
    expect((await stack.gateway.get('/v1/sync/jobs', { token: bob.token })).body.total).toBe(0);
    expect((await stack.gateway.post(`/v1/sync/jobs/${ids[0]}/cancel`, undefined, { token: alice.token })).status).toBe(409);
  });

  it('streams a job’s changes as server-sent events until it ends', async () => {
    const user = await linkedUser(stack.sim, stack.gateway);
    const job = await stack.gateway.post('/v1/sync', { types: ['health'], from: '2026-03-01', to: '2026-03-20' }, { token: user.token });
    const response = await fetch(`${stack.gateway.url}/v1/sync/jobs/${job.body.id}/events`, { headers: { authorization: `Bearer ${user.token}` } });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const text = await response.text(); // the stream ends with the job
    const data = text.split('\n').filter((line) => line.startsWith('data: ')).map((line) => JSON.parse(line.slice(6)));
    expect(data.length).toBeGreaterThanOrEqual(2);
    expect(data[data.length - 1]).toMatchObject({ id: job.body.id, status: 'completed' });
    expect(text).toContain('event: end');
  });

  it('serves garmin.rpc.sync.start, .get and .cancel, with error replies for bad payloads', async () => {
    const user = await linkedUser(stack.sim, stack.gateway);
    const ask = async (subject: string, payload: unknown) =>
      JSON.parse(Buffer.from((await nats.request(`${stack.prefix}.${subject}`, Buffer.from(JSON.stringify(payload)), { timeout: 5000 })).data).toString());
    const started = await ask(RpcSubject.SyncStart, { userId: user.userId, types: ['workouts'] });
    expect(started).toMatchObject({ ok: true, data: { userId: user.userId, trigger: 'platform', kinds: ['workouts'] } });
    const got = await ask(RpcSubject.SyncGet, { userId: user.userId, jobId: started.data.id });
    expect(got.data.id).toBe(started.data.id);
    expect(await ask(RpcSubject.SyncGet, { userId: '6f1c1a52-3f1c-4b8e-9a59-0d9b5c6f7a10', jobId: started.data.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    for (const bad of [{}, { userId: 'x' }, { userId: user.userId, types: ['steps'] }, { userId: user.userId, from: '2026-02-30' }, { userId: user.userId, extra: 1 }]) {
      expect(await ask(RpcSubject.SyncStart, bad)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    }
    expect(await ask(RpcSubject.SyncStart, { userId: user.userId, from: '2026-02-10', to: '2026-02-01' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    expect(await ask(RpcSubject.SyncCancel, { userId: user.userId, jobId: 'nope' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    await waitForJob(stack.gateway, user, started.data.id);
  });

  it('refuses a sync for a user without a Garmin link, saying what to do', async () => {
    const user = await linkedUser(stack.sim, stack.gateway);
    await stack.gateway.delete('/v1/garmin/link', { token: user.token });
    const refused = await stack.gateway.post('/v1/sync', {}, { token: user.token });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('SYNC_GARMIN_NOT_LINKED');
  });

  it('exposes jobs, items and upstream requests at the worker’s /metrics', async () => {
    const texts = await Promise.all(stack.workers.map(async (w) => w.metrics()));
    const all = texts.join('\n');
    expect(all).toMatch(/sync_jobs_total\{status="completed"\} \d+/);
    expect(all).toMatch(/sync_items_stored_total\{kind="activities"\} \d+/);
    expect(all).toMatch(/garmin_upstream_requests_total\{host="127\.0\.0\.1:\d+",outcome="ok"\} \d+/);
    expect(all).toMatch(/sync_job_duration_seconds_bucket/);
  });
});
