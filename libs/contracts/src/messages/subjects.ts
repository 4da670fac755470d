/**
 * Every NATS subject the system speaks, as a closed set. A deployment may put a
 * prefix in front of all of them (NATS_SUBJECT_PREFIX) so test runs and tenants
 * never collide; the names here are always the unprefixed ones.
 */

/** Request/reply: platform services and operators ask, one replica answers. */
export const RpcSubject = {
  WorkerPing: 'garmin.rpc.worker.ping',
  UserStatus: 'garmin.rpc.user.status',
  /** Link a Garmin account from tokens the user already has (no password); answers like a sign-in. */
  AuthImport: 'garmin.rpc.auth.import',
  /** Operators: run the nightly sync now (for today, or a given day); authorised by NATS credentials. */
  NightlyRun: 'garmin.rpc.nightly.run',
  NightlyStatus: 'garmin.rpc.nightly.status',
  SyncStart: 'garmin.rpc.sync.start',
  SyncGet: 'garmin.rpc.sync.get',
  SyncCancel: 'garmin.rpc.sync.cancel',
  /** A user's selection of data kinds: read it, override the deployment's default, or go back to it. */
  SelectionGet: 'garmin.rpc.selection.get',
  SelectionSet: 'garmin.rpc.selection.set',
  SelectionReset: 'garmin.rpc.selection.reset',
  /** The read API for platform services: the same reads, limits and errors as GET /v1/activities, /health, /workouts, /records. */
  DataActivityList: 'garmin.rpc.data.activity_list',
  DataActivityGet: 'garmin.rpc.data.activity_get',
  DataHealthMetric: 'garmin.rpc.data.health_metric',
  DataHealthDay: 'garmin.rpc.data.health_day',
  DataHealthOverview: 'garmin.rpc.data.health_overview',
  DataWorkoutList: 'garmin.rpc.data.workout_list',
  DataWorkoutGet: 'garmin.rpc.data.workout_get',
  DataRecordList: 'garmin.rpc.data.record_list',
  /** A platform service's own durable consumer of the change events (GARMIN_DATA), made or found by the gateway. */
  ChangesConsumer: 'garmin.rpc.changes.consumer',
  /** Operators: delete a user and all their data (as DELETE /v1/me does); authorised by NATS credentials. */
  UserDelete: 'garmin.rpc.user.delete',
} as const;
export type RpcSubject = (typeof RpcSubject)[keyof typeof RpcSubject];

/** Durable commands, carried by JetStream work-queue streams. */
export const CommandSubject = {
  SyncRun: 'garmin.cmd.sync.run',
  /** Refresh a user's Garmin session now (the nightly run's proactive refresh). */
  SessionRefresh: 'garmin.cmd.session.refresh',
  /** Make a user's archive (POST /v1/exports). */
  ExportRun: 'garmin.cmd.export.run',
} as const;
export type CommandSubject = (typeof CommandSubject)[keyof typeof CommandSubject];

/** Fire-and-forget notifications for platform services. */
export const EventSubject = {
  SyncCreated: 'garmin.events.sync.created',
  SyncStarted: 'garmin.events.sync.started',
  SyncProgress: 'garmin.events.sync.progress',
  SyncCompleted: 'garmin.events.sync.completed',
  SyncFailed: 'garmin.events.sync.failed',
  SyncCancelled: 'garmin.events.sync.cancelled',
  /** A user's Garmin session can no longer be refreshed: they must sign in again. */
  SessionNeedsLogin: 'garmin.events.session.needs_login',
  /** One of our API sessions (a signed-in client) was revoked: its tokens are dead, and so are its open event streams. */
  ApiSessionRevoked: 'garmin.events.auth.session_revoked',
  /** A user and all their data were deleted (by the user, or by an operator). */
  UserDeleted: 'garmin.events.user.deleted',
} as const;
export type EventSubject = (typeof EventSubject)[keyof typeof EventSubject];

/** Durable change events of stored data, one subject per store, carried by the GARMIN_DATA JetStream stream. */
export const DataEventSubject = {
  Activity: 'garmin.events.data.activity',
  ActivityFile: 'garmin.events.data.activity_file',
  ActivityPart: 'garmin.events.data.activity_part',
  Health: 'garmin.events.data.health',
  Record: 'garmin.events.data.record',
  Workout: 'garmin.events.data.workout',
} as const;
export type DataEventSubject = (typeof DataEventSubject)[keyof typeof DataEventSubject];
/** What every data event subject starts with (the GARMIN_DATA stream's subjects are this and `>`). */
export const DATA_EVENT_SUBJECT_ROOT = 'garmin.events.data';

export type Subject = RpcSubject | CommandSubject | EventSubject | DataEventSubject;
