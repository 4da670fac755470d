import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CommandSubject, DataEventSubject, EventSubject } from '@fittrack/contracts';
import { OutboxRow, pruneOutbox } from '@fittrack/persistence';
import { CommandStream, NATS_CONNECTION, SubjectNamer } from '@fittrack/messaging';
import { headers, NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import { DataStream } from '../changes/data-stream.service';
import { OutboxChannelDrain } from './outbox-channel';

const POLL_MS = 250;
const COMMAND_PREFIX = 'garmin.cmd.';

/**
 * Publishes what the outbox holds to JetStream, with Nats-Msg-Id, then marks it sent: the sync commands
 * (written by this gateway) into GARMIN_COMMANDS, and the change events (written by the workers with the
 * data) into GARMIN_DATA, as two channels that never wait for each other. Several relays (replicas) can
 * run: rows are claimed with SKIP LOCKED, and a double publish is dropped by the streams' duplicate
 * windows. `kick()` after a commit publishes commands at once; the poll catches everything else (change
 * events, a crash, NATS being down for a while).
 *
 * The gateway runs it, not the workers: its NATS user is the one that manages streams (a worker's may
 * not, deploy/nats/accounts.conf), it already relays the commands, and it runs wherever the system does.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private timer?: NodeJS.Timeout;
  private lastPrune = 0;
  private readonly commands: OutboxChannelDrain;
  private readonly data: OutboxChannelDrain;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(NATS_CONNECTION) nats: NatsConnection,
    namer: SubjectNamer,
    commandStream: CommandStream,
    dataStream: DataStream,
  ) {
    const js = nats.jetstream();
    const publish = (row: OutboxRow) =>
      js.publish(namer.subject(row.subject as CommandSubject | DataEventSubject), Buffer.from(JSON.stringify(row.payload)), { msgID: row.msg_id });
    // The commands channel also carries the few other events written with a change (garmin.events.user.deleted):
    // no stream takes those, so they go out on core NATS as every event does, with their Nats-Msg-Id for a
    // stream that captures events to dedupe a republish.
    const commandOrEvent = async (row: OutboxRow): Promise<unknown> => {
      if (row.subject.startsWith(COMMAND_PREFIX)) return publish(row);
      const msgHeaders = headers();
      msgHeaders.set('Nats-Msg-Id', row.msg_id);
      nats.publish(namer.subject(row.subject as EventSubject), Buffer.from(JSON.stringify(row.payload)), { headers: msgHeaders });
      return undefined;
    };
    this.commands = new OutboxChannelDrain('commands', dataSource.manager, () => commandStream.ensure(), commandOrEvent);
    this.data = new OutboxChannelDrain('data', dataSource.manager, () => dataStream.ensure(), publish);
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.poll(), POLL_MS);
    this.timer.unref();
    this.poll();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await Promise.all([this.commands.stop(), this.data.stop()]);
  }

  /** Publish the commands now (after a commit that wrote one). */
  kick(): void {
    this.commands.kick();
  }

  private poll(): void {
    this.commands.kick();
    this.data.kick();
    if (Date.now() - this.lastPrune > 3600_000) {
      this.lastPrune = Date.now();
      pruneOutbox(this.dataSource.manager, 7).catch((error: unknown) => this.logger.warn(`outbox prune failed (next try in an hour): ${String(error)}`));
    }
  }
}
