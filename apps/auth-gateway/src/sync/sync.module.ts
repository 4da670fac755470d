import { Module } from '@nestjs/common';
import { TokensModule } from '../tokens/tokens.module';
import { JobWatcher } from './job-watcher';
import { OutboxRelay } from './outbox-relay';
import { SyncController } from './sync.controller';
import { SyncRpc } from './sync.rpc';
import { SyncJobsService } from './sync-jobs.service';

/** Asking for syncs and following them; the work itself happens in the sync workers. */
@Module({
  imports: [TokensModule],
  controllers: [SyncController, SyncRpc],
  providers: [SyncJobsService, OutboxRelay, JobWatcher],
  exports: [SyncJobsService, OutboxRelay],
})
export class SyncModule {}
