import { Logger } from '@nestjs/common';
import { GarminErrorCode, isGarminError } from '@fittrack/garmin';
import { ArchiveQueueStore } from '@fittrack/persistence';
import { JobStopped } from '../../sync.errors';
import { KindRun } from '../kind-syncer';

/** pgc request_reload: asks Garmin to bring an archived day's intraday data back. */
export const reloadPath = (date: string) => `/wellness-service/wellness/epoch/request/${date}`;

/**
 * Garmin's archive, for one job: the intraday days it has offloaded (older than SYNC_ARCHIVE_AFTER_DAYS)
 * are queued, then reloaded within the account's daily budget (SYNC_ARCHIVE_RELOADS_PER_DAY, per UTC day,
 * counted in the database for every job and worker), newest first; the syncer then fetches the reloaded
 * days. A date is reserved before its request goes out, so a worker dying at any point never lets the
 * account ask for more than the budget in a day. Garmin's 429 on a reload ends reloading for the day
 * without failing the job.
 */
export class ArchiveReloads {
  private readonly logger = new Logger(ArchiveReloads.name);

  constructor(
    private readonly run: KindRun,
    private readonly perDay: number,
    private readonly store = new ArchiveQueueStore(),
  ) {}

  /** Queues `archivedDays`, spends today's budget on the newest queued days; the days reloaded and not yet fetched (newest first). */
  async prepare(archivedDays: readonly string[]): Promise<string[]> {
    const { ctx, manager } = this.run;
    const queued = held(await this.store.enqueue(manager, ctx.lease, ctx.job.id, archivedDays));
    const unanswered = held(await this.store.requeueUnanswered(manager, ctx.lease));
    if (unanswered.length > 0) this.logger.log(`job ${ctx.job.id}: reloads of ${unanswered.join(', ')} never had Garmin's answer; queued again`);
    let requested = 0;
    for (;;) {
      ctx.checkpoint();
      const next = held(await this.store.reserveNext(manager, ctx.lease, ctx.job.id, this.perDay));
      if ('none' in next) break;
      ctx.plan('health', 1);
      try {
        await this.run.api.post(reloadPath(next.date));
      } catch (error) {
        if (!isGarminError(error, GarminErrorCode.RateLimited)) throw error;
        held(await this.store.refused(manager, ctx.lease, next.date));
        ctx.done('health');
        this.logger.log(`job ${ctx.job.id}: Garmin refused the reload of ${next.date} (429): no more reloads for user ${ctx.userId} today`);
        break;
      }
      held(await this.store.accepted(manager, ctx.lease, next.date));
      ctx.done('health');
      requested += 1;
    }
    const remaining = await this.store.queued(manager, ctx.userId);
    const reloaded = await this.store.reloaded(manager, ctx.userId);
    if (queued > 0 || requested > 0 || reloaded.length > 0 || remaining > 0) ctx.reportArchive({ queued, requested, remaining });
    return reloaded;
  }

  /** The reloaded days are fetched and stored. */
  async fetched(dates: readonly string[]): Promise<void> {
    const done = held(await this.store.done(this.run.manager, this.run.ctx.lease, dates));
    this.run.ctx.reportArchive({ done });
  }
}

function held<T>(value: T | undefined): T {
  if (value === undefined) throw new JobStopped('lease_lost');
  return value;
}
