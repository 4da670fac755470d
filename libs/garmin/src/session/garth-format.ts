import { GarminError } from '../errors';
import { jwtExpiry } from '../http/native-headers';
import { GarminSession, OAuth1Credentials, OAuth2Token } from './garmin-session';

/**
 * garth's session string: base64 of JSON `[oauth1, oauth2]` (garth `Client.dumps()`), so people can bring
 * sessions from the Python tools, and take ours to them.
 */
export function toGarthString(session: GarminSession): string {
  if (!session.oauth1) throw GarminError.protocol('only mobile+oauth1 sessions have a garth form');
  const oauth1 = { ...session.oauth1, domain: session.oauth1.domain ?? session.domain };
  return Buffer.from(JSON.stringify([oauth1, session.oauth2])).toString('base64');
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

/**
 * garth's two tokens (`oauth1_token.json`, `oauth2_token.json`) as a mobile+oauth1 session. `where` names
 * the two in messages; a wrong field is named, its value never repeated.
 */
export function fromGarthTokens(oauth1: unknown, oauth2: unknown, where: [string, string] = ['oauth1', 'oauth2']): GarminSession {
  if (!isObject(oauth1)) throw GarminError.badTokenFile(where[0], 'is not a JSON object');
  if (!isObject(oauth2)) throw GarminError.badTokenFile(where[1], 'is not a JSON object');
  for (const field of ['oauth_token', 'oauth_token_secret']) {
    if (!text(oauth1[field])) throw GarminError.badTokenFile(`${where[0]}.${field}`, 'is missing or not a string');
  }
  if (!text(oauth2['access_token'])) throw GarminError.badTokenFile(`${where[1]}.access_token`, 'is missing or not a string');
  const access = oauth2['access_token'];
  const expiresAt = typeof oauth2['expires_at'] === 'number' && Number.isFinite(oauth2['expires_at']) ? oauth2['expires_at'] : jwtExpiry(access);
  if (expiresAt === undefined) throw GarminError.badTokenFile(`${where[1]}.expires_at`, 'is missing (and the access token carries no exp)');
  const domain = oauth1['domain'] === 'garmin.cn' ? 'garmin.cn' : 'garmin.com';
  const credentials: OAuth1Credentials = {
    oauth_token: oauth1['oauth_token'] as string,
    oauth_token_secret: oauth1['oauth_token_secret'] as string,
    mfa_token: text(oauth1['mfa_token']) ? oauth1['mfa_token'] : null,
    mfa_expiration_timestamp: text(oauth1['mfa_expiration_timestamp']) ? oauth1['mfa_expiration_timestamp'] : null,
    domain,
  };
  const token = { ...(oauth2 as unknown as OAuth2Token), access_token: access, expires_at: expiresAt };
  return { version: 1, dialect: 'mobile+oauth1', domain, oauth1: credentials, oauth2: token, via: 'import' };
}

/** A garth `dumps()` string (base64 of `[oauth1, oauth2]`), or the decoded array. */
export function fromGarthString(value: string): GarminSession {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value.trim(), 'base64').toString('utf8'));
  } catch {
    throw GarminError.badTokenFile('the garth session', 'is not base64 of JSON');
  }
  return fromGarthArray(parsed);
}

export function fromGarthArray(parsed: unknown): GarminSession {
  if (!Array.isArray(parsed) || parsed.length !== 2) throw GarminError.badTokenFile('the garth session', 'is not the pair [oauth1, oauth2]');
  return fromGarthTokens(parsed[0], parsed[1], ['[0] (oauth1)', '[1] (oauth2)']);
}
