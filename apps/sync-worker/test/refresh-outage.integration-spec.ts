import { GarminSession } from '@fittrack/garmin';
import { GarminAuthenticationState, GarminLinkStore, parseKeyring, SecretCipher } from '@fittrack/persistence';
import { AppProcess, PlatformStack, TcpProxy } from '@fittrack/testing';
import { randomBytes } from 'node:crypto';
import { eventually, LinkedUser, linkedUser, startStack, waitForJob } from './support/stack';

jest.setTimeout(240_000);

const KEYRING = `outage${randomBytes(2).toString('hex')}:${randomBytes(32).toString('base64')}`;
const DI_TOKEN = '/di-oauth2-service/oauth/token';
/**
 * The refreshed token's check (socialProfile) answers this late: the window, after Garmin's DI answer and
 * before the write-back, in which the test cuts PostgreSQL. Only the check is slowed; data calls are not.
 */
const CHECK_DELAY = { latency: { fixedMs: 5000, prefix: '/userprofile-service/socialProfile' } };

describe('a rotated Garmin refresh token survives PostgreSQL going away between Garmin’s answer and the write', () => {
  let stack: PlatformStack;
  let proxy: TcpProxy;
  let worker: AppProcess;
  const links = new GarminLinkStore(new SecretCipher(parseKeyring(KEYRING)));

  const stored = async (user: LinkedUser) => {
    const state = await stack.database.dataSource.getRepository(GarminAuthenticationState).findOneByOrFail({ userId: user.userId });
    return { session: links.open<GarminSession>(state), version: state.version, health: state.healthStatus };
  };
  const diAnswers = async (user: LinkedUser) =>
    ((await stack.sim.admin(`/requests/${encodeURIComponent(user.email)}`, undefined, 'GET')) as { route: string; status: number }[]).filter(
      (r) => r.route === DI_TOKEN && r.status === 200,
    ).length;
  const sync = async (user: LinkedUser) => {
    const answer = await stack.gateway.post('/v1/sync', { types: ['workouts'] }, { token: user.token });
    expect(answer.status).toBe(202);
    return answer.body.id as string;
  };

  beforeAll(async () => {
    stack = await startStack({ gateways: 1, workers: 0, env: { ENCRYPTION_KEYS: KEYRING } });
    const target = new URL(stack.database.url);
    proxy = await new TcpProxy(target.hostname, Number(target.port)).start();
    const viaProxy = new URL(stack.database.url);
    viaProxy.port = String(proxy.port);
    worker = await stack.startWorker({ DATABASE_URL: viaProxy.toString() });
  });

  afterAll(async () => {
    await stack?.stop();
    await proxy?.cut();
  });

  it('keeps the fresh session in memory, stores it once PostgreSQL is back, and the next sync needs no sign-in', async () => {
    const user = await linkedUser(stack.sim, stack.gateway, { historyDays: 20 });
    const account = ((await stack.sim.admin('/accounts', undefined, 'GET')) as { email: string; diRotateRefreshToken: boolean }[]).find((a) => a.email === user.email);
    expect(account?.diRotateRefreshToken).toBe(true);
    const before = await stored(user);
    const oldRefreshToken = before.session.oauth2.refresh_token;
    expect(oldRefreshToken).toEqual(expect.any(String));
    const answersBefore = await diAnswers(user);

    // The access token dies at Garmin: the job's first data call is refused, and the worker refreshes.
    await stack.sim.admin('/faults', CHECK_DELAY, 'PUT');
    await stack.sim.admin(`/accounts/${user.email}/expire-bearers`);
    const id = await sync(user);
    await eventually(async () => (await diAnswers(user)) > answersBefore, 60_000, 'Garmin to answer the refresh');
    await proxy.cut();
    // Garmin has rotated the refresh token; the worker could not store the new one.
    await eventually(async () => worker.process.logs.includes('could not store the refreshed Garmin session'), 60_000, 'a failed write-back');
    await stack.sim.admin('/faults', {}, 'PUT');
    await proxy.restore();

    const done = await waitForJob(stack.gateway, user, id, 150_000);
    expect(done.status).toBe('completed');
    const after = await stored(user);
    expect(after.health).toBe('active');
    expect(after.version).toBe(before.version + 1);
    expect(after.session.oauth2.refresh_token).not.toBe(oldRefreshToken);
    expect((await diAnswers(user)) - answersBefore).toBe(1);
    expect(worker.process.logs).toContain('the refreshed Garmin session is stored');

    // A later sync refreshes with the stored token: Garmin (which revokes a login whose rotated-away token is
    // presented again) takes it, so it is the current one, and no sign-in is needed.
    await stack.sim.admin(`/accounts/${user.email}/expire-bearers`);
    const next = await sync(user);
    expect((await waitForJob(stack.gateway, user, next, 90_000)).status).toBe('completed');
    const later = await stored(user);
    expect(later.version).toBe(after.version + 1);
    expect(later.session.oauth2.refresh_token).not.toBe(after.session.oauth2.refresh_token);

    // The rotation really invalidated the old token: had the worker lost the new one, nothing could refresh.
    const clientId = before.session.diClientId ?? '';
    const replay = await fetch(`${stack.sim.url}${DI_TOKEN}`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${clientId}:`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', client_id: clientId, refresh_token: oldRefreshToken ?? '' }).toString(),
    });
    expect(replay.status).toBe(400);
    expect(await replay.json()).toMatchObject({ error: 'invalid_grant' });
    console.log('PostgreSQL cut after Garmin rotated the refresh token: the job completed, the rotated token was stored once PostgreSQL was back, a later sync refreshed with it, and the old token is dead');
  });
});
