import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiSessionRetention, ApiSessionSweep } from '@fittrack/persistence';
import { DataSource } from 'typeorm';
import { GatewayConfig } from '../config/gateway.config';

/** Rows per DELETE: small enough that a batch holds few locks for little time. */
const BATCH_SIZE = 500;

/**
 * Deletes ended API sessions, long-expired access tokens and rotated refresh-token hashes that protect nothing any
 * more (ApiSessionRetention says exactly which), every RETENTION_SWEEP_INTERVAL_SECONDS. Every replica tries; an
 * advisory lock lets one sweep at a time, and the others skip that turn.
 */
@Injectable()
export class RetentionSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RetentionSweeper.name);
  private readonly retention: ApiSessionRetention;
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    private readonly config: GatewayConfig,
  ) {
    this.retention = new ApiSessionRetention(dataSource);
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      // One sweep at a time in this process too: a slow one is not stacked on by the next tick.
      this.running ??= this.sweep()
        .catch((error: unknown) => this.logger.warn(`retention sweep failed: ${String(error)}`))
        .finally(() => (this.running = undefined));
    }, this.config.RETENTION_SWEEP_INTERVAL_SECONDS * 1000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One sweep now; null when another replica is sweeping. */
  async sweep(): Promise<ApiSessionSweep | null> {
    const swept = await this.retention.sweep({
      sessionsDays: this.config.RETENTION_SESSIONS_DAYS,
      rotatedTokensDays: this.config.RETENTION_ROTATED_TOKENS_DAYS,
      refreshTokenTtlSeconds: this.config.REFRESH_TOKEN_TTL_SECONDS,
      batchSize: BATCH_SIZE,
    });
    if (swept && swept.sessions + swept.accessTokens + swept.rotatedTokens > 0) {
      this.logger.log(`retention: deleted ${swept.sessions} ended sessions, ${swept.accessTokens} expired access tokens, ${swept.rotatedTokens} rotated refresh-token hashes`);
    }
    return swept;
  }
}
