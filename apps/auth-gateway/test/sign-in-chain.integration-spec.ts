import { RpcSubject } from '@fittrack/contracts';
import { GarminSession } from '@fittrack/garmin';
import { GarminAuthenticationState, GarminLinkStore, parseKeyring, SecretCipher, sha256Hex } from '@fittrack/persistence';
import { randomBytes } from 'node:crypto';
import { connect, NatsConnection } from 'nats';
import { LoggedRequest, newAccount, requestLog, requestsAnswered, steps, TestAccount } from './support/accounts';
import { GatewayStack, NATS_URL, uniqueIp } from './support/stack';

jest.setTimeout(120_000);

const KEYRING = `chain${randomBytes(2).toString('hex')}:${randomBytes(32).toString('base64')}`;
const HOUR = 3600;
const SOCIAL_PROFILE = /\/userprofile-service\/socialProfile$/;
const DI_TOKEN = '/di-oauth2-service/oauth/token';
const ALL_THROTTLED = { mobile: 'throttled', widget: 'throttled', portal: 'throttled' } as const;

/** A request the sequence expects: method and path, and the client id / fingerprint / status when they matter. */
interface Step {
  method: string;
  path: string | RegExp;
  clientId?: string;
  fingerprint?: boolean;
  status?: number;
}

function expectSequence(log: LoggedRequest[], expected: Step[]): void {
  const matches = (r: LoggedRequest, s: Step) =>
    r.method === s.method &&
    (typeof s.path === 'string' ? r.path === s.path : s.path.test(r.path)) &&
    (s.clientId === undefined || r.clientId === s.clientId) &&
    (s.fingerprint === undefined || r.fingerprint === s.fingerprint) &&
    (s.status === undefined || r.status === s.status);
  const ok = log.length === expected.length && log.every((r, i) => matches(r, expected[i]));
  if (!ok) throw new Error(`the simulator saw:\n  ${steps(log).join('\n  ')}\nexpected:\n  ${expected.map((s) => `${s.method} ${String(s.path)}`).join('\n  ')}`);
}

