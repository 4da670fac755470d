import { InitialSchema1764000000000 } from './1764000000000-initial-schema';
import { SignInState1764100000000 } from './1764100000000-sign-in-state';
import { SyncEngine1764200000000 } from './1764200000000-sync-engine';
import { NightlyRuns1764300000000 } from './1764300000000-nightly-runs';
import { SignInCooldowns1764400000000 } from './1764400000000-sign-in-cooldowns';
import { SyncJobSessions1764500000000 } from './1764500000000-sync-job-sessions';
import { SyncJobWaiting1764600000000 } from './1764600000000-sync-job-waiting';
import { GarminRefreshClaims1764700000000 } from './1764700000000-garmin-refresh-claims';
import { Reconciler1764800000000 } from './1764800000000-reconciler';
import { RetentionIndexes1764900000000 } from './1764900000000-retention-indexes';
import { DataKinds1765000000000 } from './1765000000000-data-kinds';
import { ActivityPartsAsked1765050000000 } from './1765050000000-activity-parts-asked';
import { SelectionArchive1765100000000 } from './1765100000000-selection-archive';
import { DataChangeEvents1765200000000 } from './1765200000000-data-change-events';
import { PersonalAccessTokens1765300000000 } from './1765300000000-personal-access-tokens';
import { ActivityReadIndex1765400000000 } from './1765400000000-activity-read-index';
import { DataExports1765500000000 } from './1765500000000-data-exports';
import { FleetTelemetry1765600000000 } from './1765600000000-fleet-telemetry';

/** Every migration, oldest first. */
export const MIGRATIONS = [
  InitialSchema1764000000000,
  SignInState1764100000000,
  SyncEngine1764200000000,
  NightlyRuns1764300000000,
  SignInCooldowns1764400000000,
  SyncJobSessions1764500000000,
  SyncJobWaiting1764600000000,
  GarminRefreshClaims1764700000000,
  Reconciler1764800000000,
  RetentionIndexes1764900000000,
  DataKinds1765000000000,
  ActivityPartsAsked1765050000000,
  SelectionArchive1765100000000,
  DataChangeEvents1765200000000,
  PersonalAccessTokens1765300000000,
  ActivityReadIndex1765400000000,
  DataExports1765500000000,
  FleetTelemetry1765600000000,
];
