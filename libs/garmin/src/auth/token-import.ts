import { GarminClientConfig } from '../config';
import { GarminError } from '../errors';
import { jwtClientId, jwtExpiry } from '../http/native-headers';
import { ASSUMED_REFRESH_LIFETIME_S, GarminSession } from '../session/garmin-session';
import { fromGarthArray, fromGarthTokens } from '../session/garth-format';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function json(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** JSON as given, or base64 of JSON (pgc's token file inlined, garth's dumps()); undefined when neither. */
function decode(input: string): unknown {
  const trimmed = input.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    const parsed = json(trimmed);
    if (parsed === undefined) throw GarminError.badTokenFile('the input', 'is not valid JSON');
    return parsed;
  }
  if (!/^[A-Za-z0-9+/_=\s-]+$/.test(trimmed)) return undefined;
  return json(Buffer.from(trimmed.replace(/\s+/g, ''), 'base64').toString('utf8'));
}

/** python-garminconnect's garmin_tokens.json (client.py:1504-1511, 1578-1590) as a mobile+di session. */
function fromPgcTokens(file: Record<string, unknown>, domain: GarminClientConfig['domain'], nowMs: number): GarminSession {
  const access = file['di_token'];
  if (typeof access !== 'string' || !access) throw GarminError.badTokenFile('di_token', 'is missing or not a string');
  const expiresAt = jwtExpiry(access);
  if (expiresAt === undefined) throw GarminError.badTokenFile('di_token', 'is not a JWT with an exp claim');
  const refresh = file['di_refresh_token'];
  if (refresh !== undefined && refresh !== null && typeof refresh !== 'string') throw GarminError.badTokenFile('di_refresh_token', 'is not a string');
  const listed = file['di_client_id'];
  if (listed !== undefined && listed !== null && typeof listed !== 'string') throw GarminError.badTokenFile('di_client_id', 'is not a string');
  const clientId = (listed || undefined) ?? jwtClientId(access);
  if (!clientId) throw GarminError.badTokenFile('di_client_id', 'is missing (and di_token carries no client_id claim)');
  // The file keeps no refresh expiry: assumed from now, as for a DI answer without one.
  const refreshAt = refresh ? (jwtExpiry(refresh) ?? Math.floor(nowMs / 1000) + ASSUMED_REFRESH_LIFETIME_S) : undefined;
  return {
    version: 1,
    dialect: 'mobile+di',
    domain,
    oauth2: { access_token: access, expires_at: expiresAt, ...(refresh && { refresh_token: refresh, refresh_token_expires_at: refreshAt }) },
    diClientId: clientId,
    via: 'import',
  };
}

/**
 * Someone's existing Garmin tokens as a session (not yet checked with Garmin). Accepted, in this order:
 * - python-garminconnect's `garmin_tokens.json` (`di_token`, `di_refresh_token`, `di_client_id`), as JSON or base64 of it;
 * - garth's `dumps()` string: base64 of JSON `[oauth1, oauth2]` (or that array as JSON);
 * - garth's token folder as one JSON object, keyed by its file names `{"oauth1_token.json": {…}, "oauth2_token.json": {…}}`
 *   or without the extension `{"oauth1_token": {…}, "oauth2_token": {…}}` (a CLI reads the two files into this).
 * Anything else is GARMIN_BAD_TOKEN_FILE naming the field that is wrong, never its value.
 */
export function parseTokenFile(input: string, config: Pick<GarminClientConfig, 'domain'>, nowMs: number): GarminSession {
  if (typeof input !== 'string' || input.trim() === '') throw GarminError.badTokenFile('the input', 'is empty');
  const parsed = decode(input);
  if (parsed === undefined) throw GarminError.badTokenFile('the input', 'is neither JSON nor base64 of JSON');
  let session: GarminSession;
  if (Array.isArray(parsed)) {
    session = fromGarthArray(parsed);
  } else if (!isObject(parsed)) {
    throw GarminError.badTokenFile('the input', 'is not a JSON object or array');
  } else if ('di_token' in parsed || 'di_refresh_token' in parsed || 'di_client_id' in parsed) {
    session = fromPgcTokens(parsed, config.domain, nowMs);
  } else if ('oauth1_token.json' in parsed || 'oauth2_token.json' in parsed) {
    session = fromGarthTokens(parsed['oauth1_token.json'], parsed['oauth2_token.json'], ['oauth1_token.json', 'oauth2_token.json']);
  } else if ('oauth1_token' in parsed || 'oauth2_token' in parsed) {
    session = fromGarthTokens(parsed['oauth1_token'], parsed['oauth2_token'], ['oauth1_token', 'oauth2_token']);
  } else {
    throw GarminError.badTokenFile('the input', 'has none of di_token, oauth1_token.json/oauth2_token.json, oauth1_token/oauth2_token');
  }
  return session;
}
