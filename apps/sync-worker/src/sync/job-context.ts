import { JobArchiveProgress, KindProgress, SyncKind, SyncJobView } from '@fittrack/contracts';
import { Lease, leaseHeld, SyncJob, toJobView } from '@fittrack/persistence';
import { EntityManager } from 'typeorm';
import { JobStopped } from './sync.errors';

/**
 * A running job's bookkeeping: items planned and done per kind, written (and
 * announced) at most every `intervalMs`, and the stop signal. Every write is
 * fenced by the lease and conditioned on the job still running, so a cancel or
 * a lost lease is noticed at the next write or check, within `intervalMs`.
 *
 * Progress only moves forward. The runner plans every kind (list requests
 * only) before it fetches any item, and until `planned()` the job's counts are
 * written as they were when the attempt began; after it the total is fixed and
 * processed only grows. Planning first was chosen over weighting the kinds:
 * weights still fall back inside a kind whose list grows page by page (99% once
 * listed, then its items are counted), and a fixed share per kind misstates a
 * job where one kind is nearly all the work. Planning costs no extra request,
 * only the same lists earlier, and keeps processed/total itself monotone.
 */
export class JobContext {
  private readonly byKind: Partial<Record<SyncKind, KindProgress>>;
  private currentKind: SyncKind | null = null;
  private stopped?: JobStopped;
  private lastFlush = 0;
  private flushing?: Promise<void>;
  private dirty = false;
  private planning = true;
  private archive: JobArchiveProgress | null;
  /** The counts as this attempt found them: what is written while it plans, and the floor of its progress. */
  private readonly before: { processed: number; total: number | null; progress: number; byKind: Partial<Record<SyncKind, KindProgress>> };

  constructor(
    readonly job: SyncJob,
    readonly lease: Lease,
    private readonly manager: EntityManager,
    private readonly intervalMs: number,
    private readonly onProgress: (view: SyncJobView) => void,
  ) {
    this.archive = job.archive ?? null;
    this.before = { processed: job.processedItems ?? 0, total: job.totalItems ?? null, progress: job.progress ?? 0, byKind: job.byKind ?? {} };
    // A further attempt (after a crash) goes on from what earlier ones did: their items count as done
    // (and planned), and what they left is planned again, minus what they stored.
    this.byKind = Object.fromEntries(
      job.kinds.map((kind) => {
        const processed = job.byKind?.[kind]?.processed ?? 0;
        return [kind, { processed, total: processed > 0 ? processed : null }];
      }),
    );
  }

  get userId(): string {
    return this.job.userId;
  }

  /** Throws if the job must stop (cancelled, lease lost, shutting down): call before each Garmin request. */
  checkpoint(): void {
    if (this.stopped) throw this.stopped;
    // A failed write (the database away for a moment) is retried by the next one.
    if (Date.now() - this.lastFlush >= this.intervalMs) this.flush().catch(() => undefined);
  }

  stop(reason: JobStopped['reason']): void {
    this.stopped ??= new JobStopped(reason);
  }

  get stopReason(): JobStopped | undefined {
    return this.stopped;
  }

  /** Every kind of the job is planned: the total is known, and progress is written and announced from now on. */
  planned(): void {
    this.planning = false;
    this.dirty = true;
  }

  startKind(kind: SyncKind): void {
    this.currentKind = kind;
    this.dirty = true;
  }

  /** More work found for a kind (a page listed, days planned). */
  plan(kind: SyncKind, items: number): void {
    const progress = this.byKind[kind] ?? { processed: 0, total: 0 };
    progress.total = (progress.total ?? 0) + items;
    this.byKind[kind] = progress;
    this.dirty = true;
  }

  done(kind: SyncKind, items = 1): void {
    const progress = this.byKind[kind] ?? { processed: 0, total: null };
    progress.processed += items;
    this.byKind[kind] = progress;
    this.dirty = true;
    this.checkpoint();
  }

  /** What the job did with Garmin's archive so far (added to what earlier attempts did). */
  reportArchive(update: Partial<JobArchiveProgress>): void {
    const now = this.archive ?? { queued: 0, requested: 0, done: 0, remaining: 0 };
    this.archive = {
      queued: now.queued + (update.queued ?? 0),
      requested: now.requested + (update.requested ?? 0),
      done: now.done + (update.done ?? 0),
      remaining: update.remaining ?? now.remaining,
    };
    this.dirty = true;
  }

  get totals(): { processed: number; total: number } {
    const all = Object.values(this.byKind);
    return { processed: all.reduce((n, p) => n + p.processed, 0), total: all.reduce((n, p) => n + (p.total ?? 0), 0) };
  }

  /** Writes progress now (fenced); learns of a cancel or a lost lease. */
  async flush(): Promise<void> {
    if (this.flushing) return this.flushing;
    this.lastFlush = Date.now();
    this.flushing = this.write().finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  private async write(): Promise<void> {
    const { processed, total, progress, byKind } = this.shown();
    const changed = this.dirty && !this.planning;
    if (!this.planning) this.dirty = false;
    const [rows]: [SyncJob[], number] = await this.manager.query(
      `UPDATE sync_jobs SET processed_items = $3, total_items = $4, progress = $5, by_kind = $6, current_kind = $7, archive = $9, updated_at = now()
       WHERE id = $1 AND status = 'running' AND ${leaseHeld('$2', '$8')}
       RETURNING id`,
      [this.job.id, this.lease.userId, processed, total, progress, byKind, this.currentKind, this.lease.fence, this.archive],
    );
    if (rows.length === 0) {
      const [state]: { status: string }[] = await this.manager.query(`SELECT status FROM sync_jobs WHERE id = $1`, [this.job.id]);
      this.stop(state?.status === 'running' ? 'lease_lost' : 'cancelled');
      return;
    }
    if (changed) {
      Object.assign(this.job, { processedItems: processed, totalItems: total, progress, byKind, currentKind: this.currentKind, archive: this.archive });
      this.onProgress(toJobView(this.job));
    }
  }

  /**
   * What a watcher is shown: the counts this attempt began with while it plans, then its own. The floor
   * only matters on a further attempt, whose own ratio can start a little below the last one shown.
   */
  private shown(): { processed: number; total: number | null; progress: number; byKind: Partial<Record<SyncKind, KindProgress>> } {
    if (this.planning) return this.before;
    const { processed, total } = this.totals;
    const ratio = total > 0 ? Math.min(99, Math.floor((processed / total) * 100)) : 0;
    return { processed, total, progress: Math.max(this.before.progress, ratio), byKind: this.byKind };
  }
}
