import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The retention sweep finds what it deletes by age: rotated refresh-token hashes
 * by rotated_at (one row per refresh, the table that grows fastest) and access
 * tokens by expires_at. Without these, every batch of the sweep scans the table.
 */
export class RetentionIndexes1764900000000 implements MigrationInterface {
  name = 'RetentionIndexes1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of UP) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const statement of DOWN) await queryRunner.query(statement);
  }
}

const UP = [
  `CREATE INDEX "ix_rotated_refresh_tokens_rotated_at" ON "rotated_refresh_tokens" ("rotated_at")`,
  `CREATE INDEX "ix_authentication_tokens_expires_at" ON "authentication_tokens" ("expires_at")`,
];

const DOWN = [`DROP INDEX "ix_authentication_tokens_expires_at"`, `DROP INDEX "ix_rotated_refresh_tokens_rotated_at"`];
