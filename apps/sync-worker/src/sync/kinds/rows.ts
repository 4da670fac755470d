import { DataEventSubject, HealthMetric, RecordKind } from '@fittrack/contracts';
import { UpsertSpec } from '@fittrack/persistence';

/** One per-day metric of one calendar day (the user's Garmin zone): a `daily_health` row. */
export interface DayRow {
  date: string;
  metric: HealthMetric;
  /** The headline figure (README, "Stored data"), null where the day has none. */
  value: number | null;
  /** Garmin's JSON for that day and metric. */
  raw: unknown;
}

/** One item of a kind that is not per day: a `garmin_records` row. */
export interface RecordRow {
  kind: RecordKind;
  /** Garmin's own id for the item. */
  key: string;
  recordedOn: string | null;
  value: number | null;
  raw: unknown;
}

export const DAY_ROW = (userId: string): UpsertSpec<DayRow> => ({
  table: 'daily_health',
  columns: ['user_id', 'calendar_date', 'metric', 'value', 'raw'],
  key: ['user_id', 'calendar_date', 'metric'],
  update: ['value', 'raw'],
  casts: { raw: 'jsonb' },
  touch: true,
  events: { subject: DataEventSubject.Health, kind: { column: 'metric' }, key: { date: 'calendar_date', metric: 'metric' }, headline: { value: 'value' } },
  values: (r) => [userId, r.date, r.metric, r.value, JSON.stringify(r.raw)],
});

export const RECORD_ROW = (userId: string): UpsertSpec<RecordRow> => ({
  table: 'garmin_records',
  columns: ['user_id', 'kind', 'record_key', 'recorded_on', 'value', 'raw'],
  key: ['user_id', 'kind', 'record_key'],
  update: ['recorded_on', 'value', 'raw'],
  casts: { raw: 'jsonb' },
  touch: true,
  events: {
    subject: DataEventSubject.Record,
    kind: { column: 'kind' },
    key: { kind: 'kind', recordKey: 'record_key' },
    headline: { recordedOn: 'recorded_on', value: 'value' },
  },
  values: (r) => [userId, r.kind, r.key, r.recordedOn, r.value, JSON.stringify(r.raw)],
});
