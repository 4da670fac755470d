import { DynamicModule, Global, Inject, Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import type { NatsConnection } from 'nats';
import { RpcClient } from '../rpc/rpc-client';
import { connectNats } from './connect';
import { NatsReadinessCheck } from './nats-readiness.check';
import { NATS_CONNECTION, NATS_OPTIONS, NatsModuleOptions } from './nats.tokens';
import { SubjectNamer } from './subject-namer';

@Injectable()
class NatsConnectionCloser implements OnApplicationShutdown {
  private readonly logger = new Logger('Nats');

  constructor(@Inject(NATS_CONNECTION) private readonly connection: NatsConnection) {}

  /** Drain: finish what was received and flush what was published, then close. */
  async onApplicationShutdown(): Promise<void> {
    if (this.connection.isClosed()) return;
    await this.connection.drain().catch((error: unknown) => this.logger.warn(`drain failed: ${String(error)}`));
  }
}

export interface NatsModuleAsyncOptions {
  inject: (new (...args: never[]) => unknown)[];
  useFactory: (...args: never[]) => NatsModuleOptions;
}

/** One NATS connection per process, shared by clients, publishers and the readiness check. */
@Global()
@Module({})
export class NatsModule {
  static forRootAsync(options: NatsModuleAsyncOptions): DynamicModule {
    return {
      module: NatsModule,
      providers: [
        { provide: NATS_OPTIONS, inject: options.inject, useFactory: options.useFactory },
        {
          provide: NATS_CONNECTION,
          inject: [NATS_OPTIONS],
          useFactory: (natsOptions: NatsModuleOptions) => connectNats(natsOptions),
        },
        NatsConnectionCloser,
        SubjectNamer,
        RpcClient,
        NatsReadinessCheck,
      ],
      exports: [NATS_OPTIONS, NATS_CONNECTION, SubjectNamer, RpcClient, NatsReadinessCheck],
    };
  }
}
