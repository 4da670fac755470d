import { EntityManager } from 'typeorm';

/** One key's spacing: after a request, the key's next one may go out this many seconds later. */
export interface BudgetInterval {
  key: string;
  seconds: number;
}

/**
 * The request budget toward Garmin shared by every worker: per key (an account, everyone), the next
 * instant a request may go out, and per account the end of a Retry-After that Garmin asked for.
 */
export class UpstreamBudgetStore {
  constructor(private readonly manager: EntityManager) {}

  /** Makes sure the keys have a row (a new key is free now). */
  async ensureKeys(keys: readonly string[]): Promise<void> {
    await this.manager.query(
      `INSERT INTO upstream_budgets (key, next_free_at) SELECT key, now() FROM unnest($1::text[]) AS key ON CONFLICT (key) DO NOTHING`,
      [keys],
    );
  }

  /**
   * Reserves one instant in every key at once: the latest of their next free instants (or now); each key's
   * next free instant then moves one of its own intervals past it. One short transaction, the rows locked in
   * key order (so concurrent takers queue, never deadlock). How long to wait for the instant, in ms.
   */
  reserveSlot(intervals: readonly BudgetInterval[]): Promise<number> {
    const keys = intervals.map((i) => i.key);
    return this.manager.transaction(async (tx) => {
      const rows: { free_ms: number; now_ms: number }[] = await tx.query(
        `SELECT (EXTRACT(EPOCH FROM next_free_at) * 1000)::float8 AS free_ms, (EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::float8 AS now_ms
           FROM upstream_budgets WHERE key = ANY($1::text[]) ORDER BY key FOR UPDATE`,
        [keys],
      );
      const now = Number(rows[0]?.now_ms ?? Date.now());
      const slot = Math.max(now, ...rows.map((row) => Number(row.free_ms)));
      await tx.query(
        `UPDATE upstream_budgets AS b SET next_free_at = to_timestamp($2::float8 / 1000) + make_interval(secs => r.seconds)
           FROM unnest($1::text[], $3::float8[]) AS r(key, seconds) WHERE b.key = r.key`,
        [keys, slot, intervals.map((i) => i.seconds)],
      );
      return slot - now;
    });
  }

  /** Garmin asked the account to wait `seconds`: recorded for every worker (a longer wait already recorded stays). */
  async holdAccount(account: string, seconds: number): Promise<void> {
    await this.manager.query(
      `INSERT INTO upstream_budgets AS b (key, next_free_at) VALUES ($1, now() + make_interval(secs => $2))
       ON CONFLICT (key) DO UPDATE SET next_free_at = GREATEST(b.next_free_at, EXCLUDED.next_free_at)`,
      [retryAfterKey(account), seconds],
    );
  }

  /** How long the account must still wait by a Retry-After any worker recorded, in ms (0: none). */
  async accountHeldForMs(account: string): Promise<number> {
    const [row]: { wait_ms: number }[] = await this.manager.query(
      `SELECT GREATEST(0, EXTRACT(EPOCH FROM (next_free_at - now())) * 1000)::float8 AS wait_ms FROM upstream_budgets WHERE key = $1`,
      [retryAfterKey(account)],
    );
    return row ? Number(row.wait_ms) : 0;
  }
}

const retryAfterKey = (account: string) => `retry-after:${account}`;
