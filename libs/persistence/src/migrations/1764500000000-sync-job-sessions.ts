import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * "A session has many sync jobs": the API session (the signed-in client) that
 * asked for a job over HTTP. Null for nightly and platform jobs, and once the
 * session row itself is gone (ON DELETE SET NULL: a swept session does not
 * take its user's job history with it). The index serves the jobs list filtered
 * by session and the foreign key's check when a session is deleted.
 */
export class SyncJobSessions1764500000000 implements MigrationInterface {
  name = 'SyncJobSessions1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of UP) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const statement of DOWN) await queryRunner.query(statement);
  }
}

const UP = [
  `ALTER TABLE "sync_jobs" ADD "session_id" uuid`,
  `ALTER TABLE "sync_jobs" ADD CONSTRAINT "fk_sync_jobs_session" FOREIGN KEY ("session_id") REFERENCES "user_sessions"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
  `CREATE INDEX "ix_sync_jobs_session_id" ON "sync_jobs" ("session_id")`,
];

const DOWN = [
  `DROP INDEX "ix_sync_jobs_session_id"`,
  `ALTER TABLE "sync_jobs" DROP CONSTRAINT "fk_sync_jobs_session"`,
  `ALTER TABLE "sync_jobs" DROP COLUMN "session_id"`,
];
