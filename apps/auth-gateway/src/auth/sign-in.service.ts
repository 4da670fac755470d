import { Injectable, Logger } from '@nestjs/common';
import { GarminAuthenticator, GarminError, GarminErrorCode } from '@fittrack/garmin';
import { sha256Hex } from '@fittrack/persistence';
import { GatewayConfig } from '../config/gateway.config';
import { AbuseLimiter, LimitRule } from '../limits/abuse-limiter';
import { AccountLinker, GarminSignIn, Linked } from '../garmin-link/account-linker';
import { AuthError } from './auth.errors';
import { Challenge, ClaimedAttempt, PendingSignIns } from './pending-sign-ins';
import { accountTag, SignInCooldowns } from './sign-in-cooldowns';
import { SignInMetrics, SignInOutcome } from './sign-in.metrics';

export interface ClientInfo {
  ip: string;
  userAgent: string | null;
}

export type SignInResult = { kind: 'signed_in'; linked: Linked } | { kind: 'mfa_required'; challenge: Challenge };

const MINUTE = 60;
const HOUR = 3600;

/** The per-client limits every way of linking shares (password and token import alike). */
export function signInRules(config: GatewayConfig, key: string): LimitRule[] {
  return [
    { key, limit: config.SIGN_IN_LIMIT_PER_MINUTE, windowSeconds: MINUTE },
    { key, limit: config.SIGN_IN_LIMIT_PER_HOUR, windowSeconds: HOUR },
  ];
}

/**
 * Linking a Garmin account with a password: the library's strategy chain, then
 * (if Garmin wants it) the MFA code, possibly on another replica. Nothing here
 * retries a sign-in: Garmin locks accounts that retry, so every failure goes
 * back to the person, mapped to a clear answer; a refused account cools down.
 * The password is passed to Garmin and dropped; it is never stored or logged.
 */
@Injectable()
export class SignInService {
  private readonly logger = new Logger(SignInService.name);

  constructor(
    private readonly config: GatewayConfig,
    private readonly authenticator: GarminAuthenticator,
    private readonly limiter: AbuseLimiter,
    private readonly cooldowns: SignInCooldowns,
    private readonly pending: PendingSignIns,
    private readonly linker: AccountLinker,
    private readonly metrics: SignInMetrics,
  ) {}

  async signIn(email: string, password: string, client: ClientInfo): Promise<SignInResult> {
    const emailHash = sha256Hex(email.trim().toLowerCase());
    try {
      await this.limiter.consume('sign-in attempts', [
        ...signInRules(this.config, `sign-in:ip:${client.ip}`),
        ...signInRules(this.config, `sign-in:email:${emailHash}`),
      ]);
      await this.cooldowns.assertNone(emailHash);
      const started = await this.cooldowns.oneAtATime(emailHash, () =>
        this.authenticator.start(email.trim(), password).catch(async (error: unknown) => {
          throw await this.cooldowns.afterFailure(emailHash, error);
        }),
      );
      if (started.kind === 'mfa_required') {
        const challenge = await this.pending.create(started.pending, emailHash);
        this.logger.log(`${accountTag(emailHash)}: Garmin wants an MFA code (${started.pending.method}, via ${started.pending.strategy}); challenge ${challenge.challengeId}`);
        this.metrics.record('password', SignInOutcome.MfaRequired);
        return { kind: 'mfa_required', challenge };
      }
      const linked = await this.link({ ...started, emailHash }, client);
      this.metrics.record('password', SignInOutcome.SignedIn, started.via);
      return { kind: 'signed_in', linked };
    } catch (error) {
      this.metrics.recordFailure('password', error);
      throw error;
    }
  }

  async completeMfa(challengeId: string, code: string, client: ClientInfo): Promise<Linked> {
    try {
      await this.limiter.consume('MFA attempts', [{ key: `mfa:ip:${client.ip}`, limit: this.config.MFA_LIMIT_PER_MINUTE, windowSeconds: MINUTE }]);
      const attempt = await this.pending.claim(challengeId);
      await this.cooldowns.assertNone(attempt.emailHash).catch(async (error: unknown) => {
        await this.pending.refund(challengeId);
        throw error;
      });
      const signedIn = await this.verify(attempt, code);
      const linked = await this.link({ ...signedIn, emailHash: attempt.emailHash, mfa: true }, client);
      this.metrics.record('mfa', SignInOutcome.SignedIn, signedIn.via);
      return linked;
    } catch (error) {
      this.metrics.recordFailure('mfa', error);
      throw error;
    }
  }

  private async link(signedIn: GarminSignIn & { emailHash: string }, client: ClientInfo): Promise<Linked> {
    const linked = await this.linker.link(signedIn, client.userAgent);
    this.logger.log(`${accountTag(signedIn.emailHash)} signed in via ${signedIn.via}: user ${linked.user.id}`);
    return linked;
  }

  /** One charged attempt at the code; Garmin's verdict decides what becomes of the challenge. */
  private async verify({ challengeId, pending, attemptsLeft, emailHash }: ClaimedAttempt, code: string) {
    try {
      const signedIn = await this.authenticator.complete(pending, code);
      await this.pending.finish(challengeId);
      return signedIn;
    } catch (error) {
      if (!(error instanceof GarminError)) throw error;
      if (error.code === GarminErrorCode.InvalidMfaCode) {
        if (attemptsLeft <= 0) await this.pending.finish(challengeId);
        throw AuthError.invalidMfaCode(attemptsLeft);
      }
      if (error.code === GarminErrorCode.MfaExpired) {
        await this.pending.finish(challengeId);
        throw AuthError.challengeExpired();
      }
      // No verdict on the code (Garmin down, or refusing us): the attempt is given back.
      await this.pending.refund(challengeId);
      throw await this.cooldowns.afterFailure(emailHash, error);
    }
  }
}
