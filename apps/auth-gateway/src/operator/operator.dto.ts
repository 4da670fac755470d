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
