import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the auth gateway needs so that any replica can serve any request:
 * pending MFA sign-ins (encrypted), abuse-limit counters, and the refresh tokens
 * already rotated away (presenting one again revokes its session).
 */
export class SignInState1764100000000 implements MigrationInterface {
  name = 'SignInState1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of UP) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const statement of DOWN) await queryRunner.query(statement);
  }
}

const UP = [
  `CREATE TABLE "pending_sign_ins" (
  "id" uuid NOT NULL,
  "encrypted_state" text NOT NULL,
  "key_id" text NOT NULL,
  "method" text NOT NULL,
  "email_hash" character(64) NOT NULL,
  "attempts_left" smallint NOT NULL,
  "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
  "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
  CONSTRAINT "ck_pending_sign_ins_attempts_left" CHECK ("attempts_left" >= 0),
  CONSTRAINT "pk_pending_sign_ins" PRIMARY KEY ("id"))`,
  `CREATE INDEX "ix_pending_sign_ins_expires_at" ON "pending_sign_ins" ("expires_at")`,

  // Unlogged: counters are hot, short-lived and worth nothing after a crash
  // (losing them resets a window early, which only ever errs towards letting a user in).
  `CREATE UNLOGGED TABLE "rate_limit_counters" (
  "bucket" text NOT NULL,
  "window_start" TIMESTAMP WITH TIME ZONE NOT NULL,
  "hits" integer NOT NULL,
  "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT "pk_rate_limit_counters" PRIMARY KEY ("bucket"))`,
  `CREATE INDEX "ix_rate_limit_counters_expires_at" ON "rate_limit_counters" ("expires_at")`,

  `CREATE TABLE "rotated_refresh_tokens" (
  "token_hash" character(64) NOT NULL,
  "session_id" uuid NOT NULL,
  "rotated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
  CONSTRAINT "pk_rotated_refresh_tokens" PRIMARY KEY ("token_hash"),
  CONSTRAINT "fk_rotated_refresh_tokens_session" FOREIGN KEY ("session_id") REFERENCES "user_sessions"("id") ON DELETE CASCADE)`,
  `CREATE INDEX "ix_rotated_refresh_tokens_session_id" ON "rotated_refresh_tokens" ("session_id")`,

  `ALTER TABLE "user_sessions" ADD "user_agent" text`,
];

const DOWN = [
  `ALTER TABLE "user_sessions" DROP COLUMN "user_agent"`,
  `DROP TABLE "rotated_refresh_tokens"`,
  `DROP TABLE "rate_limit_counters"`,
  `DROP TABLE "pending_sign_ins"`,
];
