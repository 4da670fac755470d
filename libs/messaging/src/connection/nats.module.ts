import { DynamicModule, Global, Inject, Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import type { ServiceConfig } from '@fittrack/app-core';
import type { NatsConnection } from 'nats';
import { RpcClient } from '../rpc/rpc-client';
import { connectNats } from './connect';
import { NatsReadinessCheck } from './nats-readiness.check';
import { NATS_CONNECTION, NATS_OPTIONS, NatsModuleOptions } from './nats.tokens';
import { EventPublisher } from '../events/event-publisher';
import { CommandStream } from '../jetstream/command-stream.service';
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

/** One NATS connection per process, shared by clients, publishers and the readiness check. */
@Global()
@Module({})
export class NatsModule {
  /** The connection of one service, named after it, with the deployment's subject prefix. */
  static forService(
    name: string,
    config: Pick<ServiceConfig, 'NATS_URL' | 'NATS_SUBJECT_PREFIX' | 'natsAuth' | 'NATS_STREAM_REPLICAS'>,
  ): DynamicModule {
    return NatsModule.forRoot({
      servers: config.NATS_URL,
      name,
      subjectPrefix: config.NATS_SUBJECT_PREFIX,
      auth: config.natsAuth,
      streamReplicas: config.NATS_STREAM_REPLICAS,
    });
  }

  static forRoot(options: NatsModuleOptions): DynamicModule {
    return {
      module: NatsModule,
      providers: [
        { provide: NATS_OPTIONS, useValue: options },
        {
          provide: NATS_CONNECTION,
          inject: [NATS_OPTIONS],
          useFactory: (natsOptions: NatsModuleOptions) => connectNats(natsOptions),
        },
        NatsConnectionCloser,
        SubjectNamer,
        RpcClient,
        NatsReadinessCheck,
        EventPublisher,
        CommandStream,
      ],
      exports: [NATS_OPTIONS, NATS_CONNECTION, SubjectNamer, RpcClient, NatsReadinessCheck, EventPublisher, CommandStream],
    };
  }
}
