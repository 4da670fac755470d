import { newAccount, requestLog } from './support/accounts';
import { GatewayStack, uniqueIp } from './support/stack';

jest.setTimeout(60_000);

describe('linking a Garmin account (two gateway processes, real PostgreSQL and simulator)', () => {
  let stack: GatewayStack;

  beforeAll(async () => {
    stack = await GatewayStack.start({ gateways: 2 });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const [a, b] = [() => stack.gateways[0], () => stack.gateways[1]];
  const count = async (sql: string, params: unknown[] = []) => Number((await stack.database.dataSource.query(sql, params))[0].n);
  /** Requests that carried a password, on any strategy's route (the simulator's request log). */
  const passwordsSent = async () =>
    (await requestLog(stack.sim)).filter((r) => r.method === 'POST' && ['/mobile/api/login', '/portal/api/login', '/sso/signin'].includes(r.path)).length;

  async function challengeFor(account: { email: string; password: string }, ip = uniqueIp()) {
    const started = await a().post('/v1/auth/login', { email: account.email, password: account.password }, { ip });
    expect(started.status).toBe(202);
    return started.body as { challengeId: string; method: string; expiresAt: string };
  }

  it('signs in without MFA: tokens, the user, and the Garmin session stored encrypted', async () => {
    const account = await newAccount(stack.sim);
    const answer = await a().post('/v1/auth/login', { email: account.email, password: account.password }, { ip: uniqueIp() });

    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      tokenType: 'Bearer',
      expiresIn: 900,
      scope: 'profile sync',
      user: { garminProfileId: account.profileId, displayName: account.displayName },
    });
    expect(answer.body.accessToken).toMatch(/^fgs_at_[A-Za-z0-9_-]{43}$/);
    expect(answer.body.refreshToken).toMatch(/^fgs_rt_[A-Za-z0-9_-]{43}$/);

    const [state] = await stack.database.dataSource.query(
      `SELECT encrypted_session, key_id, health_status, version FROM garmin_authentication_states WHERE user_id = $1`,
      [answer.body.user.id],
    );
    expect(state).toMatchObject({ key_id: 'dev', health_status: 'active', version: 1 });
    expect(state.encrypted_session).toMatch(/^v1\.dev\./);
    expect(state.encrypted_session).not.toContain('oauth');
  });

  it('links the same Garmin account again to the same user, replacing its session; one sign-in at a time', async () => {
    const account = await newAccount(stack.sim);
    const first = await a().post('/v1/auth/login', account.credentials, { ip: uniqueIp() });
    const before = await stack.database.dataSource.query(`SELECT encrypted_session FROM garmin_authentication_states WHERE user_id = $1`, [first.body.user.id]);
    // Two at once on two replicas: whichever comes second while the first is under way is refused, having sent nothing.
    const racing = await Promise.all([b().post('/v1/auth/login', account.credentials, { ip: uniqueIp() }), a().post('/v1/auth/login', account.credentials, { ip: uniqueIp() })]);
    const racingStatuses = racing.map((r) => r.status).sort();
    expect([[200, 200], [200, 409]]).toContainEqual(racingStatuses);
    for (const loser of racing.filter((r) => r.status === 409)) expect(loser.body.code).toBe('AUTH_SIGN_IN_IN_PROGRESS');
    const again = [...racing.filter((r) => r.status === 200), ...(racingStatuses[1] === 409 ? [await b().post('/v1/auth/login', account.credentials, { ip: uniqueIp() })] : [])];

    expect(again.map((r) => r.status)).toEqual([200, 200]);
    expect(again.map((r) => r.body.user.id)).toEqual([first.body.user.id, first.body.user.id]);
    expect(await count(`SELECT count(*) AS n FROM users WHERE garmin_profile_id = $1`, [account.profileId])).toBe(1);
    const [after] = await stack.database.dataSource.query(
      `SELECT encrypted_session, version FROM garmin_authentication_states WHERE user_id = $1`,
      [first.body.user.id],
    );
    expect(after.version).toBe(3);
    expect(after.encrypted_session).not.toBe(before[0].encrypted_session);
  });

  it('finishes an MFA sign-in on another gateway process than the one that started it', async () => {
    const account = await newAccount(stack.sim, 'email');
    const challenge = await challengeFor(account);
    expect(challenge.method).toBe('email');
    expect(new Date(challenge.expiresAt).getTime()).toBeGreaterThan(Date.now());

    const [pending] = await stack.database.dataSource.query(`SELECT encrypted_state FROM pending_sign_ins WHERE id = $1`, [challenge.challengeId]);
    expect(pending.encrypted_state).toMatch(/^v1\.dev\./);

    const code = await stack.sim.mfaCode(account.email);
    const finished = await b().post('/v1/auth/mfa', { challengeId: challenge.challengeId, code }, { ip: uniqueIp() });
    expect(finished.status).toBe(200);
    expect(finished.body.user.garminProfileId).toBe(account.profileId);
    expect(await count(`SELECT count(*) AS n FROM pending_sign_ins WHERE id = $1`, [challenge.challengeId])).toBe(0);

    const reused = await a().post('/v1/auth/mfa', { challengeId: challenge.challengeId, code }, { ip: uniqueIp() });
    expect(reused.status).toBe(410);
  });

  it('answers a wrong code with the attempts left, and still takes the right one', async () => {
    const account = await newAccount(stack.sim, 'email');
    const { challengeId } = await challengeFor(account);
    const wrong = await b().post('/v1/auth/mfa', { challengeId, code: '000000' }, { ip: uniqueIp() });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ code: 'AUTH_INVALID_MFA_CODE', attemptsLeft: 4 });

    const right = await a().post('/v1/auth/mfa', { challengeId, code: await stack.sim.mfaCode(account.email) }, { ip: uniqueIp() });
    expect(right.status).toBe(200);
  });

  it('kills a challenge after 5 wrong codes, spread over both processes', async () => {
    const account = await newAccount(stack.sim, 'email');
    const { challengeId } = await challengeFor(account);
    const left: number[] = [];
    for (let i = 0; i < 5; i++) {
      const wrong = await [a, b][i % 2]().post('/v1/auth/mfa', { challengeId, code: '000000' }, { ip: uniqueIp() });
      expect(wrong.status).toBe(401);
      left.push(wrong.body.attemptsLeft);
    }
    expect(left).toEqual([4, 3, 2, 1, 0]);
    const dead = await a().post('/v1/auth/mfa', { challengeId, code: await stack.sim.mfaCode(account.email) }, { ip: uniqueIp() });
    expect(dead.status).toBe(410);
    expect(dead.body.code).toBe('AUTH_MFA_CHALLENGE_OVER');
  });

  it('never lets concurrent guesses exceed the allowance', async () => {
    const account = await newAccount(stack.sim, 'email');
    const { challengeId } = await challengeFor(account);
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => [a, b][i % 2]().post('/v1/auth/mfa', { challengeId, code: '111111' }, { ip: uniqueIp() })),
    );
    expect(answers.filter((r) => r.status === 401)).toHaveLength(5);
    expect(answers.filter((r) => r.status === 410)).toHaveLength(7);
  });

  it('answers 410 for a challenge past its ten minutes, without asking Garmin', async () => {
    const ours = await challengeFor(await newAccount(stack.sim, 'email'));
    await stack.database.dataSource.query(`UPDATE pending_sign_ins SET expires_at = now() - interval '1 second' WHERE id = $1`, [ours.challengeId]);
    const before = (await stack.sim.stats()).byRoute['/mobile/api/mfa/verifyCode'] ?? 0;
    const expired = await b().post('/v1/auth/mfa', { challengeId: ours.challengeId, code: '123456' }, { ip: uniqueIp() });
    expect(expired.status).toBe(410);
    expect(expired.body.code).toBe('AUTH_MFA_CHALLENGE_EXPIRED');
    expect((await stack.sim.stats()).byRoute['/mobile/api/mfa/verifyCode'] ?? 0).toBe(before);
  });

  it('gives an unknown email and a wrong password the same answer, and stops the chain there', async () => {
    const account = await newAccount(stack.sim);
    const before = await passwordsSent();
    const wrongPassword = await a().post('/v1/auth/login', { email: account.email, password: 'not-it' }, { ip: uniqueIp() });
    const unknownEmail = await b().post('/v1/auth/login', { email: 'nobody-here@fittrack.test', password: 'not-it' }, { ip: uniqueIp() });
    expect(wrongPassword.status).toBe(401);
    expect(wrongPassword.body.code).toBe('GARMIN_INVALID_CREDENTIALS');
    expect(unknownEmail.status).toBe(401);
    expect(unknownEmail.body).toEqual(wrongPassword.body);
    // A credential verdict is final: the first strategy's answer, no other strategy is sent the password.
    expect((await passwordsSent()) - before).toBe(2);
  });

  describe('with Garmin misbehaving', () => {
    afterEach(() => stack.sim.admin('/faults', {}, 'PUT'));

    it('answers a throttled chain 429 with a Retry-After of hours, having sent the password once per strategy', async () => {
      const account = await newAccount(stack.sim);
      const throttle = ['/mobile/', '/portal/', '/sso/'].map((prefix) => ({ prefix, retryAfterSeconds: 42 }));
      await stack.sim.admin('/faults', { throttle }, 'PUT');
      const before = await passwordsSent();
      const limited = await a().post('/v1/auth/login', account.credentials, { ip: uniqueIp() });
      expect(limited.status).toBe(429);
      expect(limited.body.code).toBe('GARMIN_RATE_LIMITED');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(3600);
      expect((await passwordsSent()) - before).toBeLessThanOrEqual(5);
    });

    it('maps Garmin being down to 503 (and no cooldown), and does not retry the sign-in', async () => {
      const account = await newAccount(stack.sim);
      await stack.sim.admin('/faults', { serverErrors: { probability: 1, status: 503 } }, 'PUT');
      const before = await passwordsSent();
      const down = await b().post('/v1/auth/login', account.credentials, { ip: uniqueIp() });
      expect(down.status).toBe(503);
      expect(down.body.code).toBe('GARMIN_UNAVAILABLE');
      expect((await passwordsSent()) - before).toBeLessThanOrEqual(5);
      await stack.sim.admin('/faults', {}, 'PUT');
      expect((await a().post('/v1/auth/login', account.credentials, { ip: uniqueIp() })).status).toBe(200);
    });

    it('gives an MFA attempt back when Garmin could not judge it', async () => {
      const account = await newAccount(stack.sim, 'email');
      const { challengeId } = await challengeFor(account);
      await stack.sim.admin('/faults', { serverErrors: { probability: 1, status: 503 } }, 'PUT');
      expect((await a().post('/v1/auth/mfa', { challengeId, code: '000000' }, { ip: uniqueIp() })).status).toBe(503);
      await stack.sim.admin('/faults', {}, 'PUT');
      const wrong = await b().post('/v1/auth/mfa', { challengeId, code: '000000' }, { ip: uniqueIp() });
      expect(wrong.body.attemptsLeft).toBe(4);
    });
  });

  it('counts sign-ins by outcome at /metrics', async () => {
    const text = await a().metrics();
    expect(text).toMatch(/garmin_sign_ins_total\{step="password",outcome="signed_in"\} \d+/);
    expect(text).toMatch(/garmin_sign_ins_total\{step="password",outcome="mfa_required"\} \d+/);
    expect(text).toMatch(/garmin_sign_ins_total\{step="password",outcome="invalid_credentials"\} \d+/);
    expect(text).toMatch(/garmin_sign_ins_total\{step="mfa",outcome="invalid_mfa_code"\} \d+/);
  });
});
