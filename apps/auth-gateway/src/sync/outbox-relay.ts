import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CommandSubject, EventSubject } from '@fittrack/contracts';
import { pruneOutbox, relayOutbox } from '@fittrack/persistence';
import { CommandStream, NATS_CONNECTION, SubjectNamer } from '@fittrack/messaging';
import { headers, type NatsConnection } from 'nats';
import { DataSource } from 'typeorm';

const POLL_MS = 250;
const BATCH = 500;
const COMMAND_SUBJECTS = 'garmin.cmd.';

/**
 * Publishes what the outbox holds to JetStream, with Nats-Msg-Id, then marks it
 * sent. Several relays (replicas) can run: rows are claimed with SKIP LOCKED,
 * and a double publish is dropped by JetStream's duplicate window. `kick()`
 * after a commit publishes at once; the poll catches everything else (a
 * crash, NATS being down for a while). A failed drain ensures the stream again
 * before the next one, so a deleted stream is re-created by the next publish.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;
  private streamReady = false;
  private lastPrune = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    private readonly namer: SubjectNamer,
    private readonly commandStream: CommandStream,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.kick(), POLL_MS);
    this.timer.unref();
    this.kick();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
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
        this.logger.warn(`outbox relay: ${String(error)}; retrying`);
      })
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  private async drain(): Promise<void> {
    if (!this.streamReady) {
      await this.commandStream.ensure();
      this.streamReady = true;
    }
    const js = this.nats.jetstream();
    while (!this.stopped) {
      const sent = await relayOutbox(this.dataSource.manager, BATCH, async (rows) => {
        await Promise.all(
          rows.map(async (row) => {
            const data = Buffer.from(JSON.stringify(row.payload));
            if (row.subject.startsWith(COMMAND_SUBJECTS)) {
              await js.publish(this.namer.subject(row.subject as CommandSubject), data, { msgID: row.msg_id });
              return;
            }
            // An event (garmin.events.*, e.g. user.deleted): no command stream takes it; published as events are,
            // with its Nats-Msg-Id, so a stream that captures events dedupes a republish.
            const msgHeaders = headers();
            msgHeaders.set('Nats-Msg-Id', row.msg_id);
            this.nats.publish(this.namer.subject(row.subject as EventSubject), data, { headers: msgHeaders });
          }),
        );
      });
      if (sent < BATCH) break;
    }
    if (Date.now() - this.lastPrune > 3600_000) {
      this.lastPrune = Date.now();
      await pruneOutbox(this.dataSource.manager, 7);
    }
  }
}
