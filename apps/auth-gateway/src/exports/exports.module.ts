import { Module } from '@nestjs/common';
import { SyncModule } from '../sync/sync.module';
import { TokensModule } from '../tokens/tokens.module';
import { ExportsController } from './exports.controller';
import { ExportsService } from './exports.service';

/** POST /v1/exports and its job: a user's whole archive, made by a worker, downloaded from any replica. */
@Module({
  imports: [TokensModule, SyncModule],
  controllers: [ExportsController],
  providers: [ExportsService],
})
export class ExportsModule {}
