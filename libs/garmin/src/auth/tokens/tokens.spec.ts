import { GarminErrorCode } from '../../errors';
import { authWith, diAnswer, failure, happyGarmin, HOSTS, jwt, NOW_MS, NOW_S, PROFILE } from '../../../test/support/fake-garmin';
import { GarminAuthenticator } from '../garmin-authenticator';
import { GarminSession, refreshExpiresAt } from '../../session/garmin-session';

const DI = `POST ${HOSTS.diauth}/di-oauth2-service/oauth/token`;
const PROFILE_ROUTE = `GET ${HOSTS.connectapi}/userprofile-service/socialProfile`;

async function signedIn(auth: GarminAuthenticator): Promise<GarminSession> {
  const result = await auth.start('runner@example.com', 'pw');
  if (result.kind !== 'signed_in') throw new Error('expected a session');
  return result.session;
}

describe('the DI exchange', () => {
  it('tries the client ids in order with the native headers, and keeps the JWT’s client_id claim', async () => {
    const fake = happyGarmin().on(DI, (request) => {
      const id = request.form.get('client_id');
      if (id === 'GARMIN_CONNECT_MOBILE_ANDROID_DI_2025Q2') return { status: 401, body: { error: 'invalid_client' } };
      if (id === 'GARMIN_CONNECT_MOBILE_ANDROID_DI_2024Q4') return { status: 400, body: { error: 'invalid_grant' } };
      return { body: diAnswer('GARMIN_CONNECT_MOBILE_ANDROID_DI_FROM_CLAIM') };
    });
    const session = await signedIn(authWith(fake));
    const calls = fake.sent(DI);
    expect(calls.map((c) => c.form.get('client_id'))).toEqual([
      'GARMIN_CONNECT_MOBILE_ANDROID_DI_2025Q2',
      'GARMIN_CONNECT_MOBILE_ANDROID_DI_2024Q4',
      'GARMIN_CONNECT_MOBILE_ANDROID_DI',
    ]);
    for (const call of calls) {
      expect(call.profile).toBe('okhttp');
      expect(call.headers).toMatchObject({ 'user-agent': 'GCM-Android-5.23', 'x-garmin-client-platform': 'Android', 'x-garmin-paired-app-version': '10861', 'cache-control': 'no-cache' });
      expect(call.headers['authorization']).toBe(`Basic ${Buffer.from(`${call.form.get('client_id')}:`).toString('base64')}`);
      expect(Object.fromEntries(call.form)).toMatchObject({
        service_ticket: 'ST-0001-mobile-cas',
        grant_type: 'https://connectapi.garmin.com/di-oauth2-service/oauth/grant/service_ticket',
        service_url: 'https://mobile.integration.garmin.com/gcm/ios',
      });
    }
    expect(session).toMatchObject({ dialect: 'mobile+di', diClientId: 'GARMIN_CONNECT_MOBILE_ANDROID_DI_FROM_CLAIM' });
    const [check] = fake.sent(PROFILE_ROUTE);
    expect(check.headers).toMatchObject({ authorization: `Bearer ${session.oauth2.access_token}`, 'x-garmin-user-agent': expect.stringContaining('connectmobile') });
  });

  it('keeps the id it asked as when the token carries no claim', async () => {
    const fake = happyGarmin().on(DI, { body: { access_token: 'opaque-token', expires_in: 600 } });
    const session = await signedIn(authWith(fake));
    expect(session).toMatchObject({ diClientId: 'GARMIN_CONNECT_MOBILE_ANDROID_DI_2025Q2', oauth2: { expires_at: NOW_S + 600 } });
    expect(Number.isFinite(refreshExpiresAt(session).getTime())).toBe(true);
  });

  it('takes the expiry from the JWT exp when expires_in is absent, and never stores NaN', async () => {
    const fake = happyGarmin().on(DI, { body: { access_token: jwt({ exp: NOW_S + 1234, client_id: 'X' }), refresh_token: 'r-1' } });
    const session = await signedIn(authWith(fake));
    expect(session.oauth2.expires_at).toBe(NOW_S + 1234);
    expect(session.oauth2.refresh_token_expires_at).toBe(NOW_S + 30 * 24 * 3600);
    expect(refreshExpiresAt(session).getTime()).toBe((NOW_S + 30 * 24 * 3600) * 1000);
  });

  it('falls back to the JWT_WEB session when no client id takes the ticket, consuming it with the sign-in’s cookies', async () => {
    const fake = happyGarmin()
      .on(DI, { status: 401, body: { error: 'invalid_client' } })
      .on(`POST ${HOSTS.sso}/mobile/api/login`, { body: { responseStatus: { type: 'SUCCESSFUL' }, serviceTicketId: 'ST-7-cas' }, setCookie: ['CASTGC=TGT-1; Path=/'] })
      .on(`GET ${HOSTS.connect}/gcm/ios`, { status: 302, headers: { location: `https://${HOSTS.connect}/modern/` } })
      .on(`GET ${HOSTS.connect}/modern/`, { body: '<html></html>', setCookie: [`JWT_WEB=${jwt({ exp: NOW_S + 900 })}; Path=/`] });
    const session = await signedIn(authWith(fake));
    expect(fake.sent(DI)).toHaveLength(4);
    const [consume] = fake.sent(`GET ${HOSTS.connect}/gcm/ios`);
    expect(consume.url.searchParams.get('ticket')).toBe('ST-7-cas');
    expect(consume.profile).toBe('ios18');
    expect(session).toMatchObject({ dialect: 'jwt_web', oauth2: { expires_at: NOW_S + 900 } });
    const [check] = fake.sent(PROFILE_ROUTE);
    expect(check.headers).toMatchObject({ cookie: `JWT_WEB=${session.oauth2.access_token}`, nk: 'NT', 'di-backend': 'connectapi.garmin.com' });
    expect(check.headers['authorization']).toBeUndefined();
  });

  it('a 429 from diauth ends the client-id round (the reference goes to JWT_WEB); no JWT_WEB either stops the chain', async () => {
    const fake = happyGarmin().on(DI, { status: 429 }).on(`GET ${HOSTS.connect}/gcm/ios`, { status: 200, body: '' });
    const error = await failure(authWith(fake).start('runner@example.com', 'pw'));
    expect(error.code).toBe(GarminErrorCode.SessionRejected);
    expect(fake.sent(DI)).toHaveLength(1);
    expect(fake.sent('POST sso.example/mobile/api/login')).toHaveLength(1);
  });
});

