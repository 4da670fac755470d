import { Injectable } from '@nestjs/common';
import { DataKind } from '@fittrack/contracts';
import { WorkerConfig } from '../../../config/worker.config';
import { kindsIn } from '../availability';
import { addDays, inPool, maxDate, minDate } from '../calendar';
import { CursorUpdate, KindPlan, KindRun, KindSyncer } from '../kind-syncer';
import { DAY_ROW, DayRow, RECORD_ROW, RecordRow } from '../rows';
import { ArchiveReloads } from './archive-reloads';
import { DailySource, SourceAnswer, SourceContext } from './daily-source';
import { Ask, Covered, DayRange, planWindow, probesOf } from './health-plan';
import { HEALTH_SOURCES } from './sources';

/** Garmin's cap on the range endpoints we use; one chunk of the window is fetched and stored at a time. */
const CHUNK_DAYS = 28;

interface Probed extends Covered {
  answer: SourceAnswer;
}

/**
 * Health, per calendar day of the user's Garmin zone, from the sources (health/sources) of the kinds the
 * job selected: a per-day source costs a request a day, a range source a request per chunk of days, and
 * a source that yields several kinds (dailyStress: stress and body battery) is asked once for all of them.
 * Incremental syncs start at the cursor and always take yesterday and today again: devices upload late,
 * and sleep is dated the morning after.
 *
 * Planning asks Garmin only what decides the work: a probe of each source with a kind not known yet (the
 * latest chunk, or the latest day with data among the last PROBE_DAYS)
 * (KindAvailability; its answer is kept, so a probe inside the window costs nothing extra), and the reloads
 * of archived days (ArchiveReloads). So the job's total is exact: a source found absent plans nothing more.
 */
@Injectable()
export class HealthSyncer implements KindSyncer {
  readonly kind = 'health' as const;

  constructor(private readonly config: WorkerConfig) {}

  async plan(run: KindRun): Promise<KindPlan> {
    const window = this.window(run);
    const { sources, probed } = await this.probe(run, HEALTH_SOURCES.filter((source) => source.yields.some((kind) => run.selection.has(kind))));
    const archiveFrom = addDays(run.today, -(this.config.SYNC_ARCHIVE_AFTER_DAYS - 1));
    const { chunks, archivedDays } = planWindow(window, CHUNK_DAYS, sources, probed, archiveFrom);

    const intraday = sources.filter((source) => source.intraday);
    const archive = new ArchiveReloads(run, this.config.SYNC_ARCHIVE_RELOADS_PER_DAY);
    const reloaded = intraday.length > 0 ? await archive.prepare(archivedDays) : [];
    const reloadAsks: Ask[] = reloaded.flatMap((date) => intraday.map((source) => ({ source, from: date, to: date })));
    run.ctx.plan(this.kind, chunks.reduce((n, c) => n + c.asks.length, 0) + reloadAsks.length);

    const fetch = async (): Promise<CursorUpdate | undefined> => {
      await this.store(run, probed.map((p) => p.answer), window);
      for (const { chunk, asks } of chunks) await this.store(run, await this.askAll(run, asks), chunk);
      for (const date of reloaded) {
        const day = { from: date, to: date };
        await this.store(run, await this.askAll(run, reloadAsks.filter((ask) => ask.from === date)), day);
        await archive.fetched([date]);
      }
      return run.range ? undefined : { syncedThrough: window.to };
    };
    return { fetch };
  }

  private window(run: KindRun): DayRange {
    if (run.range) return { from: run.range.from, to: minDate(run.range.to, run.today) };
    const backfill = addDays(run.today, -(this.config.SYNC_BACKFILL_DAYS - 1));
    const synced = run.cursor?.syncedThrough;
    return { from: synced ? maxDate(backfill, minDate(synced, addDays(run.today, -1))) : backfill, to: run.today };
  }

  /** Probes each source with a selected kind not known yet; the sources still worth asking, and what the probes covered. */
  private async probe(run: KindRun, selected: readonly DailySource[]): Promise<{ sources: DailySource[]; probed: Probed[] }> {
    const sources: DailySource[] = [];
    const probed: Probed[] = [];
    for (const source of selected) {
      const verdict = run.availability.verdict(source.yields, run.selection);
      if (verdict === 'skip') continue;
      if (verdict === 'probe') {
        const answer: SourceAnswer = { days: [], records: [] };
        let covered: DayRange | undefined;
        for (const range of probesOf(source, run.today)) {
          run.ctx.plan(this.kind, 1);
          const got = await this.ask(run, source, range.from, range.to);
          answer.days.push(...got.days);
          answer.records?.push(...(got.records ?? []));
          covered = { from: range.from, to: covered?.to ?? range.to };
          if (kindsIn(got).size > 0) break;
        }
        if (!(await run.availability.learn(source.yields, run.selection, kindsIn(answer)))) continue;
        if (covered) probed.push({ source, ...covered, answer });
      }
      sources.push(source);
    }
    return { sources, probed };
  }

  /** A chunk's requests: the range sources at once, the per-day ones by day, SYNC_ITEM_CONCURRENCY at a time. */
  private async askAll(run: KindRun, asks: readonly Ask[]): Promise<SourceAnswer[]> {
    const answers: SourceAnswer[] = [];
    await inPool(asks, run.concurrency, async ({ source, from, to }) => {
      answers.push(await this.ask(run, source, from, to));
    });
    return answers;
  }

  /** One Garmin request of the job: stop first if the job must, count it when done. */
  private async ask(run: KindRun, source: DailySource, from: string, to: string): Promise<SourceAnswer> {
    run.ctx.checkpoint();
    const context: SourceContext = { api: run.api, displayName: run.displayName, profileId: run.profileId, today: run.today, todaySummary: run.todaySummary };
    const answer = await source.fetch(context, from, to);
    run.ctx.done(this.kind);
    return answer;
  }

  /** The selected kinds of the answers within `range`, in one fenced write per table. */
  private async store(run: KindRun, answers: SourceAnswer[], range: DayRange): Promise<void> {
    const inRange = (date: string | null) => date === null || (date >= range.from && date <= range.to);
    const selected = (kind: DataKind) => run.selection.has(kind);
    const days: DayRow[] = answers.flatMap((a) => a.days).filter((row) => selected(row.metric) && inRange(row.date));
    const records: RecordRow[] = answers.flatMap((a) => a.records ?? []).filter((row) => selected(row.kind) && inRange(row.recordedOn));
    if (days.length === 0 && records.length === 0) return;
    await run.together(async (upsert) => {
      await upsert(DAY_ROW(run.ctx.userId), days);
      await upsert(RECORD_ROW(run.ctx.userId), records);
    });
  }
}
