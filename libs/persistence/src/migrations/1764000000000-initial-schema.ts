import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The seed design's data model. Migrations are history: this file never
 * changes; a later schema change is a later migration.
 */
export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of UP) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const statement of DOWN) await queryRunner.query(statement);
  }
}

const TIMESTAMPS = `"created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
  "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`;

const UP = [
  `CREATE TABLE "users" (
  "id" uuid NOT NULL DEFAULT gen_random_uuid(),
  "garmin_profile_id" bigint NOT NULL,
  "display_name" text NOT NULL,
  ${TIMESTAMPS},
  CONSTRAINT "pk_users" PRIMARY KEY ("id"))`,
  `CREATE UNIQUE INDEX "uq_users_garmin_profile_id" ON "users" ("garmin_profile_id")`,

  `CREATE TABLE "user_sessions" (
  "id" uuid NOT NULL DEFAULT gen_random_uuid(),
  "user_id" uuid NOT NULL,
  "refresh_token_hash" character(64) NOT NULL,
  "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
  "mfa_enabled" boolean NOT NULL DEFAULT false,
  "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
  "last_used_at" TIMESTAMP WITH TIME ZONE,
  "revoked_at" TIMESTAMP WITH TIME ZONE,
  CONSTRAINT "pk_user_sessions" PRIMARY KEY ("id"),
  CONSTRAINT "fk_user_sessions_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE)`,
  `CREATE INDEX "ix_user_sessions_user_id" ON "user_sessions" ("user_id")`,
  `CREATE UNIQUE INDEX "uq_user_sessions_refresh_token_hash" ON "user_sessions" ("refresh_token_hash")`,

  `CREATE TABLE "authentication_tokens" (
  "id" uuid NOT NULL DEFAULT gen_random_uuid(),
  "user_id" uuid NOT NULL,
  "access_token_hash" character(64) NOT NULL,
  "token_type" text NOT NULL DEFAULT 'Bearer',
  "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
  "scope" text NOT NULL,
  "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
  "last_used_at" TIMESTAMP WITH TIME ZONE,
  "mfa_verified" boolean NOT NULL DEFAULT false,
  "session_id" uuid NOT NULL,
  CONSTRAINT "ck_authentication_tokens_token_type" CHECK ("token_type" = 'Bearer'),
  CONSTRAINT "pk_authentication_tokens" PRIMARY KEY ("id"),
  CONSTRAINT "fk_authentication_tokens_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE,
  CONSTRAINT "fk_authentication_tokens_session" FOREIGN KEY ("session_id") REFERENCES "user_sessions"("id") ON DELETE CASCADE)`,
  `CREATE INDEX "ix_authentication_tokens_user_id" ON "authentication_tokens" ("user_id")`,
  `CREATE UNIQUE INDEX "uq_authentication_tokens_access_token_hash" ON "authentication_tokens" ("access_token_hash")`,
  `CREATE INDEX "ix_authentication_tokens_session_id" ON "authentication_tokens" ("session_id")`,

  `CREATE TABLE "garmin_authentication_states" (
  "user_id" uuid NOT NULL,
  "auth_dialect" text NOT NULL,
  "encrypted_session" text NOT NULL,
  "key_id" text NOT NULL,
  "access_expires_at" TIMESTAMP WITH TIME ZONE,
  "refresh_expires_at" TIMESTAMP WITH TIME ZONE,
  "health_status" text NOT NULL DEFAULT 'active',
  "health_reason" text,
  "cooldown_until" TIMESTAMP WITH TIME ZONE,
  "version" integer NOT NULL,
  ${TIMESTAMPS},
  CONSTRAINT "ck_garmin_authentication_states_health_status"
    CHECK ("health_status" IN ('active', 'refresh_failed', 'needs_login', 'cooling_down', 'revoked')),
  CONSTRAINT "pk_garmin_authentication_states" PRIMARY KEY ("user_id"),
  CONSTRAINT "fk_garmin_authentication_states_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE)`,

  `CREATE TABLE "sync_jobs" (
  "id" uuid NOT NULL DEFAULT gen_random_uuid(),
  "user_id" uuid NOT NULL,
  "status" text NOT NULL DEFAULT 'pending',
  "progress" smallint NOT NULL DEFAULT '0',
  "sync_type" text NOT NULL,
  "trigger" text NOT NULL,
  "range_from" date,
  "range_to" date,
  "total_items" integer,
  "processed_items" integer NOT NULL DEFAULT '0',
  "attempt_count" integer NOT NULL DEFAULT '0',
  "error_message" text,
  "started_at" TIMESTAMP WITH TIME ZONE,
  "finished_at" TIMESTAMP WITH TIME ZONE,
  ${TIMESTAMPS},
  CONSTRAINT "ck_sync_jobs_progress" CHECK ("progress" BETWEEN 0 AND 100),
  CONSTRAINT "ck_sync_jobs_trigger" CHECK ("trigger" IN ('manual', 'platform', 'nightly')),
  CONSTRAINT "ck_sync_jobs_sync_type" CHECK ("sync_type" IN ('activities', 'health', 'workouts', 'all')),
  CONSTRAINT "ck_sync_jobs_status" CHECK ("status" IN ('pending', 'running', 'completed', 'failed', 'cancelled')),
  CONSTRAINT "pk_sync_jobs" PRIMARY KEY ("id"),
  CONSTRAINT "fk_sync_jobs_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE)`,
  `CREATE INDEX "ix_sync_jobs_status" ON "sync_jobs" ("status")`,
  `CREATE INDEX "ix_sync_jobs_user_created" ON "sync_jobs" ("user_id", "created_at" DESC)`,

  // The job state machine (contracts SYNC_JOB_TRANSITIONS) enforced by the database,
  // so no code path, however written, can move a job illegally or out of a terminal state.
  `CREATE FUNCTION "sync_jobs_guard_transition"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status = OLD.status OR (OLD.status, NEW.status) IN (
    ('pending', 'running'), ('pending', 'cancelled'),
    ('running', 'completed'), ('running', 'failed'), ('running', 'cancelled')
  ) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'illegal sync job transition % -> %', OLD.status, NEW.status
    USING ERRCODE = 'check_violation', CONSTRAINT = 'sync_jobs_guard_transition';
END
$$`,
  `CREATE TRIGGER "trg_sync_jobs_guard_transition" BEFORE UPDATE OF "status" ON "sync_jobs"
  FOR EACH ROW EXECUTE FUNCTION "sync_jobs_guard_transition"()`,
];

const DOWN = [
  `DROP TABLE "sync_jobs"`,
  `DROP FUNCTION "sync_jobs_guard_transition"()`,
  `DROP TABLE "garmin_authentication_states"`,
  `DROP TABLE "authentication_tokens"`,
  `DROP TABLE "user_sessions"`,
  `DROP TABLE "users"`,
];
