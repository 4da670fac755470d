import type { HealthMetric, RecordKind } from '../enums/data-kinds';

/**
 * What the read API answers (GET /v1/activities, /v1/health, /v1/workouts, /v1/records and the
 * garmin.rpc.data.* subjects): the stored rows as a caller sees them, Garmin's JSON as stored, and no
 * internal column (lease, hashes, what the sync asked Garmin for).
 */

/** The fields of an activity in a list; `fields` picks among them (`id` is always there). */
export const ACTIVITY_LIST_FIELDS = ['id', 'name', 'type', 'startTime', 'startDateLocal', 'durationS', 'distanceM', 'calories', 'averageHr', 'summary'] as const;
export type ActivityListField = (typeof ACTIVITY_LIST_FIELDS)[number];
/** Without `fields`: every field but Garmin's list entry (`summary`), which is large. */
export const ACTIVITY_DEFAULT_FIELDS: readonly ActivityListField[] = ACTIVITY_LIST_FIELDS.filter((field) => field !== 'summary');

export interface ActivityListItem {
  /** Garmin's activity id. */
  id: number;
  name: string | null;
  /** Garmin's activityType.typeKey (running, strength_training …). */
  type: string | null;
  /** ISO instant (UTC). */
  startTime: string | null;
  /** The day it started, in the user's time zone then (YYYY-MM-DD). */
  startDateLocal: string | null;
  durationS: number | null;
  distanceM: number | null;
  calories: number | null;
  averageHr: number | null;
  /** Garmin's list entry, as stored. */
  summary: Record<string, unknown>;
}

/** A page of a list, newest first; `nextCursor` is null on the last page. */
export interface ReadPage<T> {
  items: T[];
  nextCursor: string | null;
}

export type ActivityPage = ReadPage<Partial<ActivityListItem> & { id: number }>;

export interface ActivityDetailView extends ActivityListItem {
  /** Garmin's activity detail, as stored (null until the sync fetched it). */
  detail: Record<string, unknown> | null;
  /** The parts Garmin serves apart (splits, zones, weather, exercise sets): Garmin's JSON by part, only those stored. */
  parts: Partial<Record<string, unknown>>;
  /** When the sync last stored a change of it (ISO instant). */
  syncedAt: string;
}

/** One day of a metric: its headline value (README, "Stored data"). */
export interface HealthDayValue {
  date: string;
  value: number | null;
  /** In a range read of a metric with parts (HEALTH_METRIC_PARTS, e.g. sleep's stages): each, null when Garmin gave none. */
  parts?: Record<string, number | null>;
}

export interface HealthMetricView {
  metric: HealthMetric;
  from: string;
  to: string;
  /** Only the days with a stored row, oldest first. */
  days: HealthDayValue[];
}

/** One day of a metric in full: Garmin's JSON (with its intraday series) as stored. */
export interface HealthDayView extends HealthDayValue {
  metric: HealthMetric;
  raw: unknown;
  syncedAt: string;
}

/** Every metric's headline value of one day; a metric with no row that day is absent. */
export interface HealthOverviewDay {
  date: string;
  values: Partial<Record<HealthMetric, number | null>>;
}

export interface HealthOverviewView {
  from: string;
  to: string;
  days: HealthOverviewDay[];
}

export interface WorkoutListItem {
  id: number;
  name: string | null;
  sportType: string | null;
  /** Garmin's updateDate (ISO instant). */
  updatedAt: string | null;
}

export type WorkoutPage = ReadPage<WorkoutListItem>;

export interface WorkoutDetailView extends WorkoutListItem {
  summary: Record<string, unknown>;
  detail: Record<string, unknown> | null;
  syncedAt: string;
}

/** One item of a non-daily kind (a device, a piece of gear, a personal record …). */
export interface RecordItem {
  /** Garmin's own id for the item. */
  key: string;
  /** The item's calendar day where it has one. */
  recordedOn: string | null;
  value: number | null;
  raw: unknown;
  syncedAt: string;
}

export interface RecordPage extends ReadPage<RecordItem> {
  kind: RecordKind;
}
