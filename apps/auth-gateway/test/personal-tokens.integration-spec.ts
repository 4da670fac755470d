import { createHash } from 'node:crypto';
import { newAccount } from './support/accounts';
import { GatewayStack, uniqueIp } from './support/stack';

jest.setTimeout(120_000);

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const LISTED_FIELDS = ['createdAt', 'expired', 'expiresAt', 'id', 'lastUsedAt', 'name'];

describe('personal access tokens (/v1/auth/tokens): read-only, shown once, listed, revocable', () => {
  let stack: GatewayStack;
  const query = (sql: string, params: unknown[] = []) => stack.database.dataSource.query(sql, params);

  async function signedIn(): Promise<{ token: string; userId: string }> {
    const account = await newAccount(stack.sim);
    const answer = await stack.gateway.post('/v1/auth/login', account.credentials, { ip: uniqueIp() });
    if (answer.status !== 200) throw new Error(`sign-in failed: ${JSON.stringify(answer.body)}`);
    return { token: answer.body.accessToken, userId: answer.body.user.id };
  }
  const create = (session: string, body: unknown) => stack.gateway.post('/v1/auth/tokens', body, { token: session });

  beforeAll(async () => {
    stack = await GatewayStack.start({ gateways: 1 });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('shows the token once, stores only its SHA-256 hash, and never lists the token or its hash', async () => {
    const user = await signedIn();
    const made = await create(user.token, { name: 'grafana' });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ name: 'grafana', expiresAt: null, expired: false, lastUsedAt: null, scope: 'read' });
    expect(made.body.token).toMatch(/^fgs_pat_[A-Za-z0-9_-]{43}$/);

    const [row] = await query(`SELECT * FROM personal_access_tokens WHERE id = $1`, [made.body.id]);
    expect(row.token_hash).toBe(sha256(made.body.token));
    expect(JSON.stringify(row)).not.toContain(made.body.token);

    const list = await stack.gateway.get('/v1/auth/tokens', { token: user.token });
    expect(list.status).toBe(200);
    expect(list.body).toHaveLength(1);
    expect(Object.keys(list.body[0]).sort()).toEqual(LISTED_FIELDS);
    expect(JSON.stringify(list.body)).not.toContain(made.body.token);
    expect(JSON.stringify(list.body)).not.toContain(row.token_hash);
    expect(stack.gateway.process.logs).not.toContain(made.body.token);
    console.log('proved: the token is in the creation answer only; the row holds its SHA-256; the list has id, name, dates, never token or hash');
  });

  it('reads with a personal token on the marked routes, and stamps its last use', async () => {
    const user = await signedIn();
    const { body: made } = await create(user.token, { name: 'script', expiresInDays: 30 });
    expect(Date.parse(made.expiresAt) - Date.now()).toBeGreaterThan(29 * 86_400_000);
    for (const path of ['/v1/sync/jobs', '/v1/sync/selection', '/v1/sync/archive', '/v1/auth/me']) {
      const answer = await stack.gateway.get(path, { token: made.token });
      expect({ path, status: answer.status }).toEqual({ path, status: 200 });
    }
    const me = await stack.gateway.get('/v1/auth/me', { token: made.token });
    expect(me.body).toMatchObject({ user: { id: user.userId }, session: null, personalToken: { id: made.id, name: 'script' } });
    const job = await stack.gateway.get('/v1/sync/jobs/6f1c1a52-3f1c-4b8e-9a59-0d9b5c6f7a10', { token: made.token });
    expect(job.status).toBe(404);
    const [listed] = (await stack.gateway.get('/v1/auth/tokens', { token: user.token })).body;
    expect(Date.parse(listed.lastUsedAt)).toBeGreaterThan(Date.now() - 60_000);
    console.log('proved: sync jobs, job status, selection, archive and /v1/auth/me answer a personal token; last use is stamped');
  });

  it('answers 403 with a message on every route that changes something or manages the account', async () => {
    const user = await signedIn();
    const { body: made } = await create(user.token, { name: 'read-only' });
    const refused = [
      ['POST', '/v1/sync', { types: ['activities'] }],
      ['POST', '/v1/sync/jobs/6f1c1a52-3f1c-4b8e-9a59-0d9b5c6f7a10/cancel', undefined],
      ['GET', '/v1/sync/jobs/6f1c1a52-3f1c-4b8e-9a59-0d9b5c6f7a10/events', undefined],
      ['PUT', '/v1/sync/selection', { kinds: ['sleep'] }],
      ['DELETE', '/v1/sync/selection', undefined],
      ['DELETE', '/v1/garmin/link', undefined],
      ['POST', '/v1/auth/tokens', { name: 'another' }],
      ['GET', '/v1/auth/tokens', undefined],
      ['DELETE', `/v1/auth/tokens/${made.id}`, undefined],
      ['GET', '/v1/auth/sessions', undefined],
      ['POST', '/v1/auth/logout', undefined],
      ['DELETE', '/v1/me', undefined],
    ] as const;
    for (const [method, path, body] of refused) {
      const answer = await stack.gateway.request(method, path, { token: made.token, body });
      expect({ method, path, status: answer.status, code: answer.body?.code }).toEqual({ method, path, status: 403, code: 'PERSONAL_TOKEN_READ_ONLY' });
      expect(answer.body.message).toMatch(/may only read data/);
    }
    // Nothing was changed by any of them.
    expect((await query(`SELECT count(*)::int AS n FROM sync_jobs WHERE user_id = $1`, [user.userId]))[0].n).toBe(0);
    expect((await query(`SELECT count(*)::int AS n FROM personal_access_tokens WHERE user_id = $1`, [user.userId]))[0].n).toBe(1);
    expect((await query(`SELECT count(*)::int AS n FROM users WHERE id = $1`, [user.userId]))[0].n).toBe(1);
    expect((await query(`SELECT count(*)::int AS n FROM garmin_authentication_states WHERE user_id = $1`, [user.userId]))[0].n).toBe(1);
    console.log(`proved: ${refused.length} writing or account routes answer a personal token 403 PERSONAL_TOKEN_READ_ONLY, and change nothing`);
  });

  it('refuses a token once revoked or expired (401), and another user’s token is not found (404)', async () => {
    const user = await signedIn();
    const other = await signedIn();
    const { body: revoked } = await create(user.token, { name: 'to revoke' });
    const { body: expiring } = await create(user.token, { name: 'to expire', expiresInDays: 1 });
    expect((await stack.gateway.get('/v1/sync/jobs', { token: revoked.token })).status).toBe(200);

    expect((await stack.gateway.delete(`/v1/auth/tokens/${revoked.id}`, { token: other.token })).status).toBe(404);
    expect((await stack.gateway.get('/v1/sync/jobs', { token: revoked.token })).status).toBe(200);
    expect((await stack.gateway.delete(`/v1/auth/tokens/${revoked.id}`, { token: user.token })).status).toBe(204);
    const afterRevoke = await stack.gateway.get('/v1/sync/jobs', { token: revoked.token });
    expect(afterRevoke.status).toBe(401);
    expect(afterRevoke.body).toMatchObject({ code: 'TOKEN_INVALID', message: expect.stringContaining('personal access token is invalid or expired') });
    const again = await stack.gateway.delete(`/v1/auth/tokens/${revoked.id}`, { token: user.token });
    expect(again.status).toBe(404);
    expect(again.body).toMatchObject({ code: 'PERSONAL_TOKEN_NOT_FOUND', message: 'no such personal access token' });

    await query(`UPDATE personal_access_tokens SET expires_at = now() - interval '1 second' WHERE id = $1`, [expiring.id]);
    expect((await stack.gateway.get('/v1/sync/jobs', { token: expiring.token })).status).toBe(401);
    const listed = (await stack.gateway.get('/v1/auth/tokens', { token: user.token })).body;
    expect(listed).toEqual([expect.objectContaining({ id: expiring.id, expired: true })]);
    expect((await stack.gateway.get('/v1/auth/tokens', { token: other.token })).body).toEqual([]);
    console.log('proved: revoked and expired personal tokens answer 401; revoking another user’s token, or one already revoked, is 404');
  });

  it('limits the count per user (400 with the limit) and rejects bad input with a message', async () => {
    const user = await signedIn();
    for (let n = 0; n < 20; n++) expect((await create(user.token, { name: `t${n}` })).status).toBe(201);
    const over = await create(user.token, { name: 't20' });
    expect(over.status).toBe(400);
    expect(over.body).toMatchObject({ code: 'PERSONAL_TOKEN_LIMIT', limit: 20, message: expect.stringContaining('20 personal access tokens') });

    const other = await signedIn();
    for (const body of [{}, { name: '   ' }, { name: 'x'.repeat(101) }, { name: 'ok', expiresInDays: 0 }, { name: 'ok', expiresInDays: 3651 }, { name: 'ok', extra: 1 }]) {
      const answer = await create(other.token, body);
      expect({ body, status: answer.status }).toEqual({ body, status: 400 });
      expect(answer.body.message).toBeTruthy();
    }
    expect((await stack.gateway.delete('/v1/auth/tokens/not-a-uuid', { token: other.token })).status).toBe(400);
    expect((await stack.gateway.get('/v1/sync/jobs', { token: `fgs_pat_${'x'.repeat(43)}` })).status).toBe(401);
    expect((await stack.gateway.get('/v1/sync/jobs', { token: 'fgs_pat_short' })).status).toBe(401);
    console.log('proved: the 21st token is a 400 naming the limit of 20; blank, long, bad-expiry and unknown fields are 400s; forged tokens 401');
  });
});
