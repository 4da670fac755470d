import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A job that waits for its user's lease costs nothing while it waits.
 * - `waiting_since`: a worker found the user's lease held by another job, so
 *   it parked this one (the command is settled, none is in flight) instead of
 *   handing it back every few seconds. The worker that releases the lease wakes
 *   the oldest parked job of that user; the reconciler wakes any left parked
 *   behind a lease that is gone.
 * - `redrive_count`: how often the job's command was published again (a wake
 *   or a re-drive). It makes each new command's Nats-Msg-Id distinct from the
 *   last, so JetStream's duplicate window does not drop it.
 * The partial index finds a user's parked jobs, oldest first.
 */
export class SyncJobWaiting1764600000000 implements MigrationInterface {
  name = 'SyncJobWaiting1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of UP) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const statement of DOWN) await queryRunner.query(statement);
  }
}

const UP = [
  `ALTER TABLE "sync_jobs" ADD "waiting_since" TIMESTAMP WITH TIME ZONE`,
  `ALTER TABLE "sync_jobs" ADD "redrive_count" integer NOT NULL DEFAULT 0`,
  `CREATE INDEX "ix_sync_jobs_waiting" ON "sync_jobs" ("user_id", "created_at") WHERE "waiting_since" IS NOT NULL AND "status" IN ('pending', 'running')`,
];

const DOWN = [`DROP INDEX "ix_sync_jobs_waiting"`, `ALTER TABLE "sync_jobs" DROP COLUMN "redrive_count"`, `ALTER TABLE "sync_jobs" DROP COLUMN "waiting_since"`];
