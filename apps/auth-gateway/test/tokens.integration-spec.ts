import { newAccount } from './support/accounts';
import { Gateway, GatewayStack, uniqueIp } from './support/stack';

jest.setTimeout(60_000);

describe('API tokens and sessions (two gateway processes)', () => {
  let stack: GatewayStack;
  let a: Gateway;
  let b: Gateway;

  beforeAll(async () => {
    // Both replicas try the retention sweep every second (one at a time sweeps), with the default retention ages.
    stack = await GatewayStack.start({ gateways: 2, env: { RETENTION_SWEEP_INTERVAL_SECONDS: '1' } });
    [a, b] = stack.gateways;
  });

  afterAll(async () => {
    await stack?.stop();
  });

  async function signIn(gateway = a) {
    const account = await newAccount(stack.sim);
    const answer = await gateway.post('/v1/auth/login', account.credentials, { ip: uniqueIp() });
    expect(answer.status).toBe(200);
    return { account, ...(answer.body as { accessToken: string; refreshToken: string; user: { id: string } }) };
  }

  it('stores only hashes of the tokens it hands out', async () => {
    const { accessToken, refreshToken, user } = await signIn();
    const dump = JSON.stringify(
      await stack.database.dataSource.query(
        `SELECT s.refresh_token_hash, t.access_token_hash FROM user_sessions s JOIN authentication_tokens t ON t.session_id = s.id WHERE s.user_id = $1`,
        [user.id],
      ),
    );
    expect(dump).not.toContain(accessToken.slice(7));
    expect(dump).not.toContain(refreshToken.slice(7));
    expect(dump).toMatch(/[0-9a-f]{64}/);
  });

  it('shows the caller, their Garmin link and this session at /me, on any replica', async () => {
    const { accessToken, user, account } = await signIn();
    const me = await b.get('/v1/auth/me', { token: accessToken });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      user: { id: user.id, garminProfileId: account.profileId },
      garmin: { linked: true, health: 'active', reason: null },
      session: { current: true },
    });
    expect(new Date(me.body.garmin.refreshExpiresAt).getTime()).toBeGreaterThan(Date.now());
  });

  it('rotates the refresh token on use, and revokes the session when a rotated one comes back', async () => {
    const first = await signIn();
    const second = await b.post('/v1/auth/refresh', { refreshToken: first.refreshToken });
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first.refreshToken);
    expect(second.body.accessToken).not.toBe(first.accessToken);
    expect(second.body.user.id).toBe(first.user.id);

    const third = await a.post('/v1/auth/refresh', { refreshToken: second.body.refreshToken });
    expect(third.status).toBe(200);
    expect((await b.get('/v1/auth/me', { token: third.body.accessToken })).status).toBe(200);

    // The first refresh token again: someone kept a copy. The whole session ends.
    const reuse = await a.post('/v1/auth/refresh', { refreshToken: first.refreshToken });
    expect(reuse.status).toBe(401);
    expect(reuse.body.code).toBe('TOKEN_REFRESH_REUSED');
    expect((await b.get('/v1/auth/me', { token: third.body.accessToken })).status).toBe(401);
    expect((await b.post('/v1/auth/refresh', { refreshToken: third.body.refreshToken })).status).toBe(401);
  });

  it('lets exactly one of two simultaneous refreshes with the same token win', async () => {
    const { refreshToken } = await signIn();
    const answers = await Promise.all([a.post('/v1/auth/refresh', { refreshToken }), b.post('/v1/auth/refresh', { refreshToken })]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 401]);
  });

  it('refuses expired access and refresh tokens with the same answer as unknown ones', async () => {
    const { accessToken, refreshToken, user } = await signIn();
    await stack.database.dataSource.query(`UPDATE authentication_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [user.id]);
    const expired = await a.get('/v1/auth/me', { token: accessToken });
    const unknown = await a.get('/v1/auth/me', { token: `fgs_at_${'x'.repeat(43)}` });
    expect(expired.status).toBe(401);
    expect(expired.body).toEqual(unknown.body);

    const refreshed = await a.post('/v1/auth/refresh', { refreshToken });
    expect(refreshed.status).toBe(200);
    await stack.database.dataSource.query(`UPDATE user_sessions SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [user.id]);
    expect((await a.post('/v1/auth/refresh', { refreshToken: refreshed.body.refreshToken })).status).toBe(401);
  });

  it('sweeps a session ended 31 days ago by itself, and keeps a live one with the rotated hash that still protects it', async () => {
    const ended = await signIn();
    expect((await a.post('/v1/auth/logout', undefined, { token: ended.accessToken })).status).toBe(204);
    await stack.database.dataSource.query(`UPDATE user_sessions SET revoked_at = now() - interval '31 days' WHERE user_id = $1`, [ended.user.id]);
    const live = await signIn();
    const rotated = await a.post('/v1/auth/refresh', { refreshToken: live.refreshToken });
    expect(rotated.status).toBe(200);
    // Rotated 36 days ago: its token could have been valid (30-day life) until 6 days ago, and is kept 7 days past that.
    await stack.database.dataSource.query(
      `UPDATE rotated_refresh_tokens r SET rotated_at = now() - interval '36 days' FROM user_sessions s WHERE s.id = r.session_id AND s.user_id = $1`,
      [live.user.id],
    );
    const sessionsOf = async (userId: string) => Number((await stack.database.dataSource.query(`SELECT count(*) AS n FROM user_sessions WHERE user_id = $1`, [userId]))[0].n);
    for (const deadline = Date.now() + 45_000; (await sessionsOf(ended.user.id)) > 0; ) {
      if (Date.now() > deadline) throw new Error('the retention sweep never deleted the ended session');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(await sessionsOf(live.user.id)).toBe(1);
    const reuse = await b.post('/v1/auth/refresh', { refreshToken: live.refreshToken });
    expect(reuse.body.code).toBe('TOKEN_REFRESH_REUSED');
    expect((await a.get('/v1/auth/me', { token: rotated.body.accessToken })).status).toBe(401);
    console.log('proved: the gateway sweeps an old ended session on its own, and a rotated hash still inside its protection keeps revoking on reuse');
  });

  it('logs out: the session’s access and refresh tokens stop working everywhere', async () => {
    const { accessToken, refreshToken } = await signIn();
    expect((await a.post('/v1/auth/logout', undefined, { token: accessToken })).status).toBe(204);
    expect((await b.get('/v1/auth/me', { token: accessToken })).status).toBe(401);
    expect((await b.post('/v1/auth/refresh', { refreshToken })).status).toBe(401);
  });

  it('unlinks Garmin: the tokens are forgotten, the user stays, and signing in again re-links it', async () => {
    const { accessToken, user, account } = await signIn();
    expect((await a.delete('/v1/garmin/link', { token: accessToken })).status).toBe(204);
    expect((await a.delete('/v1/garmin/link', { token: accessToken })).status).toBe(204);
    const me = await b.get('/v1/auth/me', { token: accessToken });
    expect(me.body.garmin).toEqual({
      linked: false,
      health: null,
      reason: null,
      accessExpiresAt: null,
      refreshExpiresAt: null,
      cooldownUntil: null,
      linkedAt: null,
    });
    expect(await stack.database.dataSource.query(`SELECT 1 FROM garmin_authentication_states WHERE user_id = $1`, [user.id])).toEqual([]);

    const again = await a.post('/v1/auth/login', account.credentials, { ip: uniqueIp() });
    expect(again.body.user.id).toBe(user.id);
    expect((await b.get('/v1/auth/me', { token: again.body.accessToken })).body.garmin.linked).toBe(true);
  });

  it('shows and revokes only the caller’s own sessions; another user’s answers 404', async () => {
    const alice = await signIn();
    const aliceLaptop = await b.post('/v1/auth/login', alice.account.credentials, { ip: uniqueIp() });
    const bob = await signIn();

    const list = await a.get('/v1/auth/sessions', { token: alice.accessToken });
    expect(list.status).toBe(200);
    expect(list.body).toHaveLength(2);
    expect(list.body.filter((s: { current: boolean }) => s.current)).toHaveLength(1);

    const bobSessions = await a.get('/v1/auth/sessions', { token: bob.accessToken });
    const bobSessionId = bobSessions.body[0].id as string;
    expect((await a.get(`/v1/auth/sessions/${bobSessionId}`, { token: alice.accessToken })).status).toBe(404);
    expect((await a.delete(`/v1/auth/sessions/${bobSessionId}`, { token: alice.accessToken })).status).toBe(404);
    expect((await a.get('/v1/auth/me', { token: bob.accessToken })).status).toBe(200);

    const laptopId = list.body.find((s: { current: boolean }) => !s.current).id as string;
    expect((await b.delete(`/v1/auth/sessions/${laptopId}`, { token: alice.accessToken })).status).toBe(204);
    expect((await a.get('/v1/auth/me', { token: aliceLaptop.body.accessToken })).status).toBe(401);
    expect((await a.get('/v1/auth/me', { token: alice.accessToken })).status).toBe(200);
  });

  it('asks for a token on every user route', async () => {
    for (const [method, path] of [
      ['GET', '/v1/auth/me'],
      ['POST', '/v1/auth/logout'],
      ['GET', '/v1/auth/sessions'],
      ['DELETE', '/v1/garmin/link'],
    ]) {
      const answer = await a.request(method, path);
      expect({ path, status: answer.status, code: answer.body.code }).toEqual({ path, status: 401, code: 'TOKEN_MISSING' });
    }
  });
});
