import { Injectable } from '@nestjs/common';
import { ErrorKind } from '@fittrack/app-core';
import { GarminAuthenticator, GarminError, GarminErrorCode } from '@fittrack/garmin';
import { sha256Hex } from '@fittrack/persistence';
import { GatewayConfig } from '../config/gateway.config';
import { AbuseLimiter } from '../limits/abuse-limiter';
import { AccountLinker, Linked } from '../garmin-link/account-linker';
import { AuthError } from './auth.errors';
import { Challenge, PendingSignIns } from './pending-sign-ins';
import { SignInMetrics, SignInOutcome } from './sign-in.metrics';

export interface ClientInfo {
  ip: string;
  userAgent: string | null;
}

export type SignInResult = { kind: 'signed_in'; linked: Linked } | { kind: 'mfa_required'; challenge: Challenge };

const MINUTE = 60;
const HOUR = 3600;
// Garmin's 429 and captcha answers name no wait; these are what we tell clients instead.
const GARMIN_RATE_LIMIT_WAIT_S = 60;
const GARMIN_CAPTCHA_WAIT_S = 15 * 60;

/**
 * Linking a Garmin account: password, then (if Garmin wants it) the MFA code,
 * possibly on another replica. Nothing here retries a sign-in: Garmin locks
 * accounts that do, so every failure goes back to the person, mapped to a clear
 * answer. The password is passed to Garmin and dropped; it is never stored or logged.
 */
@Injectable()
export class SignInService {
  private readonly authenticator: GarminAuthenticator;

  constructor(
    private readonly config: GatewayConfig,
    private readonly limiter: AbuseLimiter,
    private readonly pending: PendingSignIns,
    private readonly linker: AccountLinker,
    private readonly metrics: SignInMetrics,
  ) {
    this.authenticator = new GarminAuthenticator(config.garmin);
  }

  async signIn(email: string, password: string, client: ClientInfo): Promise<SignInResult> {
    const emailHash = sha256Hex(email.trim().toLowerCase());
    try {
      await this.limiter.consume('sign-in attempts', [
        ...this.signInRules(`sign-in:ip:${client.ip}`),
        ...this.signInRules(`sign-in:email:${emailHash}`),
      ]);
      const started = await this.authenticator.start(email.trim(), password);
      if (started.kind === 'mfa_required') {
        const challenge = await this.pending.create(started.pending, emailHash);
        this.metrics.record('password', SignInOutcome.MfaRequired);
        return { kind: 'mfa_required', challenge };
      }
      const linked = await this.linker.link(started.session, client.userAgent);
      this.metrics.record('password', SignInOutcome.SignedIn);
      return { kind: 'signed_in', linked };
    } catch (error) {
      this.metrics.recordFailure('password', error);
      throw withClientWait(error);
    }
  }

  async completeMfa(challengeId: string, code: string, client: ClientInfo): Promise<Linked> {
    try {
      await this.limiter.consume('MFA attempts', [
        { key: `mfa:ip:${client.ip}`, limit: this.config.MFA_LIMIT_PER_MINUTE, windowSeconds: MINUTE },
      ]);
      const attempt = await this.pending.claim(challengeId);
      const session = await this.verify(attempt.challengeId, attempt.pending, code, attempt.attemptsLeft);
      const linked = await this.linker.link(session, client.userAgent);
      this.metrics.record('mfa', SignInOutcome.SignedIn);
      return linked;
    } catch (error) {
      this.metrics.recordFailure('mfa', error);
      throw withClientWait(error);
    }
  }

  private async verify(challengeId: string, pending: Parameters<GarminAuthenticator['complete']>[0], code: string, attemptsLeft: number) {
    try {
      const session = await this.authenticator.complete(pending, code);
      await this.pending.finish(challengeId);
      return session;
    } catch (error) {
      if (!(error instanceof GarminError)) throw error;
      if (error.code === GarminErrorCode.InvalidMfaCode) {
        // Garmin may allow fewer attempts than we do; the smaller count is the truth.
        const left = Math.min(attemptsLeft, error.attemptsLeft ?? attemptsLeft);
        if (left <= 0) await this.pending.finish(challengeId);
        throw AuthError.invalidMfaCode(left);
      }
      if (error.code === GarminErrorCode.MfaExpired) {
        await this.pending.finish(challengeId);
        throw AuthError.challengeExpired();
      }
      // No verdict on the code (Garmin down, rate limited): the attempt is given back.
      await this.pending.refund(challengeId);
      throw error;
    }
  }

  private signInRules(key: string) {
    return [
      { key, limit: this.config.SIGN_IN_LIMIT_PER_MINUTE, windowSeconds: MINUTE },
      { key, limit: this.config.SIGN_IN_LIMIT_PER_HOUR, windowSeconds: HOUR },
    ];
  }
}

/** Every 429 a client sees says how long to wait, even when Garmin did not. */
function withClientWait(error: unknown): unknown {
  if (!(error instanceof GarminError) || error.kind !== ErrorKind.RateLimited || error.retryAfterSeconds !== undefined) return error;
  const wait = error.code === GarminErrorCode.CaptchaRequired ? GARMIN_CAPTCHA_WAIT_S : GARMIN_RATE_LIMIT_WAIT_S;
  return error.withRetryAfter(wait);
}
