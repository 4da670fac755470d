import { GarminErrorCode } from '../errors';
import { authWith, diAnswer, failure, happyGarmin, HOSTS, jwt, NOW_S, PROFILE } from '../../test/support/fake-garmin';

const DI = `POST ${HOSTS.diauth}/di-oauth2-service/oauth/token`;
const PROFILE_ROUTE = `GET ${HOSTS.connectapi}/userprofile-service/socialProfile`;
const EXCHANGE = `POST ${HOSTS.connectapi}/oauth-service/oauth/exchange/user/2.0`;
const SECRET = 'very-secret-refresh-value';


const pgc = (exp = NOW_S + 3600) => ({
  di_token: jwt({ exp, client_id: 'GARMIN_CONNECT_MOBILE_ANDROID_DI_2025Q2' }),
  di_refresh_token: SECRET,
  di_client_id: 'GARMIN_CONNECT_MOBILE_ANDROID_DI_2025Q2',
});
const oauth1 = { oauth_token: 'ot', oauth_token_secret: 'ots', mfa_token: null, mfa_expiration_timestamp: null, domain: 'garmin.com' };
const oauth2 = (expiresAt = NOW_S + 3600) => ({
  scope: 'CONNECT_READ',
  jti: 'j1',
  token_type: 'Bearer',
  access_token: jwt({ exp: expiresAt }),
  refresh_token: SECRET,
  expires_in: 3600,
  expires_at: expiresAt,
  refresh_token_expires_in: 2591999,
  refresh_token_expires_at: expiresAt + 2588399,
});
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64');

describe('importTokens: the formats', () => {
  it.each([
    ['python-garminconnect garmin_tokens.json', JSON.stringify(pgc()), 'mobile+di'],
    ['its base64 form', b64(pgc()), 'mobile+di'],
    ['garth dumps()', b64([oauth1, oauth2()]), 'mobile+oauth1'],
    ['garth dumps() decoded', JSON.stringify([oauth1, oauth2()]), 'mobile+oauth1'],
    ['garth’s folder by file names', JSON.stringify({ 'oauth1_token.json': oauth1, 'oauth2_token.json': oauth2() }), 'mobile+oauth1'],
    ['garth’s folder without extensions', JSON.stringify({ oauth1_token: oauth1, oauth2_token: oauth2() }), 'mobile+oauth1'],
  ])('%s links, checked against socialProfile', async (_name, input, dialect) => {
    const fake = happyGarmin();
    const { session, profile } = await authWith(fake).importTokens(input);
    expect(profile).toEqual(PROFILE);
    expect(session).toMatchObject({ dialect, via: 'import', oauth2: { expires_at: NOW_S + 3600, refresh_token: SECRET } });
    if (dialect === 'mobile+di') expect(session.diClientId).toBe('GARMIN_CONNECT_MOBILE_ANDROID_DI_2025Q2');
    const [check] = fake.sent(PROFILE_ROUTE);
    expect(check.headers['authorization']).toBe(`Bearer ${session.oauth2.access_token}`);
    expect(fake.sent(DI)).toHaveLength(0);
  });

  it('takes the DI client id from the JWT claim when the file has none', async () => {
    const { session } = await authWith(happyGarmin()).importTokens(JSON.stringify({ ...pgc(), di_client_id: null }));
    expect(session.diClientId).toBe('GARMIN_CONNECT_MOBILE_ANDROID_DI_2025Q2');
  });
});

