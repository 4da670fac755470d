import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { ApiSessionRevokedEvent, EventSubject, SYNC_JOB_STATUSES, SyncJobView } from '@fittrack/contracts';
import { NATS_CONNECTION, prefixSubject, SubjectNamer } from '@fittrack/messaging';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { Msg, NatsConnection, NatsError, Subscription } from 'nats';
import { StreamGone } from './job-stream';
import { StreamRegistry } from './stream-registry';

/** Every job event subject (EventSubject.Sync*: garmin.events.sync.created|started|progress|…), as one wildcard. */
const SYNC_EVENTS = 'garmin.events.sync.>';

/**
 * The replica's two NATS subscriptions for its job event streams, however many are open: every job change
 * (fanned out to the streams watching that job) and every API session revoke (ending that session's streams,
 * on whichever replica they are). What arrives is checked before it is used: a malformed message is logged
 * and dropped, never a crash. Core NATS may lose an event; StreamSafetyCheck repairs that.
 */
@Injectable()
export class JobEventHub implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(JobEventHub.name);
  private subscriptions: Subscription[] = [];

  constructor(
    @Inject(NATS_CONNECTION) private readonly connection: NatsConnection,
    private readonly namer: SubjectNamer,
    private readonly registry: StreamRegistry,
  ) {}

  onModuleInit(): void {
    this.subscriptions = [
      this.connection.subscribe(prefixSubject(this.namer.prefix, SYNC_EVENTS), {
        callback: (error, message) => this.receive(error, message, (data) => this.onJobEvent(data)),
      }),
      this.connection.subscribe(this.namer.subject(EventSubject.ApiSessionRevoked), {
        callback: (error, message) => this.receive(error, message, (data) => this.onRevoked(data)),
      }),
    ];
  }

  /** Streams end before the HTTP server closes, or it would wait for them; nothing is sent, clients reconnect elsewhere. */
  onModuleDestroy(): void {
    for (const subscription of this.subscriptions) subscription.unsubscribe();
    for (const stream of this.registry.all()) stream.close();
  }

  private receive(error: NatsError | null, message: Msg, handle: (data: unknown) => void): void {
    if (error) {
      this.logger.warn(`job event subscription: ${error.message}`);
      return;
    }
    try {
      handle(JSON.parse(Buffer.from(message.data).toString('utf8')));
    } catch (cause) {
      this.logger.warn(`dropped a malformed message on ${message.subject}: ${cause instanceof Error ? cause.message : String(cause)}`);
    }
  }

  private onJobEvent(data: unknown): void {
    const job = (data as { job?: unknown } | null)?.job;
    if (!isJobView(job)) throw new Error('not a { job: SyncJobView, at } payload');
    for (const stream of this.registry.watching(job.id)) stream.offer(job);
  }

  private onRevoked(data: unknown): void {
    const event = plainToInstance(ApiSessionRevokedEvent, data);
    const errors = validateSync(event, { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length > 0) throw new Error(`invalid ${errors.map((e) => e.property).join(', ')}`);
    const streams = this.registry.ofSession(event.sessionId).filter((stream) => stream.caller.userId === event.userId);
    if (streams.length > 0) this.logger.log(`API session ${event.sessionId} of user ${event.userId} revoked: ending its ${streams.length} job event stream(s)`);
    for (const stream of streams) stream.gone(StreamGone.SessionEnded);
  }
}

/** Enough of a SyncJobView for a stream to order and send it (the publisher is ours; this guards against the rest). */
function isJobView(value: unknown): value is SyncJobView {
  const job = value as Partial<SyncJobView> | null;
  return (
    typeof job === 'object' &&
    job !== null &&
    typeof job.id === 'string' &&
    typeof job.userId === 'string' &&
    SYNC_JOB_STATUSES.includes(job.status as SyncJobView['status']) &&
    Number.isInteger(job.progress) &&
    Number.isInteger(job.processedItems) &&
    (job.totalItems === null || Number.isInteger(job.totalItems)) &&
    (job.currentKind === null || typeof job.currentKind === 'string')
  );
}
