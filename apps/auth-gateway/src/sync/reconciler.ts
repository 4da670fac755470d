import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { SyncJobStore, withReconcilerLock } from '@fittrack/persistence';
import { DataSource } from 'typeorm';
import { GatewayConfig } from '../config/gateway.config';
import { CommandStreamWatch } from './command-stream-watch';
import { JobPolicy } from './job-policy';
import { OutboxRelay } from './outbox-relay';
import { ReconcileMetrics } from './reconcile.metrics';

/** Jobs re-driven per pass at most (one per user): a bounded burst even after a whole stream was lost. */
const BATCH = 1000;

export interface ReconcileSweep {
  name: string;
  run(): Promise<void>;
}

/**
 * Re-drives what was lost. Every RECONCILE_INTERVAL_SECONDS each replica refreshes what it knows of the
 * command stream, and the one that gets the cluster-wide lock runs a pass: jobs dead by the rule (their
 * command gone, their worker's lease expired, parked behind a lease that is gone) get their command
 * published again, one per user per pass; then the sweeps other modules registered (the nightly takeover).
 */
@Injectable()
export class Reconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(Reconciler.name);
  private readonly sweeps: ReconcileSweep[] = [];
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: SyncJobStore,
    private readonly stream: CommandStreamWatch,
    private readonly policy: JobPolicy,
    private readonly relay: OutboxRelay,
    private readonly metrics: ReconcileMetrics,
    private readonly config: GatewayConfig,
  ) {}

  /** A sweep run in every pass after the jobs' one (so it shares the lock: one at a time, cluster-wide). */
  register(sweep: ReconcileSweep): void {
    this.sweeps.push(sweep);
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.tick(), this.config.RECONCILE_INTERVAL_SECONDS * 1000);
    this.timer.unref();
    this.tick();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  private tick(): void {
    if (this.stopped || this.running) return;
    this.running = this.pass()
      .catch((error: unknown) => {
        this.metrics.pass('failed');
        this.logger.warn(`reconciliation pass failed: ${String(error)}; trying again in ${this.config.RECONCILE_INTERVAL_SECONDS} s`);
      })
      .finally(() => (this.running = undefined));
  }

  /** Every replica keeps its view of the stream fresh (the request path reads it); the pass only if enabled. */
  private async pass(): Promise<void> {
    await this.stream.refresh();
    if (!this.config.RECONCILE_ENABLED) return;
    const ran = await withReconcilerLock(this.dataSource, async () => {
      await this.redriveDeadJobs();
      for (const sweep of this.sweeps) {
        if (this.stopped) return;
        await sweep.run().catch((error: unknown) => this.logger.warn(`reconciler sweep ${sweep.name} failed: ${String(error)}`));
      }
    });
    this.metrics.pass(ran ? 'ran' : 'skipped');
  }

  private async redriveDeadJobs(): Promise<void> {
    const rule = this.policy.deadJob();
    const redriven = await this.dataSource.transaction((manager) => this.store.redriveDead(manager, rule, BATCH));
    if (redriven.length === 0) return;
    this.relay.kick();
    const byReason: Record<string, number> = {};
    for (const job of redriven) {
      byReason[job.reason] = (byReason[job.reason] ?? 0) + 1;
      // Each job by name while they are few; a lost stream's thousands only in the summary.
      if (redriven.length <= 20) this.logger.log(`re-drove job ${job.jobId} of user ${job.userId} (${job.reason}) as ${job.msgId}`);
    }
    for (const [reason, count] of Object.entries(byReason)) this.metrics.redriven(reason, count);
    this.logger.log(`reconciliation: re-drove ${redriven.length} jobs ${JSON.stringify(byReason)}, commands gone before ${rule.commandsGoneBefore?.toISOString() ?? 'unknown'}`);
  }
}
