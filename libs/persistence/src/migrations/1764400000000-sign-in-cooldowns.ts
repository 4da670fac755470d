import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in cooldowns per Garmin account. Keyed by the email hash the gateway
 * already uses, because the throttled account may not be linked yet; a linked
 * account is found through the email hash its link was last signed in with.
 * Beside them, the sign-ins under way (one per account at a time), unlogged:
 * a claim lost in a crash only lets the next sign-in in sooner.
 */
export class SignInCooldowns1764400000000 implements MigrationInterface {
  name = 'SignInCooldowns1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of UP) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const statement of DOWN) await queryRunner.query(statement);
  }
}

const UP = [
  `CREATE TABLE "sign_in_cooldowns" (
  "email_hash" character(64) NOT NULL,
  "strikes" smallint NOT NULL,
  "cooldown_until" TIMESTAMP WITH TIME ZONE NOT NULL,
  "reason" text NOT NULL,
  "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
  "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
  CONSTRAINT "ck_sign_in_cooldowns_strikes" CHECK ("strikes" >= 1),
  CONSTRAINT "ck_sign_in_cooldowns_reason" CHECK ("reason" IN ('throttled', 'edge_refused')),
  CONSTRAINT "pk_sign_in_cooldowns" PRIMARY KEY ("email_hash"))`,
  `CREATE UNLOGGED TABLE "sign_ins_under_way" (
  "email_hash" character(64) NOT NULL,
  "until" TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT "pk_sign_ins_under_way" PRIMARY KEY ("email_hash"))`,
  `ALTER TABLE "garmin_authentication_states" ADD "sign_in_email_hash" character(64)`,
  `CREATE INDEX "ix_garmin_authentication_states_sign_in_email_hash" ON "garmin_authentication_states" ("sign_in_email_hash")`,
];

const DOWN = [
  `DROP INDEX "ix_garmin_authentication_states_sign_in_email_hash"`,
  `ALTER TABLE "garmin_authentication_states" DROP COLUMN "sign_in_email_hash"`,
  `DROP TABLE "sign_ins_under_way"`,
  `DROP TABLE "sign_in_cooldowns"`,
];
