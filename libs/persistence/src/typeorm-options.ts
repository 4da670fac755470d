import { DataSource, DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

export interface DatabaseOptions {
  url: string;
  logging?: boolean;
  /** Connections in the pool (pg's default is 10). */
  poolSize?: number;
  /**
   * PostgreSQL ends a session that sits idle inside a transaction this long (0: never). A process paused
   * mid-transaction (SIGSTOP, a long GC, a VM freeze) then cannot hold its row locks, such as a fenced
   * write's share lock on a lease, for longer than this.
   */
  idleInTransactionTimeoutMs?: number;
}

/**
 * The one description of our database for apps, the migrate tool and tests.
 * Schema changes go through migrations only: never synchronize, and never
 * migrate at app boot (replicas would race; the migrate step runs first).
 */
export function typeOrmOptions(options: DatabaseOptions): DataSourceOptions {
  return {
    type: 'postgres',
    url: options.url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    // gen_random_uuid() is built into PostgreSQL 13+; no extension to install.
    uuidExtension: 'pgcrypto',
    synchronize: false,
    migrationsRun: false,
    logging: options.logging ?? false,
    poolSize: options.poolSize,
    ...(options.idleInTransactionTimeoutMs && { extra: { idle_in_transaction_session_timeout: options.idleInTransactionTimeoutMs } }),
  };
}

export function createDataSource(options: DatabaseOptions): DataSource {
  return new DataSource(typeOrmOptions(options));
}
