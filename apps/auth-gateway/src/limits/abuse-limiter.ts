import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { LimitExceededError } from './limit-exceeded.error';

export interface LimitRule {
  /** What is counted, e.g. `sign-in:ip:203.0.113.7`. */
  key: string;
  limit: number;
  windowSeconds: number;
}

interface Counted {
  bucket: string;
  hits: number;
  retry_after: number;
}

/**
 * Abuse limits that hold across gateway replicas: counters live in PostgreSQL
 * (by the database's clock, so replicas agree). Each bucket's window starts at
 * its first hit and lasts `windowSeconds`; every attempt counts, refused ones
 * too, so a client hammering a limit stays refused until it stops.
 */
@Injectable()
export class AbuseLimiter {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Counts one attempt against every rule; throws LimitExceededError if any is over. */
  async consume(what: string, rules: LimitRule[]): Promise<void> {
    // One order for every caller, so two upserts of the same buckets cannot deadlock.
    const sorted = rules.map((r) => ({ ...r, bucket: `${r.key}:${r.windowSeconds}` })).sort((a, b) => a.bucket.localeCompare(b.bucket));
    const rows: Counted[] = await this.dataSource.query(
      `INSERT INTO rate_limit_counters AS c (bucket, window_start, hits, expires_at)
       SELECT r.bucket, now(), 1, now() + make_interval(secs => r.window_seconds)
         FROM unnest($1::text[], $2::int[]) WITH ORDINALITY AS r(bucket, window_seconds, n)
        ORDER BY r.n
       ON CONFLICT (bucket) DO UPDATE SET
         hits = CASE WHEN c.expires_at <= now() THEN 1 ELSE c.hits + 1 END,
         window_start = CASE WHEN c.expires_at <= now() THEN now() ELSE c.window_start END,
         expires_at = CASE WHEN c.expires_at <= now() THEN EXCLUDED.expires_at ELSE c.expires_at END
       RETURNING c.bucket, c.hits, GREATEST(1, CEIL(EXTRACT(EPOCH FROM c.expires_at - now())))::int AS retry_after`,
      [sorted.map((r) => r.bucket), sorted.map((r) => r.windowSeconds)],
    );
    const limitOf = new Map(sorted.map((r) => [r.bucket, r.limit]));
    const over = rows.filter((row) => row.hits > (limitOf.get(row.bucket) ?? Infinity));
    if (over.length > 0) throw new LimitExceededError(what, Math.max(...over.map((row) => row.retry_after)));
  }

  /** Drops windows that have ended; any replica may run it. */
  async sweep(): Promise<void> {
    await this.dataSource.query(`DELETE FROM rate_limit_counters WHERE expires_at <= now()`);
  }
}
