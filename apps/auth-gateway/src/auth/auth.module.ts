import { Logger, Module } from '@nestjs/common';
import { GarminAuthenticator } from '@fittrack/garmin';
import { GatewayConfig } from '../config/gateway.config';
import { GarminLinkModule } from '../garmin-link/garmin-link.module';
import { LimitsModule } from '../limits/limits.module';
import { TokensModule } from '../tokens/tokens.module';
import { AuthImportRpc } from './auth-import.rpc';
import { AuthController } from './auth.controller';
import { PendingSignIns } from './pending-sign-ins';
import { RetentionSweeper } from './retention.sweeper';
import { SessionsController } from './sessions.controller';
import { SessionsService } from './sessions.service';
import { SignInCooldowns } from './sign-in-cooldowns';
import { SignInStateSweeper } from './sign-in-state.sweeper';
import { SignInMetrics } from './sign-in.metrics';
import { SignInService } from './sign-in.service';
import { TokenImportService } from './token-import.service';

/** The one seam to Garmin's sign-in: the library's authenticator, logging (never a secret) through Nest. */
const authenticatorProvider = {
  provide: GarminAuthenticator,
  inject: [GatewayConfig],
  useFactory: (config: GatewayConfig) => {
    const logger = new Logger(GarminAuthenticator.name);
    return new GarminAuthenticator(config.garmin, { log: (line: string) => logger.log(line) });
  },
};

/** Signing in with Garmin (MFA included), linking from tokens, and the API sessions they open. */
@Module({
  imports: [TokensModule, GarminLinkModule, LimitsModule],
  controllers: [AuthController, SessionsController, AuthImportRpc],
  providers: [authenticatorProvider, SignInService, SignInCooldowns, TokenImportService, PendingSignIns, SignInMetrics, SessionsService, SignInStateSweeper, RetentionSweeper],
})
export class AuthModule {}
