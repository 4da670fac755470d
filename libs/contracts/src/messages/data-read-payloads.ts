import { ArrayMaxSize, ArrayNotEmpty, ArrayUnique, IsArray, IsDateString, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { HEALTH_METRICS, HealthMetric, RECORD_KINDS, RecordKind } from '../enums/data-kinds';
import { ACTIVITY_LIST_FIELDS, ActivityListField } from './data-read-views';

/** The limits of the read API, the same over HTTP and NATS (README, "Reading the data"). */
export const DATA_READ_LIMITS = {
  activityPageDefault: 20,
  activityPageMax: 100,
  workoutPageDefault: 50,
  workoutPageMax: 200,
  recordPageDefault: 100,
  recordPageMax: 500,
  /** Days of one metric per request (a leap year). */
  healthRangeMaxDays: 366,
  /** Days of every metric per overview request. */
  overviewRangeMaxDays: 93,
  /** Days asked for when `from` is left out: `to` and the 29 days before it. */
  rangeDefaultDays: 30,
  cursorMaxLength: 1024,
} as const;

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A YYYY-MM-DD that is a real day. */
export function IsCalendarDate(): PropertyDecorator {
  return (target, key) => {
    Matches(CALENDAR_DATE, { message: `${String(key)} must be a calendar date (YYYY-MM-DD)` })(target, key);
    IsDateString({ strict: true }, { message: `${String(key)} must be a calendar date (YYYY-MM-DD)` })(target, key);
  };
}

/** A metric of the catalog's per-day kinds; the message lists them all. */
export function IsHealthMetric(): PropertyDecorator {
  return IsIn(HEALTH_METRICS, { message: `metric must be one of: ${HEALTH_METRICS.join(', ')}` });
}

/** A kind of the catalog's non-daily records; the message lists them all. */
export function IsRecordKind(): PropertyDecorator {
  return IsIn(RECORD_KINDS, { message: `kind must be one of: ${RECORD_KINDS.join(', ')}` });
}

/** A page size between 1 and `max`; the message names the limit. */
function IsPageLimit(max: number): PropertyDecorator {
  return (target, key) => {
    IsInt({ message: 'limit must be a whole number' })(target, key);
    Min(1, { message: 'limit must be at least 1' })(target, key);
    Max(max, { message: `limit must be at most ${max}` })(target, key);
  };
}

function IsCursor(): PropertyDecorator {
  return (target, key) => {
    IsString({ message: 'cursor must be a nextCursor of an earlier page' })(target, key);
    MaxLength(DATA_READ_LIMITS.cursorMaxLength, { message: 'cursor must be a nextCursor of an earlier page' })(target, key);
  };
}

export function IsGarminId(name: string): PropertyDecorator {
  return (target, key) => {
    IsInt({ message: `${name} must be a Garmin id (a positive whole number)` })(target, key);
    Min(1, { message: `${name} must be a Garmin id (a positive whole number)` })(target, key);
    Max(Number.MAX_SAFE_INTEGER, { message: `${name} must be a Garmin id (a positive whole number)` })(target, key);
  };
}

/** A range of calendar days; `to` defaults to today (UTC), `from` to the 29 days before `to`. */
export class DayRangeFields {
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @IsOptional()
  @IsCalendarDate()
  to?: string;
}

/** GET /v1/activities (and garmin.rpc.data.activity_list without the user). */
export class ActivityListFields {
  /** First day (the activity's local start day), inclusive; no bound when left out. */
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @IsOptional()
  @IsCalendarDate()
  to?: string;

  /** Garmin's activityType.typeKey. */
  @IsOptional()
  @Matches(/^[a-z0-9_]{1,64}$/, { message: 'type must be a Garmin activity type key (running, strength_training …)' })
  type?: string;

  @IsOptional()
  @IsCursor()
  cursor?: string;

  @IsOptional()
  @IsPageLimit(DATA_READ_LIMITS.activityPageMax)
  limit?: number;

  @IsOptional()
  @IsArray({ message: `fields must be a list of: ${ACTIVITY_LIST_FIELDS.join(', ')}` })
  @ArrayNotEmpty({ message: 'fields must name at least one field (leave it out for the default ones)' })
  @ArrayUnique({ message: 'fields names a field twice' })
  @ArrayMaxSize(ACTIVITY_LIST_FIELDS.length)
  @IsIn(ACTIVITY_LIST_FIELDS, { each: true, message: `each of fields must be one of: ${ACTIVITY_LIST_FIELDS.join(', ')}` })
  fields?: ActivityListField[];
}

export class WorkoutListFields {
  @IsOptional()
  @IsCursor()
  cursor?: string;

  @IsOptional()
  @IsPageLimit(DATA_READ_LIMITS.workoutPageMax)
  limit?: number;
}

/** GET /v1/records/:kind: an item's day within from/to when given (items without a day are then left out). */
export class RecordListFields {
  @IsOptional()
  @IsCursor()
  cursor?: string;

  @IsOptional()
  @IsPageLimit(DATA_READ_LIMITS.recordPageMax)
  limit?: number;

  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @IsOptional()
  @IsCalendarDate()
  to?: string;
}

export class ActivityListRequest extends ActivityListFields {
  @IsUUID()
  userId!: string;
}

export class ActivityGetRequest {
  @IsUUID()
  userId!: string;

  @IsGarminId('activityId')
  activityId!: number;
}

export class HealthMetricRequest extends DayRangeFields {
  @IsUUID()
  userId!: string;

  @IsHealthMetric()
  metric!: HealthMetric;
}

export class HealthDayRequest {
  @IsUUID()
  userId!: string;

  @IsHealthMetric()
  metric!: HealthMetric;

  @IsCalendarDate()
  date!: string;
}

export class HealthOverviewRequest extends DayRangeFields {
  @IsUUID()
  userId!: string;
}

export class WorkoutListRequest extends WorkoutListFields {
  @IsUUID()
  userId!: string;
}

export class WorkoutGetRequest {
  @IsUUID()
  userId!: string;

  @IsGarminId('workoutId')
  workoutId!: number;
}

export class RecordListRequest extends RecordListFields {
  @IsUUID()
  userId!: string;

  @IsRecordKind()
  kind!: RecordKind;
}
