import { GarminErrorCode } from '../errors';
import { failure, FakeGarmin, happyGarmin, HOSTS, NOW_MS, PROFILE, testConfig } from '../../test/support/fake-garmin';
import { GarminAuthenticator } from './garmin-authenticator';
import { SignInStrategy } from '../config';

const MOBILE = `POST ${HOSTS.sso}/mobile/api/login`;
const PORTAL = `POST ${HOSTS.sso}/portal/api/login`;
const WIDGET_POST = `POST ${HOSTS.sso}/sso/signin`;
const PASSWORD_POSTS = [MOBILE, PORTAL, WIDGET_POST];

const SIGNIN_PAGE = '<html><head><title>GARMIN Authentication Application</title></head><input type="hidden" name="_csrf" value="CSRF-1" /></html>';
const CHALLENGE = '<html><head><title>Just a moment...</title></head><body>cloudflare</body></html>';

function widgetRoutes(fake: FakeGarmin, post: Parameters<FakeGarmin['on']>[1]): FakeGarmin {
  return fake
    .on(`GET ${HOSTS.sso}/sso/embed`, { body: '<html><title>GAuth Embedded Version</title></html>' })
    .on(`GET ${HOSTS.sso}/sso/signin`, { body: SIGNIN_PAGE })
    .on(WIDGET_POST, post);
}

function authWith(fake: FakeGarmin, overrides: Parameters<typeof testConfig>[0] = {}) {
  const lines: string[] = [];
  const sleeps: number[] = [];
  const auth = new GarminAuthenticator(testConfig(overrides), {
    transports: fake.transports,
    now: () => NOW_MS,
    log: (line) => lines.push(line),
    sleep: async (ms) => void sleeps.push(ms),
    random: () => 0.5,
  });
  return { auth, lines, sleeps };
}

const passwordPosts = (fake: FakeGarmin) => fake.requests.filter((r) => PASSWORD_POSTS.includes(r.route));

