import { DataSource } from 'typeorm';

/** Advisory lock (class, key) held by the replica running a reconciliation pass. */
const RECONCILER_LOCK = [0x5f10b6, 0] as const;

/**
 * Runs `pass` only if no other replica is running one: a session-level advisory lock on a connection of its
 * own, released at the end (or by PostgreSQL when a dead replica's connection closes). False when another
 * replica holds it. `pass` may use any connection; the lock's only job is "one pass at a time, cluster-wide".
 */
export async function withReconcilerLock(dataSource: DataSource, pass: () => Promise<void>): Promise<boolean> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    const [{ locked }]: { locked: boolean }[] = await runner.query(`SELECT pg_try_advisory_lock($1::int, $2::int) AS locked`, [...RECONCILER_LOCK]);
    if (!locked) return false;
    try {
      await pass();
    } finally {
      await runner.query(`SELECT pg_advisory_unlock($1::int, $2::int)`, [...RECONCILER_LOCK]);
    }
    return true;
  } finally {
    await runner.release();
  }
}
