import { Module } from '@nestjs/common';
import { ExportRunner } from '../export/export-runner';
import { CommandConsumer } from './command-consumer';
import { garminApiProvider } from './garmin-api.provider';
import { JobLeases } from './job-lease';
import { JobOutcomes } from './job-outcome';
import { JobRunner } from './job-runner';
import { ActivitiesSyncer } from './kinds/activities.syncer';
import { HealthSyncer } from './kinds/health/health.syncer';
import { ProfileSyncer } from './kinds/profile/profile.syncer';
import { WorkoutsSyncer } from './kinds/workouts.syncer';
import { SessionKeeper } from './session-keeper';
import { sessionRefresherProvider } from './session/garmin-authenticator.provider';
import { LinkHealth } from './session/link-health';
import { SyncMetrics } from './sync.metrics';
import { UpstreamBudget } from './upstream-budget';

/** Pulling sync commands from JetStream and running them against Garmin into PostgreSQL. */
@Module({
  providers: [CommandConsumer, ExportRunner, JobRunner, garminApiProvider, JobLeases, JobOutcomes, SessionKeeper, sessionRefresherProvider, LinkHealth, UpstreamBudget, SyncMetrics, ActivitiesSyncer, HealthSyncer, WorkoutsSyncer, ProfileSyncer],
})
export class SyncModule {}
