import { createDataSource, runMigrations } from '@fittrack/persistence';
import { PlatformStack } from '@fittrack/testing';

/**
 * The stack the CLI's tests run against: a gateway (and workers, when a test syncs), no rate limits, and a
 * per-address sign-in limit that allows a file's sign-ins and imports, since every CLI run comes from 127.0.0.1.
 */
export function startCliStack(options: { workers?: number; simEnv?: Record<string, string> } = {}): Promise<PlatformStack> {
  return PlatformStack.start({
    migrate: runMigrations,
    dataSource: (url) => createDataSource({ url, poolSize: 2 }),
    gateways: 1,
    workers: options.workers ?? 0,
    env: { GARMIN_ACCOUNT_RATE_PER_SECOND: '0', GARMIN_GLOBAL_RATE_PER_SECOND: '0', SIGN_IN_LIMIT_PER_MINUTE: '100' },
    simEnv: options.simEnv,
  });
}
