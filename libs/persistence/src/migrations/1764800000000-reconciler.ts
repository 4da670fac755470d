import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the reconciler needs to tell a live job or nightly run from a dead one.
 * - `nightly_runs.claimed_by` / `claimed_until`: the replica running a nightly run renews its claim while it
 *   runs; an unfinished run whose claim expired lost its replica and is taken over by another. Runs that were
 *   unfinished before this migration get an expired claim, so the reconciler finishes them too (if recent).
 * - `nightly_runs.takeovers`: how often another replica took the run over (shown by nightly status).
 * - `ix_outbox_msg_id`: the reconciler asks whether a job's latest command is still unpublished or recent,
 *   by its Nats-Msg-Id.
 */
export class Reconciler1764800000000 implements MigrationInterface {
  name = 'Reconciler1764800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of UP) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const statement of DOWN) await queryRunner.query(statement);
  }
}

const UP = [
  `ALTER TABLE "nightly_runs" ADD "claimed_by" text, ADD "claimed_until" TIMESTAMP WITH TIME ZONE, ADD "takeovers" integer NOT NULL DEFAULT 0`,
  `UPDATE "nightly_runs" SET "claimed_until" = "started_at" WHERE "finished_at" IS NULL`,
  `CREATE INDEX "ix_nightly_runs_unfinished" ON "nightly_runs" ("claimed_until") WHERE "finished_at" IS NULL`,
  `CREATE INDEX "ix_outbox_msg_id" ON "outbox" ("msg_id")`,
];

const DOWN = [
  `DROP INDEX "ix_outbox_msg_id"`,
  `DROP INDEX "ix_nightly_runs_unfinished"`,
  `ALTER TABLE "nightly_runs" DROP COLUMN "takeovers", DROP COLUMN "claimed_until", DROP COLUMN "claimed_by"`,
];
