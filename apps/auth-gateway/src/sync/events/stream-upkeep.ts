import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { readWatchedState } from '@fittrack/persistence';
import { DataSource } from 'typeorm';
import { GatewayConfig } from '../../config/gateway.config';
import { StreamGone } from './job-stream';
import { StreamRegistry } from './stream-registry';

/**
 * The replica's timers for all its open job event streams together: a keep-alive comment to each, and ONE
 * safety query every SSE_SAFETY_CHECK_SECONDS for all their jobs and API sessions. The query repairs what a lost
 * NATS event would leave wrong (a missed step or end is sent from the row), ends streams whose job row is gone or
 * whose session is no longer live (revoked while NATS was away, expired, the user deleted). Nothing runs while
 * no stream is open, and the work per check is one statement whatever the number of streams.
 */
@Injectable()
export class StreamUpkeep implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(StreamUpkeep.name);
  private timers: NodeJS.Timeout[] = [];
  private checking = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registry: StreamRegistry,
    private readonly config: GatewayConfig,
  ) {}

  onModuleInit(): void {
    this.timers = [
      setInterval(() => void this.check(), this.config.SSE_SAFETY_CHECK_SECONDS * 1000),
      setInterval(() => this.registry.all().forEach((stream) => stream.keepAlive()), this.config.SSE_KEEPALIVE_SECONDS * 1000),
    ];
    for (const timer of this.timers) timer.unref();
  }

  onModuleDestroy(): void {
    this.timers.forEach(clearInterval);
  }

  /** One safety check now (a check still running is not doubled: the next tick comes soon enough). */
  async check(): Promise<void> {
    if (this.checking || this.registry.size === 0) return;
    this.checking = true;
    try {
      // Only the streams the query is about: one opened while it runs is not in its answer, yet not gone.
      const streams = this.registry.all();
      const jobIds = [...new Set(streams.map((stream) => stream.jobId))];
      const sessionIds = [...new Set(streams.map((stream) => stream.caller.sessionId))];
      const state = await readWatchedState(this.dataSource.manager, jobIds, sessionIds);
      const found = new Map(state.jobs.map((job) => [job.id, job]));
      for (const stream of streams) {
        const job = found.get(stream.jobId);
        if (!state.liveSessionIds.has(stream.caller.sessionId)) stream.gone(StreamGone.SessionEnded);
        else if (!job) stream.gone(StreamGone.JobDeleted);
        else stream.offer(job);
      }
    } catch (error) {
      // The database away for a moment: the streams stay as they are, and the next check tries again.
      this.logger.warn(`job event stream safety check failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.checking = false;
    }
  }
}
