import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What is synced and what Garmin no longer keeps: a user's selection of data kinds (overriding the
 * deployment's default), the selection each job was made with, what is known of each kind per user (their
 * devices produce it, or not), and the queue of archived days to reload with its per-account daily budget.
 */
export class SelectionArchive1765100000000 implements MigrationInterface {
  name = 'SelectionArchive1765100000000';

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
  `ALTER TABLE "sync_jobs" ADD "selection" text[]`,
  `ALTER TABLE "sync_jobs" ADD "archive" jsonb`,

  `CREATE TABLE "sync_selections" (
  "user_id" uuid NOT NULL,
  "kinds" text[] NOT NULL,
  ${STAMPS},
  CONSTRAINT "ck_sync_selections_kinds" CHECK (cardinality("kinds") > 0),
  CONSTRAINT "pk_sync_selections" PRIMARY KEY ("user_id"),
  CONSTRAINT "fk_sync_selections_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE)`,

  `CREATE TABLE "kind_availability" (
  "user_id" uuid NOT NULL,
  "kind" text NOT NULL,
  "state" text NOT NULL,
  "learned_at" TIMESTAMP WITH TIME ZONE NOT NULL,
  "device_ids" text[] NOT NULL DEFAULT '{}',
  "job_id" uuid,
  ${STAMPS},
  CONSTRAINT "ck_kind_availability_state" CHECK ("state" IN ('produces', 'absent')),
  CONSTRAINT "pk_kind_availability" PRIMARY KEY ("user_id", "kind"),
  CONSTRAINT "fk_kind_availability_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE)`,

  `CREATE TABLE "archive_reloads" (
  "user_id" uuid NOT NULL,
  "calendar_date" date NOT NULL,
  "status" text NOT NULL DEFAULT 'queued',
  "queued_by_job" uuid,
  "requested_at" TIMESTAMP WITH TIME ZONE,
  "requested_by_job" uuid,
  "accepted" boolean,
  "done_at" TIMESTAMP WITH TIME ZONE,
  ${STAMPS},
  CONSTRAINT "ck_archive_reloads_status" CHECK ("status" IN ('queued', 'requested', 'done')),
  CONSTRAINT "pk_archive_reloads" PRIMARY KEY ("user_id", "calendar_date"),
  CONSTRAINT "fk_archive_reloads_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE)`,
  `CREATE INDEX "ix_archive_reloads_status" ON "archive_reloads" ("user_id", "status", "calendar_date" DESC)`,

  `CREATE TABLE "archive_reload_days" (
  "user_id" uuid NOT NULL,
  "utc_day" date NOT NULL,
  "used" integer NOT NULL DEFAULT 0,
  "exhausted" boolean NOT NULL DEFAULT false,
  ${STAMPS},
  CONSTRAINT "ck_archive_reload_days_used" CHECK ("used" >= 0),
  CONSTRAINT "pk_archive_reload_days" PRIMARY KEY ("user_id", "utc_day"),
  CONSTRAINT "fk_archive_reload_days_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE)`,
];

const DOWN = [
  `DROP TABLE "archive_reload_days"`,
  `DROP TABLE "archive_reloads"`,
  `DROP TABLE "kind_availability"`,
  `DROP TABLE "sync_selections"`,
  `ALTER TABLE "sync_jobs" DROP COLUMN "archive"`,
  `ALTER TABLE "sync_jobs" DROP COLUMN "selection"`,
];
