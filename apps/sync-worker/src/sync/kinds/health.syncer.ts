import { Injectable } from '@nestjs/common';
import { HealthMetric } from '@fittrack/contracts';
import { DailySummary } from '@fittrack/garmin';
import { UpsertSpec } from '@fittrack/persistence';
import { WorkerConfig } from '../../config/worker.config';
import { addDays, chunksOf, eachDay, inPool, maxDate, minDate } from './calendar';
import { CursorUpdate, KindPlan, KindRun, KindSyncer } from './kind-syncer';

/** Garmin's cap on range endpoints. */
const RANGE_DAYS = 28;

interface HealthRow {
  userId: string;
  date: string;
  metric: HealthMetric;
  value: number | null;
  raw: unknown;
}

const ROW: UpsertSpec<HealthRow> = {
  table: 'daily_health',
  columns: ['user_id', 'calendar_date', 'metric', 'value', 'raw'],
  key: ['user_id', 'calendar_date', 'metric'],
  update: ['value', 'raw'],
  casts: { raw: 'jsonb' },
  touch: true,
  values: (r) => [r.userId, r.date, r.metric, r.value, JSON.stringify(r.raw)],
};

const num = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const PER_DAY: HealthMetric[] = ['summary', 'sleep', 'heart_rate', 'hrv'];
const RANGED: HealthMetric[] = ['steps', 'stress', 'body_battery', 'weight'];

/**
 * Health, per calendar day of the user's zone. Steps, stress, body battery and
 * weight come from Garmin's range endpoints (28 days a request); the daily
 * summary, sleep, heart rate and HRV have no range form and cost a request a
 * day. Incremental syncs start at the cursor and always take yesterday and
 * today again: devices upload late, and sleep is dated the morning after.
 */
@Injectable()
export class HealthSyncer implements KindSyncer {
  readonly kind = 'health' as const;

  constructor(private readonly config: WorkerConfig) {}

  /** Health needs no list: its requests follow from the days, so planning asks Garmin nothing. */
  async plan(run: KindRun): Promise<KindPlan> {
    const { from, to } = this.window(run);
    const days = eachDay(from, to);
    const chunks = chunksOf(from, to, RANGE_DAYS);
    run.ctx.plan(this.kind, days.length * PER_DAY.length + chunks.length * RANGED.length);

    const fetch = async (): Promise<CursorUpdate | undefined> => {
      for (const chunk of chunks) {
        const rows = await this.rangeRows(run, chunk);
        await inPool(eachDay(chunk.from, chunk.to), run.concurrency, async (date) => {
          rows.push(...(await this.dayRows(run, date, date === run.today ? run.todaySummary : undefined)));
        });
        await run.upsert(ROW, rows);
      }
      return run.range ? undefined : { syncedThrough: to };
    };
    return { fetch };
  }

  private window(run: KindRun): { from: string; to: string } {
    if (run.range) return { from: run.range.from, to: minDate(run.range.to, run.today) };
    const backfill = addDays(run.today, -(this.config.SYNC_BACKFILL_DAYS - 1));
    const synced = run.cursor?.syncedThrough;
    return { from: synced ? maxDate(backfill, minDate(synced, addDays(run.today, -1))) : backfill, to: run.today };
  }

  private async rangeRows(run: KindRun, chunk: { from: string; to: string }): Promise<HealthRow[]> {
    const { api, ctx } = run;
    const userId = ctx.userId;
    const rows: HealthRow[] = [];
    const step = <T>(fetch: () => Promise<T>) => this.request(run, fetch);
    const [steps, stress, battery, weight] = await Promise.all([
      step(() => api.steps(chunk.from, chunk.to)),
      step(() => api.stressRange(chunk.from, chunk.to)),
      step(() => api.bodyBattery(chunk.from, chunk.to)),
      step(() => api.weight(chunk.from, chunk.to)),
    ]);
    for (const day of steps) rows.push({ userId, date: day.calendarDate, metric: 'steps', value: num(day.totalSteps), raw: day });
    for (const day of stress) rows.push({ userId, date: day.calendarDate, metric: 'stress', value: num(day.values?.['overallStressLevel']), raw: day });
    for (const day of battery) {
      const date = typeof day['date'] === 'string' ? day['date'] : undefined;
      if (date) rows.push({ userId, date, metric: 'body_battery', value: num(day['charged']), raw: day });
    }
    for (const day of weight?.dailyWeightSummaries ?? []) {
      rows.push({ userId, date: day.summaryDate, metric: 'weight', value: num(day.latestWeight?.['weight']), raw: day });
    }
    return rows.filter((row) => row.date >= chunk.from && row.date <= chunk.to);
  }

  /** One Garmin request of the job: stop first if the job must, count it when done. */
  private async request<T>(run: KindRun, fetch: () => Promise<T>): Promise<T> {
    run.ctx.checkpoint();
    const answer = await fetch();
    run.ctx.done(this.kind);
    return answer;
  }

  private async dayRows(run: KindRun, date: string, known?: DailySummary | null): Promise<HealthRow[]> {
    const { api, ctx } = run;
    const userId = ctx.userId;
    const rows: HealthRow[] = [];
    const step = <T>(fetch: () => Promise<T>) => this.request(run, fetch);
    const reuse = async () => {
      ctx.done(this.kind);
      return known ?? null;
    };
    const [summary, sleep, heartRate, hrv] = await Promise.all([
      known !== undefined ? reuse() : step(() => api.dailySummary(date)),
      step(() => api.sleep(date)),
      step(() => api.heartRate(date)),
      step(() => api.hrv(date)),
    ]);
    if (summary) rows.push({ userId, date, metric: 'summary', value: num(summary['totalKilocalories']), raw: summary });
    if (sleep) rows.push({ userId, date, metric: 'sleep', value: num(sleep.dailySleepDTO?.sleepTimeSeconds), raw: sleep });
    if (heartRate) rows.push({ userId, date, metric: 'heart_rate', value: num(heartRate.restingHeartRate), raw: heartRate });
    if (hrv) rows.push({ userId, date, metric: 'hrv', value: num(hrv.hrvSummary?.lastNightAvg), raw: hrv });
    return rows;
  }
}
