import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The read API lists a user's activities newest first (GET /v1/activities, garmin.rpc.data.activity_list),
 * walking pages by (start time, activity id): this index is that order, so each page is an index range
 * read, with no sort of the user's whole history.
 */
export class ActivityReadIndex1765400000000 implements MigrationInterface {
  name = 'ActivityReadIndex1765400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_activities_user_newest" ON "activities" ("user_id", "start_time_utc" DESC NULLS LAST, "activity_id" DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_activities_user_newest"`);
  }
}
