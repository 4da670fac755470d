import { DynamicModule, Module } from '@nestjs/common';
import { AppConfigModule, HealthModule, loggingModule, MetricsModule } from '@fittrack/app-core';
import { NatsModule, NatsReadinessCheck } from '@fittrack/messaging';
import { databaseModule, secretProviders } from '@fittrack/persistence';
import { WorkerConfig } from './config/worker.config';
import { FleetModule } from './fleet/fleet.module';
import { PingController } from './ping/ping.controller';
import { SyncModule } from './sync/sync.module';

export const SERVICE_NAME = 'sync-worker';

@Module({})
export class AppModule {
  static forRoot(config: WorkerConfig): DynamicModule {
    const secrets = secretProviders(config.encryptionKeyring);
    return {
      module: AppModule,
      global: true,
      imports: [
        AppConfigModule.forRoot(config),
        loggingModule(SERVICE_NAME, config),
        databaseModule(config.DATABASE_URL, config.DATABASE_POOL_SIZE, { idleInTransactionTimeoutMs: config.SYNC_IDLE_IN_TRANSACTION_TIMEOUT_MS }),
        NatsModule.forService(SERVICE_NAME, config),
        HealthModule.forRoot([NatsReadinessCheck]),
        MetricsModule,
        FleetModule,
        SyncModule,
      ],
      controllers: [PingController],
      providers: secrets,
      exports: secrets,
    };
  }
}
