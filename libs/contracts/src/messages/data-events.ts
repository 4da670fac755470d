import type { ActivityPartKind, DataKind, HealthMetric, RecordKind } from '../enums/data-kinds';

/**
 * Durable change events: one per stored row that really changed (inserted, or updated with different
 * content), written to the outbox in the transaction that changed the row and published to the
 * GARMIN_DATA JetStream stream with Nats-Msg-Id = `msgId` (natural key + version). They carry the natural
 * key and the headline fields only, never Garmin's JSON: a consumer that needs more reads it from the API.
 */
export interface DataChangeEventBase {
  userId: string;
  /** The data kind of the row (catalog name). */
  kind: DataKind;
  /** Per row: 1 when stored, +1 on every real change; a consumer keeps the highest it has seen. */
  version: number;
  change: 'created' | 'updated';
  /** The sync job whose write it was. */
  jobId: string;
  /** When the row changed (the transaction's time). */
  at: string;
}

export interface ActivityChangedEvent extends DataChangeEventBase {
  kind: 'activities';
  key: { activityId: number };
  name: string | null;
  activityType: string | null;
  startTimeUtc: string | null;
  startDateLocal: string | null;
  durationS: number | null;
  distanceM: number | null;
  calories: number | null;
  averageHr: number | null;
}

/** The activity's original file (its own row, `activity_files`). */
export interface ActivityFileChangedEvent extends DataChangeEventBase {
  kind: 'activities';
  key: { activityId: number };
  format: string;
  sha256: string;
  sizeBytes: number;
}

export interface ActivityPartChangedEvent extends DataChangeEventBase {
  kind: ActivityPartKind;
  key: { activityId: number; part: ActivityPartKind };
}

export interface HealthChangedEvent extends DataChangeEventBase {
  kind: HealthMetric;
  key: { date: string; metric: HealthMetric };
  /** The day's headline value (README, "Stored data"). */
  value: number | null;
}

export interface RecordChangedEvent extends DataChangeEventBase {
  kind: RecordKind;
  key: { kind: RecordKind; recordKey: string };
  recordedOn: string | null;
  value: number | null;
}

export interface WorkoutChangedEvent extends DataChangeEventBase {
  kind: 'workouts';
  key: { workoutId: number };
  name: string | null;
  sportType: string | null;
  garminUpdatedAt: string | null;
}

/** Rows a job changed (= change events it wrote): all of them, per data kind, and activity files apart (not in byKind). */
export interface DataChangeCounts {
  total: number;
  byKind: Partial<Record<DataKind, number>>;
  activityFiles: number;
}
