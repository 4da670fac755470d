import { MigrationInterface, QueryRunner } from 'typeorm';

const DATA_TABLES = ['activities', 'activity_files', 'activity_parts', 'daily_health', 'garmin_records', 'workouts'];
const DATA_EVENTS = `"subject" LIKE 'garmin.events.data.%'`;

/**
 * Change events of stored data: every data row gets a `version` (1 when stored, +1 on each real change),
 * which is its change events' version and, with its natural key, their Nats-Msg-Id. The outbox learns
 * which job wrote an event (the job's counts per kind), and gets one unpublished index per relay: change
 * events and commands are relayed apart, so a backlog of one never slows the other's claim query.
 */
export class DataChangeEvents1765200000000 implements MigrationInterface {
  name = 'DataChangeEvents1765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of DATA_TABLES) await queryRunner.query(`ALTER TABLE "${table}" ADD "version" integer NOT NULL DEFAULT 1`);
    await queryRunner.query(`ALTER TABLE "outbox" ADD "job_id" uuid`);
    await queryRunner.query(`CREATE INDEX "ix_outbox_job_id" ON "outbox" ("job_id") WHERE "job_id" IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "ix_outbox_unpublished_data" ON "outbox" ("id") WHERE "published_at" IS NULL AND ${DATA_EVENTS}`);
    await queryRunner.query(`CREATE INDEX "ix_outbox_unpublished_commands" ON "outbox" ("id") WHERE "published_at" IS NULL AND NOT (${DATA_EVENTS})`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_outbox_unpublished_commands"`);
    await queryRunner.query(`DROP INDEX "ix_outbox_unpublished_data"`);
    await queryRunner.query(`DROP INDEX "ix_outbox_job_id"`);
    await queryRunner.query(`ALTER TABLE "outbox" DROP COLUMN "job_id"`);
    for (const table of DATA_TABLES) await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "version"`);
  }
}
