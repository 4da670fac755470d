import { createHmac } from 'node:crypto';
import OAuth from 'oauth-1.0a';

export interface SignedRequest {
  method: string;
  /** Absolute URL as the client used it, with its query string. */
  url: string;
  authorization?: string;
  /** Form body fields, if the body was application/x-www-form-urlencoded. */
  form: Record<string, string>;
}

/** OAuth parameters from the Authorization header or, as garmin-connect sends them, the query string. */
export function oauthParams(request: SignedRequest): Record<string, string> {
  const params: Record<string, string> = {};
  const header = request.authorization ?? '';
  if (/^OAuth\s/i.test(header)) {
    for (const match of header.slice(6).matchAll(/([a-z_]+)="([^"]*)"/g)) params[match[1]] = decodeURIComponent(match[2]);
  }
  for (const [key, value] of new URL(request.url).searchParams) if (key.startsWith('oauth_')) params[key] = value;
  return params;
}

/**
 * Recomputes the HMAC-SHA1 signature of an OAuth1 request (RFC 5849, the
 * oauth-1.0a package's base string) and compares it with the one sent.
 */
export function verifySignature(request: SignedRequest, consumer: { key: string; secret: string }, tokenSecret: string): boolean {
  const params = oauthParams(request);
  const sent = params['oauth_signature'];
  if (!sent || params['oauth_consumer_key'] !== consumer.key || params['oauth_signature_method'] !== 'HMAC-SHA1') return false;
  const url = new URL(request.url);
  const data: Record<string, string> = { ...request.form };
  for (const [key, value] of url.searchParams) if (!key.startsWith('oauth_')) data[key] = value;
  const oauthData = Object.fromEntries(Object.entries(params).filter(([key]) => key !== 'oauth_signature'));
  const oauth = new OAuth({
    consumer,
    signature_method: 'HMAC-SHA1',
    hash_function: (base, key) => createHmac('sha1', key).update(base).digest('base64'),
  });
  const expected = oauth.getSignature(
    { url: `${url.origin}${url.pathname}`, method: request.method, data },
    tokenSecret,
    oauthData as unknown as OAuth.Data,
  );
  return expected === sent;
}
