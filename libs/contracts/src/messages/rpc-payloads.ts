import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsDateString,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
} from 'class-validator';
import { GarminSessionHealth } from '../enums/garmin-session-health';
import { SyncJobStatus } from '../enums/sync-job-status';
import { SYNC_TYPES, SyncType } from '../enums/sync-type';

export class WorkerPingRequest {
  /** Echoed back, so a caller can match replies to requests. */
  @IsOptional()
  @IsString()
  @Length(1, 64)
  nonce?: string;
}

export interface WorkerPingReply {
  service: 'sync-worker';
  instanceId: string;
  nonce: string | null;
  at: string;
}

export class UserStatusRequest {
  @IsUUID()
  userId!: string;
}

/** A platform user as other services see it. */
export interface UserView {
  id: string;
  garminProfileId: number;
  displayName: string;
  createdAt: string;
}

/** The state of a user's Garmin link, without anything secret. */
export interface GarminLinkView {
  linked: boolean;
  /** null when not linked. */
  health: GarminSessionHealth | null;
  reason: string | null;
  accessExpiresAt: string | null;
  refreshExpiresAt: string | null;
  cooldownUntil: string | null;
  linkedAt: string | null;
}

export interface UserStatusView {
  user: UserView;
  garmin: GarminLinkView;
}

export class SyncStartRequest {
  @IsUUID()
  userId!: string;

  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(SYNC_TYPES.length)
  @IsIn(SYNC_TYPES, { each: true })
  types?: SyncType[];

  /** Calendar date (YYYY-MM-DD) the sync starts from; omitted means incremental. */
  @IsOptional()
  @IsDateString({ strict: true })
  from?: string;

  @IsOptional()
  @IsDateString({ strict: true })
  to?: string;
}

export class SyncJobRef {
  @IsUUID()
  userId!: string;

  @IsUUID()
  jobId!: string;
}

export class SyncGetRequest extends SyncJobRef {}
export class SyncCancelRequest extends SyncJobRef {}

/** What any reader (HTTP, RPC, events) sees of a sync job. */
export interface SyncJobView {
  id: string;
  userId: string;
  status: SyncJobStatus;
  type: SyncType;
  progress: number;
  processedItems: number;
  totalItems: number | null;
  from: string | null;
  to: string | null;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export class SyncRunCommand {
  @IsUUID()
  jobId!: string;

  @IsUUID()
  userId!: string;
}

/** Published on every state change and progress step of a job. */
export interface SyncJobEvent {
  job: SyncJobView;
  at: string;
}
