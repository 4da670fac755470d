import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { EventSubject, SyncJobView, SyncKind, SyncRunCommand } from '@fittrack/contracts';
import { ConnectApi, GarminError, GarminErrorCode, PoliteSender } from '@fittrack/garmin';
import { EventPublisher } from '@fittrack/messaging';
import {
  acquireLease,
  Lease,
  leaseHeld,
  releaseLease,
  renewLease,
  SyncCursor,
  SyncJob,
  toJobView,
  transitionSyncJob,
} from '@fittrack/persistence';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { WorkerConfig } from '../config/worker.config';
import { JobContext } from './job-context';
import { failureDetail, interruptedFailure, JobFailure, jobFailure } from './job-errors';
import { ActivitiesSyncer } from './kinds/activities.syncer';
import { userToday } from './kinds/calendar';
import { HealthSyncer } from './kinds/health.syncer';
import { CursorUpdate, KindPlan, KindRun, KindSyncer } from './kinds/kind-syncer';
import { upsertUnique } from './kinds/last-by-key';
import { WorkoutsSyncer } from './kinds/workouts.syncer';
import { SessionHandle, SessionKeeper } from './session-keeper';
import { LinkHealth } from './session/link-health';
import { JobStopped, NeedsLogin } from './sync.errors';
import { SyncMetrics } from './sync.metrics';
import { UpstreamBudget } from './upstream-budget';

/** What the consumer does with the command after a run. */
/** The longest a throttled job waits before its next attempt. */
const THROTTLED_RETRY_MAX_MS = 3_600_000;

/** Garmin throttled the job's requests past what PoliteSender waits out (no Retry-After, or a long one). */
const isThrottled = (error: unknown) => error instanceof GarminError && error.code === GarminErrorCode.RateLimited;

export type Verdict = { ack: true } | { retryInMs: number } | { reject: string };

/** Signals the consumer relays to JetStream while a job runs. */
export interface Delivery {
  /** Tell JetStream the message is still being worked on. */
  working(): void;
  /** Set when the process is shutting down: stop at the next checkpoint. */
  stopping: () => boolean;
}

const LEASE_BUSY_RETRY_MS = 2000;

/**
 * Runs one sync command: takes the user's lease, marks the job running, opens
 * the Garmin session, syncs each kind (resuming cheaply: stored items are
 * skipped), keeps the lease and JetStream's ack timer alive, and ends the job.
 * Anything worth retrying (Garmin or the database away, a crash) is retried by
 * redelivery, up to SYNC_MAX_ATTEMPTS real attempts.
 */
