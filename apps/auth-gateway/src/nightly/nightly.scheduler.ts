import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { GatewayConfig } from '../config/gateway.config';
import { NightlyRunsService } from './nightly-runs.service';

/**
 * Fires the nightly run at NIGHTLY_CRON in NIGHTLY_TIME_ZONE. Every replica
 * fires; the first to claim the day's run does it, the rest see it claimed.
 */
@Injectable()
export class NightlyScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(NightlyScheduler.name);

  constructor(
    private readonly registry: SchedulerRegistry,
    private readonly runs: NightlyRunsService,
    private readonly config: GatewayConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.NIGHTLY_ENABLED) return;
    const job = CronJob.from({
      cronTime: this.config.NIGHTLY_CRON,
      timeZone: this.config.NIGHTLY_TIME_ZONE,
      onTick: () => {
        this.runs.runScheduled().catch((error: unknown) => this.logger.error(`nightly run failed: ${String(error)}`));
      },
    });
    this.registry.addCronJob('nightly-sync', job);
    job.start();
    this.logger.log(`nightly sync scheduled at "${this.config.NIGHTLY_CRON}" (${this.config.NIGHTLY_TIME_ZONE})`);
  }
}
