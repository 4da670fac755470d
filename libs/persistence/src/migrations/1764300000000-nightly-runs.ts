import { MigrationInterface, QueryRunner } from 'typeorm';

/** The nightly run's record: one scheduled run per calendar day, what it enqueued and skipped. */
export class NightlyRuns1764300000000 implements MigrationInterface {
  name = 'NightlyRuns1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of UP) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const statement of DOWN) await queryRunner.query(statement);
  }
}

const UP = [
  `CREATE TABLE "nightly_runs" (
  "id" uuid NOT NULL DEFAULT gen_random_uuid(),
  "run_date" date NOT NULL,
  "trigger" text NOT NULL,
  "started_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
  "finished_at" TIMESTAMP WITH TIME ZONE,
  "users_enqueued" integer NOT NULL DEFAULT '0',
  "users_already_queued" integer NOT NULL DEFAULT '0',
  "skipped" jsonb NOT NULL DEFAULT '{}',
  "refreshes_requested" integer NOT NULL DEFAULT '0',
  "error" text,
  CONSTRAINT "ck_nightly_runs_trigger" CHECK ("trigger" IN ('schedule', 'operator')),
  CONSTRAINT "pk_nightly_runs" PRIMARY KEY ("id"))`,
  // The scheduled run of a day happens once, whichever replica fires first.
  `CREATE UNIQUE INDEX "uq_nightly_runs_scheduled_date" ON "nightly_runs" ("run_date") WHERE "trigger" = 'schedule'`,
  `CREATE INDEX "ix_nightly_runs_started" ON "nightly_runs" ("started_at")`,
];

const DOWN = [`DROP TABLE "nightly_runs"`];
