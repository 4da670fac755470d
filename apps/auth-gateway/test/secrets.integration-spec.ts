import { GarminSession } from '@fittrack/garmin';
import { GarminAuthenticationState, GarminLinkStore, parseKeyring, SecretCipher } from '@fittrack/persistence';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { newAccount } from './support/accounts';
import { GatewayStack, uniqueIp } from './support/stack';

jest.setTimeout(60_000);

const KEYRING = `test${randomBytes(2).toString('hex')}:${randomBytes(32).toString('base64')}`;

describe('secrets stay secret: logs and a pg_dump after a full MFA sign-in, a refresh and a sync', () => {
  let stack: GatewayStack;

  beforeAll(async () => {
    // The most talkative logs there are: if a secret is ever logged, it is logged here.
    stack = await GatewayStack.start({ gateways: 2, env: { LOG_LEVEL: 'trace', ENCRYPTION_KEYS: KEYRING } });
    await stack.startWorker();
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('finds none of the password, MFA code, Garmin tokens or API tokens in plain text', async () => {
    const [a, b] = stack.gateways;
    const account = await newAccount(stack.sim, 'email');
    const started = await a.post('/v1/auth/login', account.credentials, { ip: uniqueIp() });
    const wrongCode = '000000';
    expect((await b.post('/v1/auth/mfa', { challengeId: started.body.challengeId, code: wrongCode }, { ip: uniqueIp() })).status).toBe(401);
    const code = await stack.sim.mfaCode(account.email);
    const signedIn = await b.post('/v1/auth/mfa', { challengeId: started.body.challengeId, code }, { ip: uniqueIp() });
    expect(signedIn.status).toBe(200);
    const refreshed = await a.post('/v1/auth/refresh', { refreshToken: signedIn.body.refreshToken });
    expect(refreshed.status).toBe(200);
    expect((await b.get('/v1/auth/me', { token: refreshed.body.accessToken })).status).toBe(200);

    // A sync, for which the worker's Garmin access token must be refreshed.
    const refreshes = async () => ((await stack.sim.stats()).byRoute['/di-oauth2-service/oauth/token'] ?? 0) as number;
    const refreshesBefore = await refreshes();
    // Garmin's access token is expired before the sync starts: the worker must refresh it to do anything.
    await stack.sim.admin(`/accounts/${account.email}/expire-bearers`);
    const sync = await a.post('/v1/sync', { types: ['workouts', 'health'], from: '2026-05-01', to: '2026-05-05' }, { token: refreshed.body.accessToken });
    expect(sync.status).toBe(202);
    let job = await a.get(`/v1/sync/jobs/${sync.body.id}`, { token: refreshed.body.accessToken });
    for (let i = 0; i < 600 && ['pending', 'running'].includes(job.body.status); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      job = await a.get(`/v1/sync/jobs/${sync.body.id}`, { token: refreshed.body.accessToken });
    }
    // The sync really ran to its end, and the worker really refreshed the Garmin session on the way.
    expect(job.body.status).toBe('completed');
    expect(await refreshes()).toBeGreaterThan(refreshesBefore);
    expect(stack.workers[0].process.logs).toContain('sync-worker');

    // What Garmin handed over, read back the only way there is: decrypting with the key.
    const state = await stack.database.dataSource.getRepository(GarminAuthenticationState).findOneByOrFail({ userId: signedIn.body.user.id });
    const session = new GarminLinkStore(new SecretCipher(parseKeyring(KEYRING))).open<GarminSession>(state);
    const secrets: Record<string, string> = {
      password: account.password,
      mfaCode: code,
      garminAccessToken: session.oauth2.access_token,
      ...(session.oauth2.refresh_token && { garminRefreshToken: session.oauth2.refresh_token }),
      ...(session.oauth1 && { garminOAuth1Token: session.oauth1.oauth_token, garminOAuth1Secret: session.oauth1.oauth_token_secret }),
      apiAccessToken: signedIn.body.accessToken,
      apiRefreshToken: signedIn.body.refreshToken,
      apiRotatedAccessToken: refreshed.body.accessToken,
      apiRotatedRefreshToken: refreshed.body.refreshToken,
    };
    expect(Object.values(secrets).every((s) => s.length >= 6)).toBe(true);

    const { stdout: dump } = await promisify(execFile)('pg_dump', ['--data-only', '--inserts', stack.database.url], { maxBuffer: 64 * 1024 * 1024 });
    expect(dump).toContain(account.displayName); // the dump is real and has our rows
    const logs = stack.logs;
    expect(logs).toContain('/v1/auth/mfa'); // the logs are real and cover the sign-in

    const found = Object.entries(secrets).flatMap(([name, secret]) => [
      ...(dump.includes(secret) ? [`${name} in pg_dump`] : []),
      ...(logs.includes(secret) ? [`${name} in logs`] : []),
    ]);
    expect(found).toEqual([]);
  });
});
