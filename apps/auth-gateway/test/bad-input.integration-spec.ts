import { RpcSubject } from '@fittrack/contracts';
import { connect, NatsConnection } from 'nats';
import { newAccount } from './support/accounts';
import { Gateway, GatewayStack, NATS_URL, uniqueIp } from './support/stack';

jest.setTimeout(90_000);

/** What no body, and no malformation of one, may ever produce. */
const SERVER_ERROR = 500;

function nested(depth: number): string {
  return '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

const BODIES: [string, string | undefined, string?][] = [
  ['malformed JSON', '{"email":'],
  ['a bare string', '"hello"'],
  ['a number', '42'],
  ['null', 'null'],
  ['an array', '[1,2,3]'],
  ['an empty object', '{}'],
  ['deeply nested JSON', nested(5000)],
  ['wrong types', '{"email":12,"password":["x"],"challengeId":true,"code":123456,"refreshToken":{"a":1},"tokens":{"di_token":1}}'],
  ['token files that are not', '{"tokens":"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["}'],
  ['unknown fields', '{"email":"a@b.co","password":"x","admin":true}'],
  ['odd unicode', '{"email":"\u202e@\ud83d\ude00.co","password":"\u0000\uffff","code":"１２３４５６","challengeId":"\ud800"}'],
  ['injection-looking strings', `{"email":"a'; DROP TABLE users;--@x.co","password":"' OR 1=1 --","refreshToken":"fgs_rt_$(rm -rf /)"}`],
  ['prototype pollution', '{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}},"email":"a@b.co","password":"x"}'],
  ['a huge body', JSON.stringify({ email: 'a@b.co', password: 'x'.repeat(200_000) })],
  ['no body', undefined],
  ['form-encoded', 'email=a%40b.co&password=x', 'application/x-www-form-urlencoded'],
  ['text', 'email: a@b.co', 'text/plain'],
];

describe('bad input never produces a 5xx or a crash', () => {
  let stack: GatewayStack;
  let gateway: Gateway;
  let nats: NatsConnection;
  let token: string;

  beforeAll(async () => {
    stack = await GatewayStack.start({ env: { SIGN_IN_LIMIT_PER_MINUTE: '10000', SIGN_IN_LIMIT_PER_HOUR: '100000', MFA_LIMIT_PER_MINUTE: '10000' } });
    gateway = stack.gateway;
    nats = await connect({ servers: NATS_URL });
    const account = await newAccount(stack.sim);
    const signedIn = await gateway.post('/v1/auth/login', account.credentials, { ip: uniqueIp() });
    token = signedIn.body.accessToken;
  });

  afterAll(async () => {
    await nats?.close();
    await stack?.stop();
  });

  const ROUTES: [string, string][] = [
    ['POST', '/v1/auth/login'],
    ['POST', '/v1/auth/mfa'],
    ['POST', '/v1/auth/import'],
    ['POST', '/v1/auth/refresh'],
    ['POST', '/v1/auth/logout'],
    ['GET', '/v1/auth/me'],
    ['GET', '/v1/auth/sessions'],
    ['GET', '/v1/auth/sessions/not-a-uuid'],
    ['DELETE', '/v1/auth/sessions/6f1c1a52-3f1c-4b8e-9a59-0d9b5c6f7a10'],
    ['DELETE', '/v1/garmin/link'],
  ];

  it.each(ROUTES)('%s %s answers every malformed body with a 4xx', async (method, path) => {
    const wrong: unknown[] = [];
    for (const [label, raw, contentType] of BODIES) {
      // A GET has no body; what is left to get wrong there is the token and the path.
      if (method === 'GET' && raw !== undefined) continue;
      for (const withToken of [false, true]) {
        const answer = await gateway.request(method, path, {
          raw,
          token: withToken && !path.endsWith('logout') ? token : undefined,
          headers: contentType ? { 'content-type': contentType } : undefined,
          ip: uniqueIp(),
        });
        const bodyless = raw === undefined || path.endsWith('logout') || method !== 'POST';
        const acceptable = bodyless ? answer.status < SERVER_ERROR : answer.status >= 400 && answer.status < 500 && answer.body?.message !== undefined;
        if (!acceptable) wrong.push({ label, withToken, status: answer.status, body: answer.body });
      }
    }
    expect(wrong).toEqual([]);
  });

  it('names the problem in a validation answer', async () => {
    const answer = await gateway.post('/v1/auth/login', { email: 'not-an-email', password: 5, extra: 1 }, { ip: uniqueIp() });
    expect(answer.status).toBe(400);
    expect(answer.body.message).toEqual(
      expect.arrayContaining(['property extra should not exist', 'email must be an email address', 'password must be a string']),
    );
    const huge = await gateway.request('POST', '/v1/auth/login', { raw: BODIES.find(([l]) => l === 'a huge body')?.[1] });
    expect(huge.status).toBe(413);
    const malformed = await gateway.request('POST', '/v1/auth/login', { raw: '{"email":' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.message).toMatch(/JSON/i);
  });

  it('answers bad or malformed bearer tokens with 401', async () => {
    for (const header of ['Bearer', 'Bearer ', 'Basic abc', `Bearer ${'x'.repeat(10_000)}`, 'Bearer fgs_at_%00', `Bearer ${token}x`, `Bearer ${token} extra`]) {
      const answer = await gateway.request('GET', '/v1/auth/me', { headers: { authorization: header } });
      expect({ header: header.slice(0, 20), status: answer.status }).toEqual({ header: header.slice(0, 20), status: 401 });
    }
  });

  describe('garmin.rpc.user.status', () => {
    const subject = () => `${stack.prefix}.${RpcSubject.UserStatus}`;
    const ask = async (raw: string) => JSON.parse(Buffer.from((await nats.request(subject(), Buffer.from(raw), { timeout: 5000 })).data).toString());

    it('answers a valid request with the user and their Garmin link', async () => {
      const account = await newAccount(stack.sim);
      const { body } = await gateway.post('/v1/auth/login', account.credentials, { ip: uniqueIp() });
      const answer = await ask(JSON.stringify({ userId: body.user.id }));
      expect(answer).toMatchObject({ ok: true, data: { user: { id: body.user.id, garminProfileId: account.profileId }, garmin: { linked: true, health: 'active' } } });
      expect(JSON.stringify(answer)).not.toMatch(/encrypted|token/i);
    });

    it.each([
      ['not JSON', '{"userId":', 'BAD_REQUEST'],
      ['an array', '[]', 'BAD_REQUEST'],
      ['null', 'null', 'BAD_REQUEST'],
      ['a missing userId', '{}', 'BAD_REQUEST'],
      ['a userId that is no uuid', '{"userId":"42"}', 'BAD_REQUEST'],
      ['a userId of the wrong type', '{"userId":42}', 'BAD_REQUEST'],
      ['an unknown field', '{"userId":"6f1c1a52-3f1c-4b8e-9a59-0d9b5c6f7a10","admin":true}', 'BAD_REQUEST'],
      ['an unknown user', '{"userId":"6f1c1a52-3f1c-4b8e-9a59-0d9b5c6f7a10"}', 'NOT_FOUND'],
      ['deep nesting', nested(5000), 'BAD_REQUEST'],
      ['an empty message', '', 'BAD_REQUEST'],
    ])('answers %s with an error reply', async (_label, raw, code) => {
      const answer = await ask(raw);
      expect(answer).toMatchObject({ ok: false, error: { code } });
      expect(answer.error.message).toEqual(expect.any(String));
    });
  });

  describe('garmin.rpc.auth.import', () => {
    const ask = async (raw: string) =>
      JSON.parse(Buffer.from((await nats.request(`${stack.prefix}.${RpcSubject.AuthImport}`, Buffer.from(raw), { timeout: 5000 })).data).toString());

    it.each([
      ['not JSON', '{"tokens":', 'BAD_REQUEST'],
      ['a missing tokens', '{}', 'BAD_REQUEST'],
      ['tokens of the wrong type', '{"tokens":{"di_token":"x"}}', 'BAD_REQUEST'],
      ['an unknown field', '{"tokens":"x","userId":"6f1c1a52-3f1c-4b8e-9a59-0d9b5c6f7a10"}', 'BAD_REQUEST'],
      ['a token file that is not one', '{"tokens":"%%% not base64 %%%"}', 'BAD_REQUEST'],
      ['a token file too large', JSON.stringify({ tokens: 'x'.repeat(40_000) }), 'BAD_REQUEST'],
      ['deep nesting', nested(5000), 'BAD_REQUEST'],
    ])('answers %s with an error reply', async (_label, raw, code) => {
      const answer = await ask(raw);
      expect(answer).toMatchObject({ ok: false, error: { code } });
      expect(answer.error.message).toEqual(expect.any(String));
    });
  });

  it('is still alive and well after all of it', async () => {
    expect((await gateway.get('/health/ready')).status).toBe(200);
    expect((await gateway.get('/v1/auth/me', { token })).status).toBe(200);
    expect(gateway.process.logs).not.toMatch(/"level":50/);
  });
});
