import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { NightlyRunStore } from '@fittrack/persistence';
import { SyncModule } from '../sync/sync.module';
import { NightlyRpc } from './nightly.rpc';
import { NightlyScheduler } from './nightly.scheduler';
import { NightlyRunsService } from './nightly-runs.service';

/** The nightly sync of every linked user, and keeping their Garmin sessions alive. */
@Module({
  imports: [ScheduleModule.forRoot(), SyncModule],
  controllers: [NightlyRpc],
  providers: [NightlyRunsService, NightlyRunStore, NightlyScheduler],
  exports: [NightlyRunsService],
})
export class NightlyModule {}
