import { CommandSubject, DataEventSubject, EventSubject, RpcSubject } from './subjects';
import { ExportRunCommand } from './export-payloads';
import {
  ActivityChangedEvent,
  ActivityFileChangedEvent,
  ActivityPartChangedEvent,
  HealthChangedEvent,
  RecordChangedEvent,
  WorkoutChangedEvent,
} from './data-events';
import {
  ApiSessionRevokedEvent,
  AuthImportRequest,
  SignedInView,
  SyncCancelRequest,
  SyncGetRequest,
  NightlyRunRequest,
  NightlyRunView,
  NightlyStatusReply,
  NightlyStatusRequest,
  SessionEvent,
  SessionRefreshCommand,
  SyncJobEvent,
  SyncJobView,
  SyncRunCommand,
  SyncStartRequest,
  UserStatusRequest,
  UserStatusView,
  WorkerPingReply,
  WorkerPingRequest,
} from './rpc-payloads';
import { ChangeConsumerRequest, ChangeConsumerView } from './change-consumer-payloads';
import { UserDeletedEvent, UserDeletedView, UserDeleteRequest } from './account-payloads';
import { SelectionGetRequest, SelectionResetRequest, SelectionSetRequest, SyncSelectionView } from './selection-payloads';
import {
  ActivityGetRequest,
  ActivityListRequest,
  HealthDayRequest,
  HealthMetricRequest,
  HealthOverviewRequest,
  RecordListRequest,
  WorkoutGetRequest,
  WorkoutListRequest,
} from './data-read-payloads';
import { ActivityDetailView, ActivityPage, HealthDayView, HealthMetricView, HealthOverviewView, RecordPage, WorkoutDetailView, WorkoutPage } from './data-read-views';

/** A subject without an entry here does not compile (the maps are total). */
export interface RpcContract {
  [RpcSubject.WorkerPing]: { request: WorkerPingRequest; reply: WorkerPingReply };
  [RpcSubject.UserStatus]: { request: UserStatusRequest; reply: UserStatusView };
  [RpcSubject.AuthImport]: { request: AuthImportRequest; reply: SignedInView };
  [RpcSubject.NightlyRun]: { request: NightlyRunRequest; reply: NightlyRunView };
  [RpcSubject.NightlyStatus]: { request: NightlyStatusRequest; reply: NightlyStatusReply };
  [RpcSubject.SyncStart]: { request: SyncStartRequest; reply: SyncJobView };
  [RpcSubject.SyncGet]: { request: SyncGetRequest; reply: SyncJobView };
  [RpcSubject.SyncCancel]: { request: SyncCancelRequest; reply: SyncJobView };
  [RpcSubject.SelectionGet]: { request: SelectionGetRequest; reply: SyncSelectionView };
  [RpcSubject.SelectionSet]: { request: SelectionSetRequest; reply: SyncSelectionView };
  [RpcSubject.SelectionReset]: { request: SelectionResetRequest; reply: SyncSelectionView };
  [RpcSubject.DataActivityList]: { request: ActivityListRequest; reply: ActivityPage };
  [RpcSubject.DataActivityGet]: { request: ActivityGetRequest; reply: ActivityDetailView };
  [RpcSubject.DataHealthMetric]: { request: HealthMetricRequest; reply: HealthMetricView };
  [RpcSubject.DataHealthDay]: { request: HealthDayRequest; reply: HealthDayView };
  [RpcSubject.DataHealthOverview]: { request: HealthOverviewRequest; reply: HealthOverviewView };
  [RpcSubject.DataWorkoutList]: { request: WorkoutListRequest; reply: WorkoutPage };
  [RpcSubject.DataWorkoutGet]: { request: WorkoutGetRequest; reply: WorkoutDetailView };
  [RpcSubject.DataRecordList]: { request: RecordListRequest; reply: RecordPage };
  [RpcSubject.ChangesConsumer]: { request: ChangeConsumerRequest; reply: ChangeConsumerView };
  [RpcSubject.UserDelete]: { request: UserDeleteRequest; reply: UserDeletedView };
}

