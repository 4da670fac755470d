import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every kind of data people sync (libs/contracts data-kinds.ts). Per-day metrics stay in `daily_health`
 * (its CHECK now lists them all); what is not per day gets `garmin_records` (one row per item: a weigh-in,
 * a device, a personal record); what belongs to one activity gets `activity_parts`. The new `profile`
 * SyncKind is allowed wherever kinds are checked.
 */
export class DataKinds1765000000000 implements MigrationInterface {
  name = 'DataKinds1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of UP) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const statement of DOWN) await queryRunner.query(statement);
  }
}

const STAMPS = `"created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
  "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`;

const METRICS = [
  'summary', 'sleep', 'heart_rate', 'hrv', 'stress', 'body_battery', 'body_battery_events', 'steps', 'steps_intraday',
  'floors', 'intensity_minutes', 'respiration', 'spo2', 'hydration', 'blood_pressure', 'lifestyle', 'weight',
  'training_readiness', 'training_readiness_morning', 'training_status', 'vo2max', 'race_predictions',
  'endurance_score', 'hill_score', 'fitness_age',
];
const OLD_METRICS = ['summary', 'sleep', 'heart_rate', 'hrv', 'stress', 'body_battery', 'steps', 'weight'];
const RECORDS = ['body_composition', 'devices', 'gear', 'personal_records', 'heart_rate_zones', 'lactate_threshold', 'ftp', 'scheduled_workouts', 'training_plans'];
const PARTS = ['activity_zones', 'activity_splits', 'activity_exercise_sets', 'activity_weather'];
const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

const UP = [
  `ALTER TABLE "daily_health" DROP CONSTRAINT "ck_daily_health_metric"`,
  `ALTER TABLE "daily_health" ADD CONSTRAINT "ck_daily_health_metric" CHECK ("metric" IN (${list(METRICS)}))`,
  `ALTER TABLE "sync_cursors" DROP CONSTRAINT "ck_sync_cursors_kind"`,
  `ALTER TABLE "sync_cursors" ADD CONSTRAINT "ck_sync_cursors_kind" CHECK ("kind" IN ('activities', 'health', 'workouts', 'profile'))`,
  `ALTER TABLE "sync_jobs" DROP CONSTRAINT "ck_sync_jobs_sync_type"`,
  `ALTER TABLE "sync_jobs" ADD CONSTRAINT "ck_sync_jobs_sync_type" CHECK ("sync_type" IN ('activities', 'health', 'workouts', 'profile', 'all'))`,

  `CREATE TABLE "garmin_records" (
  "user_id" uuid NOT NULL,
  "kind" text NOT NULL,
  "record_key" text NOT NULL,
  "recorded_on" date,
  "value" double precision,
  "raw" jsonb NOT NULL,
  ${STAMPS},
  CONSTRAINT "ck_garmin_records_kind" CHECK ("kind" IN (${list(RECORDS)})),
  CONSTRAINT "pk_garmin_records" PRIMARY KEY ("user_id", "kind", "record_key"),
  CONSTRAINT "fk_garmin_records_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE)`,
  `CREATE INDEX "ix_garmin_records_recorded_on" ON "garmin_records" ("user_id", "kind", "recorded_on")`,

  `CREATE TABLE "activity_parts" (
  "user_id" uuid NOT NULL,
  "activity_id" bigint NOT NULL,
  "part" text NOT NULL,
  "raw" jsonb NOT NULL,
  ${STAMPS},
  CONSTRAINT "ck_activity_parts_part" CHECK ("part" IN (${list(PARTS)})),
  CONSTRAINT "pk_activity_parts" PRIMARY KEY ("user_id", "activity_id", "part"),
  CONSTRAINT "fk_activity_parts_activity" FOREIGN KEY ("user_id", "activity_id")
    REFERENCES "activities"("user_id", "activity_id") ON DELETE CASCADE)`,
];

const DOWN = [
  `DROP TABLE "activity_parts"`,
  `DROP TABLE "garmin_records"`,
  `DELETE FROM "sync_jobs" WHERE "sync_type" = 'profile'`,
  `ALTER TABLE "sync_jobs" DROP CONSTRAINT "ck_sync_jobs_sync_type"`,
  `ALTER TABLE "sync_jobs" ADD CONSTRAINT "ck_sync_jobs_sync_type" CHECK ("sync_type" IN ('activities', 'health', 'workouts', 'all'))`,
  `DELETE FROM "sync_cursors" WHERE "kind" = 'profile'`,
  `ALTER TABLE "sync_cursors" DROP CONSTRAINT "ck_sync_cursors_kind"`,
  `ALTER TABLE "sync_cursors" ADD CONSTRAINT "ck_sync_cursors_kind" CHECK ("kind" IN ('activities', 'health', 'workouts'))`,
  `DELETE FROM "daily_health" WHERE "metric" NOT IN (${list(OLD_METRICS)})`,
  `ALTER TABLE "daily_health" DROP CONSTRAINT "ck_daily_health_metric"`,
  `ALTER TABLE "daily_health" ADD CONSTRAINT "ck_daily_health_metric" CHECK ("metric" IN (${list(OLD_METRICS)}))`,
];
