import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { DataSource } from 'typeorm';

export interface TestDatabase {
  name: string;
  url: string;
  /** Initialized on the new database: the caller's (with its entities) or a plain one for SQL. */
  dataSource: DataSource;
  /** Closes the DataSource and drops the database, ending any connection still open to it. Idempotent. */
  drop(): Promise<void>;
}

export interface TestDatabaseOptions {
  /** Brings the new database to the schema under test; usually `runMigrations` from persistence. Omit for an empty one. */
  migrate?: (url: string) => Promise<unknown>;
  /** Builds the DataSource to open on the new database, e.g. `(url) => createDataSource({ url })`. */
  dataSource?: (url: string) => DataSource;
  adminUrl?: string;
}

// Where the test server is, for machines whose PostgreSQL is not the local default.
// eslint-disable-next-line no-restricted-syntax -- test tooling, not app configuration
const DEFAULT_ADMIN_URL = process.env['TEST_DATABASE_ADMIN_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PREFIX = 'fittrack_t_';
// Databases left behind by a killed run are swept once they are clearly nobody's.
const STALE_AFTER_MS = 6 * 60 * 60 * 1000;

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function withAdmin<T>(adminUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
  } catch (error) {
    const { hostname, port } = new URL(adminUrl);
    throw new Error(
      `test PostgreSQL unreachable at ${hostname}:${port || 5432} (TEST_DATABASE_ADMIN_URL): ${(error as Error).message}. ` +
        'Start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start',
    );
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function createDatabase(client: Client, name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await client.query(`CREATE DATABASE ${quoteIdent(name)}`);
      return;
    } catch (error) {
      // 55006: someone is connected to template1 for a moment (another tool, another run); it passes.
      if ((error as { code?: string }).code !== '55006' || attempt >= 20) throw error;
      await sleep(100 * attempt);
    }
  }
}

async function sweepStale(client: Client): Promise<void> {
  const { rows } = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [
    `${PREFIX}%`,
  ]);
  const cutoff = Date.now() - STALE_AFTER_MS;
  for (const { datname } of rows) {
    const createdAt = Number(datname.slice(PREFIX.length).split('_')[0]);
    if (Number.isFinite(createdAt) && createdAt < cutoff) {
      // Best effort: a stale database that will not drop now is retried by the next run.
      await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(datname)} WITH (FORCE)`).catch(() => undefined);
    }
  }
}

/**
 * A fresh, uniquely named database for one test file (safe with any number of
 * jest workers and runs at once), migrated by the caller's migration runner.
 * Taking the runner and DataSource as arguments keeps this library free of the
 * schema, so persistence's own tests can use it without a dependency cycle.
 */
export async function createTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const adminUrl = options.adminUrl ?? DEFAULT_ADMIN_URL;
  const name = `${PREFIX}${Date.now()}_${randomBytes(4).toString('hex')}`;
  await withAdmin(adminUrl, async (client) => {
    await sweepStale(client);
    await createDatabase(client, name);
  });
  const target = new URL(adminUrl);
  target.pathname = `/${name}`;
  const url = target.toString();

  let dataSource: DataSource | undefined;
  let dropping: Promise<void> | undefined;
  const drop = () =>
    (dropping ??= (async () => {
      if (dataSource?.isInitialized) await dataSource.destroy();
      await withAdmin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`));
    })());

  try {
    await options.migrate?.(url);
    dataSource = options.dataSource?.(url) ?? new DataSource({ type: 'postgres', url, poolSize: 4 });
    await dataSource.initialize();
  } catch (error) {
    await drop();
    throw error;
  }
  return { name, url, dataSource, drop };
}
