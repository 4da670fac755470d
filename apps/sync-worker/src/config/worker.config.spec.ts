import { validateConfig } from '@fittrack/app-core';
import { WorkerConfig } from './worker.config';

describe('WorkerConfig', () => {
  it('defaults to port 3001', () => {
    expect(validateConfig('sync-worker', WorkerConfig, {}).PORT).toBe(3001);
  });

  it('names PORT when it is not a port', () => {
    expect(() => validateConfig('sync-worker', WorkerConfig, { PORT: '-5' })).toThrow(/Invalid configuration for sync-worker: .*PORT/);
  });
});
