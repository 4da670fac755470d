import { DynamicModule, Module } from '@nestjs/common';
import { AppConfigModule, HealthModule, loggingModule, MetricsModule } from '@fittrack/app-core';
import { NatsModule, NatsReadinessCheck } from '@fittrack/messaging';
import { databaseModule, secretProviders } from '@fittrack/persistence';
import { ActivityFilesModule } from './activity-files/activity-files.module';
import { AccountsModule } from './accounts/accounts.module';
import { AuthModule } from './auth/auth.module';
import { DataModule } from './data/data.module';
import { ExportsModule } from './exports/exports.module';
import { OperatorModule } from './operator/operator.module';
import { ChangesModule } from './changes/changes.module';
import { NightlyModule } from './nightly/nightly.module';
import { SelectionModule } from './selection/selection.module';
import { SyncModule } from './sync/sync.module';
import { GatewayConfig } from './config/gateway.config';

export const SERVICE_NAME = 'auth-gateway';

@Module({})
export class AppModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    const secrets = secretProviders(config.encryptionKeyring);
    return {
      module: AppModule,
      global: true,
      imports: [
        AppConfigModule.forRoot(config),
        loggingModule(SERVICE_NAME, config),
        databaseModule(config.DATABASE_URL, config.DATABASE_POOL_SIZE),
        NatsModule.forService(SERVICE_NAME, config),
        HealthModule.forRoot([NatsReadinessCheck]),
        MetricsModule,
        AuthModule,
        SyncModule,
        SelectionModule,
        NightlyModule,
        ActivityFilesModule,
        DataModule,
        ChangesModule,
        AccountsModule,
        ExportsModule,
        OperatorModule,
      ],
      // The cipher and the stores sealed with it, for every module of the app.
      providers: secrets,
      exports: secrets,
    };
  }
}
