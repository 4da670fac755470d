import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { dataKindsOf, defaultSelectionOf, EventSubject, SyncKind, SyncRunCommand } from '@fittrack/contracts';
import { ConnectApi, GarminError, GarminErrorCode, PoliteSender } from '@fittrack/garmin';
import { Lease, loadCursors, moveCursor, SyncJob, User } from '@fittrack/persistence';
import { DataSource } from 'typeorm';
import { WorkerConfig } from '../config/worker.config';
import { UpstreamTally } from '../fleet/upstream-tally';
import { FencedWriter } from './fenced-writer';
import { GARMIN_API_FACTORY, GarminApiFactory } from './garmin-api.provider';
import { JobContext } from './job-context';
import { interruptedFailure } from './job-errors';
import { JobLeases } from './job-lease';
import { JobOutcomes } from './job-outcome';
import { ActivitiesSyncer } from './kinds/activities.syncer';
import { KindAvailability } from './kinds/availability';
import { userToday } from './kinds/calendar';
import { HealthSyncer } from './kinds/health/health.syncer';
import { KindPlan, KindRun, KindSyncer } from './kinds/kind-syncer';
import { ProfileSyncer } from './kinds/profile/profile.syncer';
import { WorkoutsSyncer } from './kinds/workouts.syncer';
import { SessionHandle, SessionKeeper } from './session-keeper';
import { JobStopped } from './sync.errors';
import { SyncMetrics } from './sync.metrics';
import { UpstreamBudget } from './upstream-budget';

/** What the consumer does with the command after a run. */
export type Verdict = { ack: true } | { retryInMs: number } | { reject: string };

/** Signals the consumer relays to JetStream while a job runs. */
export interface Delivery {
  /** Tell JetStream the message is still being worked on. */
  working(): void;
  /** Set when the process is shutting down: stop at the next checkpoint. */
  stopping: () => boolean;
}

/**
 * Runs one sync command: takes the user's lease (JobLeases), starts the job (JobOutcomes), opens the Garmin
 * session, plans then syncs each kind (resuming cheaply: stored items are skipped), and ends the job.
 * Every write it makes is fenced by the lease: progress (JobContext), data rows (FencedWriter), cursors,
 * and the job's start and end. Anything worth retrying (Garmin or the database away, a crash) is retried
 * by redelivery, up to SYNC_MAX_ATTEMPTS real attempts.
 */
