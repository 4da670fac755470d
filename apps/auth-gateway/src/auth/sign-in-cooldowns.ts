import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { GarminError, GarminErrorCode } from '@fittrack/garmin';
import { SignInCooldownReason, SignInCooldownStore } from '@fittrack/persistence';
import { DataSource } from 'typeorm';
import { GatewayConfig } from '../config/gateway.config';
import { AuthError, SignInCooldownError } from './auth.errors';

const REASON_OF: Partial<Record<GarminErrorCode, SignInCooldownReason>> = {
  [GarminErrorCode.RateLimited]: 'throttled',
  [GarminErrorCode.EdgeRefused]: 'edge_refused',
};

/** The most requests one strategy sends: its pages, the password, up to four DI client ids, the checks. */
const REQUESTS_PER_STRATEGY = 10;

/** Emails are named in logs by a prefix of their hash: enough to follow one account, nothing to read. */
export const accountTag = (emailHash: string) => `account ${emailHash.slice(0, 12)}`;

/**
 * Throttle-safety for sign-ins. Garmin keeps a throttle per account that lasts
 * hours and starts again when retried, so once every strategy of a sign-in was
 * refused the account is left alone (SIGN_IN_COOLDOWN_MIN_SECONDS, doubling up
 * to SIGN_IN_COOLDOWN_MAX_SECONDS): until then, sign-ins for it send nothing.
 */
@Injectable()
export class SignInCooldowns {
  private readonly logger = new Logger(SignInCooldowns.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: SignInCooldownStore,
    private readonly config: GatewayConfig,
  ) {}

  /**
   * Runs one sign-in for the account, and refuses a second while it runs (409): two at once would send
   * Garmin the password twice, which is what re-arms its throttle and locks accounts. The claim outlives
   * a gateway that dies mid-sign-in by no more than the longest a chain can take.
   */
  async oneAtATime<T>(emailHash: string, signIn: () => Promise<T>): Promise<T> {
    if (!(await this.store.claimSignIn(this.dataSource.manager, emailHash, this.longestSignInSeconds()))) throw AuthError.signInInProgress();
    try {
      return await signIn();
    } finally {
      await this.store.releaseSignIn(this.dataSource.manager, emailHash);
    }
  }

  /** Every strategy's pause and a few requests each, all of them timing out. */
  private longestSignInSeconds(): number {
    const { strategies, widgetPauseMs, portalPauseMs, timeoutMs } = this.config.garmin;
    const pauses = strategies.reduce((sum, s) => sum + (s === 'widget' ? widgetPauseMs[1] : s.startsWith('portal') ? portalPauseMs[1] : 0), 0);
    return Math.ceil((pauses + strategies.length * REQUESTS_PER_STRATEGY * timeoutMs) / 1000);
  }

  /** Throws SignInCooldownError (429, Retry-After) while the account's cooldown runs. */
  async assertNone(emailHash: string): Promise<void> {
    const cooldown = await this.store.active(this.dataSource.manager, emailHash);
    if (cooldown) throw SignInCooldownError.coolingDown(cooldown);
  }

  /**
   * What a failed sign-in answers: a chain-level refusal (throttled, or the edge
   * refused every strategy) starts the account's cooldown and says until when;
   * any other failure is answered as it is.
   */
  async afterFailure(emailHash: string, error: unknown): Promise<unknown> {
    const reason = error instanceof GarminError ? REASON_OF[error.code] : undefined;
    if (!reason) return error;
    const attempts = (error as GarminError).attempts;
    const cooldown = await this.dataSource.transaction((manager) =>
      this.store.start(manager, emailHash, reason, { minSeconds: this.config.SIGN_IN_COOLDOWN_MIN_SECONDS, maxSeconds: this.config.SIGN_IN_COOLDOWN_MAX_SECONDS }),
    );
    const tried = attempts?.map((a) => `${a.strategy} ${a.status} ${a.reason}`).join('; ') ?? 'no strategy detail';
    this.logger.warn(`sign-in refused by Garmin (${reason}) for ${accountTag(emailHash)}: ${tried}; cooldown #${cooldown.strikes} until ${cooldown.until.toISOString()}`);
    return SignInCooldownError.refused(cooldown, attempts);
  }
}
