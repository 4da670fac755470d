import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { GarminLinkStore } from '@fittrack/persistence';
import { DataSource } from 'typeorm';
import { WorkerConfig } from '../../config/worker.config';
import { UpstreamTally } from '../../fleet/upstream-tally';
import { HealthReason } from './health-reasons';

/**
 * A link's health as its jobs see Garmin treat it. A job attempt that Garmin throttled beyond what the
 * request-level retry waits out is one strike; GARMIN_THROTTLE_STRIKES in a row make the link cooling_down
 * until the job's next attempt (the nightly run skips it meanwhile), and a completed job ends that. The
 * strikes live on the link's row, so they add up across workers.
 *
 * Neither call changes a job's outcome: when the database is away the health is not updated, and the
 * next attempt or completed job records it.
 */
@Injectable()
export class LinkHealth {
  private readonly logger = new Logger(LinkHealth.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly links: GarminLinkStore,
    private readonly config: WorkerConfig,
    private readonly tally: UpstreamTally,
  ) {}

  /** A job attempt of the user ended because Garmin throttled its data calls; its next attempt is at `retryAt`. */
  async throttled(userId: string, retryAt: Date): Promise<void> {
    try {
      const record = await this.links.recordThrottled(this.dataSource.manager, userId, retryAt, this.config.GARMIN_THROTTLE_STRIKES, HealthReason.Throttled);
      if (record?.health === 'cooling_down' && record.strikes === this.config.GARMIN_THROTTLE_STRIKES) {
        this.tally.cooldownStarted();
        this.logger.warn(`user ${userId}: ${record.strikes} throttled job attempts in a row; the link cools down until ${record.cooldownUntil?.toISOString()}`);
      }
    } catch (error) {
      this.logger.warn(`user ${userId}: could not record a throttled attempt: ${String(error)}`);
    }
  }

  /** A job of the user completed: Garmin answers again. */
  async recovered(userId: string): Promise<void> {
    try {
      await this.links.recordRecovered(this.dataSource.manager, userId, HealthReason.Throttled);
    } catch (error) {
      this.logger.warn(`user ${userId}: could not record a completed job on the link's health: ${String(error)}`);
    }
  }
}
