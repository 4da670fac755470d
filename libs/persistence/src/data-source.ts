import { createDataSource } from './typeorm-options';

/**
 * For the TypeORM CLI only, e.g.
 *   npm run typeorm -- migration:show      (or migration:generate libs/persistence/src/migrations/Name)
 * Apps and the migrate tool get their URL from their validated config instead.
 */
// eslint-disable-next-line no-restricted-syntax -- the TypeORM CLI has no app config
export default createDataSource({ url: process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/fittrack' });
