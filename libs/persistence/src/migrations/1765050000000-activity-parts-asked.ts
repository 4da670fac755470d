import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which activity parts were asked with an activity's stored detail. A part Garmin has no data for (no
 * weather indoors, no laps) stores no row, so without this an activity could not tell "asked, none" from
 * "never asked" (a part selected after it was synced) and would either be fetched again on every sync or
 * never get the newly selected part. Activities stored before have asked none: each is fetched once more.
 */
export class ActivityPartsAsked1765050000000 implements MigrationInterface {
  name = 'ActivityPartsAsked1765050000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "activities" ADD "parts_asked" text array NOT NULL DEFAULT '{}'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "activities" DROP COLUMN "parts_asked"`);
  }
}
