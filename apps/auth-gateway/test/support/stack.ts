import { createDataSource, runMigrations } from '@fittrack/persistence';
import { AppProcess, LOCAL_NATS_URL, PlatformStack, PlatformStackOptions } from '@fittrack/testing';

export const NATS_URL = LOCAL_NATS_URL;
export type Gateway = AppProcess;

/** The gateway's tests: N gateway processes (and M workers) on their own database, NATS namespace and simulator. */
export const GatewayStack = {
  start(options: Omit<PlatformStackOptions, 'migrate'> = {}): Promise<PlatformStack> {
    return PlatformStack.start({ migrate: runMigrations, dataSource: (url) => createDataSource({ url, poolSize: 4 }), ...options });
  },
};
export type GatewayStack = PlatformStack;

let address = 0;
/** A client address of its own (TEST-NET-2), so abuse limits of one test never touch another. */
export function uniqueIp(): string {
  address += 1;
  return `198.51.${Math.floor(address / 250)}.${(address % 250) + 1}`;
}
