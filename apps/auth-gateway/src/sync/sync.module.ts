import { Module } from '@nestjs/common';
import { SyncJobStore } from '@fittrack/persistence';
import { ChangesModule } from '../changes/changes.module';
import { TokensModule } from '../tokens/tokens.module';
import { JobEventHub } from './events/job-event-hub';
import { JobStreams } from './events/job-streams';
import { StreamRegistry } from './events/stream-registry';
import { StreamUpkeep } from './events/stream-upkeep';
import { CommandStreamWatch } from './command-stream-watch';
import { JobPolicy } from './job-policy';
import { OutboxRelay } from './outbox-relay';
import { ReconcileMetrics } from './reconcile.metrics';
import { Reconciler } from './reconciler';
import { SyncController } from './sync.controller';
import { SyncRpc } from './sync.rpc';
import { SyncJobsService } from './sync-jobs.service';

/** Asking for syncs and following them, and re-driving what was lost; the work itself happens in the sync workers. */
@Module({
  imports: [TokensModule, ChangesModule],
  controllers: [SyncController, SyncRpc],
  providers: [SyncJobsService, SyncJobStore, OutboxRelay, StreamRegistry, JobEventHub, StreamUpkeep, JobStreams, CommandStreamWatch, JobPolicy, ReconcileMetrics, Reconciler],
  exports: [SyncJobsService, OutboxRelay, Reconciler, ReconcileMetrics, JobPolicy],
})
export class SyncModule {}
