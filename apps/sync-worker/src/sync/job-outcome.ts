import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataChangeCounts, EventSubject, SyncJobView } from '@fittrack/contracts';
import { GarminError, GarminErrorCode } from '@fittrack/garmin';
import { EventPublisher } from '@fittrack/messaging';
import { changeCountsOf, countFurtherAttempt, Lease, SyncJob, toJobView, transitionSyncJob } from '@fittrack/persistence';
import { DataSource } from 'typeorm';
import { WorkerConfig } from '../config/worker.config';
import { JobContext } from './job-context';
import { failureDetail, JobFailure, jobFailure } from './job-errors';
import type { Verdict } from './job-runner';
import { LinkHealth } from './session/link-health';
import { JobStopped, NeedsLogin } from './sync.errors';
import { SyncMetrics } from './sync.metrics';

/** The longest a throttled job waits before its next attempt. */
const THROTTLED_RETRY_MAX_MS = 3_600_000;

/** Garmin throttled the job's requests past what PoliteSender waits out (no Retry-After, or a long one). */
const isThrottled = (error: unknown) => error instanceof GarminError && error.code === GarminErrorCode.RateLimited;

/**
 * A job's state changes, each fenced by the user's lease: it starts (pending → running, or a further
 * attempt), and it ends (completed, failed) or goes back to the queue with a delay. A worker that lost the
 * lease changes nothing: the job belongs to the new holder.
 */
@Injectable()
export class JobOutcomes {
  private readonly logger = new Logger(JobOutcomes.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventPublisher,
    private readonly linkHealth: LinkHealth,
    private readonly metrics: SyncMetrics,
    private readonly config: WorkerConfig,
  ) {}

  /** pending → running, or a further attempt at a job left running by a crashed worker; undefined if not ours to run. */
  async start(job: SyncJob, lease: Lease): Promise<SyncJob | undefined> {
    const manager = this.dataSource.manager;
    if (job.status === 'pending') {
      const moved = await transitionSyncJob(manager, job.id, 'running', {}, lease);
      if (!moved.ok) return undefined;
      this.publish(EventSubject.SyncStarted, toJobView(moved.job));
      return moved.job;
    }
    return countFurtherAttempt(manager, job.id, lease);
  }

  /** The job did all its work: completed (unless the lease was taken over meanwhile). */
  async completed(ctx: JobContext, startedAt: number): Promise<boolean> {
    const ended = await this.finish(ctx.job, ctx.lease, null, ctx.totals);
    if (!ended) return false;
    // Garmin answered a whole job: a throttling cooldown of the link is over.
    await this.linkHealth.recovered(ctx.userId);
    this.metrics.ended('completed', (Date.now() - startedAt) / 1000);
    return true;
  }

  /** What the consumer does with the command after an attempt that threw. */
  async verdictOn(error: unknown, ctx: JobContext, startedAt: number): Promise<Verdict> {
    const seconds = (Date.now() - startedAt) / 1000;
    if (error instanceof JobStopped) {
      if (error.reason === 'cancelled') {
        this.metrics.ended('cancelled', seconds);
        return { ack: true };
      }
      // Shutting down or lost the lease: another worker (or this one, later) continues from what is stored.
      if (error.reason === 'lease_lost') this.logger.warn(`job ${ctx.job.id}: the lease was taken over (fence ${ctx.lease.fence}); this worker writes nothing more`);
      return { retryInMs: 0 };
    }
    // The user is told a sentence of ours (jobFailure); what really happened goes to this log only.
    const detail = failureDetail(error);
    if (error instanceof NeedsLogin || ctx.job.attemptCount >= this.config.SYNC_MAX_ATTEMPTS) {
      const failure = jobFailure(error, ctx.job.attemptCount);
      this.logger.warn(`job ${ctx.job.id} of user ${ctx.userId} failed (${failure.code}) at attempt ${ctx.job.attemptCount}: ${detail}`);
      await this.finish(ctx.job, ctx.lease, failure, ctx.totals);
      this.metrics.ended('failed', seconds);
      return { ack: true };
    }
    const retryInMs = isThrottled(error)
      ? Math.min(THROTTLED_RETRY_MAX_MS, this.config.GARMIN_THROTTLE_BACKOFF_SECONDS * 1000 * 2 ** (ctx.job.attemptCount - 1))
      : Math.min(60_000, 1000 * 2 ** ctx.job.attemptCount);
    if (isThrottled(error)) await this.linkHealth.throttled(ctx.userId, new Date(Date.now() + retryInMs));
    this.logger.warn(`job ${ctx.job.id} attempt ${ctx.job.attemptCount} failed, will retry in ${Math.round(retryInMs / 1000)} s: ${detail}`);
    return { retryInMs };
  }

  /** Ends the job, completed without a failure, failed with one; false when it was not ours to end any more. */
  async finish(job: SyncJob, lease: Lease, failure: JobFailure | null, totals?: { processed: number; total: number }): Promise<boolean> {
    const status = failure ? 'failed' : 'completed';
    const moved = await transitionSyncJob(
      this.dataSource.manager,
      job.id,
      status,
      {
        errorMessage: failure?.message ?? null,
        errorCode: failure?.code ?? null,
        currentKind: null,
        ...(totals && { processedItems: totals.processed, totalItems: totals.total }),
      },
      lease,
    );
    if (!moved.ok) {
      if (moved.reason === 'lease_lost') this.logger.warn(`job ${job.id}: not marked ${status}: the lease was taken over (fence ${lease.fence})`);
      return false;
    }
    // The rows it changed, over all its attempts: the change events it wrote (none when they are turned off).
    const changes = await changeCountsOf(this.dataSource.manager, job.id);
    this.publish(status === 'completed' ? EventSubject.SyncCompleted : EventSubject.SyncFailed, toJobView(moved.job), changes);
    return true;
  }

  publish(subject: Exclude<EventSubject, typeof EventSubject.SessionNeedsLogin>, job: SyncJobView, changes?: DataChangeCounts): void {
    this.events.publish(subject, { job, at: new Date().toISOString(), ...(changes && { changes }) });
  }
}
