import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AbuseLimiter } from '../limits/abuse-limiter';
import { PendingSignIns } from './pending-sign-ins';

const SWEEP_EVERY_MS = 60_000;

/** Drops ended limit windows and expired MFA challenges now and then, so neither table grows; any replica may. */
@Injectable()
export class SignInStateSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SignInStateSweeper.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly limiter: AbuseLimiter,
    private readonly pending: PendingSignIns,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      Promise.all([this.limiter.sweep(), this.pending.sweep()]).catch((error: unknown) => this.logger.warn(`sweep failed: ${String(error)}`));
    }, SWEEP_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }
}