@Injectable()
export class JobRunner {
  private readonly logger = new Logger(JobRunner.name);
  private readonly sender: PoliteSender;
  private readonly syncers: Record<SyncKind, KindSyncer>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly leases: JobLeases,
    private readonly outcomes: JobOutcomes,
    private readonly sessions: SessionKeeper,
    private readonly metrics: SyncMetrics,
    private readonly config: WorkerConfig,
    @Inject(GARMIN_API_FACTORY) private readonly garminApi: GarminApiFactory,
    budget: UpstreamBudget,
    tally: UpstreamTally,
    activities: ActivitiesSyncer,
    health: HealthSyncer,
    workouts: WorkoutsSyncer,
    profile: ProfileSyncer,
  ) {
    this.sender = new PoliteSender({
      rateLimiter: budget,
      // A 429 storm slows a sync down; it fails only if Garmin asks for a wait longer than two minutes.
      retry: { maxAttempts: config.GARMIN_REQUEST_ATTEMPTS, baseDelayMs: 250, maxDelayMs: 8000, maxRetryAfterSeconds: 120 },
      observe: (host, outcome) => {
        metrics.upstreamRequest(host, outcome);
        tally.request(outcome);
      },
    });
    this.syncers = { activities, health, workouts, profile };
  }

  async run(command: SyncRunCommand, delivery: Delivery): Promise<Verdict> {
    const job = await this.dataSource.getRepository(SyncJob).findOneBy({ id: command.jobId });
    if (!job || job.userId !== command.userId) return { reject: `no job ${command.jobId} for user ${command.userId}` };
    if (job.status !== 'pending' && job.status !== 'running') return { ack: true };
    if (job.notBefore && job.notBefore.getTime() > Date.now()) return { retryInMs: job.notBefore.getTime() - Date.now() };

    const lease = await this.leases.acquire(job);
    if (!lease) return this.leases.wait(job);
    try {
      return await this.runLeased(job, lease, delivery);
    } finally {
      await this.leases.release(lease);
    }
  }

  private async runLeased(job: SyncJob, lease: Lease, delivery: Delivery): Promise<Verdict> {
    if (job.attemptCount >= this.config.SYNC_MAX_ATTEMPTS) {
      this.logger.warn(`job ${job.id}: out of attempts (${job.attemptCount}), none of which reached an outcome`);
      await this.outcomes.finish(job, lease, interruptedFailure(job.attemptCount));
      return { ack: true };
    }
    const started = await this.outcomes.start(job, lease);
    if (!started) return { ack: true };
    const startedAt = Date.now();
    const ctx = new JobContext(started, lease, this.dataSource.manager, this.config.SYNC_PROGRESS_INTERVAL_MS, (view) =>
      this.outcomes.publish(EventSubject.SyncProgress, view),
    );
    const stopBeating = this.leases.heartbeat(ctx, lease, delivery);
    try {
      await this.syncKinds(ctx);
      await ctx.flush();
      if (ctx.stopReason) throw ctx.stopReason;
      await this.outcomes.completed(ctx, startedAt);
      return { ack: true };
    } catch (error) {
      return await this.outcomes.verdictOn(error, ctx, startedAt);
    } finally {
      stopBeating();
    }
  }

  private async syncKinds(ctx: JobContext): Promise<void> {
    const session = await this.sessions.open(ctx.userId);
    const api = this.apiFor(ctx, session);
    ctx.checkpoint();
    const { today, summaryOfToday } = await userToday(api);
    const cursors = await loadCursors(this.dataSource.manager, ctx.userId);
    const user = await this.dataSource.getRepository(User).findOneByOrFail({ id: ctx.userId });
    // Exactly what the job was made with; a job from before jobs stored it syncs the catalog default of its kinds.
    const selection = new Set(ctx.job.selection ?? defaultSelectionOf(ctx.job.kinds));
    const availability = await KindAvailability.load(this.dataSource.manager, ctx.lease, ctx.job.id, this.config.SYNC_ABSENT_RECHECK_DAYS);
    const range = ctx.job.rangeFrom ? { from: ctx.job.rangeFrom, to: ctx.job.rangeTo ?? today } : null;
    const runOf = (kind: SyncKind): KindRun => {
      const events = this.config.SYNC_DATA_EVENTS ? { jobId: ctx.job.id } : undefined;
      const writer = new FencedWriter(this.dataSource.manager, ctx.lease, (changed) => this.metrics.stored(kind, changed), this.config.SYNC_STORE_DATA, events);
      return {
        ctx,
        api,
        selection,
        availability,
        displayName: user.displayName,
        profileId: user.garminProfileId,
        manager: this.dataSource.manager,
        today,
        todaySummary: summaryOfToday,
        range,
        cursor: cursors.find((c) => c.kind === kind) ?? null,
        concurrency: this.config.SYNC_ITEM_CONCURRENCY,
        upsert: writer.upsert,
        together: (work) => writer.together(work),
      };
    };
    // Every kind is planned before any is fetched, so the job's total is known before its first item
    // and its progress never falls back when the next kind starts (see JobContext).
    // A kind of the job with no data kind selected is not synced at all: nothing planned, nothing asked.
    const plans: { kind: SyncKind; plan: KindPlan }[] = [];
    for (const kind of ctx.job.kinds) {
      if (dataKindsOf(kind).some((dataKind) => selection.has(dataKind))) plans.push({ kind, plan: await this.syncers[kind].plan(runOf(kind)) });
      else ctx.plan(kind, 0);
    }
    ctx.planned();
    for (const { kind, plan } of plans) {
      ctx.startKind(kind);
      await ctx.flush();
      const update = await plan.fetch();
      if (update && this.config.SYNC_STORE_DATA && !(await moveCursor(this.dataSource.manager, ctx.lease, kind, update))) {
        throw new JobStopped('lease_lost');
      }
      await ctx.flush();
    }
  }

  /** The session's token on every request; a rejected token is refreshed once, then the request is tried again. */
  private apiFor(ctx: JobContext, session: SessionHandle): ConnectApi {
    const api = this.garminApi({ account: ctx.userId, accessToken: () => session.accessToken(), sender: this.sender });
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
}
