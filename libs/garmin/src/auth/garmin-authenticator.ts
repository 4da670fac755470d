import { CookieJar } from 'tough-cookie';
import { AuthDialect, GarminClientConfig } from '../config';
import { GarminError } from '../errors';
import { GarminSession } from '../session/garmin-session';
import { submitMfaCode, submitPassword } from './mobile-sso';
import { diToken, exchange, sessionFromTicket } from './token-exchange';

/** Garmin's codes live 10 minutes; a pending sign-in is useless after that. */
export const PENDING_MFA_TTL_MS = 10 * 60 * 1000;

/**
 * A sign-in waiting for its MFA code: plain JSON (encrypt it before storing),
 * complete-able by any process. It holds the attempt's cookies, never the password.
 */
export interface PendingMfa {
  version: 1;
  dialect: AuthDialect;
  method: string;
  cookies: ReturnType<CookieJar['serializeSync']>;
  startedAt: number;
  expiresAt: number;
}

export type SignInResult = { kind: 'signed_in'; session: GarminSession } | { kind: 'mfa_required'; pending: PendingMfa };

/**
 * Sign-in, MFA completion and refresh, by the configured dialect. A credential
 * sign-in is never retried: Garmin locks accounts that retry, so every failure
 * goes back to the caller as a typed GarminError.
 */
export class GarminAuthenticator {
  constructor(
    private readonly config: GarminClientConfig,
    private readonly now: () => number = Date.now,
  ) {}

  get dialect(): AuthDialect {
    return this.config.dialects[0];
  }

  async start(email: string, password: string): Promise<SignInResult> {
    const jar = new CookieJar();
    const step = await submitPassword(this.config, jar, email, password);
    if (step.kind === 'ticket') return { kind: 'signed_in', session: await sessionFromTicket(this.config, this.dialect, step.ticket) };
    const startedAt = this.now();
    return {
      kind: 'mfa_required',
      pending: { version: 1, dialect: this.dialect, method: step.method, cookies: jar.serializeSync(), startedAt, expiresAt: startedAt + PENDING_MFA_TTL_MS },
    };
  }

  async complete(pending: PendingMfa, code: string): Promise<GarminSession> {
    if (pending.version !== 1) throw GarminError.protocol(`unknown pending sign-in version ${String(pending.version)}`);
    if (pending.expiresAt <= this.now()) throw GarminError.mfaExpired();
    if (!/^\d{6}$/.test(code)) throw GarminError.invalidMfaCode();
    const jar = CookieJar.deserializeSync(pending.cookies as Parameters<typeof CookieJar.deserializeSync>[0]);
    const ticket = await submitMfaCode(this.config, jar, pending.method, code);
    return sessionFromTicket(this.config, pending.dialect, ticket);
  }

  /**
   * A fresh access token by the session's own means: a new OAuth2 exchange with
   * the OAuth1 token, or the DI refresh grant, whose answer carries the rotated
   * refresh token. The caller persists the result (under its own lock).
   */
  async refresh(session: GarminSession): Promise<GarminSession> {
    if (session.dialect === 'mobile+oauth1') {
      if (!session.oauth1) throw GarminError.sessionRejected('the session has no OAuth1 token');
      return { ...session, oauth2: await exchange(this.config, session.oauth1, false) };
    }
    const config = session.diClientId ? { ...this.config, diClientId: session.diClientId } : this.config;
    return { ...session, oauth2: await diToken(config, { grant_type: 'refresh_token', refresh_token: session.oauth2.refresh_token }) };
  }
}
