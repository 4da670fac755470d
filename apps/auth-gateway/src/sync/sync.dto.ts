import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  DATA_KINDS,
  DataKind,
  JobArchiveProgress,
  KindProgress,
  SYNC_JOB_STATUSES,
  SYNC_KINDS,
  SYNC_TRIGGERS,
  SYNC_TYPES,
  SyncJobStatus,
  SyncJobView,
  SyncKind,
  SyncRequestFields,
  SyncTrigger,
  SyncType,
} from '@fittrack/contracts';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQuery } from '../http/page.query';

/** POST /v1/sync: the validation is the contract's (shared with garmin.rpc.sync.start). */
export class SyncRequestBody extends SyncRequestFields {}
ApiPropertyOptional({ enum: SYNC_TYPES, isArray: true, description: 'data kinds; none or "all" means every kind' })(SyncRequestBody.prototype, 'types');
ApiPropertyOptional({ enum: DATA_KINDS, isArray: true, description: 'data kinds to sync instead of the selection (GET /v1/sync/selection); their groups are the job\'s kinds, and must be among types when given' })(
  SyncRequestBody.prototype,
  'dataKinds',
);
ApiPropertyOptional({ format: 'date', description: 'first day to sync; without dates the sync is incremental' })(SyncRequestBody.prototype, 'from');
ApiPropertyOptional({ format: 'date', description: 'last day to sync (inclusive); defaults to today' })(SyncRequestBody.prototype, 'to');

export class SyncJobsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: SYNC_JOB_STATUSES })
  @IsOptional()
  @IsIn(SYNC_JOB_STATUSES)
  status?: SyncJobStatus;

  @ApiPropertyOptional({ format: 'uuid', description: "only the jobs this API session asked for (one of the caller's own, from GET /v1/auth/sessions)" })
  @IsOptional()
  @IsUUID()
  sessionId?: string;
}

class KindProgressDto implements KindProgress {
  @ApiProperty() processed!: number;
  @ApiProperty({ type: Number, nullable: true }) total!: number | null;
}

class JobArchiveProgressDto implements JobArchiveProgress {
  @ApiProperty({ description: 'archived days this job queued for a reload' }) queued!: number;
  @ApiProperty({ description: 'reloads this job asked Garmin for' }) requested!: number;
  @ApiProperty({ description: 'reloaded days this job fetched' }) done!: number;
  @ApiProperty({ description: 'days still queued for the user when the job last looked' }) remaining!: number;
}

/** The OpenAPI face of the one job view (SyncJobView): `implements` keeps the two from drifting apart. */
export class SyncJobDto implements SyncJobView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'the API session that asked for it; null for nightly and platform jobs' })
  sessionId!: string | null;
  @ApiProperty({ enum: SYNC_JOB_STATUSES }) status!: SyncJobStatus;
  @ApiProperty({ enum: SYNC_TYPES }) type!: SyncType;
  @ApiProperty({ enum: SYNC_KINDS, isArray: true }) kinds!: SyncKind[];
  @ApiProperty({ enum: SYNC_TRIGGERS }) trigger!: SyncTrigger;
  @ApiProperty({ minimum: 0, maximum: 100 }) progress!: number;
  @ApiProperty() processedItems!: number;
  @ApiProperty({ type: Number, nullable: true }) totalItems!: number | null;
  @ApiProperty({ enum: SYNC_KINDS, nullable: true }) currentKind!: SyncKind | null;
  @ApiProperty({ type: 'object', additionalProperties: { $ref: '#/components/schemas/KindProgressDto' } }) byKind!: Partial<Record<SyncKind, KindProgressDto>>;
  @ApiProperty({ enum: DATA_KINDS, isArray: true, description: 'the data kinds the job syncs, fixed when it was made' }) selection!: DataKind[];
  @ApiProperty({ type: JobArchiveProgressDto, nullable: true, description: 'its work on Garmin’s archive; null when it had none' }) archive!: JobArchiveProgressDto | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) from!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) to!: string | null;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) startedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt!: string | null;
}

export class SyncJobPageDto {
  @ApiProperty({ type: SyncJobDto, isArray: true }) items!: SyncJobDto[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
}

export { KindProgressDto };