describe('signing in to today’s Garmin through the strategy chain (two gateways, the today profile)', () => {
  let stack: GatewayStack;
  let nats: NatsConnection;

  beforeAll(async () => {
    // Requests without a browser fingerprint are throttled (429) on the portal too, not challenged: so that
    // "everything throttled" can happen (the simulator's README: SIM_UNFINGERPRINTED).
    stack = await GatewayStack.start({ gateways: 2, env: { ENCRYPTION_KEYS: KEYRING }, simEnv: { SIM_UNFINGERPRINTED: 'throttled' } });
    nats = await connect({ servers: NATS_URL });
  });

  afterAll(async () => {
    await nats?.close();
    await stack?.stop();
  });

  const [a, b] = [() => stack.gateways[0], () => stack.gateways[1]];
  const query = (sql: string, params: unknown[] = []) => stack.database.dataSource.query(sql, params);
  const login = (account: TestAccount, gateway = a()) => gateway.post('/v1/auth/login', account.credentials, { ip: uniqueIp() });
  const freshLog = () => stack.sim.admin('/requests', undefined, 'DELETE');

  async function storedSession(userId: string): Promise<GarminSession> {
    const state = await stack.database.dataSource.getRepository(GarminAuthenticationState).findOneByOrFail({ userId });
    return new GarminLinkStore(new SecretCipher(parseKeyring(KEYRING))).open<GarminSession>(state);
  }

  async function userStatus(userId: string) {
    const reply = await nats.request(`${stack.prefix}.${RpcSubject.UserStatus}`, Buffer.from(JSON.stringify({ userId })), { timeout: 5000 });
    return JSON.parse(Buffer.from(reply.data).toString());
  }

  it('links a plain account through the mobile login over impit, in the reference’s sequence', async () => {
    const account = await newAccount(stack.sim);
    await freshLog();
    const answer = await login(account);

    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ user: { garminProfileId: account.profileId }, garmin: { via: 'mobile-impit' } });
    // pgc client.py:628-714 then _establish_session: the iOS JSON login, the DI exchange with the first client id, socialProfile.
    expectSequence(await requestLog(stack.sim, account.email), [
      { method: 'POST', path: '/mobile/api/login', clientId: 'GCM_IOS_DARK', fingerprint: true, status: 200 },
      { method: 'POST', path: DI_TOKEN, clientId: 'GARMIN_CONNECT_MOBILE_ANDROID_DI_2025Q2', status: 200 },
      { method: 'GET', path: SOCIAL_PROFILE, status: 200 },
    ]);
    const session = await storedSession(answer.body.user.id);
    expect(session).toMatchObject({ dialect: 'mobile+di', diClientId: 'GARMIN_CONNECT_MOBILE_ANDROID_DI_2025Q2' });
    expect(stack.logs).toMatch(new RegExp(`signed in via mobile-impit: user ${answer.body.user.id}`));
  });

  it('runs one sign-in per account at a time: a second one meanwhile, on the other replica, gets 409 and sends nothing', async () => {
    const account = await newAccount(stack.sim);
    await freshLog();
    await stack.sim.admin('/faults', { latency: { fixedMs: 1500, prefix: '/mobile/api/login' } }, 'PUT');
    try {
      const first = login(account, a());
      await new Promise((resolve) => setTimeout(resolve, 500));
      const second = await login(account, b());
      expect(second.status).toBe(409);
      expect(second.body.code).toBe('AUTH_SIGN_IN_IN_PROGRESS');
      expect((await first).status).toBe(200);
    } finally {
      await stack.sim.admin('/faults', {}, 'PUT');
    }
    expect((await requestLog(stack.sim, account.email)).filter((r) => r.path === '/mobile/api/login')).toHaveLength(1);
    // The claim ends with the sign-in.
    expect((await login(account, b())).status).toBe(200);
  });

  it('never sends the Android client id, and counts the way in at /metrics', async () => {
    const all = await requestLog(stack.sim);
    expect(all.length).toBeGreaterThan(0);
    expect(all.filter((r) => r.clientId === 'GCM_ANDROID_DARK')).toEqual([]);
    const text = await a().metrics();
    expect(text).toMatch(/garmin_sign_ins_via_total\{via="mobile-impit"\} [1-9]/);
  });

  it('links an MFA account, the code entered on the other replica, verifying at the mobile endpoint', async () => {
    const account = await newAccount(stack.sim, 'email');
    await freshLog();
    const started = await login(account, a());
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ status: 'mfa_required', method: 'email' });

    const code = await stack.sim.mfaCode(account.email);
    const finished = await b().post('/v1/auth/mfa', { challengeId: started.body.challengeId, code }, { ip: uniqueIp() });
    expect(finished.status).toBe(200);
    expect(finished.body).toMatchObject({ user: { garminProfileId: account.profileId }, garmin: { via: 'mobile-impit' } });
    expectSequence(await requestLog(stack.sim, account.email), [
      { method: 'POST', path: '/mobile/api/login', clientId: 'GCM_IOS_DARK', fingerprint: true, status: 200 },
      { method: 'POST', path: '/mobile/api/mfa/verifyCode', status: 200 },
      { method: 'POST', path: DI_TOKEN, clientId: 'GARMIN_CONNECT_MOBILE_ANDROID_DI_2025Q2', status: 200 },
      { method: 'GET', path: SOCIAL_PROFILE, status: 200 },
    ]);
  });

  it('links a widget-only account through the widget, with MFA finished on the other replica', async () => {
    const account = await newAccount(stack.sim, 'email', { signIn: { mobile: 'challenge', portal: 'challenge' } });
    await freshLog();
    const started = await login(account, b());
    expect(started.status).toBe(202);
    const [pending] = await query(`SELECT encrypted_state FROM pending_sign_ins WHERE id = $1`, [started.body.challengeId]);
    expect(pending.encrypted_state).toMatch(new RegExp(`^v1\\.${KEYRING.split(':')[0]}\\.`));

    const finished = await a().post('/v1/auth/mfa', { challengeId: started.body.challengeId, code: await stack.sim.mfaCode(account.email) }, { ip: uniqueIp() });
    expect(finished.status).toBe(200);
    expect(finished.body.garmin).toEqual({ via: 'widget' });

    const log = await requestLog(stack.sim);
    const refused = log.filter((r) => r.refusal);
    // Both mobile strategies refused by the edge (a challenge, and no fingerprint), then the widget, and no portal at all.
    expect(refused.map((r) => [r.path, r.status])).toEqual([
      ['/mobile/api/login', 403],
      ['/mobile/api/login', 429],
    ]);
    const widget = log.filter((r) => r.path.startsWith('/sso/'));
    expect(widget.map((r) => `${r.method} ${r.path}`)).toEqual(
      expect.arrayContaining(['GET /sso/embed', 'GET /sso/signin', 'POST /sso/signin', 'POST /sso/verifyMFA/loginEnterMfaCode']),
    );
    expect(log.findIndex((r) => r.path === '/sso/embed')).toBeLessThan(log.findIndex((r) => r.path === '/sso/verifyMFA/loginEnterMfaCode'));
    expect(log.filter((r) => r.path.startsWith('/portal/'))).toEqual([]);
    expect(log.filter((r) => r.method === 'POST' && r.path === '/sso/signin')).toHaveLength(1);
    expect(log.at(-1)).toMatchObject({ method: 'GET', status: 200 });
    expect(log.at(-1)?.path).toMatch(SOCIAL_PROFILE);
  });

  it('falls through to the next strategy when connectapi says the new token is not active', async () => {
    const account = await newAccount(stack.sim, 'none', { tokenNotActive: { via: ['mobile'] } });
    await freshLog();
    const answer = await login(account);
    expect(answer.status).toBe(200);
    expect(answer.body.garmin.via).toBe('widget');
    const log = await requestLog(stack.sim);
    const rejected = log.findIndex((r) => SOCIAL_PROFILE.test(r.path) && r.status === 401);
    expect(rejected).toBeGreaterThanOrEqual(0);
    expect(log.findIndex((r, i) => i > rejected && r.path === '/sso/embed')).toBeGreaterThan(rejected);
  });

  it('tries the DI client ids in the reference’s order and keeps the one that worked', async () => {
    const account = await newAccount(stack.sim, 'none', { diClientIds: ['GARMIN_CONNECT_MOBILE_IOS_DI'] });
    await freshLog();
    const answer = await login(account);
    expect(answer.status).toBe(200);
    const exchanges = (await requestLog(stack.sim, account.email)).filter((r) => r.path === DI_TOKEN);
    expect(exchanges.map((r) => [r.clientId, r.status === 200])).toEqual([
      ['GARMIN_CONNECT_MOBILE_ANDROID_DI_2025Q2', false],
      ['GARMIN_CONNECT_MOBILE_ANDROID_DI_2024Q4', false],
      ['GARMIN_CONNECT_MOBILE_ANDROID_DI', false],
      ['GARMIN_CONNECT_MOBILE_IOS_DI', true],
    ]);
    expect((await storedSession(answer.body.user.id)).diClientId).toBe('GARMIN_CONNECT_MOBILE_IOS_DI');
  });

  it('falls back to the JWT_WEB web session when no DI client id takes the portal’s ticket', async () => {
    // Only the portal gets through, and no DI client id is accepted: the ticket is consumed at connect's /app.
    const account = await newAccount(stack.sim, 'none', { signIn: { mobile: 'challenge', widget: 'challenge' }, diClientIds: [] });
    await freshLog();
    const answer = await login(account);
    expect([answer.status, answer.body.message]).toEqual([200, undefined]);
    expect(answer.body.garmin.via).toBe('portal-impit');
    expect((await storedSession(answer.body.user.id)).dialect).toBe('jwt_web');
    const [state] = await query(`SELECT auth_dialect, health_status FROM garmin_authentication_states WHERE user_id = $1`, [answer.body.user.id]);
    expect(state).toEqual({ auth_dialect: 'jwt_web', health_status: 'active' });
    const log = await requestLog(stack.sim, account.email);
    expect(log.filter((r) => r.path === DI_TOKEN).map((r) => r.status === 200)).toEqual([false, false, false, false]);
    expect(log.some((r) => r.method === 'GET' && r.path === '/app')).toBe(true);
  });

  describe('when Garmin refuses every way in', () => {
    it('throttled: one request per strategy, a cooldown of hours, cooling_down health, and then not a single request', async () => {
      const account = await newAccount(stack.sim);
      const linked = await login(account);
      expect(linked.status).toBe(200);
      const token = linked.body.accessToken as string;
      await stack.sim.admin(`/accounts/${encodeURIComponent(account.email)}`, { signIn: ALL_THROTTLED }, 'PATCH');
      await freshLog();

      const refused = await login(account, b());
      expect(refused.status).toBe(429);
      expect(refused.body.code).toBe('GARMIN_RATE_LIMITED');
      const retryAfter = Number(refused.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(2 * HOUR - 60);
      expect(retryAfter).toBeLessThanOrEqual(2 * HOUR);
      expect(refused.body.message).toMatch(/to avoid making it worse we will not try again before (\d{4}-\d\d-\d\d )?\d\d:\d\d UTC \(in 2 h\)$/);
      expect(refused.body.attempts.map((x: { strategy: string }) => x.strategy)).toEqual(['mobile-impit', 'mobile-fetch', 'widget', 'portal-impit', 'portal-fetch']);

      // Exactly one request of each strategy was refused, and each strategy stopped there: nothing reached the DI exchange.
      const log = await requestLog(stack.sim);
      const refusals = log.filter((r) => r.refusal);
      expect(refusals).toHaveLength(5);
      expect(refusals.map((r) => r.path.split('/')[1])).toEqual(['mobile', 'mobile', 'sso', 'portal', 'portal']);
      expect(refusals.map((r) => r.status)).toEqual([429, 429, 429, 429, 429]);
      expect(log.filter((r) => r.method === 'POST' && /\/api\/login$|^\/sso\/signin$/.test(r.path)).length).toBeLessThanOrEqual(5);
      expect(log.filter((r) => r.path === DI_TOKEN || SOCIAL_PROFILE.test(r.path))).toEqual([]);

      const [cooldown] = await query(`SELECT strikes, reason, cooldown_until FROM sign_in_cooldowns WHERE email_hash = $1`, [sha256Hex(account.email)]);
      expect(cooldown).toMatchObject({ strikes: 1, reason: 'throttled' });
      const me = await a().get('/v1/auth/me', { token });
      expect(me.body.garmin).toMatchObject({ linked: true, health: 'cooling_down', cooldownUntil: cooldown.cooldown_until.toISOString() });
      expect(me.body.garmin.reason).toContain('no sign-in before');
      expect(await userStatus(linked.body.user.id)).toMatchObject({ ok: true, data: { garmin: { health: 'cooling_down', cooldownUntil: cooldown.cooldown_until.toISOString() } } });

      // Within the cooldown: nothing goes to Garmin, on either replica, whatever the case of the email.
      const before = await requestsAnswered(stack.sim);
      const logged = (await requestLog(stack.sim)).length;
      for (const again of [
        await a().post('/v1/auth/login', account.credentials, { ip: uniqueIp() }),
        await b().post('/v1/auth/login', { ...account.credentials, email: account.email.toUpperCase() }, { ip: uniqueIp() }),
      ]) {
        expect(again.status).toBe(429);
        expect(again.body.code).toBe('AUTH_SIGN_IN_COOLING_DOWN');
        expect(Number(again.headers.get('retry-after'))).toBeGreaterThan(HOUR);
        expect(again.body.message).toMatch(/^Garmin is refusing sign-ins for this account from us \(throttled\); to avoid making it worse we will not try again before .* UTC \(in (1 h \d+ min|2 h)\)$/);
      }
      expect(await requestsAnswered(stack.sim)).toBe(before);
      expect(await requestLog(stack.sim)).toHaveLength(logged);
    });

    it('doubles the next cooldown, and a sign-in that gets through clears it', async () => {
      const account = await newAccount(stack.sim, 'none', { signIn: ALL_THROTTLED });
      const hash = sha256Hex(account.email);
      const lapse = () => query(`UPDATE sign_in_cooldowns SET cooldown_until = now() - interval '1 second' WHERE email_hash = $1`, [hash]);

      expect(Number((await login(account)).headers.get('retry-after'))).toBeGreaterThan(2 * HOUR - 60);
      await lapse();
      const second = await login(account, b());
      expect(second.status).toBe(429);
      expect(Number(second.headers.get('retry-after'))).toBeGreaterThan(4 * HOUR - 60);
      expect(second.body.message).toMatch(/\(in 4 h\)$/);

      await lapse();
      await stack.sim.admin(`/accounts/${encodeURIComponent(account.email)}`, { signIn: { mobile: 'open', widget: 'open', portal: 'open' } }, 'PATCH');
      await stack.sim.admin(`/accounts/${encodeURIComponent(account.email)}/throttle`, undefined, 'DELETE');
      const through = await login(account);
      expect(through.status).toBe(200);
      expect(await query(`SELECT 1 FROM sign_in_cooldowns WHERE email_hash = $1`, [hash])).toEqual([]);
      expect((await a().get('/v1/auth/me', { token: through.body.accessToken })).body.garmin).toMatchObject({ health: 'active', cooldownUntil: null });
    });

    it('edge refused: 403 GARMIN_EDGE_REFUSED naming each strategy, then the cooldown', async () => {
      const account = await newAccount(stack.sim, 'none', { signIn: { mobile: 'challenge', widget: 'challenge', portal: 'challenge' } });
      const refused = await login(account);
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({ code: 'GARMIN_EDGE_REFUSED' });
      expect(refused.body.message).toMatch(/^Garmin's bot protection refused every way of signing in to this account from us; .* \(in 2 h\)$/);
      expect(refused.body.attempts).toHaveLength(5);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(2 * HOUR - 60);

      const before = await requestsAnswered(stack.sim);
      const again = await login(account, b());
      expect(again.status).toBe(429);
      expect(again.body.code).toBe('AUTH_SIGN_IN_COOLING_DOWN');
      expect(again.body.message).toContain('(its bot protection)');
      expect(await requestsAnswered(stack.sim)).toBe(before);
    });
  });

  it('keeps the other answers apart: wrong password 401, MFA code not accepted 401, Garmin down 503', async () => {
    const account = await newAccount(stack.sim, 'email');
    const wrong = await a().post('/v1/auth/login', { email: account.email, password: 'not-it' }, { ip: uniqueIp() });
    expect([wrong.status, wrong.body.code]).toEqual([401, 'GARMIN_INVALID_CREDENTIALS']);
    expect(await query(`SELECT 1 FROM sign_in_cooldowns WHERE email_hash = $1`, [sha256Hex(account.email)])).toEqual([]);

    const { body: challenge } = await login(account);
    const notAccepted = await b().post('/v1/auth/mfa', { challengeId: challenge.challengeId, code: '000000' }, { ip: uniqueIp() });
    expect(notAccepted.status).toBe(401);
    expect(notAccepted.body).toMatchObject({ code: 'AUTH_INVALID_MFA_CODE', attemptsLeft: 4 });

    await stack.sim.admin('/faults', { serverErrors: { probability: 1, status: 503 } }, 'PUT');
    try {
      const down = await a().post('/v1/auth/login', (await newAccount(stack.sim)).credentials, { ip: uniqueIp() });
      expect([down.status, down.body.code]).toEqual([503, 'GARMIN_UNAVAILABLE']);
    } finally {
      await stack.sim.admin('/faults', {}, 'PUT');
    }
  });
});
