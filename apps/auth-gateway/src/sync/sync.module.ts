import { Module } from '@nestjs/common';
import { TokensModule } from '../tokens/tokens.module';
import { JobEventHub } from './events/job-event-hub';
import { JobStreams } from './events/job-streams';
import { StreamRegistry } from './events/stream-registry';
import { StreamUpkeep } from './events/stream-upkeep';
import { OutboxRelay } from './outbox-relay';
import { SyncController } from './sync.controller';
import { SyncRpc } from './sync.rpc';
import { SyncJobsService } from './sync-jobs.service';

/** Asking for syncs and following them; the work itself happens in the sync workers. */
@Module({
  imports: [TokensModule],
  controllers: [SyncController, SyncRpc],
  providers: [SyncJobsService, OutboxRelay, StreamRegistry, JobEventHub, StreamUpkeep, JobStreams],
  exports: [SyncJobsService, OutboxRelay],
})
export class SyncModule {}
