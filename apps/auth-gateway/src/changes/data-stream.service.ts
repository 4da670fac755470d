import { Inject, Injectable } from '@nestjs/common';
import { ensureDataStream, NATS_CONNECTION, NATS_OPTIONS, NatsModuleOptions, SubjectNamer } from '@fittrack/messaging';
import type { NatsConnection } from 'nats';
import { GatewayConfig } from '../config/gateway.config';

/** The GARMIN_DATA stream with this deployment's limits and replicas: the gateway's NATS user manages it. */
@Injectable()
export class DataStream {
  constructor(
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    @Inject(NATS_OPTIONS) private readonly options: NatsModuleOptions,
    private readonly namer: SubjectNamer,
    private readonly config: GatewayConfig,
  ) {}

  /** Creates or updates the stream; returns its name. */
  async ensure(): Promise<string> {
    return ensureDataStream(await this.nats.jetstreamManager(), this.namer.prefix, this.options.streamReplicas ?? 1, {
      maxAgeSeconds: this.config.DATA_STREAM_MAX_AGE_DAYS * 86_400,
      maxBytes: this.config.DATA_STREAM_MAX_BYTES,
      duplicateWindowSeconds: this.config.DATA_STREAM_DUPLICATE_WINDOW_SECONDS,
    });
  }
}
