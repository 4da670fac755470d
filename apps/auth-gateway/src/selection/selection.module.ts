import { Module } from '@nestjs/common';
import { TokensModule } from '../tokens/tokens.module';
import { SelectionController } from './selection.controller';
import { SelectionRpc } from './selection.rpc';
import { SelectionService } from './selection.service';

/** What is synced per user (GET/PUT/DELETE /v1/sync/selection, garmin.rpc.selection.*) and their archive queue (GET /v1/sync/archive). */
@Module({
  imports: [TokensModule],
  controllers: [SelectionController, SelectionRpc],
  providers: [SelectionService],
})
export class SelectionModule {}
