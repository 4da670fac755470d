import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfigModule, HealthModule, loggingModule } from '@fittrack/app-core';
import { NatsModule, NatsReadinessCheck } from '@fittrack/messaging';
import { typeOrmOptions } from '@fittrack/persistence';
import { GatewayConfig } from './config/gateway.config';

export const SERVICE_NAME = 'auth-gateway';

@Module({})
export class AppModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(config),
        loggingModule(SERVICE_NAME, config),
        TypeOrmModule.forRootAsync({
          inject: [GatewayConfig],
          useFactory: (c: GatewayConfig) => ({ ...typeOrmOptions({ url: c.DATABASE_URL }), retryAttempts: 2, retryDelay: 1000 }),
        }),
        NatsModule.forRootAsync({
          inject: [GatewayConfig],
          useFactory: (c: GatewayConfig) => ({ servers: c.NATS_URL, name: SERVICE_NAME, subjectPrefix: c.NATS_SUBJECT_PREFIX }),
        }),
        HealthModule.forRoot([NatsReadinessCheck]),
      ],
    };
  }
}
