import { DEMO_ACCOUNTS, LOCK_AFTER_FAILED_LOGINS } from '../src/state/accounts';
import { MFA_CODE_TTL_MS, MFA_MAX_ATTEMPTS } from '../src/sso/mfa-codes';
import { exchange, mailbox, MOBILE_SERVICE, preauthorize, SsoClient } from './support/garmin-client';
import { PERMISSIVE, RunningSim, startSim } from './support/sim-harness';

const [demo, mfaUser] = DEMO_ACCOUNTS;

describe('mobile JSON sign-in', () => {
  let sim: RunningSim;

  beforeEach(async () => {
    sim = await startSim(PERMISSIVE);
  });

  afterEach(() => sim.close());

  it('sets the SSO cookies on the sign-in page', async () => {
    const client = new SsoClient(sim);
    const page = await client.fetch('/mobile/sso/en/sign-in?clientId=GCM_ANDROID_DARK');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.getSetCookie().map((c) => c.split('=')[0])).toEqual(expect.arrayContaining(['SESSION', '__VCAP_ID__']));
  });

  it('answers SUCCESSFUL with a ticket bound to the service', async () => {
    const { status, body } = await new SsoClient(sim).mobileLogin(demo.email, demo.password);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      responseStatus: { type: 'SUCCESSFUL' },
      serviceURL: MOBILE_SERVICE,
      authType: 'CAS',
    });
    expect(body['serviceTicketId']).toMatch(/^ST-\d{7}-[A-Za-z0-9]{20}-sso$/);
  });

  it('gives an unknown email exactly the answer of a wrong password', async () => {
    const wrong = await new SsoClient(sim).mobileLogin(demo.email, 'nope');
    const unknown = await new SsoClient(sim).mobileLogin('nobody@fittrack.test', 'nope');
    expect(wrong.status).toBe(401);
    expect(wrong.body['responseStatus']).toEqual({
      type: 'INVALID_USERNAME_PASSWORD',
      message: 'generalLoginInvalidUsernameOrPassword',
      httpStatus: 'UNAUTHORIZED',
    });
    expect(unknown).toEqual(wrong);
  });

  it('locks the account after repeated wrong passwords, and captcha blocks when set', async () => {
    for (let i = 0; i < LOCK_AFTER_FAILED_LOGINS; i++) await new SsoClient(sim).mobileLogin(demo.email, 'nope');
    const locked = await new SsoClient(sim).mobileLogin(demo.email, demo.password);
    expect(locked.status).toBe(423);
    expect(locked.body['responseStatus'].type).toBe('ACCOUNT_LOCKED');

    const account = sim.state.accounts.findByEmail(mfaUser.email);
    if (account) account.captchaRequired = true;
    const captcha = await new SsoClient(sim).mobileLogin(mfaUser.email, mfaUser.password);
    expect(captcha.status).toBe(200);
    expect(captcha.body).toMatchObject({
      serviceTicketId: null,
      responseStatus: { type: 'CAPTCHA_REQUIRED' },
    });
    expect(sim.state.mfa.lastSentTo(mfaUser.email)).toBeUndefined(); // no code before the captcha is solved
  });

  it('resets the failure count on a good password', async () => {
    for (let i = 1; i < LOCK_AFTER_FAILED_LOGINS; i++) await new SsoClient(sim).mobileLogin(demo.email, 'nope');
    expect((await new SsoClient(sim).mobileLogin(demo.email, demo.password)).status).toBe(200);
    for (let i = 1; i < LOCK_AFTER_FAILED_LOGINS; i++) await new SsoClient(sim).mobileLogin(demo.email, 'nope');
    expect((await new SsoClient(sim).mobileLogin(demo.email, demo.password)).body['responseStatus'].type).toBe('SUCCESSFUL');
  });

  it('sets the signed-in cookies on success and serves the portal variant and embed ping', async () => {
    const client = new SsoClient(sim);
    await client.fetch('/mobile/sso/en/sign-in?clientId=GCM_ANDROID_DARK');
    const login = await client.fetch(
      `/mobile/api/login?clientId=GCM_ANDROID_DARK&locale=en-US&service=${encodeURIComponent(MOBILE_SERVICE)}`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          username: demo.email,
          password: demo.password,
          rememberMe: false,
          captchaToken: '',
        }),
      },
    );
    expect(login.headers.getSetCookie().map((c) => c.split('=')[0])).toEqual(
      expect.arrayContaining(['CASTGC', 'GARMIN-SSO', 'GARMIN-SSO-CUST-GUID']),
    );
    expect((await client.fetch('/portal/sso/embed')).status).toBe(200);

    const portal = new SsoClient(sim);
    const app = 'https://connect.garmin.com/app';
    expect((await portal.fetch(`/portal/sso/en-US/sign-in?clientId=GarminConnect&service=${encodeURIComponent(app)}`)).status).toBe(200);
    const answer = await portal.fetch(`/portal/api/login?clientId=GarminConnect&locale=en-US&service=${encodeURIComponent(app)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        username: demo.email,
        password: demo.password,
        rememberMe: false,
        captchaToken: '',
      }),
    });
    expect(await answer.json()).toMatchObject({
      responseStatus: { type: 'SUCCESSFUL' },
      serviceURL: app,
    });
  });

  it('asks for MFA, takes the mailed code once, and needs the login cookies', async () => {
    const client = new SsoClient(sim);
    const login = await client.mobileLogin(mfaUser.email, mfaUser.password);
    expect(login.body).toMatchObject({
      serviceTicketId: null,
      responseStatus: { type: 'MFA_REQUIRED' },
    });
    expect(login.body['customerMfaInfo']).toMatchObject({
      email: 'mf*****@fittrack.test',
      mfaLastMethodUsed: 'email',
    });
    const code = await mailbox(sim, mfaUser.email);
    expect(code).toMatch(/^\d{6}$/);

    const stranger = await new SsoClient(sim).mobileVerify(code);
    expect(stranger.status).toBe(401);
    expect(stranger.body['responseStatus'].type).toBe('SESSION_EXPIRED');

    const verified = await client.mobileVerify(code);
    expect(verified.body).toMatchObject({
      responseStatus: { type: 'SUCCESSFUL' },
      serviceURL: MOBILE_SERVICE,
    });
    expect((await client.mobileVerify(code)).status).toBe(401);
  });

  it('limits MFA attempts', async () => {
    const client = new SsoClient(sim);
    await client.mobileLogin(mfaUser.email, mfaUser.password);
    const code = await mailbox(sim, mfaUser.email);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 1; i < MFA_MAX_ATTEMPTS; i++) {
      const answer = await client.mobileVerify(wrong);
      expect(answer.body['responseStatus'].type).toBe('INVALID_MFA_CODE');
    }
    expect((await client.mobileVerify(wrong)).body['responseStatus'].type).toBe('MFA_MAX_ATTEMPTS');
    expect((await client.mobileVerify(code)).status).toBe(401);
  });

  it('expires MFA codes after ten minutes', async () => {
    const client = new SsoClient(sim);
    await client.mobileLogin(mfaUser.email, mfaUser.password);
    const code = await mailbox(sim, mfaUser.email);
    sim.state.clock.advance(MFA_CODE_TTL_MS + 1000);
    expect((await client.mobileVerify(code)).body['responseStatus'].type).toBe('MFA_CODE_EXPIRED');
  });

  it('exchanges the ticket once, for its own service only, with mfa_token only after MFA', async () => {
    const plain = await new SsoClient(sim).mobileLogin(demo.email, demo.password);
    const wrongService = await preauthorize(sim, plain.body['serviceTicketId'], 'https://elsewhere.example/embed');
    expect(wrongService.status).toBe(401);

    const again = await new SsoClient(sim).mobileLogin(demo.email, demo.password);
    const first = await preauthorize(sim, again.body['serviceTicketId']);
    expect(first.status).toBe(200);
    expect(first.contentType).toMatch(/^text\/plain/);
    expect(Object.keys(first.fields).sort()).toEqual(['oauth_token', 'oauth_token_secret']);
    expect((await preauthorize(sim, again.body['serviceTicketId'])).status).toBe(401);

    const client = new SsoClient(sim);
    await client.mobileLogin(mfaUser.email, mfaUser.password);
    const verified = await client.mobileVerify(await mailbox(sim, mfaUser.email));
    const withMfa = await preauthorize(sim, verified.body['serviceTicketId']);
    expect(withMfa.fields['mfa_token']).toMatch(/^MFA-\d{4}-.+-cas$/);
    expect(withMfa.fields['mfa_expiration_timestamp']).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.000$/);

    const token = {
      key: withMfa.fields['oauth_token'],
      secret: withMfa.fields['oauth_token_secret'],
    };
    const oauth2 = await exchange(sim, token, {
      mfa_token: withMfa.fields['mfa_token'],
      audience: 'GARMIN_CONNECT_MOBILE_ANDROID_DI',
    });
    expect(oauth2.status).toBe(200);
    expect(Object.keys(oauth2.body as object).sort()).toEqual(
      ['access_token', 'expires_in', 'jti', 'refresh_token', 'refresh_token_expires_in', 'scope', 'token_type'].sort(),
    );
  });

  it('expires tickets', async () => {
    const { body } = await new SsoClient(sim).mobileLogin(demo.email, demo.password);
    sim.state.clock.advance(6 * 60 * 1000);
    expect((await preauthorize(sim, body['serviceTicketId'])).status).toBe(401);
  });
});
