import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ACTIVITY_LIST_FIELDS,
  ActivityListFields,
  DATA_READ_LIMITS,
  DayRangeFields,
  HEALTH_METRICS,
  HealthMetric,
  IsCalendarDate,
  IsGarminId,
  IsHealthMetric,
  IsRecordKind,
  RECORD_KINDS,
  RecordKind,
  RecordListFields,
  WorkoutListFields,
} from '@fittrack/contracts';
import { Transform, Type } from 'class-transformer';

/** The validation is the contract's (shared with garmin.rpc.data.*); here only how a query string spells it. */
const asNumber = Type(() => Number);
const DATE = { format: 'date' } as const;
const CURSOR = { description: 'the nextCursor of the previous page, unchanged (bound to the caller, the list and its filters)' };

export class ActivityListQuery extends ActivityListFields {}
asNumber(ActivityListQuery.prototype, 'limit');
Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',').map((field) => field.trim()) : value))(ActivityListQuery.prototype, 'fields');
ApiPropertyOptional({ ...DATE, description: 'first day the activity started on (its local day), inclusive' })(ActivityListQuery.prototype, 'from');
ApiPropertyOptional({ ...DATE, description: 'last day, inclusive' })(ActivityListQuery.prototype, 'to');
ApiPropertyOptional({ description: 'Garmin activity type key, e.g. running' })(ActivityListQuery.prototype, 'type');
ApiPropertyOptional(CURSOR)(ActivityListQuery.prototype, 'cursor');
ApiPropertyOptional({ minimum: 1, maximum: DATA_READ_LIMITS.activityPageMax, default: DATA_READ_LIMITS.activityPageDefault })(ActivityListQuery.prototype, 'limit');
ApiPropertyOptional({
  type: String,
  description: `comma-separated, of: ${ACTIVITY_LIST_FIELDS.join(', ')}; id is always there; default: all but summary`,
})(ActivityListQuery.prototype, 'fields');

export class DayRangeQuery extends DayRangeFields {}
ApiPropertyOptional({ ...DATE, description: `first day; default: ${DATA_READ_LIMITS.rangeDefaultDays - 1} days before to` })(DayRangeQuery.prototype, 'from');
ApiPropertyOptional({ ...DATE, description: 'last day, inclusive; default: today in the earliest time zone (UTC+14)' })(DayRangeQuery.prototype, 'to');

export class WorkoutListQuery extends WorkoutListFields {}
asNumber(WorkoutListQuery.prototype, 'limit');
ApiPropertyOptional(CURSOR)(WorkoutListQuery.prototype, 'cursor');
ApiPropertyOptional({ minimum: 1, maximum: DATA_READ_LIMITS.workoutPageMax, default: DATA_READ_LIMITS.workoutPageDefault })(WorkoutListQuery.prototype, 'limit');

export class RecordListQuery extends RecordListFields {}
asNumber(RecordListQuery.prototype, 'limit');
ApiPropertyOptional(CURSOR)(RecordListQuery.prototype, 'cursor');
ApiPropertyOptional({ minimum: 1, maximum: DATA_READ_LIMITS.recordPageMax, default: DATA_READ_LIMITS.recordPageDefault })(RecordListQuery.prototype, 'limit');
ApiPropertyOptional({ ...DATE, description: 'only items whose own day is on or after it' })(RecordListQuery.prototype, 'from');
ApiPropertyOptional({ ...DATE, description: 'only items whose own day is on or before it' })(RecordListQuery.prototype, 'to');

export class GarminIdParams {
  @ApiProperty({ description: 'Garmin’s id' })
  @Type(() => Number)
  @IsGarminId('id')
  id!: number;
}

export class HealthMetricParams {
  @ApiProperty({ enum: HEALTH_METRICS, description: 'a per-day kind of the catalog; another name is a 400 listing them' })
  @IsHealthMetric()
  metric!: HealthMetric;
}

export class HealthDayParams extends HealthMetricParams {
  @ApiProperty(DATE)
  @IsCalendarDate()
  date!: string;
}

export class RecordKindParams {
  @ApiProperty({ enum: RECORD_KINDS, description: 'a non-daily kind of the catalog; another name is a 400 listing them' })
  @IsRecordKind()
  kind!: RecordKind;
}
