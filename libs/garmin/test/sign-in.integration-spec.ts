import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { workspaceRoot } from '@fittrack/testing';
import { apiCredential, ConnectApi, GarminAuthenticator, GarminErrorCode, GarminProfile, GarminSession, PendingMfa, PoliteSender, SignInStrategy } from '../src';
import { DEMO, MFA, Simulator } from './support/simulator';
import { failure } from './support/fake-garmin';

/** Completes a pending sign-in in a separate Node process (ts-node, with the workspace's path aliases). */
function completeInAnotherProcess(input: object): Promise<{ pid: number; session: GarminSession; via: SignInStrategy; profile: GarminProfile }> {
  const root = workspaceRoot();
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      ['-r', 'ts-node/register', '-r', 'tsconfig-paths/register', join(__dirname, 'support', 'complete-mfa.child.ts')],
      {
        cwd: root,
        env: { PATH: process.env['PATH'], TS_NODE_PROJECT: join(root, 'libs/garmin/tsconfig.lib.json'), TS_NODE_TRANSPILE_ONLY: 'true', TS_NODE_BASEURL: root },
        timeout: 60_000,
      },
      (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(JSON.parse(stdout))),
    );
    child.stdin?.end(JSON.stringify(input));
  });
}

const account = (email: string, profileId: number, extra: Record<string, unknown> = {}) => ({
  email,
  password: `${email}-pw`,
  displayName: email.split('@')[0].replace(/[^a-z0-9]/g, '_'),
  profileId,
  ...extra,
});

