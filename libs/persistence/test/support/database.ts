import { createTestDatabase } from '@fittrack/testing';
import { DataSource } from 'typeorm';
import { createDataSource, runMigrations } from '../../src';

export interface PersistenceTestDatabase {
  url: string;
  dataSource: DataSource;
  drop(): Promise<void>;
}

/** A fresh database (migrated unless told not to) with an open DataSource on it. */
export async function openTestDatabase(options: { migrate?: boolean } = {}): Promise<PersistenceTestDatabase> {
  const database = await createTestDatabase({ migrate: options.migrate === false ? undefined : runMigrations });
  const dataSource = await createDataSource({ url: database.url, poolSize: 4 }).initialize();
  return {
    url: database.url,
    dataSource,
    drop: async () => {
      await dataSource.destroy();
      await database.drop();
    },
  };
}
