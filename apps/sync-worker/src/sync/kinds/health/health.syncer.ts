import { Injectable } from '@nestjs/common';
import { DataKind } from '@fittrack/contracts';
import { WorkerConfig } from '../../../config/worker.config';
import { addDays, chunksOf, eachDay, inPool, maxDate, minDate } from '../calendar';
import { CursorUpdate, KindPlan, KindRun, KindSyncer } from '../kind-syncer';
import { DAY_ROW, DayRow, RECORD_ROW, RecordRow } from '../rows';
import { DailySource, SourceAnswer, SourceContext } from './daily-source';
import { HEALTH_SOURCES } from './sources';

/** Garmin's cap on the range endpoints we use; one chunk of the window is fetched and stored at a time. */
const CHUNK_DAYS = 28;

/**
 * Health, per calendar day of the user's Garmin zone, from the sources (health/sources) of the kinds the
 * job selected: a per-day source costs a request a day, a range source a request per chunk of days, and
 * a source that yields several kinds (dailyStress: stress and body battery) is asked once for all of them.
 * Incremental syncs start at the cursor and always take yesterday and today again: devices upload late,
 * and sleep is dated the morning after.
 */
@Injectable()
export class HealthSyncer implements KindSyncer {
  readonly kind = 'health' as const;

  constructor(private readonly config: WorkerConfig) {}

  /** Health needs no list: its requests follow from the days, so planning asks Garmin nothing. */
  async plan(run: KindRun): Promise<KindPlan> {
    const { from, to } = this.window(run);
    const sources = HEALTH_SOURCES.filter((source) => source.yields.some((kind) => run.selection.has(kind)));
    const perDay = sources.filter((s) => s.span.per === 'day');
    const ranged = sources.filter((s) => s.span.per === 'range');
    const chunks = chunksOf(from, to, CHUNK_DAYS);
    run.ctx.plan(this.kind, eachDay(from, to).length * perDay.length + chunks.length * ranged.length);

    const fetch = async (): Promise<CursorUpdate | undefined> => {
      for (const chunk of chunks) {
        const answers = await Promise.all(ranged.map((source) => this.ask(run, source, chunk.from, chunk.to)));
        await inPool(eachDay(chunk.from, chunk.to), run.concurrency, async (date) => {
          answers.push(...(await Promise.all(perDay.map((source) => this.ask(run, source, date, date)))));
        });
        await this.store(run, answers, chunk);
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

  /** One Garmin request of the job: stop first if the job must, count it when done. */
  private async ask(run: KindRun, source: DailySource, from: string, to: string): Promise<SourceAnswer> {
    run.ctx.checkpoint();
    const context: SourceContext = { api: run.api, displayName: run.displayName, profileId: run.profileId, today: run.today, todaySummary: run.todaySummary };
    const answer = await source.fetch(context, from, to);
    run.ctx.done(this.kind);
    return answer;
  }

  /** The selected kinds of a chunk's answers, in one fenced write per table. */
  private async store(run: KindRun, answers: SourceAnswer[], chunk: { from: string; to: string }): Promise<void> {
    const inChunk = (date: string | null) => date === null || (date >= chunk.from && date <= chunk.to);
    const selected = (kind: DataKind) => run.selection.has(kind);
    const days: DayRow[] = answers.flatMap((a) => a.days).filter((row) => selected(row.metric) && inChunk(row.date));
    const records: RecordRow[] = answers.flatMap((a) => a.records ?? []).filter((row) => selected(row.kind) && inChunk(row.recordedOn));
    if (days.length === 0 && records.length === 0) return;
    await run.together(async (upsert) => {
      await upsert(DAY_ROW(run.ctx.userId), days);
      await upsert(RECORD_ROW(run.ctx.userId), records);
    });
  }
}