/** Against the today profile (the simulator's default): Garmin as python-garminconnect 0.3.12 meets it. */
describe('sign-in through the chain (today profile)', () => {
  let sim: Simulator;
  let lines: string[];
  let auth: GarminAuthenticator;

  beforeAll(async () => {
    sim = await Simulator.start({ SIM_ACCESS_TOKEN_TTL_S: '600' });
  });
  afterAll(() => sim.stop());
  beforeEach(async () => {
    lines = [];
    auth = new GarminAuthenticator(sim.config(), { log: (line) => lines.push(line) });
    await sim.admin('/stats', undefined, 'DELETE');
  });

  const addAccount = (spec: Record<string, unknown>) => sim.admin('/accounts', spec);
  const api = (session: GarminSession) =>
    new ConnectApi(sim.config(), { account: 'test', accessToken: async () => apiCredential(session), sender: new PoliteSender() });

  it('links a plain account with the first strategy: the iOS client over impit, one DI token, socialProfile', async () => {
    const result = await auth.start(DEMO.email, DEMO.password);
    if (result.kind !== 'signed_in') throw new Error('expected a session');
    expect(result).toMatchObject({ via: 'mobile-impit', profile: { displayName: 'demo_runner' }, session: { dialect: 'mobile+di', diClientId: expect.any(String) } });
    expect(Number.isFinite(result.session.oauth2.expires_at)).toBe(true);
    expect((await api(result.session).profile())?.profileId).toBe(result.profile.profileId);
    const stats = await sim.stats();
    expect(stats.byRoute['/mobile/api/login']).toBe(1);
    expect(lines.join('\n')).not.toContain(DEMO.password);
  });

  it('links an MFA account, the code completed by another process from the serialised pending state', async () => {
    const started = await auth.start(MFA.email, MFA.password);
    if (started.kind !== 'mfa_required') throw new Error('expected MFA');
    expect(started.pending).toMatchObject({ version: 2, strategy: 'mobile-impit' });
    const stored = JSON.stringify(started.pending);
    expect(stored).not.toContain(MFA.password);
    const other = await completeInAnotherProcess({ config: sim.config(), pending: JSON.parse(stored) as PendingMfa, code: await sim.mfaCode(MFA.email) });
    expect(other.pid).not.toBe(process.pid);
    expect(other).toMatchObject({ via: 'mobile-impit', session: { dialect: 'mobile+di' }, profile: { profileId: expect.any(Number) } });
    expect((await api(other.session).profile())?.profileId).toBe(other.profile.profileId);
  });

  it('a wrong code is GARMIN_INVALID_MFA_CODE (no attempt count), then the right one is accepted', async () => {
    const started = await auth.start(MFA.email, MFA.password);
    if (started.kind !== 'mfa_required') throw new Error('expected MFA');
    const code = await sim.mfaCode(MFA.email);
    const wrong = await failure(auth.complete(started.pending, code === '000000' ? '111111' : '000000'));
    expect(wrong.code).toBe(GarminErrorCode.InvalidMfaCode);
    expect(wrong.message).not.toContain(code);
    expect((await auth.complete(started.pending, code)).session.oauth2.access_token).toBeTruthy();
  });

  it('a pending sign-in past its 10 minutes is GARMIN_MFA_EXPIRED without asking Garmin', async () => {
    const started = await auth.start(MFA.email, MFA.password);
    if (started.kind !== 'mfa_required') throw new Error('expected MFA');
    await sim.admin('/stats', undefined, 'DELETE');
    expect((await failure(auth.complete({ ...started.pending, expiresAt: Date.now() - 1 }, '123456'))).code).toBe(GarminErrorCode.MfaExpired);
    expect((await sim.stats()).requests).toBe(0);
  });

  it('a wrong password stops the chain after one POST', async () => {
    const wrong = await failure(auth.start(DEMO.email, 'hunter2-wrong'));
    expect(wrong.code).toBe(GarminErrorCode.InvalidCredentials);
    expect(wrong.message).not.toContain('hunter2');
    const stats = await sim.stats();
    expect(stats.byRoute['/mobile/api/login']).toBe(1);
    expect(stats.byRoute['/sso/signin']).toBeUndefined();
  });

  it('plain fetch without a browser fingerprint is refused as Garmin refuses it', async () => {
    const mobile = new GarminAuthenticator(sim.config({ strategies: ['mobile-fetch'] }));
    expect(await failure(mobile.start(DEMO.email, DEMO.password))).toMatchObject({
      code: GarminErrorCode.RateLimited,
      attempts: [{ strategy: 'mobile-fetch', status: 429 }],
    });
    const portal = new GarminAuthenticator(sim.config({ strategies: ['portal-fetch'] }));
    const refused = await failure(portal.start(DEMO.email, DEMO.password));
    expect(refused.code).toBe(GarminErrorCode.EdgeRefused);
    expect(refused.attempts?.[0]).toMatchObject({ strategy: 'portal-fetch', status: 403 });
  });

  it('a widget-only account links through the widget with MFA, the code asked for and entered on another process', async () => {
    const spec = account('widget-only@fittrack.test', 90_201, { mfa: 'email', signIn: { mobile: 'throttled', portal: 'throttled' } });
    await addAccount(spec);
    const started = await auth.start(spec.email, spec.password);
    if (started.kind !== 'mfa_required') throw new Error('expected MFA');
    expect(started.pending).toMatchObject({ strategy: 'widget', method: 'email' });
    const other = await completeInAnotherProcess({ config: sim.config(), pending: started.pending, code: await sim.mfaCode(spec.email) });
    expect(other).toMatchObject({ via: 'widget', profile: { profileId: 90_201 } });
    expect(lines.join('\n')).toMatch(/mobile-impit: refused/);
  });

  it('a token connectapi says is not active falls through to the next strategy', async () => {
    const spec = account('not-active@fittrack.test', 90_203, { tokenNotActive: { via: ['mobile'] } });
    await addAccount(spec);
    const result = await auth.start(spec.email, spec.password);
    expect(result).toMatchObject({ kind: 'signed_in', via: 'widget', profile: { profileId: 90_203 } });
    expect(lines.join('\n')).toMatch(/mobile-impit: connectapi rejected the new token \(401\)/);
  });

  it('the DI client-id fallback keeps the id that worked', async () => {
    const spec = account('ios-di@fittrack.test', 90_204, { diClientIds: ['GARMIN_CONNECT_MOBILE_IOS_DI'] });
    await addAccount(spec);
    const result = await auth.start(spec.email, spec.password);
    if (result.kind !== 'signed_in') throw new Error('expected a session');
    expect(result.session.diClientId).toBe('GARMIN_CONNECT_MOBILE_IOS_DI');
    expect((await sim.stats()).byRoute['/di-oauth2-service/oauth/token']).toBe(4);
    const refreshed = await auth.refresh(result.session);
    expect(refreshed.diClientId).toBe('GARMIN_CONNECT_MOBILE_IOS_DI');
  });

  it('the JWT_WEB fallback: no client id takes a portal ticket, the web session reads data and refreshes', async () => {
    const spec = account('web-only@fittrack.test', 90_205, { diClientIds: [] });
    await addAccount(spec);
    const portal = new GarminAuthenticator(sim.config({ strategies: ['portal-impit'] }));
    const result = await portal.start(spec.email, spec.password);
    if (result.kind !== 'signed_in') throw new Error('expected a session');
    expect(result.session.dialect).toBe('jwt_web');
    expect(result.session.oauth2.expires_at).toBeGreaterThan(Date.now() / 1000);
    expect((await api(result.session).profile())?.profileId).toBe(90_205);
    const refreshed = await portal.refresh(result.session);
    expect(refreshed.oauth2.access_token).not.toBe(result.session.oauth2.access_token);
    expect((await api(refreshed).profile())?.profileId).toBe(90_205);
  });

  it('a refresh answer without a refresh token keeps the old one; the expiry comes from the JWT exp', async () => {
    const spec = account('no-rotate@fittrack.test', 90_206, { diRotateRefreshToken: false });
    await addAccount(spec);
    const result = await auth.start(spec.email, spec.password);
    if (result.kind !== 'signed_in') throw new Error('expected a session');
    const refreshed = await auth.refresh(result.session);
    expect(refreshed.oauth2.refresh_token).toBe(result.session.oauth2.refresh_token);
    expect(refreshed.oauth2.access_token).not.toBe(result.session.oauth2.access_token);
    expect(refreshed.oauth2.expires_in).toBeUndefined();
    expect(Math.abs(refreshed.oauth2.expires_at - (Date.now() / 1000 + 600))).toBeLessThan(30);
    expect((await auth.refresh(refreshed)).oauth2.refresh_token).toBe(result.session.oauth2.refresh_token);
  });

  it('imports python-garminconnect’s token file, and refuses a dead one', async () => {
    const result = await auth.start(DEMO.email, DEMO.password);
    if (result.kind !== 'signed_in') throw new Error('expected a session');
    const file = JSON.stringify({ di_token: result.session.oauth2.access_token, di_refresh_token: result.session.oauth2.refresh_token, di_client_id: result.session.diClientId });
    const imported = await auth.importTokens(Buffer.from(file).toString('base64'));
    expect(imported).toMatchObject({ profile: { displayName: 'demo_runner' }, session: { dialect: 'mobile+di', via: 'import' } });
    await sim.admin(`/accounts/${DEMO.email}/revoke-tokens`);
    expect((await failure(auth.importTokens(file))).code).toBe(GarminErrorCode.SessionRejected);
  });

  it('an unreachable Garmin is GARMIN_UNAVAILABLE', async () => {
    const offline = new GarminAuthenticator({ ...sim.config(), ssoUrl: 'http://127.0.0.1:9' });
    expect((await failure(offline.start(DEMO.email, DEMO.password))).code).toBe(GarminErrorCode.Unavailable);
  });
});

