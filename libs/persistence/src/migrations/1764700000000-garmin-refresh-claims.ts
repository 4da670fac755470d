import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A Garmin token refresh without a long transaction, and throttling that a link remembers.
 * - `refresh_claimed_by` / `refresh_claim_expires_at`: the worker that is refreshing the session now
 *   (one conditional UPDATE takes it), so the others wait for its result instead of each spending a
 *   refresh token; a claim whose holder died lapses at its expiry and can be taken.
 * - `throttle_strikes`: consecutive job attempts that Garmin throttled; after a few the link is
 *   `cooling_down`, and the next completed job puts it back to zero (and `active`).
 */
export class GarminRefreshClaims1764700000000 implements MigrationInterface {
  name = 'GarminRefreshClaims1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of UP) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const statement of DOWN) await queryRunner.query(statement);
  }
}

const UP = [
  `ALTER TABLE "garmin_authentication_states" ADD "refresh_claimed_by" text`,
  `ALTER TABLE "garmin_authentication_states" ADD "refresh_claim_expires_at" TIMESTAMP WITH TIME ZONE`,
  `ALTER TABLE "garmin_authentication_states" ADD "throttle_strikes" integer NOT NULL DEFAULT 0`,
];

const DOWN = [
  `ALTER TABLE "garmin_authentication_states" DROP COLUMN "throttle_strikes"`,
  `ALTER TABLE "garmin_authentication_states" DROP COLUMN "refresh_claim_expires_at"`,
  `ALTER TABLE "garmin_authentication_states" DROP COLUMN "refresh_claimed_by"`,
];
