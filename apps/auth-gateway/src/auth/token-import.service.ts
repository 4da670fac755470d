import { Injectable, Logger } from '@nestjs/common';
import { GarminAuthenticator } from '@fittrack/garmin';
import { GatewayConfig } from '../config/gateway.config';
import { AccountLinker, Linked } from '../garmin-link/account-linker';
import { AbuseLimiter } from '../limits/abuse-limiter';
import { ClientInfo, signInRules } from './sign-in.service';
import { SignInMetrics, SignInOutcome } from './sign-in.metrics';

/**
 * Linking without a password: the Garmin tokens a user already has (a
 * python-garminconnect token file or a garth session), checked by the library
 * against socialProfile (and refreshed if expired) before anything is stored.
 * The same abuse limits as a sign-in: per client address before (whose account
 * it is cannot be known before the check), per Garmin profile after. A bad file
 * or a token Garmin refuses stores nothing; no token is ever logged or echoed.
 */
@Injectable()
export class TokenImportService {
  private readonly logger = new Logger(TokenImportService.name);

  constructor(
    private readonly config: GatewayConfig,
    private readonly authenticator: GarminAuthenticator,
    private readonly limiter: AbuseLimiter,
    private readonly linker: AccountLinker,
    private readonly metrics: SignInMetrics,
  ) {}

  /** `client` is the HTTP caller; platform services over NATS have no address, and only the per-profile limit holds. */
  async import(tokens: string, client: ClientInfo | 'platform'): Promise<Linked> {
    try {
      if (client !== 'platform') await this.limiter.consume('sign-in attempts', signInRules(this.config, `sign-in:ip:${client.ip}`));
      const { session, profile } = await this.authenticator.importTokens(tokens);
      await this.limiter.consume('sign-in attempts', signInRules(this.config, `sign-in:profile:${profile.profileId}`));
      const linked = await this.linker.link({ session, profile, via: 'import' }, client === 'platform' ? 'platform (NATS)' : client.userAgent);
      this.logger.log(`Garmin profile ${profile.profileId} linked from imported ${session.dialect} tokens (${client === 'platform' ? 'RPC' : 'HTTP'}): user ${linked.user.id}`);
      this.metrics.record('import', SignInOutcome.SignedIn, 'import');
      return linked;
    } catch (error) {
      this.metrics.recordFailure('import', error);
      throw error;
    }
  }
}
