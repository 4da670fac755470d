import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SYNC_JOB_STATUSES, SyncJobStatus } from '@fittrack/contracts';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { PageQuery } from '../http/page.query';

export class OperatorJobsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: SYNC_JOB_STATUSES })
  @IsOptional()
  @IsIn(SYNC_JOB_STATUSES)
  status?: SyncJobStatus;

  @ApiPropertyOptional({ example: 'GARMIN_RATE_LIMITED', description: "the jobs that ended with this error code" })
  @IsOptional()
  @Matches(/^[A-Z][A-Z0-9_]{0,63}$/, { message: 'code must be an error code, e.g. GARMIN_RATE_LIMITED' })
  code?: string;
}

export class OperatorJobDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ type: String, nullable: true }) displayName!: string | null;
  @ApiProperty() garminProfileId!: number;
  @ApiProperty({ enum: SYNC_JOB_STATUSES }) status!: SyncJobStatus;
  @ApiProperty() type!: string;
  @ApiProperty({ example: 'user' }) trigger!: string;
  @ApiProperty({ type: [String] }) kinds!: string[];
  @ApiProperty() progress!: number;
  @ApiProperty() attempts!: number;
  @ApiProperty({ type: String, nullable: true, example: 'GARMIN_RATE_LIMITED' }) errorCode!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'the error in plain words, as the user sees it' }) error!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) startedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt!: string | null;
}

export class OperatorJobPageDto {
  @ApiProperty({ type: [OperatorJobDto] }) items!: OperatorJobDto[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty({ description: 'jobs matching the filter' }) total!: number;
  @ApiProperty({ description: 'every job by status', example: { completed: 120, failed: 3, running: 2 } }) byStatus!: Record<string, number>;
  @ApiProperty({ description: 'failed jobs by error code', example: { GARMIN_RATE_LIMITED: 2, GARMIN_SESSION_REJECTED: 1 } }) failedByCode!: Record<string, number>;
}

export class OperatorLinkDto {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ type: String, nullable: true }) displayName!: string | null;
  @ApiProperty() garminProfileId!: number;
  @ApiProperty({ enum: ['needs_login', 'revoked'] }) health!: string;
  @ApiProperty({ type: String, nullable: true, description: 'why, as stored with the health' }) reason!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) cooldownUntil!: string | null;
  @ApiProperty({ format: 'date-time', description: 'when the link last changed' }) since!: string;
}

export class OperatorLinksDto {
  @ApiProperty({ description: "every user's Garmin link by health; `unlinked` counts users with none", example: { active: 40, needs_login: 2, unlinked: 1 } })
  byHealth!: Record<string, number>;
  @ApiProperty({ type: [OperatorLinkDto], description: 'who must sign in again, most recent first (at most 100)' }) mustSignIn!: OperatorLinkDto[];
}

export class OperatorNightlyQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 10 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit = 10;
}

export class OperatorUpstreamQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 168, default: 24, description: 'how many hours back' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(168)
  hours = 24;
}

export class UpstreamBucketDto {
  @ApiProperty({ format: 'date-time', description: 'the start of the bucket' }) at!: string;
  @ApiProperty({ description: 'requests to Garmin by the workers' }) requests!: number;
  @ApiProperty({ description: 'of which Garmin answered 429' }) throttled!: number;
  @ApiProperty({ description: 'of which failed otherwise (5xx, no answer)' }) failed!: number;
  @ApiProperty({ description: 'cooldowns started: sign-ins refused at the edge, links throttled GARMIN_THROTTLE_STRIKES times in a row' }) cooldownsStarted!: number;
}

export class UpstreamTotalsDto {
  @ApiProperty() requests!: number;
  @ApiProperty() throttled!: number;
  @ApiProperty() failed!: number;
  @ApiProperty() cooldownsStarted!: number;
}

export class OperatorUpstreamDto {
  @ApiProperty() hours!: number;
  @ApiProperty({ description: 'minutes per bucket: 5 up to 6 hours, 15 up to a day, 30 up to three days, then 60' }) bucketMinutes!: number;
  @ApiProperty({ type: [UpstreamBucketDto], description: 'oldest first, every bucket present (zeros when quiet)' }) buckets!: UpstreamBucketDto[];
  @ApiProperty({ type: UpstreamTotalsDto }) totals!: UpstreamTotalsDto;
  @ApiProperty({ description: 'Garmin accounts cooling down now (sign-in cooldowns in force, and links cooling down after throttled syncs)' }) coolingDown!: number;
}

export class WorkerJobDto {
  @ApiProperty({ format: 'uuid' }) jobId!: string;
  @ApiProperty({ type: String, nullable: true }) displayName!: string | null;
  @ApiProperty({ type: [String] }) kinds!: string[];
  @ApiProperty({ type: String, nullable: true }) currentKind!: string | null;
  @ApiProperty() progress!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) startedAt!: string | null;
}

export class WorkerDto {
  @ApiProperty({ example: 'worker-3f0c…', description: 'the name the replica holds leases under (and answers garmin.rpc.worker.ping with)' }) id!: string;
  @ApiProperty() host!: string;
  @ApiProperty() pid!: number;
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiProperty({ format: 'date-time', description: 'its last heartbeat (every FLEET_REPORT_INTERVAL_MS)' }) lastSeenAt!: string;
  @ApiProperty({ description: "seconds since that heartbeat, by the server's clock" }) secondsSinceSeen!: number;
  @ApiProperty({ type: [WorkerJobDto], description: 'the running jobs whose lease it holds' }) jobs!: WorkerJobDto[];
}

export class OperatorWorkersDto {
  @ApiProperty({ type: [WorkerDto], description: 'replicas seen in the last 10 minutes, newest start first' }) workers!: WorkerDto[];
}
