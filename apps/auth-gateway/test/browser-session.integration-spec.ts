import { newAccount } from './support/accounts';
import { GatewayStack, uniqueIp } from './support/stack';

jest.setTimeout(60_000);

const COOKIE = { 'x-session-transport': 'cookie' };

/** A browser's cookie jar, as far as these tests need one: name → value, from Set-Cookie answers. */
class Jar {
  private readonly cookies = new Map<string, string>();

  take(headers: Headers): string[] {
    const set = headers.getSetCookie();
    for (const line of set) {
      const [pair, ...attributes] = line.split(';').map((part) => part.trim());
      const [name, value] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
      if (attributes.includes('Max-Age=0')) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return set;
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  /** The Cookie header for a path: the refresh cookie only goes to the refresh route (its Path). */
  header(path: string): string {
    return [...this.cookies]
      .filter(([name]) => name !== 'ft_refresh' || path.startsWith('/v1/auth/refresh'))
      .map(([name, value]) => `${name}=${value}`)
      .join('; ');
  }
}

/**
 * The web app's sessions (X-Session-Transport: cookie): tokens only in httpOnly SameSite=Strict cookies, never in
 * a body; a cookie-authenticated request that changes anything needs the double-submit CSRF token; refresh and
 * sign-out work from the cookies alone. A real gateway process, PostgreSQL and the simulator.
 */
describe('browser sessions in cookies, with CSRF protection', () => {
  let stack: GatewayStack;
  const gateway = () => stack.gateways[0];

  beforeAll(async () => {
    stack = await GatewayStack.start({ gateways: 1 });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  async function send(jar: Jar, method: string, path: string, options: { body?: unknown; csrf?: string | null } = {}) {
    const headers: Record<string, string> = { cookie: jar.header(path) };
    const csrf = options.csrf === undefined ? jar.get('ft_csrf') : options.csrf;
    if (csrf) headers['x-csrf-token'] = csrf;
    const answer = await gateway().request(method, path, { body: options.body, headers });
    jar.take(answer.headers);
    return answer;
  }

  it('signs in with MFA into cookies: no token in any body, httpOnly and SameSite=Strict, a CSRF token to echo', async () => {
    const account = await newAccount(stack.sim, 'email');
    const jar = new Jar();
    const started = await gateway().post('/v1/auth/login', account.credentials, { ip: uniqueIp(), headers: COOKIE });
    expect(started.status).toBe(202);
    expect(started.headers.getSetCookie()).toEqual([]);

    const code = await stack.sim.mfaCode(account.email);
    const finished = await gateway().post('/v1/auth/mfa', { challengeId: started.body.challengeId, code }, { ip: uniqueIp(), headers: COOKIE });
    expect(finished.status).toBe(200);
    const set = jar.take(finished.headers);
    expect(finished.body).toMatchObject({ tokenType: 'Cookie', expiresIn: 900, user: { garminProfileId: account.profileId }, garmin: { via: expect.any(String) } });
    expect(finished.body).not.toHaveProperty('accessToken');
    expect(finished.body).not.toHaveProperty('refreshToken');
    expect(JSON.stringify(finished.body)).not.toMatch(/fgs_(at|rt)_/);
    expect(finished.body.csrfToken).toBe(jar.get('ft_csrf'));
    expect(set.find((c) => c.startsWith('ft_access='))).toMatch(/^ft_access=fgs_at_[\w-]{43}; Path=\/; Max-Age=900; HttpOnly; SameSite=Strict$/);
    expect(set.find((c) => c.startsWith('ft_refresh='))).toMatch(/^ft_refresh=fgs_rt_[\w-]{43}; Path=\/v1\/auth\/refresh; Max-Age=2592000; HttpOnly; SameSite=Strict$/);
    expect(set.find((c) => c.startsWith('ft_csrf='))).not.toMatch(/HttpOnly/);

    const me = await send(jar, 'GET', '/v1/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.user.garminProfileId).toBe(account.profileId);
  });

  it('refuses a cookie-authenticated change without the CSRF token, or with another, and lets it through with its own', async () => {
    const account = await newAccount(stack.sim);
    const jar = new Jar();
    jar.take((await gateway().post('/v1/auth/login', account.credentials, { ip: uniqueIp(), headers: COOKIE })).headers);
    const range = { from: '2026-06-01', to: '2026-06-02', types: ['activities'] };

    for (const csrf of [null, 'not-the-token', `${jar.get('ft_csrf')}x`]) {
      const refused = await send(jar, 'POST', '/v1/sync', { body: range, csrf });
      expect([refused.status, refused.body.code]).toEqual([403, 'TOKEN_CSRF_MISMATCH']);
      expect(refused.body.message).toContain('X-CSRF-Token');
    }
    const started = await send(jar, 'POST', '/v1/sync', { body: range });
    expect(started.status).toBe(202);
    // Reading needs no CSRF token; a bearer header needs none either (another site cannot set one).
    expect((await send(jar, 'GET', `/v1/sync/jobs/${started.body.id}`, { csrf: null })).status).toBe(200);
    // Nor does a bad cookie get past as anything: it is a 401 like a bad bearer token.
    const forged = await gateway().request('GET', '/v1/auth/me', { headers: { cookie: 'ft_access=fgs_at_forged' } });
    expect([forged.status, forged.body.code]).toEqual([401, 'TOKEN_INVALID']);
  });

  it('refreshes from the cookie alone (with CSRF), rotating it, and signs out clearing every cookie', async () => {
    const account = await newAccount(stack.sim);
    const jar = new Jar();
    jar.take((await gateway().post('/v1/auth/login', account.credentials, { ip: uniqueIp(), headers: COOKIE })).headers);
    const [access, refresh] = [jar.get('ft_access'), jar.get('ft_refresh')];

    const noCsrf = await gateway().request('POST', '/v1/auth/refresh', { body: {}, headers: { ...COOKIE, cookie: jar.header('/v1/auth/refresh') } });
    expect([noCsrf.status, noCsrf.body.code]).toEqual([403, 'TOKEN_CSRF_MISMATCH']);
    const noCookie = await gateway().request('POST', '/v1/auth/refresh', { body: {}, headers: COOKIE });
    expect([noCookie.status, noCookie.body.code]).toEqual([401, 'TOKEN_INVALID']);

    const refreshed = await gateway().request('POST', '/v1/auth/refresh', {
      body: {},
      headers: { ...COOKIE, cookie: jar.header('/v1/auth/refresh'), 'x-csrf-token': jar.get('ft_csrf') ?? '' },
    });
    jar.take(refreshed.headers);
    expect(refreshed.status).toBe(200);
    expect(refreshed.body).toMatchObject({ tokenType: 'Cookie', user: { garminProfileId: account.profileId } });
    expect(refreshed.body).not.toHaveProperty('accessToken');
    expect([jar.get('ft_access'), jar.get('ft_refresh')]).not.toContain(access);
    expect(jar.get('ft_refresh')).not.toBe(refresh);
    expect((await send(jar, 'GET', '/v1/auth/me')).status).toBe(200);

    const signedOut = jar.get('ft_access');
    const out = await send(jar, 'POST', '/v1/auth/logout');
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie().map((c) => c.split('=')[0])).toEqual(['ft_access', 'ft_refresh', 'ft_csrf']);
    expect([jar.get('ft_access'), jar.get('ft_refresh'), jar.get('ft_csrf')]).toEqual([undefined, undefined, undefined]);
    const stale = await gateway().request('GET', '/v1/auth/me', { headers: { cookie: `ft_access=${signedOut}` } });
    expect(stale.status).toBe(401);
  });

  it('leaves the bearer transport as it was: tokens in the body, no cookie set', async () => {
    const account = await newAccount(stack.sim);
    const answer = await gateway().post('/v1/auth/login', account.credentials, { ip: uniqueIp() });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ tokenType: 'Bearer', accessToken: expect.stringMatching(/^fgs_at_/), refreshToken: expect.stringMatching(/^fgs_rt_/) });
    expect(answer.headers.getSetCookie()).toEqual([]);
    expect((await gateway().post('/v1/sync', { from: '2026-06-01', to: '2026-06-02', types: ['activities'] }, { token: answer.body.accessToken })).status).toBe(202);
  });

  it('marks the cookies Secure when the proxy says the request came over HTTPS, and lets an Authorization header win over them', async () => {
    const [mine, theirs] = [await newAccount(stack.sim), await newAccount(stack.sim)];
    // The gateway trusts X-Forwarded-Proto from loopback (TRUST_PROXY), as behind a TLS-terminating proxy.
    const secure = await gateway().request('POST', '/v1/auth/login', { body: mine.credentials, headers: { ...COOKIE, 'x-forwarded-proto': 'https' }, ip: uniqueIp() });
    expect(secure.status).toBe(200);
    const cookies = secure.headers.getSetCookie();
    expect(cookies).toHaveLength(3);
    for (const cookie of cookies) expect(cookie.split(';').map((part) => part.trim())).toContain('Secure');
    const plain = await gateway().request('POST', '/v1/auth/login', { body: mine.credentials, headers: COOKIE, ip: uniqueIp() });
    for (const cookie of plain.headers.getSetCookie()) expect(cookie).not.toMatch(/;\s*Secure/);

    const jar = new Jar();
    jar.take(plain.headers);
    const other = (await gateway().post('/v1/auth/login', theirs.credentials, { ip: uniqueIp() })).body;
    const me = await gateway().request('GET', '/v1/auth/me', { headers: { cookie: jar.header('/v1/auth/me'), authorization: `Bearer ${other.accessToken}` } });
    expect(me.body.user.garminProfileId).toBe(theirs.profileId);
    expect((await send(jar, 'GET', '/v1/auth/me')).body.user.garminProfileId).toBe(mine.profileId);
  });
});
