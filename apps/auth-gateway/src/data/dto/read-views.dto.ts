import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ActivityDetailView,
  ActivityListItem,
  ActivityPage,
  HEALTH_METRICS,
  HealthDayValue,
  HealthDayView,
  HealthMetric,
  HealthMetricView,
  HealthOverviewDay,
  HealthOverviewView,
  RECORD_KINDS,
  RecordItem,
  RecordKind,
  RecordPage,
  WorkoutDetailView,
  WorkoutListItem,
  WorkoutPage,
} from '@fittrack/contracts';

/** The OpenAPI faces of the read views (libs/contracts data-read-views.ts): `implements` keeps them from drifting apart. */
const JSON_OBJECT = { type: 'object', additionalProperties: true } as const;
const NEXT = { type: String, nullable: true, description: 'pass as cursor for the next page; null on the last page' } as const;

class ActivityListItemDto implements Partial<ActivityListItem> {
  @ApiProperty({ description: 'Garmin’s activity id' }) id!: number;
  @ApiPropertyOptional({ type: String, nullable: true }) name?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Garmin’s activityType.typeKey' }) type?: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) startTime?: string | null;
  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, description: 'its start day in the user’s time zone then' }) startDateLocal?: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) durationS?: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) distanceM?: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) calories?: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) averageHr?: number | null;
  @ApiPropertyOptional({ ...JSON_OBJECT, description: 'Garmin’s list entry, as stored (only when asked for in fields)' }) summary?: Record<string, unknown>;
}

export class ActivityPageDto implements ActivityPage {
  @ApiProperty({ type: ActivityListItemDto, isArray: true, description: 'newest first; only the fields asked for, and id' }) items!: ActivityListItemDto[];
  @ApiProperty(NEXT) nextCursor!: string | null;
}

export class ActivityDetailDto implements ActivityDetailView {
  @ApiProperty({ description: 'Garmin’s activity id' }) id!: number;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Garmin’s activityType.typeKey' }) type!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) startTime!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) startDateLocal!: string | null;
  @ApiProperty({ type: Number, nullable: true }) durationS!: number | null;
  @ApiProperty({ type: Number, nullable: true }) distanceM!: number | null;
  @ApiProperty({ type: Number, nullable: true }) calories!: number | null;
  @ApiProperty({ type: Number, nullable: true }) averageHr!: number | null;
  @ApiProperty({ ...JSON_OBJECT, description: 'Garmin’s list entry, as stored' }) summary!: Record<string, unknown>;
  @ApiProperty({ ...JSON_OBJECT, nullable: true, description: 'Garmin’s activity detail, as stored' }) detail!: Record<string, unknown> | null;
  @ApiProperty({ ...JSON_OBJECT, description: 'Garmin’s JSON of each stored part (activity_splits, activity_zones, activity_weather, activity_exercise_sets)' })
  parts!: Record<string, unknown>;
  @ApiProperty({ format: 'date-time', description: 'when a sync last stored a change of it' }) syncedAt!: string;
}

class HealthDayValueDto implements HealthDayValue {
  @ApiProperty({ format: 'date' }) date!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'the metric’s headline value (README, "Stored data")' }) value!: number | null;
}

class HealthRangeDayDto extends HealthDayValueDto {
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'number', nullable: true },
    example: { deep: 5280, light: 15_960, rem: 4_500, awake: 420 },
    description: 'for a metric with parts (sleep: its stages in seconds), each of this day, null when Garmin gave none',
  })
  parts?: Record<string, number | null>;
}

export class HealthMetricDto implements HealthMetricView {
  @ApiProperty({ enum: HEALTH_METRICS }) metric!: HealthMetric;
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ format: 'date' }) to!: string;
  @ApiProperty({ type: HealthRangeDayDto, isArray: true, description: 'the days with a stored row, oldest first' }) days!: HealthRangeDayDto[];
}

export class HealthDayDto extends HealthDayValueDto implements HealthDayView {
  @ApiProperty({ enum: HEALTH_METRICS }) metric!: HealthMetric;
  @ApiProperty({ description: 'Garmin’s JSON of the day as stored, intraday series included' }) raw!: unknown;
  @ApiProperty({ format: 'date-time' }) syncedAt!: string;
}

class HealthOverviewDayDto implements HealthOverviewDay {
  @ApiProperty({ format: 'date' }) date!: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number', nullable: true }, description: 'headline value by metric; metrics with no row that day are absent' })
  values!: Partial<Record<HealthMetric, number | null>>;
}

export class HealthOverviewDto implements HealthOverviewView {
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ format: 'date' }) to!: string;
  @ApiProperty({ type: HealthOverviewDayDto, isArray: true, description: 'the days with any stored metric, oldest first' }) days!: HealthOverviewDayDto[];
}

class WorkoutListItemDto implements WorkoutListItem {
  @ApiProperty({ description: 'Garmin’s workout id' }) id!: number;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
  @ApiProperty({ type: String, nullable: true }) sportType!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Garmin’s updateDate' }) updatedAt!: string | null;
}

export class WorkoutPageDto implements WorkoutPage {
  @ApiProperty({ type: WorkoutListItemDto, isArray: true, description: 'highest id first' }) items!: WorkoutListItemDto[];
  @ApiProperty(NEXT) nextCursor!: string | null;
}

export class WorkoutDetailDto extends WorkoutListItemDto implements WorkoutDetailView {
  @ApiProperty({ ...JSON_OBJECT, description: 'Garmin’s list entry, as stored' }) summary!: Record<string, unknown>;
  @ApiProperty({ ...JSON_OBJECT, nullable: true, description: 'Garmin’s workout detail (its steps), as stored' }) detail!: Record<string, unknown> | null;
  @ApiProperty({ format: 'date-time' }) syncedAt!: string;
}

class RecordItemDto implements RecordItem {
  @ApiProperty({ description: 'Garmin’s own id for the item' }) key!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) recordedOn!: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'its headline value, where it has one' }) value!: number | null;
  @ApiProperty({ description: 'Garmin’s JSON, as stored' }) raw!: unknown;
  @ApiProperty({ format: 'date-time' }) syncedAt!: string;
}

export class RecordPageDto implements RecordPage {
  @ApiProperty({ enum: RECORD_KINDS }) kind!: RecordKind;
  @ApiProperty({ type: RecordItemDto, isArray: true, description: 'in order of key' }) items!: RecordItemDto[];
  @ApiProperty(NEXT) nextCursor!: string | null;
}
