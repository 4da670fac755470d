import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { EventSubject, NightlyRunView } from '@fittrack/contracts';
import { EventPublisher } from '@fittrack/messaging';
import { ClaimedRun, enqueueNightlySyncJobs, NightlyRun, NightlyRunStore, NightlyTrigger, RunOutcome } from '@fittrack/persistence';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { GatewayConfig } from '../config/gateway.config';
import { OutboxRelay } from '../sync/outbox-relay';
import { JobPolicy } from '../sync/job-policy';
import { ReconcileMetrics } from '../sync/reconcile.metrics';
import { Reconciler } from '../sync/reconciler';

/** Users per enqueue statement: large enough to be fast, small enough to keep each transaction short. */
const CHUNK = 2000;

/**
 * The nightly run: one incremental `all` job per linked user with a healthy session, each with a not-before
 * time spread over the window, plus a refresh request for sessions near the end of their refresh
 * credentials. It only enqueues, in set-based statements; the workers do the work. A run is claimed for
 * NIGHTLY_CLAIM_SECONDS and the claim renewed while it runs; the reconciler takes over a run whose replica
 * died, and executes it again (every step is idempotent: deterministic job ids, refresh message ids).
 */
@Injectable()
export class NightlyRunsService implements OnModuleInit {
  private readonly logger = new Logger(NightlyRunsService.name);
  /** This replica, as named in the claims it holds. */
  readonly holder = `gateway-${randomUUID()}`;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: NightlyRunStore,
    private readonly relay: OutboxRelay,
    private readonly events: EventPublisher,
    private readonly reconciler: Reconciler,
    private readonly policy: JobPolicy,
    private readonly metrics: ReconcileMetrics,
    private readonly config: GatewayConfig,
  ) {}

  onModuleInit(): void {
    this.reconciler.register({ name: 'nightly takeover', run: () => this.takeOverExpired() });
  }

  /** The scheduled run of today: claimed by exactly one replica (a unique row per day); the others return undefined. */
  async runScheduled(now = new Date()): Promise<NightlyRunView | undefined> {
    const date = this.dayOf(now);
    const claimed = await this.store.claimScheduled(this.dataSource.manager, date, this.holder, this.config.NIGHTLY_CLAIM_SECONDS);
    if (!claimed) {
      this.logger.log(`nightly run for ${date} already claimed by another replica`);
      return undefined;
    }
    this.logger.log(`nightly run ${claimed.id} for ${date} claimed by ${this.holder}`);
    return this.execute(claimed, now);
  }

  /** An operator's run, for today or a given day; the day's existing jobs are kept, never doubled. */
  async runNow(date?: string, now = new Date()): Promise<NightlyRunView> {
    const claimed = await this.store.claimOperator(this.dataSource.manager, date ?? this.dayOf(now), this.holder, this.config.NIGHTLY_CLAIM_SECONDS);
    return this.execute(claimed, now);
  }

  async latest(limit: number): Promise<NightlyRunView[]> {
    return (await this.store.latest(this.dataSource.manager, limit)).map(toView);
  }

  /** The reconciler's sweep: runs whose replica died (unfinished, claim expired) are taken over and executed again. */
  async takeOverExpired(): Promise<void> {
    // A few per pass at most: a run that fails again is not retried in a loop (the next pass sees it).
    for (let taken = 0; taken < 3; taken++) {
      const run = await this.store.takeOverExpired(this.dataSource.manager, this.holder, this.config.NIGHTLY_CLAIM_SECONDS);
      if (!run) return;
      this.metrics.redriven('nightly_takeover');
      this.logger.warn(`nightly run ${run.id} for ${run.runDate} taken over from ${run.from ?? 'an unknown replica'} (its claim expired): running it again`);
      await this.execute(run, new Date()).catch(() => undefined);
    }
  }

  private async execute(run: ClaimedRun, now: Date): Promise<NightlyRunView> {
    const started = Date.now();
    const manager = this.dataSource.manager;
    // Renewed well before it lapses; a renewal that fails means another replica took the run over.
    const heartbeat = setInterval(() => {
      this.store.renewClaim(manager, run.id, this.holder, this.config.NIGHTLY_CLAIM_SECONDS).then(
        (held) => held || this.logger.warn(`nightly run ${run.id}: claim lost to another replica`),
        () => undefined,
      );
    }, (this.config.NIGHTLY_CLAIM_SECONDS * 1000) / 3);
    try {
      const skipped = await this.skipUnhealthy(now);
      const refreshes = await this.store.requestRefreshes(manager, run.runDate, this.config.SESSION_REFRESH_HORIZON_HOURS);
      const { enqueued, existing } = await this.enqueueHealthy(run.runDate, now);
      const outcome: RunOutcome = { enqueued, existing, skipped, refreshes };
      const recorded = await this.store.finish(manager, run.id, this.holder, outcome);
      this.relay.kick();
      this.logger.log(
        `nightly run ${run.runDate}${recorded ? '' : ' (claim lost: the replica that took it over records it)'}: ${enqueued} enqueued, ${existing} already queued, skipped ${JSON.stringify(skipped)}, ${refreshes} refreshes, ${Date.now() - started} ms`,
      );
    } catch (error) {
      await this.store.fail(manager, run.id, this.holder, String(error)).catch(() => undefined);
      throw error;
    } finally {
      clearInterval(heartbeat);
    }
    return toView(await this.store.get(manager, run.id));
  }

  /** Sessions that cannot sync tonight, counted by reason; those who must sign in again are announced. */
  private async skipUnhealthy(now: Date): Promise<Record<string, number>> {
    const skipped: Record<string, number> = {};
    for (const { reason, userId } of await this.store.unhealthyLinks(this.dataSource.manager, now)) {
      skipped[reason] = (skipped[reason] ?? 0) + 1;
      if (reason !== 'cooling_down') this.events.publish(EventSubject.SessionNeedsLogin, { userId, reason, at: now.toISOString() });
    }
    return skipped;
  }

  /** One job per healthy linked user, chunk by chunk, job and command in one transaction per chunk. */
  private async enqueueHealthy(date: string, now: Date): Promise<{ enqueued: number; existing: number }> {
    const healthy = await this.store.healthyUserIds(this.dataSource.manager, now);
    const deadJob = this.policy.deadJob();
    let enqueued = 0;
    let redriven = 0;
    for (let start = 0; start < healthy.length; start += CHUNK) {
      const userIds = healthy.slice(start, start + CHUNK);
      const chunk = await this.dataSource.transaction((manager) =>
        enqueueNightlySyncJobs(manager, {
          userIds,
          date,
          windowStart: now,
          windowSeconds: this.config.NIGHTLY_WINDOW_SECONDS,
          deadJob,
          defaultSelection: this.config.defaultSelection,
        }),
      );
      enqueued += chunk.created;
      redriven += chunk.redriven;
    }
    if (redriven > 0) {
      this.metrics.redriven('nightly', redriven);
      this.logger.log(`nightly run ${date}: re-drove ${redriven} users' equivalent jobs that were dead`);
    }
    return { enqueued, existing: healthy.length - enqueued };
  }

  /** The calendar day of an instant in NIGHTLY_TIME_ZONE. */
  private dayOf(now: Date): string {
    return new Intl.DateTimeFormat('en-CA', { timeZone: this.config.NIGHTLY_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  }
}

function toView(run: NightlyRun): NightlyRunView {
  return {
    id: run.id,
    runDate: run.runDate,
    trigger: run.trigger as NightlyTrigger,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    usersEnqueued: run.usersEnqueued,
    usersAlreadyQueued: run.usersAlreadyQueued,
    skipped: run.skipped,
    refreshesRequested: run.refreshesRequested,
    error: run.error,
  };
}
