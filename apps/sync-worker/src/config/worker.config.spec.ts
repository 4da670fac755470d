import { randomBytes } from 'node:crypto';
import { validateConfig } from '@fittrack/app-core';
import { WorkerConfig } from './worker.config';

describe('WorkerConfig', () => {
  it('defaults to port 3001, and /metrics on 9465 so it never collides with a gateway on the same machine', () => {
    const config = validateConfig('sync-worker', WorkerConfig, {});
    expect([config.PORT, config.METRICS_PORT]).toEqual([3001, 9465]);
    expect(validateConfig('sync-worker', WorkerConfig, { METRICS_PORT: '0' }).METRICS_PORT).toBe(0);
    expect(() => validateConfig('sync-worker', WorkerConfig, { METRICS_PORT: '3001' })).toThrow(/METRICS_PORT must differ from PORT/);
  });

  it("refuses the simulator's hosts in production: the Garmin rules apply to the worker", () => {
    expect(() => validateConfig('sync-worker', WorkerConfig, { NODE_ENV: 'production', ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}` })).toThrow(
      /GARMIN_DIAUTH_URL must be https:\/\/ in production/,
    );
  });

  it('names PORT when it is not a port', () => {
    expect(() => validateConfig('sync-worker', WorkerConfig, { PORT: '-5' })).toThrow(/Invalid configuration for sync-worker: .*PORT/);
  });
});
