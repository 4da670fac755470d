import { createHmac } from 'node:crypto';
import OAuth from 'oauth-1.0a';

export interface OAuth1Token {
  oauth_token: string;
  oauth_token_secret: string;
}

/** The Authorization header of an OAuth1 HMAC-SHA1 request (§B.2-B.3). */
export function oauth1Header(
  consumer: { key: string; secret: string },
  request: { url: string; method: string; form?: Record<string, string> },
  token?: OAuth1Token,
): string {
  const oauth = new OAuth({
    consumer,
    signature_method: 'HMAC-SHA1',
    hash_function: (base, key) => createHmac('sha1', key).update(base).digest('base64'),
  });
  const authorization = oauth.authorize(
    { url: request.url, method: request.method, data: request.form },
    token ? { key: token.oauth_token, secret: token.oauth_token_secret } : undefined,
  );
  return oauth.toHeader(authorization).Authorization;
}
