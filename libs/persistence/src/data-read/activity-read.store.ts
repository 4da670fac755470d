import { ActivityPartKind } from '@fittrack/contracts';
import { EntityManager } from 'typeorm';

/** An activity row as the read API shows it (no internal column: parts_asked, created_at). */
export interface ActivityReadRow {
  activityId: number;
  name: string | null;
  activityType: string | null;
  /** ISO instant with microseconds, exact enough to be a keyset position. */
  startTime: string | null;
  startDateLocal: string | null;
  durationS: number | null;
  distanceM: number | null;
  calories: number | null;
  averageHr: number | null;
  summary?: Record<string, unknown>;
  detail?: Record<string, unknown> | null;
  updatedAt?: Date;
}

/** Where a page ended: the last activity's start and id (newest first, activities without a start last). */
export interface ActivityPosition {
  startTime: string | null;
  activityId: number;
}

export interface ActivityListQuery {
  userId: string;
  from?: string;
  to?: string;
  type?: string;
  after?: ActivityPosition;
  limit: number;
  withSummary: boolean;
}

const START_TIME = `to_char(start_time_utc AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
const COLUMNS = `activity_id::text AS "activityId", name, activity_type AS "activityType", ${START_TIME} AS "startTime",
  start_date_local::text AS "startDateLocal", duration_s AS "durationS", distance_m AS "distanceM", calories, average_hr AS "averageHr"`;

/**
 * The stored activities of a user, read for the API. A list is a keyset walk over
 * ix_activities_user_newest (start time, then id, newest first), so a page costs the same wherever it is.
 */
export class ActivityReadStore {
  /**
   * The time zone the user's watch was in for their newest activity with its detail (Garmin's
   * `timeZoneUnitDTO.timeZone`, e.g. "Europe/Berlin"), or null before any: the zone to show their times in.
   */
  async garminTimeZone(manager: EntityManager, userId: string): Promise<string | null> {
    const [row]: { zone: string | null }[] = await manager.query(
      `SELECT detail->'timeZoneUnitDTO'->>'timeZone' AS zone FROM activities
        WHERE user_id = $1 AND detail->'timeZoneUnitDTO'->>'timeZone' IS NOT NULL
        ORDER BY start_time_utc DESC NULLS LAST, activity_id DESC LIMIT 1`,
      [userId],
    );
    return row?.zone ?? null;
  }

  async list(manager: EntityManager, query: ActivityListQuery): Promise<ActivityReadRow[]> {
    const params: unknown[] = [query.userId];
    const where = ['user_id = $1'];
    const param = (value: unknown) => `$${params.push(value)}`;
    if (query.from) where.push(`start_date_local >= ${param(query.from)}::date`);
    if (query.to) where.push(`start_date_local <= ${param(query.to)}::date`);
    if (query.type) where.push(`activity_type = ${param(query.type)}`);
    if (query.after) where.push(afterPosition(query.after, param));
    const rows: ActivityReadRow[] = await manager.query(
      `SELECT ${COLUMNS}${query.withSummary ? ', summary' : ''} FROM activities WHERE ${where.join(' AND ')}
       ORDER BY start_time_utc DESC NULLS LAST, activity_id DESC LIMIT ${param(query.limit)}`,
      params,
    );
    return rows.map(withNumericId);
  }

  async one(manager: EntityManager, userId: string, activityId: number): Promise<ActivityReadRow | null> {
    const [row]: ActivityReadRow[] = await manager.query(
      `SELECT ${COLUMNS}, summary, detail, updated_at AS "updatedAt" FROM activities WHERE user_id = $1 AND activity_id = $2`,
      [userId, activityId],
    );
    return row ? withNumericId(row) : null;
  }

  /** The stored parts of one activity, in the catalog's order of names. */
  async parts(manager: EntityManager, userId: string, activityId: number): Promise<{ part: ActivityPartKind; raw: unknown }[]> {
    return manager.query(`SELECT part, raw FROM activity_parts WHERE user_id = $1 AND activity_id = $2 ORDER BY part`, [userId, activityId]);
  }
}

function afterPosition(after: ActivityPosition, param: (value: unknown) => string): string {
  if (after.startTime === null) return `(start_time_utc IS NULL AND activity_id < ${param(after.activityId)})`;
  const start = param(after.startTime);
  return `(start_time_utc < ${start}::timestamptz OR (start_time_utc = ${start}::timestamptz AND activity_id < ${param(after.activityId)}) OR start_time_utc IS NULL)`;
}

function withNumericId(row: ActivityReadRow): ActivityReadRow {
  return { ...row, activityId: Number(row.activityId) };
}
