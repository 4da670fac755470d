import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { RateLimiter } from '@fittrack/garmin';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { WorkerConfig } from '../config/worker.config';

interface Slot {
  key: string;
  wait_ms: number;
}

/** Timers may fire a millisecond early and clocks differ a little: a Retry-After is waited out with this to spare. */
const TIMER_MARGIN_MS = 50;

/**
 * The request budget every worker shares, in PostgreSQL: each key (one per
 * account, one overall) holds the next free instant; taking a slot pushes it
 * by 1/rate, so N workers together never exceed the rate. A 429 with
 * Retry-After pushes the account's instant past the wait, for every worker.
 */
@Injectable()
export class UpstreamBudget implements RateLimiter {
  private readonly intervals: { key: (account: string) => string; seconds: number }[];
  /** This process's own Retry-After deadlines: its other requests see them at once, before the database does. */
  private readonly penalties = new Map<string, number>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    config: WorkerConfig,
  ) {
    this.intervals = [
      ...(config.GARMIN_ACCOUNT_RATE_PER_SECOND > 0 ? [{ key: (a: string) => `account:${a}`, seconds: 1 / config.GARMIN_ACCOUNT_RATE_PER_SECOND }] : []),
      ...(config.GARMIN_GLOBAL_RATE_PER_SECOND > 0 ? [{ key: () => 'global', seconds: 1 / config.GARMIN_GLOBAL_RATE_PER_SECOND }] : []),
    ];
  }

  async acquire(account: string): Promise<void> {
    await this.waitOutPenalties(account);
    if (this.intervals.length === 0) return;
    // Keys in one order for every caller (account:… sorts before global), so concurrent takers cannot deadlock.
    const slots: Slot[] = await this.dataSource.query(
      `INSERT INTO upstream_budgets AS b (key, next_free_at)
       SELECT r.key, now() + make_interval(secs => r.seconds) FROM unnest($1::text[], $2::float8[]) AS r(key, seconds) ORDER BY r.key
       ON CONFLICT (key) DO UPDATE SET next_free_at = GREATEST(b.next_free_at, now()) + (EXCLUDED.next_free_at - now())
       RETURNING b.key, GREATEST(0, EXTRACT(EPOCH FROM (b.next_free_at - (EXCLUDED.next_free_at - now()) - now())) * 1000)::float8 AS wait_ms`,
      [this.intervals.map((i) => i.key(account)), this.intervals.map((i) => i.seconds)],
    );
    const wait = Math.max(...slots.map((s) => Number(s.wait_ms)));
    if (wait > 0) await sleep(wait);
    await this.waitOutPenalties(account);
  }

  /** Garmin said "not before N seconds" for this account: nobody asks for it earlier. */
  async penalize(account: string, seconds: number): Promise<void> {
    this.penalties.set(account, Math.max(this.penalties.get(account) ?? 0, Date.now() + seconds * 1000 + TIMER_MARGIN_MS));
    await this.dataSource.query(
      `INSERT INTO upstream_budgets AS b (key, next_free_at) VALUES ($1, now() + make_interval(secs => $2))
       ON CONFLICT (key) DO UPDATE SET next_free_at = GREATEST(b.next_free_at, EXCLUDED.next_free_at)`,
      [`retry-after:${account}`, seconds + TIMER_MARGIN_MS / 1000],
    );
  }

  /** Sleeps past any Retry-After for the account: this process's own, then the one other workers recorded. */
  private async waitOutPenalties(account: string): Promise<void> {
    const local = (this.penalties.get(account) ?? 0) - Date.now();
    if (local > 0) await sleep(local);
    else this.penalties.delete(account);
    const [row]: { wait_ms: number }[] = await this.dataSource.query(
      `SELECT GREATEST(0, EXTRACT(EPOCH FROM (next_free_at - now())) * 1000)::float8 AS wait_ms FROM upstream_budgets WHERE key = $1`,
      [`retry-after:${account}`],
    );
    if (row && Number(row.wait_ms) > 0) await sleep(Number(row.wait_ms));
  }
}
