import { DynamicModule, Module, Provider, Type } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { READINESS_CHECKS, ReadinessCheck } from './readiness-check';

/**
 * `/health/live` and `/health/ready`. PostgreSQL is always checked (through the
 * app's TypeORM connection); other dependencies come as ReadinessCheck classes
 * that the app's modules already provide (e.g. NATS from the messaging module).
 */
@Module({})
export class HealthModule {
  static forRoot(checks: Type<ReadinessCheck>[] = []): DynamicModule {
    const aggregate: Provider = {
      provide: READINESS_CHECKS,
      inject: checks,
      useFactory: (...instances: ReadinessCheck[]) => instances,
    };
    return {
      module: HealthModule,
      imports: [TerminusModule.forRoot({ logger: false })],
      controllers: [HealthController],
      providers: [aggregate],
    };
  }
}