describe('importTokens: expired tokens', () => {
  it('refreshes an expired DI token first (DI refresh grant), then checks it', async () => {
    const fake = happyGarmin().on(DI, { body: diAnswer('GARMIN_CONNECT_MOBILE_ANDROID_DI_2025Q2', 2, false) });
    const { session } = await authWith(fake).importTokens(JSON.stringify(pgc(NOW_S - 60)));
    const [refresh] = fake.sent(DI);
    expect(Object.fromEntries(refresh.form)).toMatchObject({ grant_type: 'refresh_token', refresh_token: SECRET });
    expect(session.oauth2).toMatchObject({ expires_at: NOW_S + 3600, refresh_token: SECRET });
    expect(fake.sent(PROFILE_ROUTE)).toHaveLength(1);
  });

  it('an expired garth session without a configured consumer cannot be refreshed: GARMIN_SESSION_REJECTED saying so', async () => {
    const fake = happyGarmin();
    const error = await failure(authWith(fake).importTokens(b64([oauth1, oauth2(NOW_S - 60)])));
    expect(error.code).toBe(GarminErrorCode.SessionRejected);
    expect(error.message).toMatch(/expired and cannot be refreshed/);
    expect(fake.requests).toHaveLength(0);
  });

  it('an expired garth session with a consumer refreshes through the OAuth1 exchange', async () => {
    const fake = happyGarmin().on(EXCHANGE, { body: { ...oauth2(), access_token: jwt({ exp: NOW_S + 3600, n: 2 }), expires_in: 3600 } });
    const { session } = await authWith(fake, { consumerKey: 'ck', consumerSecret: 'cs' }).importTokens(b64([oauth1, oauth2(NOW_S - 60)]));
    const [exchange] = fake.sent(EXCHANGE);
    expect(exchange.headers['authorization']).toMatch(/^OAuth .*oauth_consumer_key="ck".*oauth_token="ot"/);
    expect(session).toMatchObject({ dialect: 'mobile+oauth1', oauth2: { expires_at: NOW_S + 3600 } });
  });

  it('a dead or foreign token (socialProfile 401) is GARMIN_SESSION_REJECTED', async () => {
    const fake = happyGarmin().on(PROFILE_ROUTE, { status: 401 });
    expect((await failure(authWith(fake).importTokens(JSON.stringify(pgc())))).code).toBe(GarminErrorCode.SessionRejected);
  });
});

describe('importTokens: bad files name the field, never a value', () => {
  it.each([
    ['empty', '   ', 'the input'],
    ['not JSON', 'hello there!', 'the input'],
    ['broken JSON', `{"di_token": "${SECRET}"`, 'the input'],
    ['base64 of something else', Buffer.from('not json').toString('base64'), 'the input'],
    ['a JSON string', JSON.stringify(SECRET), 'the input'],
    ['no known keys', JSON.stringify({ token: SECRET }), 'the input'],
    ['di_token missing', JSON.stringify({ di_refresh_token: SECRET, di_client_id: 'X' }), 'di_token'],
    ['di_token not a JWT', JSON.stringify({ ...pgc(), di_token: SECRET }), 'di_token'],
    ['di_refresh_token not a string', JSON.stringify({ ...pgc(), di_refresh_token: 12 }), 'di_refresh_token'],
    ['di_client_id missing everywhere', JSON.stringify({ di_token: jwt({ exp: NOW_S + 60 }), di_refresh_token: SECRET }), 'di_client_id'],
    ['garth pair of three', b64([oauth1, oauth2(), {}]), 'the garth session'],
    ['oauth1 without its secret', b64([{ oauth_token: SECRET }, oauth2()]), 'oauth_token_secret'],
    ['oauth2 without an access token', JSON.stringify({ 'oauth1_token.json': oauth1, 'oauth2_token.json': { refresh_token: SECRET } }), 'oauth2_token.json.access_token'],
    ['oauth2 without any expiry', JSON.stringify({ oauth1_token: oauth1, oauth2_token: { access_token: SECRET } }), 'oauth2_token.expires_at'],
    ['a missing file of the pair', JSON.stringify({ 'oauth1_token.json': oauth1 }), 'oauth2_token.json'],
  ])('%s', async (_name, input, field) => {
    const fake = happyGarmin();
    const error = await failure(authWith(fake).importTokens(input));
    expect(error).toMatchObject({ code: GarminErrorCode.BadTokenFile, kind: 'bad_input' });
    expect(error.message).toContain(field);
    expect(error.message).not.toContain(SECRET);
    expect(fake.requests).toHaveLength(0);
  });
});
