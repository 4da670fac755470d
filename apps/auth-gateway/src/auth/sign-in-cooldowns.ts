import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { GarminError, GarminErrorCode } from '@fittrack/garmin';
import { SignInCooldownReason, SignInCooldownStore } from '@fittrack/persistence';
import { DataSource } from 'typeorm';
import { GatewayConfig } from '../config/gateway.config';
import { SignInCooldownError } from './auth.errors';

const REASON_OF: Partial<Record<GarminErrorCode, SignInCooldownReason>> = {
  [GarminErrorCode.RateLimited]: 'throttled',
  [GarminErrorCode.EdgeRefused]: 'edge_refused',
};

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