describe('the sign-in chain', () => {
  it('signs in with the first strategy: iOS client, impit ios18, the reference headers, one POST', async () => {
    const fake = happyGarmin();
    const { auth } = authWith(fake);
    const result = await auth.start('runner@example.com', 'pw-secret');
    expect(result).toMatchObject({ kind: 'signed_in', via: 'mobile-impit', profile: PROFILE, session: { dialect: 'mobile+di', via: 'mobile-impit' } });
    const [login] = fake.sent(MOBILE);
    expect(login.profile).toBe('ios18');
    expect(Object.fromEntries(login.url.searchParams)).toEqual({ clientId: 'GCM_IOS_DARK', locale: 'en-US', service: 'https://mobile.integration.garmin.com/gcm/ios' });
    expect(login.headers).toMatchObject({ 'user-agent': expect.stringContaining('iPhone OS 18_7'), origin: 'https://sso.garmin.com', 'content-type': 'application/json' });
    expect(login.json).toEqual({ username: 'runner@example.com', password: 'pw-secret', rememberMe: true, captchaToken: '' });
    expect(passwordPosts(fake)).toHaveLength(1);
  });

  it('moves on past 429, 403, a challenge page and non-JSON, each strategy sent the password once', async () => {
    const fake = happyGarmin()
      .on(MOBILE, (_r, nth) => (nth === 0 ? { status: 429, body: '' } : { status: 403, body: CHALLENGE }))
      .on(`GET ${HOSTS.sso}/portal/sso/en-US/sign-in`, { body: '<html></html>' })
      .on(PORTAL, (_r, nth) => (nth === 0 ? { status: 200, body: CHALLENGE } : { body: { responseStatus: { type: 'SUCCESSFUL' }, serviceTicketId: 'ST-9-cas' } }));
    widgetRoutes(fake, { body: CHALLENGE.replace('Just a moment...', 'Attention Required! | Cloudflare') });
    const { auth, lines } = authWith(fake);
    const result = await auth.start('runner@example.com', 'pw-secret');
    expect(result).toMatchObject({ kind: 'signed_in', via: 'portal-fetch' });
    expect(passwordPosts(fake).map((r) => `${r.route} ${r.profile}`)).toEqual([
      `${MOBILE} ios18`,
      `${MOBILE} fetch`,
      `${WIDGET_POST} chrome`,
      `${PORTAL} ios18`,
      `${PORTAL} fetch`,
    ]);
    expect(lines.join('\n')).toMatch(/mobile-impit: refused: .*429/);
    expect(lines.join('\n')).not.toContain('pw-secret');
    // portal-fetch sends only the desktop user agent, none of a browser's own headers
    const [, portalFetch] = fake.sent(PORTAL);
    expect(portalFetch.headers['user-agent']).toContain('Macintosh');
    expect(Object.keys(portalFetch.headers).some((h) => h.startsWith('sec-'))).toBe(false);
  });

  it('throttled everywhere: GARMIN_RATE_LIMITED with every attempt, one password POST per strategy', async () => {
    const fake = happyGarmin().on(MOBILE, { status: 429 }).on(PORTAL, { status: 200, body: { error: { 'status-code': '429' } } });
    widgetRoutes(fake, { status: 429 });
    const { auth } = authWith(fake);
    const error = await failure(auth.start('runner@example.com', 'pw'));
    expect(error.code).toBe(GarminErrorCode.RateLimited);
    expect(error.attempts?.map((a) => [a.strategy, a.status])).toEqual([
      ['mobile-impit', 429],
      ['mobile-fetch', 429],
      ['widget', 429],
      ['portal-impit', 429],
      ['portal-fetch', 429],
    ]);
    expect(passwordPosts(fake)).toHaveLength(5);
    expect(fake.sent(`POST ${HOSTS.diauth}`)).toHaveLength(0);
  });

  it('refused with at least one 403 or challenge: GARMIN_EDGE_REFUSED', async () => {
    const fake = happyGarmin().on(MOBILE, { status: 429 }).on(PORTAL, { status: 200, body: { responseStatus: { type: 'CAPTCHA_REQUIRED' } } });
    widgetRoutes(fake, { status: 403, body: CHALLENGE });
    const { auth } = authWith(fake);
    const error = await failure(auth.start('runner@example.com', 'pw'));
    expect(error).toMatchObject({ code: GarminErrorCode.EdgeRefused, kind: 'forbidden' });
    expect(error.attempts).toHaveLength(5);
    expect(error.details).toEqual({ attempts: error.attempts });
  });

  it.each<[string, Parameters<FakeGarmin['on']>[1]]>([
    ['a wrong password (401 JSON)', { status: 401, body: { responseStatus: { type: 'INVALID_USERNAME_PASSWORD' } } }],
  ])('stops at %s: no other strategy is sent the password', async (_name, reply) => {
    const fake = happyGarmin().on(MOBILE, reply);
    const { auth } = authWith(fake);
    expect((await failure(auth.start('runner@example.com', 'pw'))).code).toBe(GarminErrorCode.InvalidCredentials);
    expect(fake.requests).toHaveLength(1);
  });

  it('stops at MFA: a pending sign-in (v2) with the strategy, its profile and the cookies, never the password', async () => {
    const fake = happyGarmin().on(MOBILE, { body: { responseStatus: { type: 'MFA_REQUIRED' }, customerMfaInfo: { mfaLastMethodUsed: 'sms' } }, setCookie: ['SESSION=abc; Path=/'] });
    const { auth } = authWith(fake);
    const result = await auth.start('runner@example.com', 'pw-secret');
    if (result.kind !== 'mfa_required') throw new Error('expected MFA');
    expect(result.pending).toMatchObject({ version: 2, strategy: 'mobile-impit', method: 'sms', params: { profile: 'ios18' }, startedAt: NOW_MS, expiresAt: NOW_MS + 600_000 });
    expect(JSON.stringify(result.pending)).toContain('SESSION');
    expect(JSON.stringify(result.pending)).not.toContain('pw-secret');
    expect(fake.requests).toHaveLength(1);
  });

  it('moves on when connectapi rejects the new token (pgc #369), and takes the next strategy’s', async () => {
    const fake = happyGarmin().on(`GET ${HOSTS.connectapi}/userprofile-service/socialProfile`, (_r, nth) =>
      nth === 0 ? { status: 401, headers: { 'www-authenticate': 'Bearer error="invalid_token", error_description="Token is not active"' } } : { body: PROFILE },
    );
    const { auth } = authWith(fake);
    const result = await auth.start('runner@example.com', 'pw');
    expect(result).toMatchObject({ kind: 'signed_in', via: 'mobile-fetch' });
    expect(passwordPosts(fake)).toHaveLength(2);
  });

  it('token rejected by every strategy counts as refused, not throttled', async () => {
    const fake = happyGarmin().on(`GET ${HOSTS.connectapi}/userprofile-service/socialProfile`, { status: 401 });
    widgetRoutes(fake, { body: '<title>Success</title><script>var response_url = "https:\\/\\/sso.garmin.com\\/sso\\/embed?ticket=ST-3-cas";</script>' });
    const { auth } = authWith(fake);
    const error = await failure(auth.start('runner@example.com', 'pw'));
    expect(error.code).toBe(GarminErrorCode.EdgeRefused);
    expect(error.attempts?.every((a) => a.status === 401)).toBe(true);
  });

  it('stops when Garmin is down (5xx): GARMIN_UNAVAILABLE, nothing else tried', async () => {
    const fake = happyGarmin().on(MOBILE, { status: 503, body: 'down' });
    const { auth } = authWith(fake);
    expect((await failure(auth.start('runner@example.com', 'pw'))).code).toBe(GarminErrorCode.Unavailable);
    expect(fake.requests).toHaveLength(1);
  });

  it('runs only the configured strategies, in their order, with the configured pauses', async () => {
    const fake = happyGarmin().on(PORTAL, { status: 429 });
    widgetRoutes(fake, { status: 429 });
    const strategies: SignInStrategy[] = ['widget', 'portal-fetch'];
    const { auth, sleeps } = authWith(fake, { strategies, widgetPauseMs: [3000, 8000], portalPauseMs: [10_000, 20_000] });
    await failure(auth.start('runner@example.com', 'pw'));
    expect(fake.sent(MOBILE)).toHaveLength(0);
    expect(sleeps).toEqual([3000 + Math.floor(0.5 * 5001), 10_000 + Math.floor(0.5 * 10_001)]);
    const none = authWith(happyGarmin().on(PORTAL, { status: 429 }), { strategies: ['portal-fetch'] });
    await failure(none.auth.start('runner@example.com', 'pw'));
    expect(none.sleeps).toEqual([]);
  });

  it('rotates the impit profile from one sign-in to the next', async () => {
    const fake = happyGarmin();
    const { auth } = authWith(fake);
    for (let i = 0; i < 4; i++) await auth.start('runner@example.com', 'pw');
    expect(fake.sent(MOBILE).map((r) => r.profile)).toEqual(['ios18', 'chrome124', 'chrome131', 'ios18']);
  });
});
