import { ActivityPartKind } from '@fittrack/contracts';
import { ActivitySummary } from '@fittrack/garmin';
import { UpsertSpec } from '@fittrack/persistence';
import { createHash } from 'node:crypto';
import { num } from '../garmin-json';

export const gmtToDate = (gmt: string | undefined) => (gmt ? new Date(`${gmt.replace(' ', 'T')}Z`) : null);

/** An activity's list entry and the columns people query. */
export const SUMMARY: UpsertSpec<{ userId: string; a: ActivitySummary }> = {
  table: 'activities',
  columns: ['user_id', 'activity_id', 'name', 'activity_type', 'start_time_utc', 'start_date_local', 'duration_s', 'distance_m', 'calories', 'average_hr', 'summary'],
  key: ['user_id', 'activity_id'],
  update: ['name', 'activity_type', 'start_time_utc', 'start_date_local', 'duration_s', 'distance_m', 'calories', 'average_hr', 'summary'],
  casts: { summary: 'jsonb' },
  touch: true,
  values: ({ userId, a }) => [
    userId,
    a.activityId,
    a.activityName ?? null,
    a.activityType?.typeKey ?? null,
    gmtToDate(a.startTimeGMT),
    a.startTimeLocal?.slice(0, 10) ?? null,
    num(a.duration),
    num(a.distance),
    num(a['calories']),
    num(a['averageHR']),
    JSON.stringify(a),
  ],
};

/**
 * An activity's detail, and which parts were asked with it (`parts_asked`: a part that had no data has no row,
 * so only this tells a part asked from a part never asked, e.g. before it was selected).
 */
export const DETAIL: UpsertSpec<{ userId: string; a: ActivitySummary; detail: unknown; partsAsked: readonly ActivityPartKind[] }> = {
  table: 'activities',
  columns: ['user_id', 'activity_id', 'summary', 'detail', 'parts_asked'],
  key: ['user_id', 'activity_id'],
  update: ['detail', 'parts_asked'],
  casts: { summary: 'jsonb', detail: 'jsonb', parts_asked: 'text[]' },
  touch: true,
  values: ({ userId, a, detail, partsAsked }) => [userId, a.activityId, JSON.stringify(a), JSON.stringify(detail), [...partsAsked]],
};

export const FILE: UpsertSpec<{ userId: string; activityId: number; format: string; data: Buffer }> = {
  table: 'activity_files',
  columns: ['user_id', 'activity_id', 'file_format', 'data', 'sha256', 'size_bytes'],
  key: ['user_id', 'activity_id'],
  update: ['file_format', 'data', 'sha256', 'size_bytes'],
  values: (f) => [f.userId, f.activityId, f.format, f.data, createHash('sha256').update(f.data).digest('hex'), f.data.length],
};
