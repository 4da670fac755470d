import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Archive exports (POST /v1/exports): the job's row, and its ZIP in ordered chunks written by the current
 * attempt, so any gateway replica can stream it and a worker's memory stays flat. Both go with the user.
 */
export class DataExports1765500000000 implements MigrationInterface {
  name = 'DataExports1765500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of UP) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const statement of DOWN) await queryRunner.query(statement);
  }
}

const UP = [
  `CREATE TABLE "data_exports" (
  "id" uuid NOT NULL DEFAULT gen_random_uuid(),
  "user_id" uuid NOT NULL,
  "status" text NOT NULL DEFAULT 'pending',
  "attempt" integer NOT NULL DEFAULT 0,
  "done_items" integer NOT NULL DEFAULT 0,
  "total_items" integer,
  "size_bytes" bigint,
  "counts" jsonb,
  "error" text,
  "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
  "started_at" TIMESTAMP WITH TIME ZONE,
  "completed_at" TIMESTAMP WITH TIME ZONE,
  "expires_at" TIMESTAMP WITH TIME ZONE,
  "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
  CONSTRAINT "pk_data_exports" PRIMARY KEY ("id"),
  CONSTRAINT "ck_data_exports_status" CHECK ("status" IN ('pending', 'running', 'completed', 'failed')),
  CONSTRAINT "fk_data_exports_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE)`,
  `CREATE INDEX "ix_data_exports_user" ON "data_exports" ("user_id", "created_at")`,
  `CREATE TABLE "data_export_chunks" (
  "export_id" uuid NOT NULL,
  "attempt" integer NOT NULL,
  "seq" integer NOT NULL,
  "user_id" uuid NOT NULL,
  "data" bytea NOT NULL,
  CONSTRAINT "pk_data_export_chunks" PRIMARY KEY ("export_id", "attempt", "seq"),
  CONSTRAINT "fk_data_export_chunks_export" FOREIGN KEY ("export_id") REFERENCES "data_exports"("id") ON DELETE CASCADE,
  CONSTRAINT "fk_data_export_chunks_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE)`,
  // Chunks are written once and read in order: no index beyond the key; keep them out of line and uncompressed
  // (a ZIP does not compress again).
  `ALTER TABLE "data_export_chunks" ALTER COLUMN "data" SET STORAGE EXTERNAL`,
];

const DOWN = [`DROP TABLE "data_export_chunks"`, `DROP TABLE "data_exports"`];
