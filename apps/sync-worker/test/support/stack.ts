import { createDataSource, runMigrations } from '@fittrack/persistence';
import { PlatformStack, PlatformStackOptions } from '@fittrack/testing';

/** Gateway(s), workers, simulator, database and NATS namespace for the sync engine's tests. */
export function startStack(options: Omit<PlatformStackOptions, 'migrate'> = {}): Promise<PlatformStack> {
  return PlatformStack.start({
    migrate: runMigrations,
    dataSource: (url) => createDataSource({ url, poolSize: 4 }),
    ...options,
    env: { GARMIN_ACCOUNT_RATE_PER_SECOND: '0', GARMIN_GLOBAL_RATE_PER_SECOND: '0', SYNC_PROGRESS_INTERVAL_MS: '200', ...options.env },
  });
}

export { eventually, linkedUser, waitForJob } from '@fittrack/testing';
export type { LinkedUser } from '@fittrack/testing';
