import { Activity } from './activity.entity';
import { ActivityFile } from './activity-file.entity';
import { ActivityPart } from './activity-part.entity';
import { ArchiveReload } from './archive-reload.entity';
export { ARCHIVE_RELOAD_STATUSES } from './archive-reload.entity';
export type { ArchiveReloadStatus } from './archive-reload.entity';
import { ArchiveReloadDay } from './archive-reload-day.entity';
import { AuthenticationToken } from './authentication-token.entity';
import { DailyHealth } from './daily-health.entity';
import { DataExport } from './data-export.entity';
import { DataExportChunk } from './data-export-chunk.entity';
import { GarminAuthenticationState } from './garmin-authentication-state.entity';
import { GarminRecord } from './garmin-record.entity';
import { KindAvailability } from './kind-availability.entity';
export { KIND_AVAILABILITY_STATES } from './kind-availability.entity';
export type { KindAvailabilityState } from './kind-availability.entity';
import { NightlyRun } from './nightly-run.entity';
export type { NightlyTrigger } from './nightly-run.entity';
import { OutboxMessage } from './outbox-message.entity';
import { PendingSignIn } from './pending-sign-in.entity';
import { PersonalAccessToken } from './personal-access-token.entity';
import { RateLimitCounter } from './rate-limit-counter.entity';
import { RotatedRefreshToken } from './rotated-refresh-token.entity';
import { SignInCooldown } from './sign-in-cooldown.entity';
export { SIGN_IN_COOLDOWN_REASONS } from './sign-in-cooldown.entity';
export type { SignInCooldownReason } from './sign-in-cooldown.entity';
import { SyncCursor } from './sync-cursor.entity';
import { SyncJob } from './sync-job.entity';
import { SyncLease } from './sync-lease.entity';
import { SyncSelection } from './sync-selection.entity';
import { UpstreamBudget } from './upstream-budget.entity';
import { UserSession } from './user-session.entity';
import { User } from './user.entity';
import { Workout } from './workout.entity';

export {
  Activity,
  ActivityFile,
  ActivityPart,
  ArchiveReload,
  ArchiveReloadDay,
  AuthenticationToken,
  DailyHealth,
  DataExport,
  DataExportChunk,
  GarminAuthenticationState,
  GarminRecord,
  KindAvailability,
  NightlyRun,
  OutboxMessage,
  PendingSignIn,
  PersonalAccessToken,
  RateLimitCounter,
  RotatedRefreshToken,
  SignInCooldown,
  SyncCursor,
  SyncJob,
  SyncLease,
  SyncSelection,
  UpstreamBudget,
  User,
  UserSession,
  Workout,
};

export const ENTITIES = [
  User,
  UserSession,
  AuthenticationToken,
  RotatedRefreshToken,
  GarminAuthenticationState,
  PendingSignIn,
  RateLimitCounter,
  SignInCooldown,
  SyncJob,
  OutboxMessage,
  SyncLease,
  SyncCursor,
  UpstreamBudget,
  Activity,
  ActivityFile,
  ActivityPart,
  DailyHealth,
  GarminRecord,
  Workout,
  NightlyRun,
  SyncSelection,
  KindAvailability,
  ArchiveReload,
  ArchiveReloadDay,
  PersonalAccessToken,
  DataExport,
  DataExportChunk,
];
