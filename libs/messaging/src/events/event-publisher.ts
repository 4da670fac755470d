import { Inject, Injectable, Logger } from '@nestjs/common';
import { EventPayload, EventSubject } from '@fittrack/contracts';
import type { NatsConnection } from 'nats';
import { NATS_CONNECTION } from '../connection/nats.tokens';
import { SubjectNamer } from '../connection/subject-namer';

/**
 * Fire-and-forget notifications for platform services (core NATS). The
 * database row is the truth; an event lost while NATS is away is only a missed
 * nudge, so publishing never fails the caller.
 */
@Injectable()
export class EventPublisher {
  private readonly logger = new Logger(EventPublisher.name);

  constructor(
    @Inject(NATS_CONNECTION) private readonly connection: NatsConnection,
    private readonly namer: SubjectNamer,
  ) {}

  publish<S extends EventSubject>(subject: S, payload: EventPayload<S>): void {
    try {
      this.connection.publish(this.namer.subject(subject), Buffer.from(JSON.stringify(payload)));
    } catch (error) {
      this.logger.warn(`could not publish ${subject}: ${String(error)}`);
    }
  }
}
