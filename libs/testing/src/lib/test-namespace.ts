import { randomBytes } from 'node:crypto';

/**
 * A name unique to one test run, used as the NATS subject prefix and in stream
 * and consumer names, so parallel runs and leftovers never collide.
 */
export function createTestNamespace(label = 'run'): string {
  const safe = label.replace(/[^A-Za-z0-9]/g, '').slice(0, 12) || 'run';
  return `t_${safe}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}
