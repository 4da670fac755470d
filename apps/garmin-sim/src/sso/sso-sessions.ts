import { randomBytes } from 'node:crypto';
import { Clock } from '../state/clock';
import { alnum } from './random';

const SESSION_TTL_MS = 30 * 60 * 1000;
const LOGIN_TOKEN_TTL_MS = 2 * 60 * 1000;

/** A sign-in in progress, keyed by the SESSION cookie (or, for cookie-less clients, the CSRF token). */
export interface SsoSession {
  id: string;
  csrf: string;
  createdAt: number;
  /** Set after the password step when MFA is required. */
  pendingMfa?: { profileId: number; service: string; codeSent: boolean };
  /** The last wrong MFA code presented on this session (one guess is charged once). */
  lastWrongCode?: string;
}

interface LoginToken {
  profileId: number;
  service: string;
  expiresAt: number;
}

/**
 * SSO sessions and the legacy flow's one-shot `logintoken`s (MFA POST → 302
 * /sso/login?logintoken=…). CSRF tokens are ~100 upper-case hex characters, as recorded.
 */
export class SsoSessions {
  private readonly byId = new Map<string, SsoSession>();
  private readonly byCsrf = new Map<string, SsoSession>();
  private readonly loginTokens = new Map<string, LoginToken>();

  constructor(private readonly clock: Clock) {}

  create(): SsoSession {
    const session: SsoSession = {
      id: randomBytes(18).toString('base64url'),
      csrf: newCsrf(),
      createdAt: this.clock.now(),
    };
    this.byId.set(session.id, session);
    this.byCsrf.set(session.csrf, session);
    return session;
  }

  find(id: string | undefined): SsoSession | undefined {
    return this.live(id ? this.byId.get(id) : undefined);
  }

  /** garmin-connect sends no cookies: its sign-in is matched by the CSRF token it was given instead. */
  findByCsrf(csrf: string | undefined): SsoSession | undefined {
    return this.live(csrf ? this.byCsrf.get(csrf) : undefined);
  }

  /** A new CSRF token for the next form of the same session; the old one stops working. */
  rotateCsrf(session: SsoSession): string {
    this.byCsrf.delete(session.csrf);
    session.csrf = newCsrf();
    this.byCsrf.set(session.csrf, session);
    return session.csrf;
  }

  issueLoginToken(profileId: number, service: string): string {
    const token = alnum(10);
    this.loginTokens.set(token, {
      profileId,
      service,
      expiresAt: this.clock.now() + LOGIN_TOKEN_TTL_MS,
    });
    return token;
  }

  redeemLoginToken(token: string): { profileId: number; service: string } | undefined {
    const login = this.loginTokens.get(token);
    this.loginTokens.delete(token);
    return login && login.expiresAt > this.clock.now() ? { profileId: login.profileId, service: login.service } : undefined;
  }

  private live(session: SsoSession | undefined): SsoSession | undefined {
    if (!session) return undefined;
    if (session.createdAt + SESSION_TTL_MS > this.clock.now()) return session;
    this.byId.delete(session.id);
    this.byCsrf.delete(session.csrf);
    return undefined;
  }
}

const newCsrf = () => randomBytes(50).toString('hex').toUpperCase();

/** Value of one cookie from a Cookie header. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

/** Set by the sign-in pages (recordings: SESSION and __VCAP_ID__, HttpOnly). */
export function sessionCookies(session: SsoSession): string[] {
  return [`SESSION=${session.id}; Path=/; HttpOnly; SameSite=Lax`, `__VCAP_ID__=${session.id.slice(0, 12)}; Path=/; HttpOnly`];
}

/** Set when a sign-in completes (recordings: CASTGC, GARMIN-SSO, GARMIN-SSO-CUST-GUID). Nothing reads them back. */
export function signedInCookies(profileId: number): string[] {
  return [`CASTGC=TGT-${alnum(24)}-cas; Path=/; HttpOnly`, 'GARMIN-SSO=1; Path=/', `GARMIN-SSO-CUST-GUID=${profileId}; Path=/`];
}