export interface CommandContract {
  [CommandSubject.SyncRun]: SyncRunCommand;
  [CommandSubject.SessionRefresh]: SessionRefreshCommand;
  [CommandSubject.ExportRun]: ExportRunCommand;
}

export interface EventContract {
  [EventSubject.SyncCreated]: SyncJobEvent;
  [EventSubject.SyncStarted]: SyncJobEvent;
  [EventSubject.SyncProgress]: SyncJobEvent;
  [EventSubject.SyncCompleted]: SyncJobEvent;
  [EventSubject.SyncFailed]: SyncJobEvent;
  [EventSubject.SyncCancelled]: SyncJobEvent;
  [EventSubject.SessionNeedsLogin]: SessionEvent;
  [EventSubject.ApiSessionRevoked]: ApiSessionRevokedEvent;
  [EventSubject.UserDeleted]: UserDeletedEvent;
}

export interface DataEventContract {
  [DataEventSubject.Activity]: ActivityChangedEvent;
  [DataEventSubject.ActivityFile]: ActivityFileChangedEvent;
  [DataEventSubject.ActivityPart]: ActivityPartChangedEvent;
  [DataEventSubject.Health]: HealthChangedEvent;
  [DataEventSubject.Record]: RecordChangedEvent;
  [DataEventSubject.Workout]: WorkoutChangedEvent;
}

export type RpcRequest<S extends RpcSubject> = RpcContract[S]['request'];
export type RpcReply<S extends RpcSubject> = RpcContract[S]['reply'];
export type CommandPayload<S extends CommandSubject> = CommandContract[S];
export type EventPayload<S extends EventSubject> = EventContract[S];
export type DataEventPayload<S extends DataEventSubject> = DataEventContract[S];

type Ctor<T> = new () => T;

/** The DTO class that validates each subject's payload at the messaging edge. */
export const RPC_REQUEST_DTO: { [S in RpcSubject]: Ctor<RpcRequest<S>> } = {
  [RpcSubject.WorkerPing]: WorkerPingRequest,
  [RpcSubject.UserStatus]: UserStatusRequest,
  [RpcSubject.AuthImport]: AuthImportRequest,
  [RpcSubject.NightlyRun]: NightlyRunRequest,
  [RpcSubject.NightlyStatus]: NightlyStatusRequest,
  [RpcSubject.SyncStart]: SyncStartRequest,
  [RpcSubject.SyncGet]: SyncGetRequest,
  [RpcSubject.SyncCancel]: SyncCancelRequest,
  [RpcSubject.SelectionGet]: SelectionGetRequest,
  [RpcSubject.SelectionSet]: SelectionSetRequest,
  [RpcSubject.SelectionReset]: SelectionResetRequest,
  [RpcSubject.DataActivityList]: ActivityListRequest,
  [RpcSubject.DataActivityGet]: ActivityGetRequest,
  [RpcSubject.DataHealthMetric]: HealthMetricRequest,
  [RpcSubject.DataHealthDay]: HealthDayRequest,
  [RpcSubject.DataHealthOverview]: HealthOverviewRequest,
  [RpcSubject.DataWorkoutList]: WorkoutListRequest,
  [RpcSubject.DataWorkoutGet]: WorkoutGetRequest,
  [RpcSubject.DataRecordList]: RecordListRequest,
  [RpcSubject.ChangesConsumer]: ChangeConsumerRequest,
  [RpcSubject.UserDelete]: UserDeleteRequest,
};

export const COMMAND_DTO: { [S in CommandSubject]: Ctor<CommandPayload<S>> } = {
  [CommandSubject.SyncRun]: SyncRunCommand,
  [CommandSubject.SessionRefresh]: SessionRefreshCommand,
  [CommandSubject.ExportRun]: ExportRunCommand,
};
