import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { FleetStore } from '@fittrack/persistence';
import { DataSource } from 'typeorm';
import { WorkerConfig } from '../config/worker.config';
import { UpstreamTally } from './upstream-tally';
import { WorkerInstance } from './worker-instance';

/** How long the fleet's upstream minutes are kept: the console's longest view is a week. */
const KEEP_MS = 8 * 24 * 3600_000;
const PRUNE_EVERY_MS = 3600_000;

/**
 * Every FLEET_REPORT_INTERVAL_MS: this replica's heartbeat, and its Garmin traffic tally added to the fleet's
 * minutes. A report that fails (the database away) keeps its counts for the next one; nothing here ever stops a
 * sync. A clean shutdown reports a last time and takes the replica off the list.
 */
@Injectable()
export class FleetReporter implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(FleetReporter.name);
  private readonly store = new FleetStore();
  private timer: NodeJS.Timeout | undefined;
  private lastPrune = 0;
  private reporting: Promise<void> = Promise.resolve();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: WorkerConfig,
    private readonly instance: WorkerInstance,
    private readonly tally: UpstreamTally,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  /** Before the database connections close (they do on application shutdown). */
  async beforeApplicationShutdown(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.reporting;
    await this.report();
    await this.store.forget(this.dataSource.manager, this.instance.id).catch(() => undefined);
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.reporting = this.report().finally(() => {
        if (this.timer) this.schedule(this.config.FLEET_REPORT_INTERVAL_MS);
      });
    }, delayMs);
    this.timer.unref();
  }

  private async report(): Promise<void> {
    const manager = this.dataSource.manager;
    const minutes = this.tally.drain();
    try {
      await this.store.beat(manager, this.instance);
      await this.store.addUpstreamMinutes(manager, 'sync-worker', minutes);
    } catch (error) {
      this.tally.restore(minutes);
      this.logger.warn(`could not report to the fleet's telemetry (kept for the next report): ${String(error)}`);
      return;
    }
    if (Date.now() - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = Date.now();
    await this.store.pruneUpstreamMinutes(manager, new Date(Date.now() - KEEP_MS)).catch((error: unknown) => this.logger.warn(`could not prune old upstream minutes: ${String(error)}`));
  }
}
