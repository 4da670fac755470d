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

/**
 * A fresh, empty, uniquely named database for one test file. Callers apply
 * the migrations they need (usually `runMigrations(db.url)` from persistence),
 * which keeps this library free of the schema and persistence free of a cycle.
 */
export async function createTestDatabase(adminUrl = DEFAULT_ADMIN_URL): Promise<TestDatabase> {
  const name = `fittrack_t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await admin(adminUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () => admin(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}
