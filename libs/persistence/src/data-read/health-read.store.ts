import { HEALTH_METRIC_PARTS, HealthMetric } from '@fittrack/contracts';
import { EntityManager } from 'typeorm';

export interface HealthValueRow {
  date: string;
  value: number | null;
  /** The metric's parts (HEALTH_METRIC_PARTS), in range reads of a metric that has them. */
  parts?: Record<string, number | null>;
}

export interface HealthDayRow extends HealthValueRow {
  raw: unknown;
  updatedAt: Date;
}

export interface HealthOverviewRow extends HealthValueRow {
  metric: HealthMetric;
}

/** The stored daily_health rows of a user, read for the API (on the primary key: user, day, metric). */
export class HealthReadStore {
  /** One metric's headline values over a range of days, oldest first. */
  async values(manager: EntityManager, userId: string, metric: HealthMetric, from: string, to: string): Promise<HealthValueRow[]> {
    const params: unknown[] = [userId, metric, from, to];
    const parts = Object.entries(HEALTH_METRIC_PARTS[metric] ?? {});
    // A number where Garmin put one; anything else (absent, null, text) is null.
    const part = ([name, path]: [string, readonly string[]]) =>
      `'${name}', CASE WHEN jsonb_typeof(raw #> $${params.push(path)}::text[]) = 'number' THEN (raw #>> $${params.length}::text[])::float8 END`;
    const partsColumn = parts.length > 0 ? `, jsonb_build_object(${parts.map(part).join(', ')}) AS parts` : '';
    return manager.query(
      `SELECT calendar_date::text AS date, value${partsColumn} FROM daily_health
       WHERE user_id = $1 AND metric = $2 AND calendar_date BETWEEN $3::date AND $4::date ORDER BY calendar_date`,
      params,
    );
  }

  async day(manager: EntityManager, userId: string, metric: HealthMetric, date: string): Promise<HealthDayRow | null> {
    const [row]: HealthDayRow[] = await manager.query(
      `SELECT calendar_date::text AS date, value, raw, updated_at AS "updatedAt" FROM daily_health
       WHERE user_id = $1 AND metric = $2 AND calendar_date = $3::date`,
      [userId, metric, date],
    );
    return row ?? null;
  }

  /** Every metric's headline value over a range of days, by day then metric. */
  async overview(manager: EntityManager, userId: string, from: string, to: string): Promise<HealthOverviewRow[]> {
    return manager.query(
      `SELECT calendar_date::text AS date, metric, value FROM daily_health
       WHERE user_id = $1 AND calendar_date BETWEEN $2::date AND $3::date ORDER BY calendar_date, metric`,
      [userId, from, to],
    );
  }
}
