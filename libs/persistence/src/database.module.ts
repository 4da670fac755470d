import { DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DatabaseOptions, typeOrmOptions } from './typeorm-options';

/**
 * The app's TypeORM connection. A failed first connection is retried briefly,
 * then start-up fails with the cause (a service without its database is of no use).
 */
export function databaseModule(url: string, poolSize?: number, settings: Pick<DatabaseOptions, 'idleInTransactionTimeoutMs'> = {}): DynamicModule {
  return TypeOrmModule.forRoot({ ...typeOrmOptions({ url, poolSize, ...settings }), retryAttempts: 2, retryDelay: 1000 });
}
