import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { workspaceRoot } from '@fittrack/testing';
import { AuthDialect, GarminAuthenticator, GarminError, GarminErrorCode, GarminSession, PendingMfa } from '../src';
import { DEMO, MFA, Simulator } from './support/simulator';

/** Completes a pending sign-in in a separate Node process (ts-node, with the workspace's path aliases). */
function completeInAnotherProcess(input: object): Promise<{ pid: number; session: GarminSession }> {
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

const profile = (sim: Simulator, session: GarminSession) =>
  fetch(`${sim.url}/userprofile-service/socialProfile`, { headers: { authorization: `Bearer ${session.oauth2.access_token}` } });

async function failure(work: Promise<unknown>): Promise<GarminError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof GarminError) return error;
    throw error;
  }
  throw new Error('expected a GarminError');
}

describe.each<AuthDialect>(['mobile+oauth1', 'mobile+di'])('sign-in with %s', (dialect) => {
  let sim: Simulator;
  let auth: GarminAuthenticator;

  beforeAll(async () => {
    sim = await Simulator.start({ SIM_ACCESS_TOKEN_TTL_S: '30' });
    auth = new GarminAuthenticator(sim.config(dialect));
  });

  afterAll(() => sim.stop());

  it('signs in without MFA to a session the Connect API accepts', async () => {
    const result = await auth.start(DEMO.email, DEMO.password);
    if (result.kind !== 'signed_in') throw new Error('expected a session');
    expect(result.session).toMatchObject({ version: 1, dialect, domain: 'garmin.com' });
    expect(result.session.oauth2.expires_in).toBe(30);
    expect((await profile(sim, result.session)).status).toBe(200);
  });

  it('signs in with MFA, completed from serialised state by another process', async () => {
    const started = await auth.start(MFA.email, MFA.password);
    if (started.kind !== 'mfa_required') throw new Error('expected MFA');
    const stored = JSON.stringify(started.pending);
    expect(stored).not.toContain(MFA.password);
    const other = await completeInAnotherProcess({
      config: sim.config(dialect),
      pending: JSON.parse(stored) as PendingMfa,
      code: await sim.mfaCode(MFA.email),
    });
    expect(other.pid).not.toBe(process.pid);
    const session = other.session;
    expect((await profile(sim, session)).status).toBe(200);
    if (dialect === 'mobile+oauth1') expect(session.oauth1?.mfa_token).toMatch(/^MFA-/);
  });

  it('reports a wrong code with the attempts left, then accepts the right one', async () => {
    const started = await auth.start(MFA.email, MFA.password);
    if (started.kind !== 'mfa_required') throw new Error('expected MFA');
    const code = await sim.mfaCode(MFA.email);
    const wrong = await failure(auth.complete(started.pending, code === '000000' ? '111111' : '000000'));
    expect(wrong).toMatchObject({ code: GarminErrorCode.InvalidMfaCode, attemptsLeft: 4 });
    expect(wrong.message).not.toContain(code);
    expect((await auth.complete(started.pending, code)).oauth2.access_token).toBeTruthy();
  });

  it('reports an expired code, locally and from Garmin', async () => {
    const started = await auth.start(MFA.email, MFA.password);
    if (started.kind !== 'mfa_required') throw new Error('expected MFA');
    const code = await sim.mfaCode(MFA.email);
    expect(await failure(auth.complete({ ...started.pending, expiresAt: Date.now() - 1 }, code))).toMatchObject({
      code: GarminErrorCode.MfaExpired,
    });
    await sim.admin('/clock', { advanceMs: 11 * 60 * 1000 });
    expect(await failure(auth.complete(started.pending, code))).toMatchObject({ code: GarminErrorCode.MfaExpired });
  });

  it('refreshes by the dialect’s own means', async () => {
    const result = await auth.start(DEMO.email, DEMO.password);
    if (result.kind !== 'signed_in') throw new Error('expected a session');
    const refreshed = await auth.refresh(result.session);
    expect(refreshed.oauth2.access_token).not.toBe(result.session.oauth2.access_token);
    expect((await profile(sim, refreshed)).status).toBe(200);
    if (dialect === 'mobile+di') {
      // Rotation: the refresh token changed, and the old one now revokes the login.
      expect(refreshed.oauth2.refresh_token).not.toBe(result.session.oauth2.refresh_token);
      expect(await failure(auth.refresh(result.session))).toMatchObject({ code: GarminErrorCode.SessionRejected });
      expect((await profile(sim, refreshed)).status).toBe(401);
    }
  });
});

describe('sign-in failures', () => {
  let sim: Simulator;
  let auth: GarminAuthenticator;

  beforeEach(async () => {
    sim = await Simulator.start();
    auth = new GarminAuthenticator(sim.config());
  });

  afterEach(() => sim.stop());

  it('reports bad credentials the same way for an unknown email, without the password', async () => {
    const wrong = await failure(auth.start(DEMO.email, 'hunter2-wrong'));
    expect(wrong.code).toBe(GarminErrorCode.InvalidCredentials);
    expect(wrong.message).not.toContain('hunter2');
    expect((await failure(auth.start('nobody@fittrack.test', 'x'))).code).toBe(GarminErrorCode.InvalidCredentials);
  });

  it('reports a locked account and a captcha', async () => {
    await sim.admin(`/accounts/${DEMO.email}/lock`);
    expect((await failure(auth.start(DEMO.email, DEMO.password))).code).toBe(GarminErrorCode.AccountLocked);
    await sim.admin(`/accounts/${MFA.email}/captcha`, { on: true });
    expect((await failure(auth.start(MFA.email, MFA.password))).code).toBe(GarminErrorCode.CaptchaRequired);
  });

  it('reports 429 at sign-in with its Retry-After and does not retry', async () => {
    await sim.admin('/faults', { throttle: [{ prefix: '/mobile/api/login', retryAfterSeconds: 120 }] }, 'PUT');
    const limited = await failure(auth.start(DEMO.email, DEMO.password));
    expect(limited).toMatchObject({ code: GarminErrorCode.RateLimited, retryAfterSeconds: 120 });
    expect((await sim.stats()).byRoute['/mobile/api/login']).toBe(1);
  });

  it('reports an unreachable Garmin as unavailable', async () => {
    const offline = new GarminAuthenticator({ ...sim.config(), ssoUrl: 'http://127.0.0.1:9' });
    expect((await failure(offline.start(DEMO.email, DEMO.password))).code).toBe(GarminErrorCode.Unavailable);
  });
});
