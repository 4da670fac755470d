import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DATA_READ_LIMITS, DayRangeFields, HealthDayView, HealthMetric, HealthMetricView, HealthOverviewDay, HealthOverviewView } from '@fittrack/contracts';
import { HealthReadStore } from '@fittrack/persistence';
import { DataSource } from 'typeorm';
import { DataReadError } from './data-read.errors';
import { dayRange } from './day-range';

/** A user's daily health: one metric over days, one day of a metric in full, every metric's headline per day. */
@Injectable()
export class HealthReadsService {
  private readonly store = new HealthReadStore();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async metric(userId: string, metric: HealthMetric, request: DayRangeFields): Promise<HealthMetricView> {
    const { from, to } = dayRange(request, DATA_READ_LIMITS.healthRangeMaxDays);
    const days = await this.store.values(this.dataSource.manager, userId, metric, from, to);
    return { metric, from, to, days };
  }

  async day(userId: string, metric: HealthMetric, date: string): Promise<HealthDayView> {
    const row = await this.store.day(this.dataSource.manager, userId, metric, date);
    if (!row) throw DataReadError.healthDayNotFound(metric, date);
    return { metric, date: row.date, value: row.value, raw: row.raw, syncedAt: row.updatedAt.toISOString() };
  }

  async overview(userId: string, request: DayRangeFields): Promise<HealthOverviewView> {
    const { from, to } = dayRange(request, DATA_READ_LIMITS.overviewRangeMaxDays);
    const days: HealthOverviewDay[] = [];
    for (const row of await this.store.overview(this.dataSource.manager, userId, from, to)) {
      let day = days[days.length - 1];
      if (day?.date !== row.date) days.push((day = { date: row.date, values: {} }));
      day.values[row.metric] = row.value;
    }
    return { from, to, days };
  }
}
