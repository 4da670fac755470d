import { Controller, Inject, Logger } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { ChangeConsumerRequest, ChangeConsumerView, RpcSubject } from '@fittrack/contracts';
import { ensureChangeConsumer, NATS_CONNECTION, RpcHandler, SubjectNamer } from '@fittrack/messaging';
import type { NatsConnection } from 'nats';
import { ChangesError } from './changes.errors';
import { DataStream } from './data-stream.service';

/**
 * garmin.rpc.changes.consumer: a platform service's durable pull consumer of GARMIN_DATA. The gateway makes
 * it, so the platform credential only ever pulls and acks (deploy/nats/accounts.conf).
 */
@Controller()
export class ChangesRpc {
  private readonly logger = new Logger(ChangesRpc.name);

  constructor(
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    private readonly namer: SubjectNamer,
    private readonly stream: DataStream,
  ) {}

  @RpcHandler(RpcSubject.ChangesConsumer)
  async consumer(@Payload() request: ChangeConsumerRequest): Promise<ChangeConsumerView> {
    if (request.startSequence !== undefined && request.startTime !== undefined) throw ChangesError.bothStarts();
    try {
      await this.stream.ensure();
      const view = await ensureChangeConsumer(await this.nats.jetstreamManager(), this.namer.prefix, request);
      if (view.created) this.logger.log(`change consumer ${view.consumer} made on ${view.stream} (${view.pending} events to deliver)`);
      return view;
    } catch (error) {
      this.logger.warn(`change consumer ${request.name}: ${String(error)}`);
      throw ChangesError.streamUnavailable();
    }
  }
}
