import { Client } from 'pg';
import { createDataSource } from '../typeorm-options';

export type MigrationLog = (line: string) => void;

/** Creates the URL's database if it does not exist (connecting to `postgres` on the same server). */
export async function ensureDatabase(url: string): Promise<boolean> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  if (!name) throw new Error('DATABASE_URL names no database');
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  const client = new Client({ connectionString: maintenance.toString() });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount) return false;
    await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
    return true;
  } catch (error) {
    // Another process created it between our check and our CREATE.
    if ((error as { code?: string }).code === '42P04') return false;
    throw error;
  } finally {
    await client.end();
  }
}

async function withDataSource<T>(url: string, work: (ds: ReturnType<typeof createDataSource>) => Promise<T>): Promise<T> {
  const dataSource = createDataSource({ url });
  await dataSource.initialize();
  try {
    return await work(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

/** Applies every pending migration; returns their names. */
export async function runMigrations(url: string, log: MigrationLog = () => undefined): Promise<string[]> {
  return withDataSource(url, async (dataSource) => {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    for (const migration of applied) log(`applied ${migration.name}`);
    return applied.map((m) => m.name);
  });
}

/** Reverts the most recent migration; returns its name, or null when none was applied. */
export async function revertLastMigration(url: string, log: MigrationLog = () => undefined): Promise<string | null> {
  return withDataSource(url, async (dataSource) => {
    const executed = await dataSource.query(`SELECT "name" FROM "typeorm_migrations" ORDER BY "id" DESC LIMIT 1`).catch(() => []);
    if (executed.length === 0) return null;
    await dataSource.undoLastMigration({ transaction: 'each' });
    log(`reverted ${executed[0].name}`);
    return executed[0].name as string;
  });
}

/** Reverts every applied migration, newest first. */
export async function revertAllMigrations(url: string, log: MigrationLog = () => undefined): Promise<string[]> {
  const reverted: string[] = [];
  for (let name = await revertLastMigration(url, log); name; name = await revertLastMigration(url, log)) reverted.push(name);
  return reverted;
}
