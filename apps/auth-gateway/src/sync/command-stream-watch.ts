import { Inject, Injectable } from '@nestjs/common';
import { commandStreamName, NATS_CONNECTION, SubjectNamer } from '@fittrack/messaging';
import type { NatsConnection } from 'nats';

/**
 * What this replica last learned of the command stream: before which instant published commands are gone from
 * it (the dead-job rule's `commandsGoneBefore`). A work-queue stream deletes a message once it is acked, so
 * every message older than the oldest one left has been consumed or lost; an empty or missing stream holds
 * nothing. Refreshed by the reconciler's tick on every replica, so the request path reads it without a call.
 */
@Injectable()
export class CommandStreamWatch {
  private goneBefore: Date | null = null;

  constructor(
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    private readonly namer: SubjectNamer,
  ) {}

  /** Null when unknown (never read, or NATS unreachable at the last try): then staleness alone decides. */
  get commandsGoneBefore(): Date | null {
    return this.goneBefore;
  }

  async refresh(): Promise<void> {
    try {
      const jsm = await this.nats.jetstreamManager();
      const { state } = await jsm.streams.info(commandStreamName(this.namer.prefix));
      this.goneBefore = state.messages === 0 ? new Date() : new Date(state.first_ts);
    } catch (error) {
      this.goneBefore = /stream not found/i.test(String(error)) ? new Date() : null;
    }
  }
}
