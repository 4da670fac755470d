import { Controller, Get, Inject } from '@nestjs/common';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorFunction,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { READINESS_CHECKS, ReadinessCheck } from './readiness-check';

const CHECK_TIMEOUT_MS = 1500;

@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    private readonly database: TypeOrmHealthIndicator,
    @Inject(READINESS_CHECKS) private readonly checks: ReadinessCheck[],
  ) {}

  /** The process is up and its event loop turns. */
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Every dependency answers: PostgreSQL and whatever modules registered. */
  @Get('ready')
  @HealthCheck()
  ready() {
    const indicators: HealthIndicatorFunction[] = [
      () => this.database.pingCheck('postgres', { timeout: CHECK_TIMEOUT_MS }),
      ...this.checks.map((c) => () => this.run(c)),
    ];
    return this.health.check(indicators);
  }

  private async run(readiness: ReadinessCheck) {
    const probe = this.indicator.check(readiness.name);
    try {
      await withTimeout(readiness.check(), CHECK_TIMEOUT_MS);
      return probe.up();
    } catch (error) {
      return probe.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }
}

async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
