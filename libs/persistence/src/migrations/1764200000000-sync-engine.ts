import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The sync engine: what a job asks for and how far it got, the transactional
 * outbox, per-user leases, per-kind cursors, the shared upstream budget, and
 * the data itself, each item unique on Garmin's natural key with its raw JSON.
 */
export class SyncEngine1764200000000 implements MigrationInterface {
  name = 'SyncEngine1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of UP) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const statement of DOWN) await queryRunner.query(statement);
  }
}

const STAMPS = `"created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
  "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`;

const UP = [
  // Existing jobs were all-kinds jobs; new rows always say what they ask for.
  `ALTER TABLE "sync_jobs"
     ADD "kinds" text[] NOT NULL DEFAULT '{activities,health,workouts}',
     ADD "by_kind" jsonb NOT NULL DEFAULT '{}',
     ADD "current_kind" text,
     ADD "dedupe_key" text,
     ADD "not_before" TIMESTAMP WITH TIME ZONE,
     ADD "error_code" text`,
  `ALTER TABLE "sync_jobs" ALTER "kinds" DROP DEFAULT, ALTER "by_kind" DROP DEFAULT`,
  // One pending-or-running job per user and request shape: asking again finds it.
  `CREATE UNIQUE INDEX "uq_sync_jobs_active_request" ON "sync_jobs" ("user_id", "dedupe_key")
     WHERE "status" IN ('pending', 'running')`,

  `CREATE TABLE "outbox" (
  "id" BIGSERIAL NOT NULL,
  "subject" text NOT NULL,
  "msg_id" text NOT NULL,
  "payload" jsonb NOT NULL,
  "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
  "published_at" TIMESTAMP WITH TIME ZONE,
  CONSTRAINT "pk_outbox" PRIMARY KEY ("id"))`,
  `CREATE INDEX "ix_outbox_unpublished" ON "outbox" ("id") WHERE "published_at" IS NULL`,

  `CREATE TABLE "sync_leases" (
  "user_id" uuid NOT NULL,
  "job_id" uuid NOT NULL,
  "holder" text NOT NULL,
  "fence" bigint NOT NULL,
  "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT "pk_sync_leases" PRIMARY KEY ("user_id"),
  CONSTRAINT "fk_sync_leases_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE)`,

  `CREATE TABLE "sync_cursors" (
  "user_id" uuid NOT NULL,
  "kind" text NOT NULL,
  "synced_through" date,
  "newest_item_at" TIMESTAMP WITH TIME ZONE,
  "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
  CONSTRAINT "ck_sync_cursors_kind" CHECK ("kind" IN ('activities', 'health', 'workouts')),
  CONSTRAINT "pk_sync_cursors" PRIMARY KEY ("user_id", "kind"),
  CONSTRAINT "fk_sync_cursors_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE)`,

  // Unlogged like the abuse counters: a lost budget after a crash only means a moment without pacing.
  `CREATE UNLOGGED TABLE "upstream_budgets" (
  "key" text NOT NULL,
  "next_free_at" TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT "pk_upstream_budgets" PRIMARY KEY ("key"))`,

  `CREATE TABLE "activities" (
  "user_id" uuid NOT NULL,
  "activity_id" bigint NOT NULL,
  "name" text,
  "activity_type" text,
  "start_time_utc" TIMESTAMP WITH TIME ZONE,
  "start_date_local" date,
  "duration_s" double precision,
  "distance_m" double precision,
  "calories" double precision,
  "average_hr" double precision,
  "summary" jsonb NOT NULL,
  "detail" jsonb,
  ${STAMPS},
  CONSTRAINT "pk_activities" PRIMARY KEY ("user_id", "activity_id"),
  CONSTRAINT "fk_activities_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE)`,
  `CREATE INDEX "ix_activities_user_start" ON "activities" ("user_id", "start_time_utc")`,

  `CREATE TABLE "activity_files" (
  "user_id" uuid NOT NULL,
  "activity_id" bigint NOT NULL,
  "file_format" text NOT NULL,
  "data" bytea NOT NULL,
  "sha256" character(64) NOT NULL,
  "size_bytes" integer NOT NULL,
  "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
  CONSTRAINT "pk_activity_files" PRIMARY KEY ("user_id", "activity_id"),
  CONSTRAINT "fk_activity_files_activity" FOREIGN KEY ("user_id", "activity_id")
    REFERENCES "activities"("user_id", "activity_id") ON DELETE CASCADE)`,

  `CREATE TABLE "daily_health" (
  "user_id" uuid NOT NULL,
  "calendar_date" date NOT NULL,
  "metric" text NOT NULL,
  "value" double precision,
  "raw" jsonb NOT NULL,
  ${STAMPS},
  CONSTRAINT "ck_daily_health_metric"
    CHECK ("metric" IN ('summary', 'sleep', 'heart_rate', 'hrv', 'stress', 'body_battery', 'steps', 'weight')),
  CONSTRAINT "pk_daily_health" PRIMARY KEY ("user_id", "calendar_date", "metric"),
  CONSTRAINT "fk_daily_health_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE)`,

  `CREATE TABLE "workouts" (
  "user_id" uuid NOT NULL,
  "workout_id" bigint NOT NULL,
  "name" text,
  "sport_type" text,
  "garmin_updated_at" TIMESTAMP WITH TIME ZONE,
  "summary" jsonb NOT NULL,
  "detail" jsonb,
  ${STAMPS},
  CONSTRAINT "pk_workouts" PRIMARY KEY ("user_id", "workout_id"),
  CONSTRAINT "fk_workouts_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE)`,
];

const DOWN = [
  `DROP TABLE "workouts"`,
  `DROP TABLE "daily_health"`,
  `DROP TABLE "activity_files"`,
  `DROP TABLE "activities"`,
  `DROP TABLE "upstream_budgets"`,
  `DROP TABLE "sync_cursors"`,
  `DROP TABLE "sync_leases"`,
  `DROP TABLE "outbox"`,
  `DROP INDEX "uq_sync_jobs_active_request"`,
  `ALTER TABLE "sync_jobs" DROP COLUMN "error_code", DROP COLUMN "not_before", DROP COLUMN "dedupe_key",
     DROP COLUMN "current_kind", DROP COLUMN "by_kind", DROP COLUMN "kinds"`,
];
