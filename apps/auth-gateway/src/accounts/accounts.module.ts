import { Module } from '@nestjs/common';
import { SyncModule } from '../sync/sync.module';
import { TokensModule } from '../tokens/tokens.module';
import { AccountDeletionService } from './account-deletion.service';
import { AccountOwnerGuard } from './account-owner.guard';
import { AccountsController } from './accounts.controller';
import { UserDeleteRpc } from './user-delete.rpc';

/** A user's account as a whole: deleting it with everything of theirs, by the user (HTTP) or an operator (RPC). */
@Module({
  imports: [TokensModule, SyncModule],
  controllers: [AccountsController, UserDeleteRpc],
  providers: [AccountDeletionService, AccountOwnerGuard],
})
export class AccountsModule {}
