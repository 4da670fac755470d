import { validateConfig } from '@fittrack/app-core';
import { RpcSubject } from '@fittrack/contracts';
import { GarminAuthenticator } from '@fittrack/garmin';
import { connect, NatsConnection } from 'nats';
import { GatewayConfig } from '../src/config/gateway.config';
import { newAccount, TestAccount } from './support/accounts';
import { GatewayStack, NATS_URL, uniqueIp } from './support/stack';

jest.setTimeout(120_000);

const b64 = (text: string) => Buffer.from(text).toString('base64');
const b64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
/** A JWT nobody issued: the shape Garmin's DI tokens have, signed by no one. */
const foreignJwt = (claims: object) => `${b64url({ alg: 'RS256', typ: 'JWT' })}.${b64url(claims)}.${b64url({ sig: 'none' })}`;
const nowS = () => Math.floor(Date.now() / 1000);

interface PgcTokens {
  di_token: string;
  di_refresh_token: string;
  di_client_id: string;
}

describe('linking from a token file (no password): HTTP, CLI-free, and the NATS RPC', () => {
  let stack: GatewayStack;
  let nats: NatsConnection;
  let authenticator: GarminAuthenticator;

  beforeAll(async () => {
    stack = await GatewayStack.start({
      gateways: 2,
      workers: 1,
      env: { GARMIN_ACCOUNT_RATE_PER_SECOND: '0', GARMIN_GLOBAL_RATE_PER_SECOND: '0' },
    });
    nats = await connect({ servers: NATS_URL });
    // The user's own python-garminconnect, as it were: a sign-in of theirs, outside the platform.
    const config = validateConfig('auth-gateway', GatewayConfig, stack.sim.appEnv());
    authenticator = new GarminAuthenticator(config.garmin);
  });

  afterAll(async () => {
    await nats?.close();
    await stack?.stop();
  });

  const [a, b] = [() => stack.gateways[0], () => stack.gateways[1]];
  const query = (sql: string, params: unknown[] = []) => stack.database.dataSource.query(sql, params);
  const importTokens = (tokens: string, gateway = a(), ip = uniqueIp()) => gateway.post('/v1/auth/import', { tokens }, { ip });

  /** What python-garminconnect writes to garmin_tokens.json after signing in (client.py:1504-1511). */
  async function pgcTokensOf(account: TestAccount): Promise<PgcTokens> {
    const signedIn = await authenticator.start(account.email, account.password);
    if (signedIn.kind !== 'signed_in') throw new Error('expected a sign-in without MFA');
    const { session } = signedIn;
    if (session.dialect !== 'mobile+di' || !session.oauth2.refresh_token || !session.diClientId) throw new Error(`expected a DI session, got ${session.dialect}`);
    return { di_token: session.oauth2.access_token, di_refresh_token: session.oauth2.refresh_token, di_client_id: session.diClientId };
  }

  /** garth's two token files, as garth writes them (garth/auth_tokens.py OAuth1Token, OAuth2Token). */
  async function garthTokensOf(account: TestAccount, expiresAt = nowS() + 3600) {
    const { access_token } = await stack.sim.admin(`/accounts/${encodeURIComponent(account.email)}/token`);
    const oauth1 = { oauth_token: `oauth1-${account.profileId}`, oauth_token_secret: `secret-${account.profileId}`, mfa_token: null, mfa_expiration_timestamp: null, domain: 'garmin.com' };
    const oauth2 = {
      scope: 'CONNECT_READ CONNECT_WRITE',
      jti: `jti-${account.profileId}`,
      token_type: 'Bearer',
      access_token: access_token as string,
      refresh_token: `refresh-${account.profileId}`,
      expires_in: expiresAt - nowS(),
      expires_at: expiresAt,
      refresh_token_expires_in: 2_591_999,
      refresh_token_expires_at: nowS() + 2_591_999,
    };
    return { oauth1, oauth2 };
  }

  async function syncCompletes(token: string): Promise<void> {
    const started = await a().post('/v1/sync', { types: ['health'], from: '2026-03-01', to: '2026-03-03' }, { token });
    expect(started.status).toBe(202);
    for (let i = 0; i < 300; i++) {
      const job = await b().get(`/v1/sync/jobs/${started.body.id}`, { token });
      if (job.body.status === 'completed') return;
      expect(['pending', 'running']).toContain(job.body.status);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('the sync did not complete');
  }

  const stored = async () => {
    const [row] = await query(
      `SELECT (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM garmin_authentication_states)::int AS links, (SELECT count(*) FROM user_sessions)::int AS sessions`,
    );
    return row as { users: number; links: number; sessions: number };
  };

  /** A token file of each accepted format, and the secret in it that must never be logged. */
  const FORMATS: [string, (account: TestAccount) => Promise<{ tokens: string; secret: string }>, string][] = [
    [
      'python-garminconnect garmin_tokens.json',
      async (account) => {
        const pgc = await pgcTokensOf(account);
        return { tokens: JSON.stringify(pgc, null, 2), secret: pgc.di_token };
      },
      'mobile+di',
    ],
    [
      'python-garminconnect garmin_tokens.json as base64',
      async (account) => {
        const pgc = await pgcTokensOf(account);
        return { tokens: b64(JSON.stringify(pgc)), secret: pgc.di_refresh_token };
      },
      'mobile+di',
    ],
    [
      "garth's dumps() string",
      async (account) => {
        const { oauth1, oauth2 } = await garthTokensOf(account);
        return { tokens: b64(JSON.stringify([oauth1, oauth2])), secret: oauth2.access_token };
      },
      'mobile+oauth1',
    ],
    [
      "garth's oauth1_token.json + oauth2_token.json",
      async (account) => {
        const { oauth1, oauth2 } = await garthTokensOf(account);
        return { tokens: JSON.stringify({ 'oauth1_token.json': oauth1, 'oauth2_token.json': oauth2 }), secret: oauth2.access_token };
      },
      'mobile+oauth1',
    ],
  ];

  describe.each(FORMATS)('%s', (_name, tokenFile, dialect) => {
    it('links the account, answers like a sign-in, and a sync then completes', async () => {
      const account = await newAccount(stack.sim);
      const { tokens, secret } = await tokenFile(account);
      const answer = await importTokens(tokens, b());
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({
        tokenType: 'Bearer',
        scope: 'profile sync',
        user: { garminProfileId: account.profileId, displayName: account.displayName },
        garmin: { via: 'import' },
      });
      const [state] = await query(`SELECT auth_dialect, health_status, sign_in_email_hash FROM garmin_authentication_states WHERE user_id = $1`, [answer.body.user.id]);
      expect(state).toEqual({ auth_dialect: dialect, health_status: 'active', sign_in_email_hash: null });
      expect((await a().get('/v1/auth/me', { token: answer.body.accessToken })).body.garmin).toMatchObject({ linked: true, health: 'active' });
      await syncCompletes(answer.body.accessToken);
      expect(secret.length).toBeGreaterThan(10);
      expect(stack.logs).not.toContain(secret);
    });
  });

  it('re-links an account already linked by password to the same user', async () => {
    const account = await newAccount(stack.sim);
    const byPassword = await a().post('/v1/auth/login', account.credentials, { ip: uniqueIp() });
    expect(byPassword.status).toBe(200);
    const imported = await importTokens(JSON.stringify(await pgcTokensOf(account)));
    expect(imported.status).toBe(200);
    expect(imported.body.user.id).toBe(byPassword.body.user.id);
  });

  describe('stores nothing for a file that will not do', () => {
    it.each([
      ['not JSON', () => 'this is { not json', /the input/],
      ['JSON of the wrong kind', () => JSON.stringify(['just', 'strings', 'here']), /garth session|the input/],
      ['an object with none of the known fields', () => JSON.stringify({ token: 'abc', secret: 'def' }), /di_token/],
      ['a pgc file whose di_token is not a string', () => JSON.stringify({ di_token: 42, di_refresh_token: 'x' }), /di_token/],
      ['a pgc file whose di_token is no JWT', () => JSON.stringify({ di_token: 'plainly-not-a-jwt-secret-value', di_client_id: 'GARMIN_CONNECT_MOBILE_IOS_DI' }), /di_token/],
      ['a garth pair without the OAuth1 secret', () => JSON.stringify({ 'oauth1_token.json': { oauth_token: 'tok-value-1' }, 'oauth2_token.json': { access_token: 'acc-value-1', expires_at: nowS() + 60 } }), /oauth1_token\.json\.oauth_token_secret/],
    ])('400 naming the field for %s, never echoing a value', async (_name, file, field) => {
      const before = await stored();
      const tokens = file();
      const answer = await importTokens(tokens);
      expect(answer.status).toBe(400);
      expect(answer.body.code).toBe('GARMIN_BAD_TOKEN_FILE');
      expect(answer.body.message).toMatch(field);
      for (const secret of ['plainly-not-a-jwt-secret-value', 'tok-value-1', 'acc-value-1', 'abc', 'def']) {
        if (tokens.includes(secret)) expect(JSON.stringify(answer.body)).not.toContain(secret);
      }
      expect(await stored()).toEqual(before);
    });

    it('400 for a body without tokens, naming the field', async () => {
      const answer = await a().post('/v1/auth/import', { token: 'x' }, { ip: uniqueIp() });
      expect(answer.status).toBe(400);
      expect(JSON.stringify(answer.body.message)).toContain('tokens');
    });

    it('401 for a foreign token, a dead one, and one expired and not refreshable', async () => {
      const before = await stored();
      const foreign = JSON.stringify({
        di_token: foreignJwt({ exp: nowS() + 3600, client_id: 'GARMIN_CONNECT_MOBILE_ANDROID_DI_2025Q2', sub: 'someone-else' }),
        di_refresh_token: foreignJwt({ exp: nowS() + 86400 }),
        di_client_id: 'GARMIN_CONNECT_MOBILE_ANDROID_DI_2025Q2',
      });
      const revokedAccount = await newAccount(stack.sim);
      const dead = await pgcTokensOf(revokedAccount);
      await stack.sim.admin(`/accounts/${encodeURIComponent(revokedAccount.email)}/revoke-tokens`);
      const expiredNoRefresh = JSON.stringify({ di_token: foreignJwt({ exp: nowS() - 60, client_id: 'GARMIN_CONNECT_MOBILE_IOS_DI' }) });
      const { oauth1, oauth2 } = await garthTokensOf(await newAccount(stack.sim), nowS() - 60);
      const expiredGarth = b64(JSON.stringify([oauth1, { ...oauth2, expires_in: 0 }]));

      for (const tokens of [foreign, JSON.stringify(dead), expiredNoRefresh, expiredGarth]) {
        const answer = await importTokens(tokens);
        expect([answer.status, answer.body.code]).toEqual([401, 'GARMIN_SESSION_REJECTED']);
        expect(JSON.stringify(answer.body)).not.toContain(tokens.slice(10, 40));
      }
      expect(await stored()).toEqual(before);
    });
  });

  it('holds the sign-in limits: per client address (shared with password sign-ins) and per Garmin profile', async () => {
    const ip = uniqueIp();
    for (let i = 0; i < 5; i++) expect((await importTokens('not json', i % 2 ? a() : b(), ip)).status).toBe(400);
    const limited = await a().post('/v1/auth/login', { email: 'someone@fittrack.test', password: 'x' }, { ip });
    expect([limited.status, limited.body.code]).toEqual([429, 'LIMIT_TOO_MANY_ATTEMPTS']);

    const account = await newAccount(stack.sim);
    const file = JSON.stringify(await pgcTokensOf(account));
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await importTokens(file, i % 2 ? a() : b())).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });

  describe('garmin.rpc.auth.import', () => {
    const call = async (payload: unknown) => {
      const reply = await nats.request(`${stack.prefix}.${RpcSubject.AuthImport}`, Buffer.from(JSON.stringify(payload)), { timeout: 15_000 });
      return JSON.parse(Buffer.from(reply.data).toString());
    };

    it('links from a token file and answers like a sign-in', async () => {
      const account = await newAccount(stack.sim);
      const answer = await call({ tokens: b64(JSON.stringify(await pgcTokensOf(account))) });
      expect(answer).toMatchObject({ ok: true, data: { tokenType: 'Bearer', user: { garminProfileId: account.profileId }, garmin: { via: 'import' } } });
      expect((await a().get('/v1/auth/me', { token: answer.data.accessToken })).status).toBe(200);
    });

    it('answers a bad file, a bad payload and a dead token with error replies, storing nothing', async () => {
      const before = await stored();
      const bad = await call({ tokens: JSON.stringify({ di_token: 7 }) });
      expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
      expect(bad.error.message).toContain('di_token');
      expect(await call({ token: 'x' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
      const foreign = { di_token: foreignJwt({ exp: nowS() + 3600, client_id: 'GARMIN_CONNECT_MOBILE_IOS_DI' }), di_client_id: 'GARMIN_CONNECT_MOBILE_IOS_DI' };
      expect(await call({ tokens: JSON.stringify(foreign) })).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
      expect(await stored()).toEqual(before);
    });
  });

  it('is in the OpenAPI document', async () => {
    const document = (await (await fetch(`${a().url}/docs/json`)).json()) as { paths: Record<string, { post?: { responses: Record<string, unknown> } }> };
    expect(Object.keys(document.paths['/v1/auth/import'].post?.responses ?? {})).toEqual(expect.arrayContaining(['200', '400', '401', '429', '503']));
    expect(Object.keys(document.paths['/v1/auth/login'].post?.responses ?? {})).toEqual(expect.arrayContaining(['200', '202', '401', '403', '429', '503']));
    expect(document.paths['/v1/auth/login'].post?.responses).not.toHaveProperty('423');
  });
});
