import { Module } from '@nestjs/common';
import { SignInCooldownStore } from '@fittrack/persistence';
import { TokensModule } from '../tokens/tokens.module';
import { AccountLinker } from './account-linker';
import { GarminLinkController } from './garmin-link.controller';
import { LinkStatusService } from './link-status.service';
import { UserStatusRpc } from './user-status.rpc';

/** The link between a platform user and their Garmin account: making it, reading its health, forgetting it. */
@Module({
  imports: [TokensModule],
  controllers: [GarminLinkController, UserStatusRpc],
  providers: [AccountLinker, LinkStatusService, { provide: SignInCooldownStore, useValue: new SignInCooldownStore() }],
  exports: [AccountLinker, LinkStatusService, SignInCooldownStore],
})
export class GarminLinkModule {}
