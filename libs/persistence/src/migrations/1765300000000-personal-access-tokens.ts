import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Personal access tokens: long-lived, read-only bearer tokens a user makes for their scripts. Only the SHA-256
 * hash is kept, as for API tokens; they belong to the user and go with them.
 */
export class PersonalAccessTokens1765300000000 implements MigrationInterface {
  name = 'PersonalAccessTokens1765300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of UP) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const statement of DOWN) await queryRunner.query(statement);
  }
}

const UP = [
  `CREATE TABLE "personal_access_tokens" (
  "id" uuid NOT NULL DEFAULT gen_random_uuid(),
  "user_id" uuid NOT NULL,
  "name" text NOT NULL,
  "token_hash" character(64) NOT NULL,
  "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
  "last_used_at" TIMESTAMP WITH TIME ZONE,
  "expires_at" TIMESTAMP WITH TIME ZONE,
  CONSTRAINT "pk_personal_access_tokens" PRIMARY KEY ("id"),
  CONSTRAINT "fk_personal_access_tokens_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE)`,
  `CREATE UNIQUE INDEX "uq_personal_access_tokens_token_hash" ON "personal_access_tokens" ("token_hash")`,
  `CREATE INDEX "ix_personal_access_tokens_user_id" ON "personal_access_tokens" ("user_id", "created_at")`,
];

const DOWN = [`DROP TABLE "personal_access_tokens"`];
