import { GarminError } from '../errors';
import { GarminSession, OAuth1Credentials, OAuth2Token } from './garmin-session';

/**
 * garth's session string: base64 of JSON `[oauth1, oauth2]` (§C), so people can
 * bring sessions from the Python tools, and take ours to them.
 */
export function toGarthString(session: GarminSession): string {
  if (!session.oauth1) throw GarminError.protocol('only mobile+oauth1 sessions have a garth form');
  const oauth1 = { ...session.oauth1, domain: session.oauth1.domain ?? session.domain };
  return Buffer.from(JSON.stringify([oauth1, session.oauth2])).toString('base64');
}

export function fromGarthString(value: string): GarminSession {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value.trim(), 'base64').toString('utf8'));
  } catch {
    throw GarminError.protocol('not a garth session string (base64 JSON)');
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) throw GarminError.protocol('a garth session is [oauth1, oauth2]');
  const [oauth1, oauth2] = parsed as [OAuth1Credentials, OAuth2Token];
  if (typeof oauth1?.oauth_token !== 'string' || typeof oauth1.oauth_token_secret !== 'string') {
    throw GarminError.protocol('the garth session has no OAuth1 token');
  }
  if (typeof oauth2?.access_token !== 'string' || typeof oauth2.expires_at !== 'number') {
    throw GarminError.protocol('the garth session has no OAuth2 token');
  }
  const domain = oauth1.domain === 'garmin.cn' ? 'garmin.cn' : 'garmin.com';
  return { version: 1, dialect: 'mobile+oauth1', domain, oauth1, oauth2 };
}
