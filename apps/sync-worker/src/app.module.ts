import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfigModule, HealthModule, loggingModule } from '@fittrack/app-core';
import { NatsModule, NatsReadinessCheck } from '@fittrack/messaging';
import { typeOrmOptions } from '@fittrack/persistence';
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
        TypeOrmModule.forRootAsync({
          inject: [WorkerConfig],
          useFactory: (c: WorkerConfig) => ({ ...typeOrmOptions({ url: c.DATABASE_URL }), retryAttempts: 2, retryDelay: 1000 }),
        }),
        NatsModule.forRootAsync({
          inject: [WorkerConfig],
          useFactory: (c: WorkerConfig) => ({ servers: c.NATS_URL, name: SERVICE_NAME, subjectPrefix: c.NATS_SUBJECT_PREFIX }),
        }),
        HealthModule.forRoot([NatsReadinessCheck]),
      ],
      controllers: [PingController],
    };
  }
}
