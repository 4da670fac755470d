import { GarminClientConfig } from '../config';
import { GarminError } from '../errors';
import { nativeHeaders } from '../http/native-headers';
import { GarminSession } from '../session/garmin-session';

/** How an API call authenticates: the DI (or garth OAuth2) Bearer token, or the web app's JWT_WEB cookie. */
export type ApiCredential = { kind: 'bearer'; token: string } | { kind: 'jwt_web'; token: string };

export function apiCredential(session: GarminSession): ApiCredential {
  return session.dialect === 'jwt_web' ? { kind: 'jwt_web', token: session.oauth2.access_token } : { kind: 'bearer', token: session.oauth2.access_token };
}

/**
 * The headers of a connectapi call (client.py:449-471): the native app's with the Bearer token, or the web
 * app's cookie form (NK, Origin, Referer, DI-Backend) for a JWT_WEB session. python-garminconnect sends
 * both to connectapi.
 */
export function apiHeaders(credential: ApiCredential | string, domain: GarminClientConfig['domain'], accept = 'application/json'): Record<string, string> {
  const c: ApiCredential = typeof credential === 'string' ? { kind: 'bearer', token: credential } : credential;
  if (c.kind === 'bearer') return nativeHeaders({ Authorization: `Bearer ${c.token}`, Accept: accept });
  return {
    Accept: accept,
    NK: 'NT',
    Origin: `https://connect.${domain}`,
    Referer: `https://connect.${domain}/modern/`,
    'DI-Backend': `connectapi.${domain}`,
    Cookie: `JWT_WEB=${c.token}`,
  };
}

/** 401: the token is dead (refresh once); 403: not ours to read, the session is fine (client.py:1682-1733). */
export function rejectionOf(path: string, status: number): void {
  if (status === 401) throw GarminError.sessionRejected(`${path} answered 401`);
  if (status === 403) throw GarminError.forbidden(path);
}
