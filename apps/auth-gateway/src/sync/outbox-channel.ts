import { Logger } from '@nestjs/common';
import { OutboxChannel, OutboxRow, relayOutbox } from '@fittrack/persistence';
import { EntityManager } from 'typeorm';

const BATCH = 500;

/**
 * One channel of the outbox (commands, or change events) drained into its stream: coalesced kicks, a failed
 * drain ensures the stream again before the next one (a deleted stream is re-created by the next publish).
 */
export class OutboxChannelDrain {
  private readonly logger: Logger;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;
  private streamReady = false;

  constructor(
    private readonly channel: OutboxChannel,
    private readonly manager: EntityManager,
    private readonly ensureStream: () => Promise<unknown>,
    private readonly publish: (row: OutboxRow) => Promise<unknown>,
  ) {
    this.logger = new Logger(`OutboxRelay:${channel}`);
  }

  /** Publish now (coalesced: a kick during a run makes one more run). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .catch((error: unknown) => {
        // The stream may be gone (deleted, a lost JetStream store: publishes answer 503): ensure it again first.
        this.streamReady = false;
        this.logger.warn(`outbox relay (${this.channel}): ${String(error)}; retrying`);
      })
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
  }

  private async drain(): Promise<void> {
    if (!this.streamReady) {
      await this.ensureStream();
      this.streamReady = true;
    }
    while (!this.stopped) {
      // Published in id order on one connection, so a row's versions reach the stream in order.
      const sent = await relayOutbox(this.manager, this.channel, BATCH, async (rows) => {
        await Promise.all(rows.map((row) => this.publish(row)));
      });
      if (sent < BATCH) break;
    }
  }
}