@Injectable()
export class JobRunner {
  private readonly logger = new Logger(JobRunner.name);
  readonly holder = `worker-${randomUUID()}`;
  private readonly sender: PoliteSender;
  private readonly syncers: Record<SyncKind, KindSyncer>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionKeeper,
    private readonly linkHealth: LinkHealth,
    private readonly events: EventPublisher,
    private readonly metrics: SyncMetrics,
    private readonly config: WorkerConfig,
    budget: UpstreamBudget,
    activities: ActivitiesSyncer,
    health: HealthSyncer,
    workouts: WorkoutsSyncer,
  ) {
    this.sender = new PoliteSender({
      rateLimiter: budget,
      // A 429 storm slows a sync down; it fails only if Garmin asks for a wait longer than two minutes.
      retry: { maxAttempts: config.GARMIN_REQUEST_ATTEMPTS, baseDelayMs: 250, maxDelayMs: 8000, maxRetryAfterSeconds: 120 },
      observe: (host, outcome) => metrics.upstreamRequest(host, outcome),
    });
    this.syncers = { activities, health, workouts };
  }

  async run(command: SyncRunCommand, delivery: Delivery): Promise<Verdict> {
    const job = await this.dataSource.getRepository(SyncJob).findOneBy({ id: command.jobId });
    if (!job || job.userId !== command.userId) return { reject: `no job ${command.jobId} for user ${command.userId}` };
    if (job.status !== 'pending' && job.status !== 'running') return { ack: true };
    if (job.notBefore && job.notBefore.getTime() > Date.now()) return { retryInMs: job.notBefore.getTime() - Date.now() };

    const lease = await acquireLease(this.dataSource.manager, job.userId, job.id, this.holder, this.config.SYNC_LEASE_TTL_MS);
    if (!lease) return { retryInMs: LEASE_BUSY_RETRY_MS };
    try {
      return await this.runLeased(job, lease, delivery);
    } finally {
      await releaseLease(this.dataSource.manager, lease).catch(() => undefined);
    }
  }

  private async runLeased(job: SyncJob, lease: Lease, delivery: Delivery): Promise<Verdict> {
    if (job.attemptCount >= this.config.SYNC_MAX_ATTEMPTS) {
      this.logger.warn(`job ${job.id}: out of attempts (${job.attemptCount}), none of which reached an outcome`);
      await this.finish(job, interruptedFailure(job.attemptCount));
      return { ack: true };
    }
    const started = await this.start(job, lease);
    if (!started) return { ack: true };
    const startedAt = Date.now();
    const ctx = new JobContext(started, lease, this.dataSource.manager, this.config.SYNC_PROGRESS_INTERVAL_MS, (view) =>
      this.publish(EventSubject.SyncProgress, view),
    );
    const heartbeat = setInterval(() => {
      delivery.working();
      if (delivery.stopping()) ctx.stop('shutdown');
      renewLease(this.dataSource.manager, lease, this.config.SYNC_LEASE_TTL_MS).then(
        (held) => held || ctx.stop('lease_lost'),
        () => undefined,
      );
      ctx.flush().catch(() => undefined);
    }, Math.min(this.config.SYNC_LEASE_TTL_MS, this.config.SYNC_ACK_WAIT_MS) / 4);
    try {
      await this.syncKinds(ctx);
      await ctx.flush();
      if (ctx.stopReason) throw ctx.stopReason;
      await this.finish(ctx.job, null, ctx.totals);
      await this.linkHealth.recovered(ctx.userId);
      this.metrics.ended('completed', (Date.now() - startedAt) / 1000);
      return { ack: true };
    } catch (error) {
      return await this.verdictOn(error, ctx, startedAt);
    } finally {
      clearInterval(heartbeat);
    }
  }

  private async syncKinds(ctx: JobContext): Promise<void> {
    const session = await this.sessions.open(ctx.userId);
    const api = this.apiFor(ctx, session);
    ctx.checkpoint();
    const { today, summaryOfToday } = await userToday(api);
    const cursors = await this.dataSource.getRepository(SyncCursor).findBy({ userId: ctx.userId });
    const range = ctx.job.rangeFrom ? { from: ctx.job.rangeFrom, to: ctx.job.rangeTo ?? today } : null;
    const runOf = (kind: SyncKind): KindRun => ({
      ctx,
      api,
      manager: this.dataSource.manager,
      today,
      todaySummary: summaryOfToday,
      range,
      cursor: cursors.find((c) => c.kind === kind) ?? null,
      concurrency: this.config.SYNC_ITEM_CONCURRENCY,
      upsert: async (spec, rows, manager = this.dataSource.manager) => {
        if (!this.config.SYNC_STORE_DATA) return 0;
        const changed = await upsertUnique(manager, spec, rows);
        this.metrics.stored(kind, changed);
        return changed;
      },
    });
    // Every kind is planned before any is fetched, so the job's total is known before its first item
    // and its progress never falls back when the next kind starts (see JobContext).
    const plans: { kind: SyncKind; plan: KindPlan }[] = [];
    for (const kind of ctx.job.kinds) plans.push({ kind, plan: await this.syncers[kind].plan(runOf(kind)) });
    ctx.planned();
    for (const { kind, plan } of plans) {
      ctx.startKind(kind);
      await ctx.flush();
      const update = await plan.fetch();
      if (update && this.config.SYNC_STORE_DATA) await this.moveCursor(ctx, kind, update);
      await ctx.flush();
    }
  }

  /** The session's token on every request; a rejected token is refreshed once, then the request is tried again. */
  private apiFor(ctx: JobContext, session: SessionHandle): ConnectApi {
    const api = new ConnectApi(this.config.garmin, { account: ctx.userId, accessToken: () => session.accessToken(), sender: this.sender });
    return new Proxy(api, {
      get: (target, property, receiver) => {
        const value = Reflect.get(target, property, receiver) as unknown;
        if (typeof value !== 'function') return value;
        return async (...args: unknown[]) => {
          try {
            return await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          } catch (error) {
            if (!(error instanceof GarminError) || error.code !== GarminErrorCode.SessionRejected) throw error;
            await session.rejected();
            ctx.checkpoint();
            return (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          }
        };
      },
    });
  }

  private async moveCursor(ctx: JobContext, kind: SyncKind, update: CursorUpdate): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO sync_cursors (user_id, kind, synced_through, newest_item_at)
       SELECT $1, $2, $3, $4 WHERE ${leaseHeld('$1', '$5')}
       ON CONFLICT (user_id, kind) DO UPDATE SET
         synced_through = COALESCE(EXCLUDED.synced_through, sync_cursors.synced_through),
         newest_item_at = COALESCE(EXCLUDED.newest_item_at, sync_cursors.newest_item_at),
         updated_at = now()`,
      [ctx.userId, kind, update.syncedThrough ?? null, update.newestItemAt ?? null, ctx.lease.fence],
    );
  }

  /** pending → running (or a further attempt at a job left running by a crashed worker). */
  private async start(job: SyncJob, lease: Lease): Promise<SyncJob | undefined> {
    if (job.status === 'pending') {
      const moved = await transitionSyncJob(this.dataSource.manager, job.id, 'running');
      if (!moved.ok) return undefined;
      this.publish(EventSubject.SyncStarted, toJobView(moved.job));
      return moved.job;
    }
    const [rows]: [{ id: string }[], number] = await this.dataSource.query(
      `UPDATE sync_jobs SET attempt_count = attempt_count + 1, updated_at = now() WHERE id = $1 AND status = 'running' AND ${leaseHeld('$2', '$3')} RETURNING id`,
      [job.id, lease.userId, lease.fence],
    );
    if (rows.length === 0) return undefined;
    return (await this.dataSource.getRepository(SyncJob).findOneBy({ id: job.id })) ?? undefined;
  }

  private async verdictOn(error: unknown, ctx: JobContext, startedAt: number): Promise<Verdict> {
    const seconds = (Date.now() - startedAt) / 1000;
    if (error instanceof JobStopped) {
      if (error.reason === 'cancelled') {
        this.metrics.ended('cancelled', seconds);
        return { ack: true };
      }
      // Shutting down or lost the lease: another worker (or this one, later) continues from what is stored.
      return { retryInMs: 0 };
    }
    // The user is told a sentence of ours (jobFailure); what really happened goes to this log only.
    const detail = failureDetail(error);
    if (error instanceof NeedsLogin || ctx.job.attemptCount >= this.config.SYNC_MAX_ATTEMPTS) {
      const failure = jobFailure(error, ctx.job.attemptCount);
      this.logger.warn(`job ${ctx.job.id} of user ${ctx.userId} failed (${failure.code}) at attempt ${ctx.job.attemptCount}: ${detail}`);
      await this.finish(ctx.job, failure, ctx.totals);
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

  /** Ends the job: completed without a failure, failed with one. */
  private async finish(job: SyncJob, failure: JobFailure | null, totals?: { processed: number; total: number }): Promise<void> {
    const status = failure ? 'failed' : 'completed';
    const moved = await transitionSyncJob(this.dataSource.manager, job.id, status, {
      errorMessage: failure?.message ?? null,
      errorCode: failure?.code ?? null,
      currentKind: null,
      ...(totals && { processedItems: totals.processed, totalItems: totals.total }),
    });
    if (!moved.ok) return;
    const view = toJobView(moved.job);
    this.publish(status === 'completed' ? EventSubject.SyncCompleted : EventSubject.SyncFailed, view);
  }

  private publish(subject: Exclude<EventSubject, typeof EventSubject.SessionNeedsLogin>, job: SyncJobView): void {
    this.events.publish(subject, { job, at: new Date().toISOString() });
  }
}
