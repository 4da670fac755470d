export * from './crypto';
export * from './database.module';
export * from './entities';
export * from './migrate/migration-runner';
export * from './migrations';
export * from './persistence.error';
export * from './sync-jobs/sync-job-transitions';
export * from './typeorm-options';