describe('refresh', () => {
  it('DI: as the session’s client id, keeping the old refresh token when the answer has none, checked against socialProfile', async () => {
    const fake = happyGarmin();
    const auth = authWith(fake);
    const session = await signedIn(auth);
    fake.on(DI, { body: { access_token: jwt({ exp: NOW_S + 7200 }) } });
    const fresh = await auth.refresh(session);
    const refresh = fake.sent(DI).pop()!;
    expect(Object.fromEntries(refresh.form)).toEqual({ grant_type: 'refresh_token', client_id: session.diClientId, refresh_token: 'refresh-1' });
    expect(refresh.headers['user-agent']).toBe('GCM-Android-5.23');
    expect(fresh.oauth2).toMatchObject({ refresh_token: 'refresh-1', refresh_token_expires_at: session.oauth2.refresh_token_expires_at, expires_at: NOW_S + 7200 });
    expect(fresh.diClientId).toBe(session.diClientId);
    expect(fake.sent(PROFILE_ROUTE)).toHaveLength(2);
  });

  it('DI: a refused refresh or a refreshed token connectapi rejects is GARMIN_SESSION_REJECTED', async () => {
    const fake = happyGarmin();
    const auth = authWith(fake);
    const session = await signedIn(auth);
    fake.on(DI, { status: 400, body: { error: 'invalid_grant' } });
    expect((await failure(auth.refresh(session))).code).toBe(GarminErrorCode.SessionRejected);
    fake.on(DI, { body: diAnswer('X', 2) }).on(PROFILE_ROUTE, { status: 401 });
    expect((await failure(auth.refresh(session))).code).toBe(GarminErrorCode.SessionRejected);
  });

  it('JWT_WEB: the SSO page with the session’s cookies mints a new JWT_WEB; else connect’s di-oauth refresh', async () => {
    const fake = happyGarmin();
    const auth = authWith(fake);
    const old = jwt({ exp: NOW_S - 10 });
    const jar = { version: 'tough-cookie@6', storeType: 'MemoryCookieStore', rejectPublicSuffixes: true, cookies: [{ key: 'JWT_WEB', value: old, domain: HOSTS.connect, path: '/', hostOnly: true, creation: new Date(NOW_MS).toISOString(), lastAccessed: new Date(NOW_MS).toISOString() }] };
    const session: GarminSession = { version: 1, dialect: 'jwt_web', domain: 'garmin.com', oauth2: { access_token: old, expires_at: NOW_S - 10 }, webCookies: jar };
    fake
      .on(`GET ${HOSTS.sso}/mobile/sso/en_US/sign-in`, { body: '' })
      .on(`POST ${HOSTS.connect}/services/auth/token/di-oauth/refresh`, { body: {}, setCookie: [`JWT_WEB=${jwt({ exp: NOW_S + 900, n: 2 })}; Path=/`] });
    const fresh = await auth.refresh(session);
    expect(fresh.oauth2).toMatchObject({ expires_at: NOW_S + 900 });
    expect(fresh.oauth2.access_token).not.toBe(old);
    const [post] = fake.sent(`POST ${HOSTS.connect}/services/auth/token/di-oauth/refresh`);
    expect(post.headers).toMatchObject({ nk: 'NT' });
    expect(post.cookie).toContain('JWT_WEB=');
    fake.on(`POST ${HOSTS.connect}/services/auth/token/di-oauth/refresh`, { status: 401, body: '' });
    expect((await failure(auth.refresh(session))).code).toBe(GarminErrorCode.SessionRejected);
  });
});

