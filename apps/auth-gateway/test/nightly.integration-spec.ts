import { RpcSubject } from '@fittrack/contracts';
import { PlatformStack } from '@fittrack/testing';
import { connect, NatsConnection } from 'nats';
import { setTimeout as sleep } from 'node:timers/promises';
import { newAccount } from './support/accounts';
import { GatewayStack, NATS_URL, uniqueIp } from './support/stack';

jest.setTimeout(120_000);

const WINDOW_SECONDS = 6;

describe('the nightly run (two gateway processes firing every 2 seconds, one worker)', () => {
  let stack: PlatformStack;
  let nats: NatsConnection;
  const userIds: string[] = [];
  const query = (sql: string, params: unknown[] = []) => stack.database.dataSource.query(sql, params);
  const ask = async (subject: string, payload: unknown) =>
    JSON.parse(Buffer.from((await nats.request(`${stack.prefix}.${subject}`, Buffer.from(JSON.stringify(payload)), { timeout: 20_000 })).data).toString());

  beforeAll(async () => {
    // Linked users first, with the schedule off; then two gateways that fire every two seconds.
    stack = await GatewayStack.start({ gateways: 1, env: { NIGHTLY_ENABLED: 'false' } });
    for (let i = 0; i < 4; i++) {
      const account = await newAccount(stack.sim);
      userIds.push((await stack.gateway.post('/v1/auth/login', account.credentials, { ip: uniqueIp() })).body.user.id);
    }
    const nightly = { NIGHTLY_ENABLED: 'true', NIGHTLY_CRON: '*/2 * * * * *', NIGHTLY_WINDOW_SECONDS: String(WINDOW_SECONDS), SESSION_REFRESH_HORIZON_HOURS: '0' };
    await stack.startGateway(nightly);
    await stack.startGateway(nightly);
    nats = await connect({ servers: NATS_URL });
  });

  afterAll(async () => {
    await nats?.close();
    await stack?.stop();
  });

  it('fires at the configured time, once across both replicas, with one job per user', async () => {
    for (let i = 0; i < 100 && (await query(`SELECT 1 FROM nightly_runs WHERE trigger = 'schedule' AND finished_at IS NOT NULL`)).length === 0; i++) await sleep(100);
    await sleep(4500); // two more firings of each replica
    const runs = await query(`SELECT run_date, users_enqueued FROM nightly_runs WHERE trigger = 'schedule'`);
    expect(runs).toHaveLength(1);
    expect(runs[0].users_enqueued).toBe(4);
    const jobs = await query(`SELECT user_id, count(*)::int AS n FROM sync_jobs WHERE trigger = 'nightly' GROUP BY user_id`);
    expect(jobs.map((j: { n: number }) => j.n)).toEqual([1, 1, 1, 1]);
    const published = await query(`SELECT count(*)::int AS n FROM outbox WHERE subject = 'garmin.cmd.sync.run' AND published_at IS NOT NULL`);
    expect(published[0].n).toBe(4);
  });

  it('spreads not-before times over the window, and workers start no job early', async () => {
    const [run] = await query(`SELECT started_at FROM nightly_runs WHERE trigger = 'schedule'`);
    const jobs = await query(`SELECT id, not_before FROM sync_jobs WHERE trigger = 'nightly'`);
    for (const job of jobs) {
      const offset = new Date(job.not_before).getTime() - new Date(run.started_at).getTime();
      expect(offset).toBeGreaterThanOrEqual(-1000);
      expect(offset).toBeLessThanOrEqual(WINDOW_SECONDS * 1000 + 1000);
    }
    // One job due a few seconds from now, whatever the spread gave it: the worker must wait for it.
    const [[late]] = await query(`UPDATE sync_jobs SET not_before = now() + interval '3 seconds' WHERE id = $1 RETURNING not_before`, [jobs[0].id]);
    await stack.startWorker({ GARMIN_ACCOUNT_RATE_PER_SECOND: '0', GARMIN_GLOBAL_RATE_PER_SECOND: '0' });
    for (let i = 0; i < 300; i++) {
      const [{ open }] = await query(`SELECT count(*)::int AS open FROM sync_jobs WHERE trigger = 'nightly' AND status <> 'completed'`);
      if (open === 0) break;
      await sleep(200);
    }
    const done = await query(`SELECT status, started_at, not_before FROM sync_jobs WHERE trigger = 'nightly'`);
    expect(done.some((job: { not_before: Date }) => new Date(job.not_before).getTime() === new Date(late.not_before).getTime())).toBe(true);
    for (const job of done) {
      expect(job.status).toBe('completed');
      expect(new Date(job.started_at).getTime()).toBeGreaterThanOrEqual(new Date(job.not_before).getTime());
    }
  });

  it('adds nothing when run again the same day (garmin.rpc.nightly.run)', async () => {
    const [{ run_date: day }] = await query(`SELECT to_char(run_date, 'YYYY-MM-DD') AS run_date FROM nightly_runs WHERE trigger = 'schedule'`);
    const again = await ask(RpcSubject.NightlyRun, { date: day });
    expect(again).toMatchObject({ ok: true, data: { runDate: day, trigger: 'operator', usersEnqueued: 0, usersAlreadyQueued: 4 } });
    expect((await query(`SELECT count(*)::int AS n FROM sync_jobs WHERE trigger = 'nightly'`))[0].n).toBe(4);
  });

  it('skips and reports sessions that need a sign-in or are cooling down, and announces who must sign in', async () => {
    const events: string[] = [];
    const subscription = nats.subscribe(`${stack.prefix}.garmin.events.session.needs_login`, { callback: (_e, m) => events.push(Buffer.from(m.data).toString()) });
    await query(`UPDATE garmin_authentication_states SET health_status = 'needs_login', health_reason = 'test' WHERE user_id = $1`, [userIds[0]]);
    await query(`UPDATE garmin_authentication_states SET cooldown_until = now() + interval '1 hour' WHERE user_id = $1`, [userIds[1]]);
    const run = await ask(RpcSubject.NightlyRun, { date: '2030-01-02' });
    expect(run).toMatchObject({ ok: true, data: { usersEnqueued: 2, skipped: { needs_login: 1, cooling_down: 1 } } });
    const jobs = await query(`SELECT user_id FROM sync_jobs WHERE trigger = 'nightly' AND created_at >= $1`, [run.data.startedAt]);
    expect(jobs.map((j: { user_id: string }) => j.user_id).sort()).toEqual([userIds[2], userIds[3]].sort());
    for (let i = 0; i < 50 && !events.some((e) => e.includes(userIds[0])); i++) await sleep(100);
    expect(events.some((e) => e.includes(userIds[0]))).toBe(true);
    subscription.unsubscribe();

    const status = await ask(RpcSubject.NightlyStatus, { limit: 2 });
    expect(status.data.runs[0]).toMatchObject({ runDate: '2030-01-02', skipped: { needs_login: 1, cooling_down: 1 } });
    expect(await ask(RpcSubject.NightlyStatus, { limit: 0 })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await ask(RpcSubject.NightlyRun, { date: 'tomorrow' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    await query(`UPDATE garmin_authentication_states SET health_status = 'active', health_reason = NULL, cooldown_until = NULL`);
  });
});

describe('session health in the nightly run', () => {
  it('refreshes sessions near the end of their refresh credentials once, through the workers', async () => {
    const stack = await GatewayStack.start({
      gateways: 1,
      // Every session is "near expiry" with a horizon of 400 days.
      env: { NIGHTLY_ENABLED: 'false', SESSION_REFRESH_HORIZON_HOURS: String(400 * 24), NIGHTLY_WINDOW_SECONDS: '0' },
    });
    const nats = await connect({ servers: NATS_URL });
    try {
      const users: string[] = [];
      const accounts: { email: string }[] = [];
      const tokens: string[] = [];
      for (let i = 0; i < 3; i++) {
        const account = await newAccount(stack.sim);
        accounts.push(account);
        const signedIn = await stack.gateway.post('/v1/auth/login', account.credentials, { ip: uniqueIp() });
        users.push(signedIn.body.user.id);
        tokens.push(signedIn.body.accessToken);
      }
      await stack.startWorker();
      await stack.startWorker();
      // Sessions from today's sign-in are DI sessions: a refresh is the DI token endpoint's refresh grant.
      const exchanges = async () => ((await stack.sim.stats()).byRoute['/di-oauth2-service/oauth/token'] ?? 0) as number;
      const versions = async () => (await stack.database.dataSource.query(`SELECT version FROM garmin_authentication_states ORDER BY user_id`)).map((r: { version: number }) => r.version);
      const before = await exchanges();
      const versionsBefore = await versions();
      const ask = async (payload: unknown) =>
        JSON.parse(Buffer.from((await nats.request(`${stack.prefix}.${RpcSubject.NightlyRun}`, Buffer.from(JSON.stringify(payload)), { timeout: 20_000 })).data).toString());
      expect(await ask({ date: '2030-02-01' })).toMatchObject({ ok: true, data: { refreshesRequested: 3 } });
      for (let i = 0; i < 100 && (await exchanges()) - before < 3; i++) await sleep(100);
      await sleep(1000);
      // One refresh per session (the nightly jobs themselves find fresh tokens and refresh nothing).
      expect((await exchanges()) - before).toBe(3);
      expect((await versions()).map((v: number, i: number) => v - versionsBefore[i])).toEqual([1, 1, 1]);
      // The same night again: no second refresh request.
      expect(await ask({ date: '2030-02-01' })).toMatchObject({ ok: true, data: { refreshesRequested: 0 } });

      // A refresh Garmin rejects leaves needs_login; one Garmin cannot answer leaves refresh_failed, with the reason.
      const ordered = [...users].sort();
      const [rejected, unreachable] = [users.indexOf(ordered[0]), users.indexOf(ordered[1])];
      await stack.sim.admin(`/accounts/${accounts[rejected].email}/expire-tokens`);
      // Expired by our record too (refused before its known expiry, it would be revoked).
      await stack.database.dataSource.query(`UPDATE garmin_authentication_states SET refresh_expires_at = now() - interval '1 minute' WHERE user_id = $1`, [users[rejected]]);
      await ask({ date: '2030-02-02' });
      const ask2 = async (subject: string, payload: unknown) =>
        JSON.parse(Buffer.from((await nats.request(`${stack.prefix}.${subject}`, Buffer.from(JSON.stringify(payload)), { timeout: 20_000 })).data).toString());
      const status = async (i: number) => (await ask2(RpcSubject.UserStatus, { userId: users[i] })).data.garmin;
      for (let i = 0; i < 100 && (await status(rejected)).health !== 'needs_login'; i++) await sleep(100);
      expect(await status(rejected)).toMatchObject({ linked: true, health: 'needs_login', reason: expect.stringMatching(/Garmin/) });
      expect((await stack.gateway.get('/v1/auth/me', { token: tokens[rejected] })).body.garmin.health).toBe('needs_login');

      await stack.sim.admin('/faults', { serverErrors: { probability: 1, status: 503, prefix: '/di-oauth2-service' } }, 'PUT');
      await ask({ date: '2030-02-03' });
      for (let i = 0; i < 150 && (await status(unreachable)).health !== 'refresh_failed'; i++) await sleep(100);
      // The reason is a sentence of ours: Garmin's host and error stay in the worker's log.
      expect(await status(unreachable)).toMatchObject({ health: 'refresh_failed', reason: expect.stringMatching(/^The Garmin session could not be renewed/) });
      expect((await status(unreachable)).reason).not.toMatch(/https?:|127\.0\.0\.1|:\d{2,5}\b/);
      await stack.sim.admin('/faults', {}, 'PUT');
    } finally {
      await nats.close();
      await stack.stop();
    }
  });
});
