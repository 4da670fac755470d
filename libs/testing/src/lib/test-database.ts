import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export interface TestDatabase {
  name: string;
  url: string;
  /** Drops the database, ending any connection still open to it. */
  drop(): Promise<void>;
}

// Where the test server is, for machines whose PostgreSQL is not the local default.
// eslint-disable-next-line no-restricted-syntax -- test tooling, not app configuration
const DEFAULT_ADMIN_URL = process.env['TEST_DATABASE_ADMIN_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function admin(adminUrl: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export interface TestDatabaseOptions {
  /** Brings the new database to the schema under test; usually `runMigrations` from persistence. */
  migrate?: (url: string) => Promise<unknown>;
  adminUrl?: string;
}

/**
 * A fresh, uniquely named database for one test file, migrated by the caller's
 * migration runner. Taking the runner as an argument keeps this library free of
 * the schema, so persistence's own tests can use it without a dependency cycle.
 */
export async function createTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const adminUrl = options.adminUrl ?? DEFAULT_ADMIN_URL;
  const name = `fittrack_t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await admin(adminUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const drop = () => admin(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  try {
    await options.migrate?.(url.toString());
  } catch (error) {
    await drop();
    throw error;
  }
  return { name, url: url.toString(), drop };
}
