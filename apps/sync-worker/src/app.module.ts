import { DynamicModule, Module } from '@nestjs/common';
import { AppConfigModule, HealthModule, loggingModule, MetricsModule } from '@fittrack/app-core';
import { NatsModule, NatsReadinessCheck } from '@fittrack/messaging';
import { databaseModule } from '@fittrack/persistence';
import { WorkerConfig } from './config/worker.config';
import { PingController } from './ping/ping.controller';

export const SERVICE_NAME = 'sync-worker';

@Module({})
export class AppModule {
  static forRoot(config: WorkerConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(config),
        loggingModule(SERVICE_NAME, config),
        databaseModule(config.DATABASE_URL),
        NatsModule.forService(SERVICE_NAME, config),
        HealthModule.forRoot([NatsReadinessCheck]),
        MetricsModule,
      ],
      controllers: [PingController],
    };
  }
}
