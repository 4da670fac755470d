import { KindProgress, SyncKind, SyncJobView } from '@fittrack/contracts';
import { Lease, leaseHeld, SyncJob, toJobView } from '@fittrack/persistence';
import { EntityManager } from 'typeorm';
import { JobStopped } from './sync.errors';

/**
 * A running job's bookkeeping: items planned and done per kind, written (and
 * announced) at most every `intervalMs`, and the stop signal. Every write is
 * fenced by the lease and conditioned on the job still running, so a cancel or
 * a lost lease is noticed at the next write or check, within `intervalMs`.
 */
export class JobContext {
  private readonly byKind: Partial<Record<SyncKind, KindProgress>>;
  private currentKind: SyncKind | null = null;
  private stopped?: JobStopped;
  private lastFlush = 0;
  private flushing?: Promise<void>;
  private dirty = false;

  constructor(
    readonly job: SyncJob,
    readonly lease: Lease,
    private readonly manager: EntityManager,
    private readonly intervalMs: number,
    private readonly onProgress: (view: SyncJobView) => void,
  ) {
    this.byKind = Object.fromEntries(job.kinds.map((kind) => [kind, { processed: 0, total: null }]));
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
    const { processed, total } = this.totals;
    const progress = total > 0 ? Math.min(99, Math.floor((processed / total) * 100)) : 0;
    const changed = this.dirty;
    this.dirty = false;
    const [rows]: [SyncJob[], number] = await this.manager.query(
      `UPDATE sync_jobs SET processed_items = $3, total_items = $4, progress = $5, by_kind = $6, current_kind = $7, updated_at = now()
       WHERE id = $1 AND status = 'running' AND ${leaseHeld('$2', '$8')}
       RETURNING id`,
      [this.job.id, this.lease.userId, processed, total, progress, this.byKind, this.currentKind, this.lease.fence],
    );
    if (rows.length === 0) {
      const [state]: { status: string }[] = await this.manager.query(`SELECT status FROM sync_jobs WHERE id = $1`, [this.job.id]);
      this.stop(state?.status === 'running' ? 'lease_lost' : 'cancelled');
      return;
    }
    if (changed) {
      Object.assign(this.job, { processedItems: processed, totalItems: total, progress, byKind: this.byKind, currentKind: this.currentKind });
      this.onProgress(toJobView(this.job));
    }
  }
}
