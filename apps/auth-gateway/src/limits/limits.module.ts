import { Injectable, Logger, Module, OnApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import { AbuseLimiter } from './abuse-limiter';

const SWEEP_EVERY_MS = 60_000;

/** Drops ended limit windows now and then, so the counters table stays small. */
@Injectable()
class LimitSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('AbuseLimits');
  private timer?: NodeJS.Timeout;

  constructor(private readonly limiter: AbuseLimiter) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.limiter.sweep().catch((error: unknown) => this.logger.warn(`sweep failed: ${String(error)}`));
    }, SWEEP_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }
}

@Module({ providers: [AbuseLimiter, LimitSweeper], exports: [AbuseLimiter] })
export class LimitsModule {}
