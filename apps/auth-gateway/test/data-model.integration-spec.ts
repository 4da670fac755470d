import { RpcSubject } from '@fittrack/contracts';
import { sha256Hex } from '@fittrack/persistence';
import { connect, NatsConnection } from 'nats';
import { newAccount } from './support/accounts';
import { Gateway, GatewayStack, NATS_URL, uniqueIp } from './support/stack';

jest.setTimeout(60_000);

interface SignedIn {
  accessToken: string;
  refreshToken: string;
  user: { id: string };
}

/** The specification's data model, as the rows say it (two gateway processes, real PostgreSQL). */
describe('the data model, kept truthfully', () => {
  let stack: GatewayStack;
  let a: Gateway;
  let b: Gateway;
  let nats: NatsConnection;
  const query = (sql: string, params: unknown[] = []) => stack.database.dataSource.query(sql, params);

  beforeAll(async () => {
    stack = await GatewayStack.start({ gateways: 2 });
    [a, b] = stack.gateways;
    nats = await connect({ servers: NATS_URL });
  });

  afterAll(async () => {
    await nats?.close();
    await stack?.stop();
  });

  async function signIn(account: { email: string; password: string }): Promise<SignedIn> {
    const answer = await a.post('/v1/auth/login', { email: account.email, password: account.password }, { ip: uniqueIp() });
    expect(answer.status).toBe(200);
    return answer.body;
  }

  async function signInWithMfa(): Promise<SignedIn> {
    const account = await newAccount(stack.sim, 'email');
    const started = await a.post('/v1/auth/login', account.credentials, { ip: uniqueIp() });
    expect(started.status).toBe(202);
    const code = await stack.sim.mfaCode(account.email);
    const finished = await b.post('/v1/auth/mfa', { challengeId: started.body.challengeId, code }, { ip: uniqueIp() });
    expect(finished.status).toBe(200);
    return finished.body;
  }

  /** The rows behind an access token: its own, and its session's. */
  async function rowsOf(accessToken: string) {
    const [row] = await query(
      `SELECT t.id AS token_id, t.mfa_verified, t.last_used_at, s.id AS session_id, s.mfa_enabled
         FROM authentication_tokens t JOIN user_sessions s ON s.id = t.session_id WHERE t.access_token_hash = $1`,
      [sha256Hex(accessToken)],
    );
    expect(row).toBeDefined();
    return row as { token_id: string; mfa_verified: boolean; last_used_at: Date | null; session_id: string; mfa_enabled: boolean };
  }

  describe('MFA on sessions and tokens', () => {
    it('marks the session and its token after an MFA sign-in, and the refreshed token too', async () => {
      const signedIn = await signInWithMfa();
      expect(await rowsOf(signedIn.accessToken)).toMatchObject({ mfa_enabled: true, mfa_verified: true });

      const refreshed = await a.post('/v1/auth/refresh', { refreshToken: signedIn.refreshToken });
      expect(refreshed.status).toBe(200);
      expect(await rowsOf(refreshed.body.accessToken)).toMatchObject({ mfa_enabled: true, mfa_verified: true });
    });

    it('leaves both false when Garmin asked for no code, before and after a refresh', async () => {
      const signedIn = await signIn(await newAccount(stack.sim));
      expect(await rowsOf(signedIn.accessToken)).toMatchObject({ mfa_enabled: false, mfa_verified: false });

      const refreshed = await b.post('/v1/auth/refresh', { refreshToken: signedIn.refreshToken });
      expect(refreshed.status).toBe(200);
      expect(await rowsOf(refreshed.body.accessToken)).toMatchObject({ mfa_enabled: false, mfa_verified: false });
    });
  });

  describe('authentication_tokens.last_used_at', () => {
    it('is written on first use, then at most once a minute however many requests, on any replica', async () => {
      const { accessToken } = await signIn(await newAccount(stack.sim));
      expect((await rowsOf(accessToken)).last_used_at).toBeNull();

      expect((await a.get('/v1/auth/me', { token: accessToken })).status).toBe(200);
      const first = (await rowsOf(accessToken)).last_used_at;
      expect(first).toBeInstanceOf(Date);

      // Within the minute: 20 more requests, concurrent, over both replicas, write nothing.
      const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => [a, b][i % 2].get('/v1/auth/me', { token: accessToken })));
      expect(answers.every((answer) => answer.status === 200)).toBe(true);
      expect((await rowsOf(accessToken)).last_used_at).toEqual(first);

      // A minute later (the stamp moved back): the next request writes it again, once.
      await query(`UPDATE authentication_tokens SET last_used_at = last_used_at - interval '61 seconds' WHERE access_token_hash = $1`, [sha256Hex(accessToken)]);
      await Promise.all([a.get('/v1/auth/me', { token: accessToken }), b.get('/v1/auth/me', { token: accessToken })]);
      const again = (await rowsOf(accessToken)).last_used_at as Date;
      expect(again.getTime()).toBeGreaterThan(first!.getTime());
      await b.get('/v1/auth/me', { token: accessToken });
      expect((await rowsOf(accessToken)).last_used_at).toEqual(again);
    });

    it('is not written by a refused token (expired, or of a revoked session)', async () => {
      const expired = await signIn(await newAccount(stack.sim));
      await query(`UPDATE authentication_tokens SET expires_at = now() - interval '1 second' WHERE access_token_hash = $1`, [sha256Hex(expired.accessToken)]);
      expect((await a.get('/v1/auth/me', { token: expired.accessToken })).status).toBe(401);
      expect((await rowsOf(expired.accessToken)).last_used_at).toBeNull();

      const revoked = await signIn(await newAccount(stack.sim));
      await query(`UPDATE user_sessions SET revoked_at = now() WHERE user_id = $1`, [revoked.user.id]);
      expect((await b.get('/v1/auth/me', { token: revoked.accessToken })).status).toBe(401);
      expect((await rowsOf(revoked.accessToken)).last_used_at).toBeNull();
    });
  });

  describe('sync_jobs.session_id: a session has many sync jobs', () => {
    it('records the API session that asked over HTTP, none for a platform request, and filters the list by it', async () => {
      // One Garmin account signed in from two clients: one user, two API sessions.
      const account = await newAccount(stack.sim);
      const laptop = await signIn(account);
      const phone = await signIn(account);
      expect(phone.user.id).toBe(laptop.user.id);
      const [laptopSession, phoneSession] = [(await rowsOf(laptop.accessToken)).session_id, (await rowsOf(phone.accessToken)).session_id];
      expect(laptopSession).not.toBe(phoneSession);

      const fromLaptop = await a.post('/v1/sync', { types: ['activities'] }, { token: laptop.accessToken });
      const fromLaptopAgain = await b.post('/v1/sync', { types: ['health'] }, { token: laptop.accessToken });
      const fromPhone = await b.post('/v1/sync', { types: ['workouts'] }, { token: phone.accessToken });
      expect([fromLaptop.status, fromLaptopAgain.status, fromPhone.status]).toEqual([202, 202, 202]);
      expect([fromLaptop.body.sessionId, fromLaptopAgain.body.sessionId, fromPhone.body.sessionId]).toEqual([laptopSession, laptopSession, phoneSession]);

      // The phone asking for what the laptop's job already covers gets that job: it stays the laptop's.
      const equivalent = await a.post('/v1/sync', { types: ['activities'] }, { token: phone.accessToken });
      expect(equivalent.status).toBe(200);
      expect(equivalent.body).toMatchObject({ id: fromLaptop.body.id, sessionId: laptopSession });

      const reply = await nats.request(`${stack.prefix}.${RpcSubject.SyncStart}`, Buffer.from(JSON.stringify({ userId: laptop.user.id, types: ['all'] })), { timeout: 20_000 });
      const platform = JSON.parse(Buffer.from(reply.data).toString());
      expect(platform).toMatchObject({ ok: true, data: { trigger: 'platform', sessionId: null } });

      const stored = await query(`SELECT id, trigger, session_id FROM sync_jobs WHERE user_id = $1 ORDER BY created_at`, [laptop.user.id]);
      expect(stored).toEqual([
        { id: fromLaptop.body.id, trigger: 'manual', session_id: laptopSession },
        { id: fromLaptopAgain.body.id, trigger: 'manual', session_id: laptopSession },
        { id: fromPhone.body.id, trigger: 'manual', session_id: phoneSession },
        { id: platform.data.id, trigger: 'platform', session_id: null },
      ]);

      const ids = (answer: { body: { items: { id: string }[] } }) => answer.body.items.map((job) => job.id);
      const bySession = (sessionId: string) => a.get(`/v1/sync/jobs?sessionId=${sessionId}`, { token: phone.accessToken });
      const laptops = await bySession(laptopSession);
      expect(laptops.status).toBe(200);
      expect(ids(laptops)).toEqual([fromLaptopAgain.body.id, fromLaptop.body.id]);
      expect(laptops.body.total).toBe(2);
      expect(ids(await bySession(phoneSession))).toEqual([fromPhone.body.id]);
      expect((await a.get(`/v1/sync/jobs`, { token: phone.accessToken })).body.total).toBe(4);
      const filteredTwice = await b.get(`/v1/sync/jobs?sessionId=${laptopSession}&status=pending&pageSize=1`, { token: laptop.accessToken });
      expect(filteredTwice.body).toMatchObject({ total: 2, pageSize: 1, items: [{ id: fromLaptopAgain.body.id, sessionId: laptopSession }] });
      expect((await a.get(`/v1/sync/jobs/${fromPhone.body.id}`, { token: laptop.accessToken })).body.sessionId).toBe(phoneSession);
    });

    it("finds only the caller's own jobs by session, and refuses a session id that is not a UUID", async () => {
      const owner = await signIn(await newAccount(stack.sim));
      const ownersJob = await a.post('/v1/sync', {}, { token: owner.accessToken });
      expect(ownersJob.status).toBe(202);
      const ownersSession = (await rowsOf(owner.accessToken)).session_id;

      const stranger = await signIn(await newAccount(stack.sim));
      const peek = await b.get(`/v1/sync/jobs?sessionId=${ownersSession}`, { token: stranger.accessToken });
      expect(peek.status).toBe(200);
      expect(peek.body).toMatchObject({ items: [], total: 0 });

      const bad = await a.get('/v1/sync/jobs?sessionId=not-a-uuid', { token: owner.accessToken });
      expect(bad.status).toBe(400);
      expect(JSON.stringify(bad.body)).toMatch(/sessionId/);
    });
  });
});
