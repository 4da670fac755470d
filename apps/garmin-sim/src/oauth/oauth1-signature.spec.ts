import { createHmac } from 'node:crypto';
import OAuth from 'oauth-1.0a';
import { oauthParams, verifySignature } from './oauth1-signature';

const consumer = { key: 'ck', secret: 'cs' };
const token = { key: 'tk', secret: 'ts' };
const client = (secret = consumer.secret) =>
  new OAuth({
    consumer: { key: consumer.key, secret },
    signature_method: 'HMAC-SHA1',
    hash_function: (base, key) => createHmac('sha1', key).update(base).digest('base64'),
  });

describe('OAuth1 signature verification', () => {
  const preauthorized =
    'http://127.0.0.1:4010/oauth-service/oauth/preauthorized?ticket=ST-1-x-sso&login-url=https://x/y&accepts-mfa-tokens=true';
  const exchange = 'http://127.0.0.1:4010/oauth-service/oauth/exchange/user/2.0';

  it('accepts a consumer-only header signature over the query (garth, preauthorized)', () => {
    const authorization = client().toHeader(client().authorize({ url: preauthorized, method: 'GET' })).Authorization;
    expect(verifySignature({ method: 'GET', url: preauthorized, authorization, form: {} }, consumer, '')).toBe(true);
  });

  it('accepts a token signature with a form body in the base string (garth, exchange)', () => {
    const form = {
      mfa_token: 'MFA-1-x-cas',
      audience: 'GARMIN_CONNECT_MOBILE_ANDROID_DI',
    };
    const authorization = client().toHeader(client().authorize({ url: exchange, method: 'POST', data: form }, token)).Authorization;
    expect(verifySignature({ method: 'POST', url: exchange, authorization, form }, consumer, token.secret)).toBe(true);
    expect(
      verifySignature(
        {
          method: 'POST',
          url: exchange,
          authorization,
          form: { ...form, audience: 'x' },
        },
        consumer,
        token.secret,
      ),
    ).toBe(false);
  });

  it('accepts OAuth parameters in the query string (garmin-connect, exchange)', () => {
    const params = client().authorize({ url: exchange, method: 'POST' }, token) as unknown as Record<string, string>;
    const url = `${exchange}?${new URLSearchParams(params)}`;
    expect(oauthParams({ method: 'POST', url, form: {} })['oauth_token']).toBe(token.key);
    expect(verifySignature({ method: 'POST', url, form: {} }, consumer, token.secret)).toBe(true);
  });

  it('rejects a wrong secret, a wrong token secret and another consumer', () => {
    const authorization = client('other').toHeader(client('other').authorize({ url: preauthorized, method: 'GET' })).Authorization;
    expect(verifySignature({ method: 'GET', url: preauthorized, authorization, form: {} }, consumer, '')).toBe(false);
    const signed = client().toHeader(client().authorize({ url: exchange, method: 'POST' }, token)).Authorization;
    expect(verifySignature({ method: 'POST', url: exchange, authorization: signed, form: {} }, consumer, 'nope')).toBe(false);
    expect(
      verifySignature({ method: 'POST', url: exchange, authorization: signed, form: {} }, { key: 'other', secret: 'cs' }, token.secret),
    ).toBe(false);
  });
});
