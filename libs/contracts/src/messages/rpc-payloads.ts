import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsDateString,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  IsInt,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import type { DataChangeCounts } from './data-events';
import { GarminSessionHealth } from '../enums/garmin-session-health';
import { SyncJobStatus } from '../enums/sync-job-status';
import { DATA_KINDS, DataKind } from '../enums/data-kinds';
import { SYNC_TYPES, SyncKind, SyncTrigger, SyncType } from '../enums/sync-type';

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

/** The most a token file may hold; garth's dumps() and pgc's garmin_tokens.json are a few KiB. */
export const TOKEN_FILE_MAX_LENGTH = 32 * 1024;

/**
 * Garmin tokens a user already has, as the text of their file: python-garminconnect's
 * garmin_tokens.json (or its base64), garth's dumps() string, or a JSON object holding
 * garth's oauth1_token.json and oauth2_token.json. The library decides what it accepts.
 */
export class AuthImportRequest {
  @IsString({ message: 'tokens must be the text of the token file' })
  @Length(1, TOKEN_FILE_MAX_LENGTH, { message: `tokens must be 1 to ${TOKEN_FILE_MAX_LENGTH} characters` })
  tokens!: string;
}

/** Which way in linked the account: a sign-in strategy (mobile-impit, widget, …) or `import`. */
export interface GarminSignInView {
  via: string;
}

/** What a successful sign-in or token import answers: our API tokens for the linked user. */
export interface SignedInView {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  /** Seconds the access token lives. */
  expiresIn: number;
  scope: string;
  user: UserView;
  garmin: GarminSignInView;
}

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** What to sync: the HTTP body of POST /v1/sync, and the RPC request without the user. */
export class SyncRequestFields {
  /** Data kinds; none (or `all`) means every kind. */
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(SYNC_TYPES.length)
  @IsIn(SYNC_TYPES, { each: true })
  types?: SyncType[];

  /**
   * Data kinds (catalog names) to sync instead of the user's selection; the job's kinds are then theirs
   * (and must be among `types`, when given).
   */
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty({ message: 'dataKinds must name at least one data kind (leave it out for the selection)' })
  @ArrayUnique()
  @ArrayMaxSize(DATA_KINDS.length)
  @IsIn(DATA_KINDS, { each: true, message: `each of dataKinds must be one of: ${DATA_KINDS.join(', ')}` })
  dataKinds?: DataKind[];

  /** First calendar date (YYYY-MM-DD) to sync; without dates the sync is incremental. */
  @IsOptional()
  @Matches(CALENDAR_DATE, { message: 'from must be a calendar date (YYYY-MM-DD)' })
  @IsDateString({ strict: true })
  from?: string;

  /** Last calendar date to sync (inclusive); defaults to today. */
  @IsOptional()
  @Matches(CALENDAR_DATE, { message: 'to must be a calendar date (YYYY-MM-DD)' })
  @IsDateString({ strict: true })
  to?: string;
}

export class SyncStartRequest extends SyncRequestFields {
  @IsUUID()
  userId!: string;
}

export class NightlyRunRequest {
  /** The calendar day to run for (NIGHTLY_TIME_ZONE); today when omitted. A day's jobs are made once. */
  @IsOptional()
  @Matches(CALENDAR_DATE, { message: 'date must be a calendar date (YYYY-MM-DD)' })
  @IsDateString({ strict: true })
  date?: string;
}

export class NightlyStatusRequest {
  /** How many of the latest runs (default 10). */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export interface NightlyRunView {
  id: string;
  runDate: string;
  trigger: 'schedule' | 'operator';
  startedAt: string;
  finishedAt: string | null;
  usersEnqueued: number;
  usersAlreadyQueued: number;
  /** Users skipped, by reason: needs_login, revoked, cooling_down. */
  skipped: Record<string, number>;
  refreshesRequested: number;
  error: string | null;
}

export interface NightlyStatusReply {
  runs: NightlyRunView[];
}

export class SessionRefreshCommand {
  @IsUUID()
  userId!: string;
}

export class SyncJobRef {
  @IsUUID()
  userId!: string;

  @IsUUID()
  jobId!: string;
}

export class SyncGetRequest extends SyncJobRef {}
export class SyncCancelRequest extends SyncJobRef {}

/** Items of one data kind: planned (null until known) and done. */
export interface KindProgress {
  processed: number;
  total: number | null;
}

/** A job's work on Garmin's archive: old days it queued for a reload, reloads it asked for, reloaded days it fetched. */
export interface JobArchiveProgress {
  queued: number;
  requested: number;
  done: number;
  /** Days still queued for the user when the job last looked (later jobs carry on). */
  remaining: number;
}

/** What any reader (HTTP, RPC, events) sees of a sync job. */
export interface SyncJobView {
  id: string;
  userId: string;
  /** The API session (signed-in client) that asked for the job over HTTP; null for nightly and platform jobs. */
  sessionId: string | null;
  status: SyncJobStatus;
  type: SyncType;
  kinds: SyncKind[];
  trigger: SyncTrigger;
  progress: number;
  processedItems: number;
  totalItems: number | null;
  /** The kind being fetched now (running jobs). */
  currentKind: SyncKind | null;
  byKind: Partial<Record<SyncKind, KindProgress>>;
  /** The data kinds the job syncs, fixed when it was made (catalog order). */
  selection: DataKind[];
  /** What the job did with Garmin's archive (days older than SYNC_ARCHIVE_AFTER_DAYS); null when it had none to do. */
  archive: JobArchiveProgress | null;
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

export interface SessionEvent {
  userId: string;
  reason: string;
  at: string;
}

/** Published on every state change and progress step of a job. */
export interface SyncJobEvent {
  job: SyncJobView;
  at: string;
  /** On garmin.events.sync.completed and .failed: the rows the job changed (its change events), per data kind. */
  changes?: DataChangeCounts;
}

/**
 * An API session (ours, not Garmin's) ended by logout, a session revoke or a reused refresh token. A class, so a
 * receiver can validate what arrived before it acts on it.
 */
export class ApiSessionRevokedEvent {
  @IsUUID()
  userId!: string;

  @IsUUID()
  sessionId!: string;

  @IsISO8601()
  at!: string;
}
