import { RpcSubject } from '@fittrack/contracts';
import { AppProcess, eventually, linkedUser, waitForJob } from '@fittrack/testing';
import { connect } from 'nats';
import { newAccount, TestAccount } from './support/accounts';
import { GatewayStack, NATS_URL, uniqueIp } from './support/stack';

jest.setTimeout(120_000);

/**
 * The operator role (OPERATOR_GARMIN_PROFILE_IDS) and GET /v1/admin/jobs on a real gateway: only an operator's
 * signed-in session gets in; the list spans users, filters by status and error code, counts both, and carries no
 * secret of anyone.
 */
describe('the operator console API', () => {
  let stack: GatewayStack;
  let gateway: AppProcess;
  let operator: TestAccount;
  let user: TestAccount;
  const signIn = async (account: TestAccount) => (await gateway.post('/v1/auth/login', account.credentials, { ip: uniqueIp() })).body;

  beforeAll(async () => {
    // The schedule off: only the run the test asks for happens.
    stack = await GatewayStack.start({ gateways: 0, env: { NIGHTLY_ENABLED: 'false' } });
    [operator, user] = [await newAccount(stack.sim), await newAccount(stack.sim)];
    gateway = await stack.startGateway({ OPERATOR_GARMIN_PROFILE_IDS: `12345, ${operator.profileId}` });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('lets only an operator in: a session of a listed profile; not another user, a personal token or nobody', async () => {
    const [op, someone] = [await signIn(operator), await signIn(user)];
    expect((await gateway.get('/v1/admin/jobs', { token: op.accessToken })).status).toBe(200);

    const refused = await gateway.get('/v1/admin/jobs', { token: someone.accessToken });
    expect([refused.status, refused.body.code]).toEqual([403, 'OPERATOR_ONLY']);
    expect(refused.body.message).toContain('OPERATOR_GARMIN_PROFILE_IDS');
    const pat = await gateway.post('/v1/auth/tokens', { name: 'script' }, { token: op.accessToken });
    expect(pat.status).toBe(201);
    expect((await gateway.get('/v1/admin/jobs', { token: pat.body.token })).status).toBe(403);
    expect((await gateway.get('/v1/admin/jobs')).status).toBe(401);
    // GET /v1/auth/me says who may open the console, so a client can offer it to them only.
    expect((await gateway.get('/v1/auth/me', { token: op.accessToken })).body.operator).toBe(true);
    expect((await gateway.get('/v1/auth/me', { token: someone.accessToken })).body.operator).toBe(false);
    expect((await gateway.get('/v1/auth/me', { token: pat.body.token })).body.operator).toBe(false);
  });

  it("lists every user's jobs with their error codes, filters by status and code, and counts them", async () => {
    const [op, someone] = [await signIn(operator), await signIn(user)];
    const range = (day: string) => ({ from: day, to: day, types: ['activities'] });
    const pending = (await gateway.post('/v1/sync', range('2026-05-01'), { token: someone.accessToken })).body.id as string;
    const failing = (await gateway.post('/v1/sync', range('2026-05-02'), { token: someone.accessToken })).body.id as string;
    // As a worker would: running first (the state machine's trigger allows no shortcut), then failed with its code.
    await stack.database.dataSource.query(`UPDATE sync_jobs SET status = 'running', started_at = now() WHERE id = $1`, [failing]);
    await stack.database.dataSource.query(
      `UPDATE sync_jobs SET status = 'failed', error_code = 'GARMIN_RATE_LIMITED', error_message = 'Garmin is throttling this account', finished_at = now() WHERE id = $1`,
      [failing],
    );
    const admin = (query = '') => gateway.get(`/v1/admin/jobs${query}`, { token: op.accessToken });

    const all = await admin();
    expect(all.status).toBe(200);
    expect(all.body.items.map((j: { id: string }) => j.id)).toEqual(expect.arrayContaining([pending, failing]));
    expect(all.body.items.find((j: { id: string }) => j.id === failing)).toMatchObject({
      userId: someone.user.id,
      displayName: user.displayName,
      garminProfileId: user.profileId,
      status: 'failed',
      errorCode: 'GARMIN_RATE_LIMITED',
      error: 'Garmin is throttling this account',
      kinds: ['activities'],
    });
    expect(all.body.byStatus).toMatchObject({ pending: 1, failed: 1 });
    expect(all.body.failedByCode).toEqual({ GARMIN_RATE_LIMITED: 1 });

    const failed = await admin('?status=failed');
    expect([failed.body.total, failed.body.items.map((j: { id: string }) => j.id)]).toEqual([1, [failing]]);
    const byCode = await admin('?code=GARMIN_RATE_LIMITED');
    expect(byCode.body.items.map((j: { id: string }) => j.id)).toEqual([failing]);
    expect((await admin('?code=GARMIN_SESSION_REJECTED')).body).toMatchObject({ total: 0, items: [] });
    const paged = await admin('?pageSize=1&page=2');
    expect([paged.body.page, paged.body.pageSize, paged.body.items.length, paged.body.total]).toEqual([2, 1, 1, 2]);

    // A failure that recorded no code is counted as UNKNOWN, and the same code finds it.
    const uncoded = (await gateway.post('/v1/sync', range('2026-05-03'), { token: someone.accessToken })).body.id as string;
    await stack.database.dataSource.query(`UPDATE sync_jobs SET status = 'running', started_at = now() WHERE id = $1`, [uncoded]);
    await stack.database.dataSource.query(`UPDATE sync_jobs SET status = 'failed', error_message = 'something broke', finished_at = now() WHERE id = $1`, [uncoded]);
    expect((await admin()).body.failedByCode).toEqual({ GARMIN_RATE_LIMITED: 1, UNKNOWN: 1 });
    expect((await admin('?code=UNKNOWN')).body.items.map((j: { id: string }) => j.id)).toEqual([uncoded]);

    for (const bad of ['?status=stuck', '?code=rate limited', '?pageSize=500']) expect((await admin(bad)).status).toBe(400);
    // No secret of anyone: no API token, no Garmin token, no password, no email.
    const text = JSON.stringify(all.body);
    for (const secret of ['fgs_', 'oauth', 'encrypted', user.password, user.email]) expect(text).not.toContain(secret);
  });

  it('counts links by health and names who must sign in again, with why', async () => {
    const [op, someone] = [await signIn(operator), await signIn(user)];
    const before = (await gateway.get('/v1/admin/links', { token: op.accessToken })).body;
    expect(before).toEqual({ byHealth: { active: 2 }, mustSignIn: [] });
    expect((await gateway.get('/v1/admin/links', { token: someone.accessToken })).status).toBe(403);

    await stack.database.dataSource.query(
      `UPDATE garmin_authentication_states SET health_status = 'needs_login', health_reason = 'Garmin refused the refresh: sign in again' WHERE user_id = $1`,
      [someone.user.id],
    );
    await stack.database.dataSource.query(`INSERT INTO users (garmin_profile_id, display_name) VALUES (77000001, 'never linked')`);
    const after = await gateway.get('/v1/admin/links', { token: op.accessToken });
    expect(after.status).toBe(200);
    expect(after.body.byHealth).toEqual({ active: 1, needs_login: 1, unlinked: 1 });
    expect(after.body.mustSignIn).toEqual([
      {
        userId: someone.user.id,
        displayName: user.displayName,
        garminProfileId: user.profileId,
        health: 'needs_login',
        reason: 'Garmin refused the refresh: sign in again',
        cooldownUntil: null,
        since: expect.any(String),
      },
    ]);
    const text = JSON.stringify(after.body);
    for (const secret of ['fgs_', 'oauth', 'v1.dev.', user.password, user.email]) expect(text).not.toContain(secret);
  });

  it('shows the latest nightly runs as the NATS status subject does', async () => {
    const op = await signIn(operator);
    expect((await gateway.get('/v1/admin/nightly', { token: op.accessToken })).body).toEqual({ runs: [] });
    const nats = await connect({ servers: NATS_URL });
    try {
      const ask = async (subject: string, payload: unknown) =>
        JSON.parse(Buffer.from((await nats.request(`${stack.prefix}.${subject}`, Buffer.from(JSON.stringify(payload)), { timeout: 20_000 })).data).toString());
      const run = await ask(RpcSubject.NightlyRun, { date: '2030-01-02' });
      expect(run).toMatchObject({ ok: true, data: { runDate: '2030-01-02', trigger: 'operator' } });
      const shown = await gateway.get('/v1/admin/nightly?limit=5', { token: op.accessToken });
      expect(shown.status).toBe(200);
      expect(shown.body).toEqual((await ask(RpcSubject.NightlyStatus, { limit: 5 })).data);
      expect(shown.body.runs.map((r: { id: string }) => r.id)).toEqual([run.data.id]);
      expect((await gateway.get('/v1/admin/nightly?limit=0', { token: op.accessToken })).status).toBe(400);
    } finally {
      await nats.close();
    }
  });

  it('counts every Garmin request, 429 and cooldown of the fleet over time, and shows each worker with the job it runs', async () => {
    const op = await signIn(operator);
    const worker = await stack.startWorker({ FLEET_REPORT_INTERVAL_MS: '300', GARMIN_ACCOUNT_RATE_PER_SECOND: '0', GARMIN_GLOBAL_RATE_PER_SECOND: '0' });
    const synced = await linkedUser(stack.sim, gateway, { historyDays: 30 });
    const upstream = async () => (await gateway.get('/v1/admin/upstream?hours=1', { token: op.accessToken })).body;
    const before = (await upstream()).totals;

    // A slow Garmin that throttles a fifth of the activity calls: the job runs long enough to be seen running.
    await stack.sim.admin('/stats', undefined, 'DELETE');
    await stack.sim.admin('/faults', { latency: { fixedMs: 40 }, throttle: [{ prefix: '/activitylist-service', probability: 0.2, retryAfterSeconds: 1 }, { prefix: '/activity-service', probability: 0.2, retryAfterSeconds: 1 }] }, 'PUT');
    const job = (await gateway.post('/v1/sync', { types: ['activities'] }, { token: synced.token })).body;
    try {
      await eventually(async () => {
        const { workers } = (await gateway.get('/v1/admin/workers', { token: op.accessToken })).body;
        return workers.some((w: any) => w.jobs.some((j: any) => j.jobId === job.id));
      }, 30_000, 'the worker to show the job it runs');
      const { workers } = (await gateway.get('/v1/admin/workers', { token: op.accessToken })).body;
      const running = workers.find((w: any) => w.jobs.length > 0);
      expect(running).toMatchObject({ pid: worker.process.pid, jobs: [{ jobId: job.id, displayName: expect.any(String), kinds: ['activities'] }] });
      // The same name as the worker answers its ping with, and as it holds the user's lease under.
      const [lease] = await stack.database.dataSource.query(`SELECT holder FROM sync_leases WHERE job_id = $1`, [job.id]);
      expect(running.id).toBe(lease.holder);
      expect(running.secondsSinceSeen).toBeLessThan(10);
      expect(await waitForJob(gateway, synced, job.id, 90_000)).toMatchObject({ status: 'completed' });
    } finally {
      await stack.sim.admin('/faults', {}, 'PUT');
    }

    // Every request the simulator answered was counted once, with its 429s, whichever minute it fell in.
    const answered = await stack.sim.stats();
    expect(answered.throttled).toBeGreaterThan(0);
    await eventually(async () => (await upstream()).totals.requests - before.requests === answered.requests, 10_000, 'the worker to report its tally');
    const after = await upstream();
    expect(after.totals.throttled - before.throttled).toBe(answered.throttled);
    expect(after).toMatchObject({ hours: 1, bucketMinutes: 5 });
    expect(after.buckets.length).toBeGreaterThanOrEqual(12);
    expect(after.buckets.reduce((sum: number, b: any) => sum + b.requests, 0)).toBe(after.totals.requests);

    // A sign-in refused at every strategy starts a cooldown: on the timeline, and cooling down now.
    const throttled = await newAccount(stack.sim, 'none', { signIn: { mobile: 'throttled', widget: 'throttled', portal: 'throttled' } });
    const refused = await gateway.post('/v1/auth/login', throttled.credentials, { ip: uniqueIp() });
    expect([refused.status, refused.body.cooldownUntil]).toEqual([refused.body.code === 'GARMIN_RATE_LIMITED' ? 429 : 403, expect.any(String)]);
    const cooled = await upstream();
    expect(cooled.totals.cooldownsStarted - after.totals.cooldownsStarted).toBe(1);
    expect(cooled.coolingDown).toBeGreaterThanOrEqual(1);

    // A worker that stops cleanly leaves the list.
    await worker.process.stop('SIGTERM');
    const { workers } = (await gateway.get('/v1/admin/workers', { token: op.accessToken })).body;
    expect(workers.map((w: any) => w.pid)).not.toContain(worker.process.pid);
    expect((await gateway.get('/v1/admin/upstream?hours=500', { token: op.accessToken })).status).toBe(400);
  });
});
