import { Module } from '@nestjs/common';
import { GarminLinkModule } from '../garmin-link/garmin-link.module';
import { LimitsModule } from '../limits/limits.module';
import { TokensModule } from '../tokens/tokens.module';
import { AuthController } from './auth.controller';
import { PendingSignIns } from './pending-sign-ins';
import { SessionsController } from './sessions.controller';
import { SessionsService } from './sessions.service';
import { SignInStateSweeper } from './sign-in-state.sweeper';
import { SignInMetrics } from './sign-in.metrics';
import { SignInService } from './sign-in.service';

/** Signing in with Garmin (MFA included) and the API sessions it opens. */
@Module({
  imports: [TokensModule, GarminLinkModule, LimitsModule],
  controllers: [AuthController, SessionsController],
  providers: [SignInService, PendingSignIns, SignInMetrics, SessionsService, SignInStateSweeper],
})
export class AuthModule {}
