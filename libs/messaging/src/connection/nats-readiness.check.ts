import { Inject, Injectable } from '@nestjs/common';
import type { ReadinessCheck } from '@fittrack/app-core';
import type { NatsConnection } from 'nats';
import { NATS_CONNECTION } from './nats.tokens';

/** Ready when the connection is open and a server round trip (PING/PONG) succeeds. */
@Injectable()
export class NatsReadinessCheck implements ReadinessCheck {
  readonly name = 'nats';

  constructor(@Inject(NATS_CONNECTION) private readonly connection: NatsConnection) {}

  async check(): Promise<void> {
    if (this.connection.isClosed()) throw new Error('connection closed');
    await this.connection.flush();
  }
}
