import { Inject, Injectable, Logger } from '@nestjs/common';
import type { NatsConnection } from 'nats';
import { NATS_CONNECTION, NATS_OPTIONS, NatsModuleOptions } from '../connection/nats.tokens';
import { SubjectNamer } from '../connection/subject-namer';
import { awaitCommandStream, ensureCommandStream } from './command-stream';

/** How often a waiting worker says it is still waiting (every poll would flood its log). */
const WAIT_LOG_EVERY = 10;

/**
 * The command stream as this service sees it: the gateway ensures it (creates it, or brings it to the
 * deployment's replica count); a worker, whose NATS user may not manage streams, only awaits it.
 */
@Injectable()
export class CommandStream {
  private readonly logger = new Logger(CommandStream.name);

  constructor(
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    @Inject(NATS_OPTIONS) private readonly options: NatsModuleOptions,
    private readonly namer: SubjectNamer,
  ) {}

  /** Creates or updates the stream with NATS_STREAM_REPLICAS copies; returns its name. */
  async ensure(): Promise<string> {
    return ensureCommandStream(await this.nats.jetstreamManager(), this.namer.prefix, this.options.streamReplicas ?? 1);
  }

  /** Resolves once the stream exists, never changing one that does (awaitCommandStream). */
  async awaitCreated(): Promise<string> {
    let misses = 0;
    return awaitCommandStream(await this.nats.jetstreamManager(), this.namer.prefix, this.options.streamReplicas ?? 1, (reason) => {
      if (misses++ % WAIT_LOG_EVERY === 0) this.logger.warn(`waiting for the command stream: ${reason}`);
    });
  }
}
