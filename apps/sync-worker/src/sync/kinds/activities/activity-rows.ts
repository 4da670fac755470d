import { ActivityPartKind, DataEventSubject } from '@fittrack/contracts';
import { ActivitySummary } from '@fittrack/garmin';
import { ChangeEventSpec, UpsertSpec } from '@fittrack/persistence';
import { createHash } from 'node:crypto';
import { num } from '../garmin-json';

export const gmtToDate = (gmt: string | undefined) => (gmt ? new Date(`${gmt.replace(' ', 'T')}Z`) : null);

const SUMMARY_COLUMNS = ['name', 'activity_type', 'start_time_utc', 'start_date_local', 'duration_s', 'distance_m', 'calories', 'average_hr', 'summary'];

const summaryValues = (a: ActivitySummary) => [
  a.activityName ?? null,
  a.activityType?.typeKey ?? null,
  gmtToDate(a.startTimeGMT),
  a.startTimeLocal?.slice(0, 10) ?? null,
  num(a.duration),
  num(a.distance),
  num(a['calories']),
  num(a['averageHR']),
  JSON.stringify(a),
];

const ACTIVITY_EVENTS: ChangeEventSpec = {
  subject: DataEventSubject.Activity,
  kind: { literal: 'activities' },
  key: { activityId: 'activity_id' },
  headline: {
    name: 'name',
    activityType: 'activity_type',
    startTimeUtc: 'start_time_utc',
    startDateLocal: 'start_date_local',
    durationS: 'duration_s',
    distanceM: 'distance_m',
    calories: 'calories',
    averageHr: 'average_hr',
  },
};

/** An activity's list entry and the columns people query (an entry whose activity needs nothing fetched). */
export const SUMMARY: UpsertSpec<{ userId: string; a: ActivitySummary }> = {
  table: 'activities',
  columns: ['user_id', 'activity_id', ...SUMMARY_COLUMNS],
  key: ['user_id', 'activity_id'],
  update: SUMMARY_COLUMNS,
  casts: { summary: 'jsonb' },
  touch: true,
  events: ACTIVITY_EVENTS,
  values: ({ userId, a }) => [userId, a.activityId, ...summaryValues(a)],
};

/**
 * An activity with its detail, and which parts were asked with it (`parts_asked`: a part that had no data has no
 * row, so only this tells a part asked from a part never asked, e.g. before it was selected). One statement for
 * entry and detail, so a new or edited activity is one change (one version, one event), not two.
 */
export const ACTIVITY: UpsertSpec<{ userId: string; a: ActivitySummary; detail: unknown; partsAsked: readonly ActivityPartKind[] }> = {
  table: 'activities',
  columns: ['user_id', 'activity_id', ...SUMMARY_COLUMNS, 'detail', 'parts_asked'],
  key: ['user_id', 'activity_id'],
  update: [...SUMMARY_COLUMNS, 'detail', 'parts_asked'],
  casts: { summary: 'jsonb', detail: 'jsonb', parts_asked: 'text[]' },
  touch: true,
  events: ACTIVITY_EVENTS,
  values: ({ userId, a, detail, partsAsked }) => [userId, a.activityId, ...summaryValues(a), JSON.stringify(detail), [...partsAsked]],
};

export const FILE: UpsertSpec<{ userId: string; activityId: number; format: string; data: Buffer }> = {
  table: 'activity_files',
  columns: ['user_id', 'activity_id', 'file_format', 'data', 'sha256', 'size_bytes'],
  key: ['user_id', 'activity_id'],
  update: ['file_format', 'data', 'sha256', 'size_bytes'],
  events: {
    subject: DataEventSubject.ActivityFile,
    kind: { literal: 'activities' },
    key: { activityId: 'activity_id' },
    headline: { format: 'file_format', sha256: 'sha256', sizeBytes: 'size_bytes' },
  },
  values: (f) => [f.userId, f.activityId, f.format, f.data, createHash('sha256').update(f.data).digest('hex'), f.data.length],
};
