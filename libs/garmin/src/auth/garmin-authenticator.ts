import { CookieJar } from 'tough-cookie';
import { apiCredential } from '../api/credentials';
import { GarminClientConfig, SIGN_IN_STRATEGIES, SignInStrategy } from '../config';
import { GarminError } from '../errors';
import { defaultTransports, TransportFactory } from '../http/transport';
import { GarminProfile, GarminSession, needsRefresh } from '../session/garmin-session';
import { AuthContext, ProfileRotation } from './auth-context';
import { establish } from './establish';
import { runChain, STRATEGIES } from './sign-in-chain';
import { refreshDiToken } from './tokens/di-token';
import { refreshJwtWeb } from './tokens/jwt-web';
import { exchangeOAuth1 } from './tokens/oauth1-exchange';
import { checkToken } from './tokens/social-profile';
import { parseTokenFile } from './token-import';

/** Garmin's codes live 10 minutes; a pending sign-in is useless after that. */
export const PENDING_MFA_TTL_MS = 10 * 60 * 1000;

/**
 * A sign-in waiting for its MFA code: plain JSON (encrypt it before storing), complete-able by any process
 * whatever the strategy. It holds the attempt's cookies and what the strategy's verify needs (its transport
 * profile; for the widget the MFA page's CSRF token and address), never the password.
 */
export interface PendingMfa {
  version: 2;
  strategy: SignInStrategy;
  /** 'email' | 'sms' | 'totp' | …, as Garmin named it. */
  method: string;
  /** The serialised tough-cookie jar of the sign-in. */
  cookies: unknown;
  params: Record<string, string>;
  startedAt: number;
  expiresAt: number;
}

export interface SignedIn {
  session: GarminSession;
  via: SignInStrategy;
  profile: GarminProfile;
}

export type SignInResult = ({ kind: 'signed_in' } & SignedIn) | { kind: 'mfa_required'; pending: PendingMfa };

export interface GarminAuthenticatorDeps {
  sleep?(ms: number): Promise<void>;
  now?(): number;
  /** One line per sign-in step (which strategy got what); never a secret. */
  log?(line: string): void;
  /** The HTTP seam: impit or fetch per profile (tests replace it). */
  transports?: TransportFactory;
  random?(): number;
}

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Sign-in (the strategy chain), MFA completion, refresh and token import. A sign-in posts the password at
 * most once per strategy and is never rerun by itself; every failure reaches the caller as a typed GarminError.
 * Every token is checked against socialProfile before it is handed out, so the caller receives whose it is.
 */
export class GarminAuthenticator {
  private readonly ctx: AuthContext;

  constructor(config: GarminClientConfig, deps: GarminAuthenticatorDeps = {}) {
    this.ctx = {
      config,
      transports: deps.transports ?? defaultTransports,
      sleep: deps.sleep ?? sleepFor,
      now: deps.now ?? Date.now,
      log: deps.log ?? (() => undefined),
      random: deps.random ?? Math.random,
      rotation: new ProfileRotation(),
    };
  }

  async start(email: string, password: string): Promise<SignInResult> {
    const outcome = await runChain(this.ctx, email, password);
    if (outcome.kind === 'signed_in') return outcome;
    const startedAt = this.ctx.now();
    return {
      kind: 'mfa_required',
      pending: {
        version: 2,
        strategy: outcome.strategy,
        method: outcome.method,
        cookies: outcome.cookies,
        params: outcome.params,
        startedAt,
        expiresAt: startedAt + PENDING_MFA_TTL_MS,
      },
    };
  }

  async complete(pending: PendingMfa, code: string): Promise<SignedIn> {
    if (pending?.version !== 2 || !SIGN_IN_STRATEGIES.includes(pending.strategy)) {
      throw GarminError.mfaExpired('the pending sign-in is from an older version; sign in again');
    }
    if (pending.expiresAt <= this.ctx.now()) throw GarminError.mfaExpired();
    if (!/^\d{6}$/.test(code)) throw GarminError.invalidMfaCode();
    const jar = CookieJar.deserializeSync(pending.cookies as Parameters<typeof CookieJar.deserializeSync>[0]);
    const strategy = STRATEGIES[pending.strategy];
    const verified = await strategy.verify(this.ctx, pending.params, pending.method, code, jar);
    const established = await establish(this.ctx, pending.strategy, verified.ticket, verified.serviceUrl, verified.transport, jar);
    if (!established.accepted) throw GarminError.sessionRejected(`connectapi did not accept the token issued after MFA (${established.status})`);
    return { session: established.session, via: pending.strategy, profile: established.profile };
  }

  /**
   * A fresh access token by the session's own means (DI refresh grant, JWT_WEB refresh, or garth's OAuth1
   * exchange with a configured consumer), checked against socialProfile. The caller persists the result
   * (under its own lock).
   */
  async refresh(session: GarminSession): Promise<GarminSession> {
    return (await this.refreshChecked(session)).session;
  }

  /**
   * Someone's existing tokens (see parseTokenFile for the formats), refreshed first when expired, checked
   * against socialProfile. A token Garmin will not take, or an expired one that cannot be refreshed, is
   * GARMIN_SESSION_REJECTED; a file that is not one of the formats is GARMIN_BAD_TOKEN_FILE.
   */
  async importTokens(input: string): Promise<{ session: GarminSession; profile: GarminProfile }> {
    const session = parseTokenFile(input, this.ctx.config, this.ctx.now());
    if (needsRefresh(session, this.ctx.now(), 60)) {
      this.ctx.log(`import: the ${session.dialect} token has expired; refreshing it`);
      return this.refreshChecked(session);
    }
    const check = await checkToken(this.ctx, apiCredential(session));
    if (!check.accepted) throw GarminError.sessionRejected(`Garmin did not accept the token (${check.status}): it is dead, revoked or not active`);
    return { session, profile: check.profile };
  }

  private async refreshChecked(session: GarminSession): Promise<{ session: GarminSession; profile: GarminProfile }> {
    const fresh = await this.renew(session);
    const check = await checkToken(this.ctx, apiCredential(fresh));
    if (!check.accepted) throw GarminError.sessionRejected(`connectapi did not accept the refreshed token (${check.status})`);
    return { session: fresh, profile: check.profile };
  }

  private async renew(session: GarminSession): Promise<GarminSession> {
    switch (session.dialect) {
      case 'mobile+di': {
        const clientId = session.diClientId ?? this.ctx.config.diClientIds[0];
        const { token, clientId: kept } = await refreshDiToken(this.ctx, session.oauth2, clientId);
        return { ...session, oauth2: token, diClientId: kept };
      }
      case 'jwt_web':
        return refreshJwtWeb(this.ctx, session);
      case 'mobile+oauth1':
        if (!session.oauth1) throw GarminError.sessionRejected('the session has no OAuth1 token');
        return { ...session, oauth2: await exchangeOAuth1(this.ctx, session.oauth1, session.oauth2) };
      default:
        throw GarminError.sessionRejected(`unknown session dialect ${String((session as { dialect?: unknown }).dialect)}`);
    }
  }
}