describe('MFA completion', () => {
  const mfaFake = () =>
    happyGarmin()
      .on(`POST ${HOSTS.sso}/mobile/api/login`, { body: { responseStatus: { type: 'MFA_REQUIRED' }, customerMfaInfo: { mfaLastMethodUsed: 'email' } }, setCookie: ['SESSION=s1; Path=/'] })
      .on(`POST ${HOSTS.sso}/portal/api/login`, { body: { responseStatus: { type: 'MFA_REQUIRED' }, customerMfaInfo: null } });

  async function pendingOf(auth: GarminAuthenticator) {
    const started = await auth.start('runner@example.com', 'pw');
    if (started.kind !== 'mfa_required') throw new Error('expected MFA');
    return JSON.parse(JSON.stringify(started.pending)) as typeof started.pending;
  }

  it('completes on another authenticator (another process) from the pending JSON alone, with the sign-in’s cookies', async () => {
    const fake = mfaFake().on(`POST ${HOSTS.sso}/mobile/api/mfa/verifyCode`, { body: { responseStatus: { type: 'SUCCESSFUL' }, serviceTicketId: 'ST-5-cas' } });
    const pending = await pendingOf(authWith(fake));
    const done = await authWith(fake).complete(pending, '123456');
    expect(done).toMatchObject({ via: 'mobile-impit', profile: PROFILE, session: { dialect: 'mobile+di' } });
    const [verify] = fake.sent(`POST ${HOSTS.sso}/mobile/api/mfa/verifyCode`);
    expect(verify.cookie).toContain('SESSION=s1');
    expect(verify.profile).toBe('ios18');
    expect(verify.json).toEqual({ mfaMethod: 'email', mfaVerificationCode: '123456', rememberMyBrowser: true, reconsentList: [], mfaSetup: false });
    expect(Object.fromEntries(verify.url.searchParams)).toMatchObject({ clientId: 'GCM_IOS_DARK' });
    expect(fake.sent(`POST ${HOSTS.diauth}`).pop()!.form.get('service_url')).toBe('https://mobile.integration.garmin.com/gcm/ios');
  });

  it('falls back from the mobile verify endpoint to the portal one, and the ticket is for the portal service', async () => {
    const fake = mfaFake()
      .on(`POST ${HOSTS.sso}/mobile/api/mfa/verifyCode`, { status: 429 })
      .on(`POST ${HOSTS.sso}/portal/api/mfa/verifyCode`, { body: { responseStatus: { type: 'SUCCESSFUL' }, serviceTicketId: 'ST-6-cas' } });
    const auth = authWith(fake);
    await auth.complete(await pendingOf(auth), '123456');
    const [portal] = fake.sent(`POST ${HOSTS.sso}/portal/api/mfa/verifyCode`);
    expect(Object.fromEntries(portal.url.searchParams)).toMatchObject({ clientId: 'GarminConnect', service: 'https://connect.garmin.com/app' });
    expect(fake.sent(`POST ${HOSTS.diauth}`).pop()!.form.get('service_url')).toBe('https://connect.garmin.com/app');
  });

  it('a portal sign-in verifies at the portal first, then at mobile', async () => {
    const fake = mfaFake()
      .on(`POST ${HOSTS.sso}/portal/api/mfa/verifyCode`, { status: 200, body: '<html>challenge</html>' })
      .on(`POST ${HOSTS.sso}/mobile/api/mfa/verifyCode`, { body: { responseStatus: { type: 'SUCCESSFUL' }, serviceTicketId: 'ST-8-cas' } });
    const auth = authWith(fake, { strategies: ['portal-fetch'] });
    const pending = await pendingOf(auth);
    expect(pending).toMatchObject({ strategy: 'portal-fetch', method: 'email', params: { profile: 'fetch' } });
    await auth.complete(pending, '123456');
    expect(fake.requests.filter((r) => r.route.includes('verifyCode')).map((r) => r.url.pathname)).toEqual(['/portal/api/mfa/verifyCode', '/mobile/api/mfa/verifyCode']);
  });

  it('any answer that is not SUCCESSFUL is GARMIN_INVALID_MFA_CODE; 429 everywhere is throttling; nothing parses invented names', async () => {
    const fake = mfaFake()
      .on(`POST ${HOSTS.sso}/mobile/api/mfa/verifyCode`, { status: 400, body: { responseStatus: { type: 'SOMETHING_NEW' }, responseReason: 'attemptsLeft=3' } })
      .on(`POST ${HOSTS.sso}/portal/api/mfa/verifyCode`, { status: 401, body: '' });
    const auth = authWith(fake);
    const pending = await pendingOf(auth);
    const wrong = await failure(auth.complete(pending, '654321'));
    expect(wrong).toMatchObject({ code: GarminErrorCode.InvalidMfaCode });
    expect(wrong.message).not.toContain('654321');
    expect(Object.keys(wrong)).not.toContain('attemptsLeft');
    fake.on(`POST ${HOSTS.sso}/mobile/api/mfa/verifyCode`, { status: 429 }).on(`POST ${HOSTS.sso}/portal/api/mfa/verifyCode`, { status: 200, body: { error: { 'status-code': '429' } } });
    expect((await failure(auth.complete(pending, '654321'))).code).toBe(GarminErrorCode.RateLimited);
    // Garmin down everywhere judged nothing: not a wrong code, so the attempt can be given back.
    fake.on(`POST ${HOSTS.sso}/mobile/api/mfa/verifyCode`, { status: 503 }).on(`POST ${HOSTS.sso}/portal/api/mfa/verifyCode`, { status: 502 });
    expect((await failure(auth.complete(pending, '654321'))).code).toBe(GarminErrorCode.Unavailable);
  });

  it('expired or malformed pending state never reaches Garmin', async () => {
    const fake = mfaFake();
    const auth = authWith(fake);
    const pending = await pendingOf(auth);
    const sent = fake.requests.length;
    expect((await failure(auth.complete({ ...pending, expiresAt: NOW_MS }, '123456'))).code).toBe(GarminErrorCode.MfaExpired);
    expect((await failure(auth.complete({ ...pending, version: 1 } as never, '123456'))).code).toBe(GarminErrorCode.MfaExpired);
    expect((await failure(auth.complete(pending, '12ab'))).code).toBe(GarminErrorCode.InvalidMfaCode);
    expect(fake.requests.length).toBe(sent);
  });

  it('a token connectapi rejects after MFA is GARMIN_SESSION_REJECTED (the password is gone: no next strategy)', async () => {
    const fake = mfaFake().on(`POST ${HOSTS.sso}/mobile/api/mfa/verifyCode`, { body: { responseStatus: { type: 'SUCCESSFUL' }, serviceTicketId: 'ST-5-cas' } });
    const auth = authWith(fake);
    const pending = await pendingOf(auth);
    fake.on(PROFILE_ROUTE, { status: 403 });
    expect((await failure(auth.complete(pending, '123456'))).code).toBe(GarminErrorCode.SessionRejected);
  });
});