describe('everything throttled (today profile, unfingerprinted requests throttled rather than challenged)', () => {
  let sim: Simulator;

  beforeAll(async () => {
    sim = await Simulator.start({ SIM_UNFINGERPRINTED: 'throttled' });
  });
  afterAll(() => sim.stop());

  it('GARMIN_RATE_LIMITED with every strategy’s attempt, at most one password POST each, nothing after', async () => {
    const spec = account('throttled@fittrack.test', 90_202, { signIn: { mobile: 'throttled', widget: 'throttled', portal: 'throttled' } });
    await sim.admin('/accounts', spec);
    await sim.admin('/stats', undefined, 'DELETE');
    const limited = await failure(new GarminAuthenticator(sim.config()).start(spec.email, spec.password));
    expect(limited.code).toBe(GarminErrorCode.RateLimited);
    expect(limited.attempts?.map((a) => [a.strategy, a.status])).toEqual([
      ['mobile-impit', 429],
      ['mobile-fetch', 429],
      ['widget', 429],
      ['portal-impit', 429],
      ['portal-fetch', 429],
    ]);
    const { byRoute } = await sim.stats();
    expect(byRoute['/mobile/api/login']).toBe(2);
    expect(byRoute['/portal/api/login'] ?? 0).toBeLessThanOrEqual(2);
    expect(byRoute['/di-oauth2-service/oauth/token']).toBeUndefined();
  });
});

describe('the permissive profile (the old accept-everything simulator)', () => {
  let sim: Simulator;

  beforeAll(async () => {
    sim = await Simulator.start({ SIM_PROFILE: 'permissive' });
  });
  afterAll(() => sim.stop());

  it('signs in and completes MFA through the first strategy', async () => {
    const auth = new GarminAuthenticator(sim.config());
    expect(await auth.start(DEMO.email, DEMO.password)).toMatchObject({ kind: 'signed_in', via: 'mobile-impit', session: { dialect: 'mobile+di' } });
    const started = await auth.start(MFA.email, MFA.password);
    if (started.kind !== 'mfa_required') throw new Error('expected MFA');
    const done = await auth.complete(started.pending, await sim.mfaCode(MFA.email));
    expect(done.session.oauth2.refresh_token_expires_at).toBeGreaterThan(done.session.oauth2.expires_at);
    expect((await auth.refresh(done.session)).oauth2.access_token).not.toBe(done.session.oauth2.access_token);
  });
});
