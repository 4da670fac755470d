import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { jsonProblem } from '@fittrack/app-core';
import { CommandSubject, ExportRunCommand, SessionRefreshCommand, SyncRunCommand } from '@fittrack/contracts';
import {
  commandStreamName,
  CommandStream,
  ensureCommandConsumer,
  EXPORT_CONSUMER,
  NATS_CONNECTION,
  SESSION_CONSUMER,
  SubjectNamer,
  SYNC_CONSUMER,
} from '@fittrack/messaging';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { JsMsg, NatsConnection } from 'nats';
import { setTimeout as sleep } from 'node:timers/promises';
import { WorkerConfig } from '../config/worker.config';
import { ExportRunner } from '../export/export-runner';
import { JobRunner, Verdict } from './job-runner';
import { SessionKeeper } from './session-keeper';
import { SyncMetrics } from './sync.metrics';

const FETCH_EXPIRES_MS = 2000;
/** How often an idle lane checks that its consumer still exists (a deleted consumer makes pulls empty, not errors). */
const CONSUMER_CHECK_MS = 5000;
/** Each durable consumer and the command subject it takes. */
const CONSUMER_SUBJECT: Record<string, CommandSubject> = {
  [SYNC_CONSUMER]: CommandSubject.SyncRun,
  [SESSION_CONSUMER]: CommandSubject.SessionRefresh,
  [EXPORT_CONSUMER]: CommandSubject.ExportRun,
};

/**
 * The shared durable pull consumer: SYNC_CONCURRENCY lanes per process, each
 * pulling one command at a time, so scaling out is starting more processes.
 * A malformed command is terminated with its reason logged (never retried,
 * never blocking the rest); everything else is acked, or nak'ed with a delay
 * to be redelivered.
 */
@Injectable()
export class CommandConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(CommandConsumer.name);
  private stopping = false;
  private lanes: Promise<void>[] = [];

  constructor(
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    private readonly namer: SubjectNamer,
    private readonly runner: JobRunner,
    private readonly sessions: SessionKeeper,
    private readonly metrics: SyncMetrics,
    private readonly config: WorkerConfig,
    private readonly commandStream: CommandStream,
    private readonly exports: ExportRunner,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // The gateway manages the stream; a worker's NATS user may only read it (deploy/nats/accounts.conf).
    await this.commandStream.awaitCreated();
    const jsm = await this.nats.jetstreamManager();
    const settings = { ackWaitMs: this.config.SYNC_ACK_WAIT_MS, maxAckPending: 100_000 };
    for (const [name, subject] of Object.entries(CONSUMER_SUBJECT)) await ensureCommandConsumer(jsm, this.namer.prefix, name, subject, settings);
    this.lanes = [
      ...Array.from({ length: this.config.SYNC_CONCURRENCY }, (_, lane) => this.lane(`sync ${lane}`, SYNC_CONSUMER, (m) => this.handle(m))),
      this.lane('sessions', SESSION_CONSUMER, (m) => this.refreshSession(m)),
      ...Array.from({ length: this.config.EXPORT_CONCURRENCY }, (_, lane) => this.lane(`export ${lane}`, EXPORT_CONSUMER, (m) => this.runExport(m))),
    ];
  }

  /** Stops pulling; running jobs stop at their next checkpoint and hand their command back for redelivery. */
  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.lanes);
  }

  /**
   * One pull loop. The stream or its consumer can vanish under a running worker (deleted by an operator, a
   * lost JetStream store): a failed pull, or a consumer found missing while pulls come back empty (a deleted
   * consumer alone makes no error), re-ensures both (the same idempotent calls as at boot) and pulls again.
   * What was in the lost stream is published again by the gateway's reconciler.
   */
  private async lane(lane: string, name: string, handle: (message: JsMsg) => Promise<void>): Promise<void> {
    const stream = commandStreamName(this.namer.prefix);
    const subject = CONSUMER_SUBJECT[name];
    const ensure = async () => {
      // The gateway re-creates a lost stream (a worker may only create it on an open development server).
      await this.commandStream.awaitCreated();
      const jsm = await this.nats.jetstreamManager();
      await ensureCommandConsumer(jsm, this.namer.prefix, name, subject, { ackWaitMs: this.config.SYNC_ACK_WAIT_MS, maxAckPending: 100_000 });
      return this.nats.jetstream().consumers.get(stream, name);
    };
    let consumer = await this.nats.jetstream().consumers.get(stream, name);
    let lastCheck = Date.now();
    while (!this.stopping) {
      let message: JsMsg | null = null;
      try {
        message = await consumer.next({ expires: FETCH_EXPIRES_MS });
        if (!message && Date.now() - lastCheck > CONSUMER_CHECK_MS) {
          lastCheck = Date.now();
          await consumer.info(false);
        }
      } catch (error) {
        if (this.stopping) break;
        this.logger.warn(`lane ${lane}: pulling failed (${String(error)}); ensuring stream ${stream} and consumer ${name}, then pulling again`);
        await sleep(1000);
        try {
          consumer = await ensure();
        } catch (again) {
          this.logger.warn(`lane ${lane}: could not ensure the stream and consumer (${String(again)}); retrying`);
        }
        continue;
      }
      if (!message) continue;
      try {
        await handle(message);
      } catch (error) {
        // Nothing a message carries may take a lane (or the process) down: it comes back later instead.
        this.logger.error(`lane ${lane}: command #${message.seq} failed unexpectedly: ${String(error)}`);
        try {
          message.nak(5000);
        } catch {
          // NATS away: redelivered after its ack wait
        }
      }
    }
  }

  /** The nightly run's proactive refresh of a session near the end of its refresh credentials. */
  private async refreshSession(message: JsMsg): Promise<void> {
    const command = await parseCommand(message.data, SessionRefreshCommand);
    if (typeof command === 'string') {
      this.logger.warn(`rejected session refresh command #${message.seq}: ${command}`);
      this.metrics.rejected();
      terminate(message);
      return;
    }
    try {
      await this.sessions.refreshProactively(command.userId);
      message.ack();
    } catch (error) {
      // The keeper has recorded the outcome on the session (needs_login or refresh_failed); nothing to retry.
      this.logger.warn(`session of user ${command.userId}: ${String(error)}`);
      message.ack();
    }
  }

  /** An archive export: made (or found finished, or superseded) and acked, or handed back when the database is away. */
  private async runExport(message: JsMsg): Promise<void> {
    const command = await parseCommand(message.data, ExportRunCommand);
    if (typeof command === 'string') {
      this.logger.warn(`rejected export command #${message.seq}: ${command}`);
      this.metrics.rejected();
      terminate(message);
      return;
    }
    let verdict: 'done' | 'retry';
    try {
      verdict = await this.exports.run(command, () => signalWorking(message));
    } catch (error) {
      this.logger.warn(`export ${command.exportId}: ${String(error)}; will be redelivered`);
      verdict = 'retry';
    }
    try {
      if (verdict === 'done') message.ack();
      else message.nak(5000);
    } catch (error) {
      this.logger.warn(`export ${command.exportId}: could not settle the command (${String(error)})`);
    }
  }

  private async handle(message: JsMsg): Promise<void> {
    const command = await parseCommand(message.data, SyncRunCommand);
    if (typeof command === 'string') {
      this.logger.warn(`rejected sync command #${message.seq}: ${command}`);
      this.metrics.rejected();
      terminate(message);
      return;
    }
    let verdict: Verdict;
    try {
      verdict = await this.runner.run(command, { working: () => signalWorking(message), stopping: () => this.stopping });
    } catch (error) {
      // The database away, most likely: leave the command for a later delivery.
      this.logger.warn(`job ${command.jobId}: ${String(error)}; will be redelivered`);
      verdict = { retryInMs: 2000 };
    }
    try {
      if ('ack' in verdict) message.ack();
      else if ('reject' in verdict) {
        this.logger.warn(`rejected sync command for job ${command.jobId}: ${verdict.reject}`);
        this.metrics.rejected();
        terminate(message);
      } else message.nak(verdict.retryInMs);
    } catch (error) {
      // NATS is away: the command comes back after its ack wait, and a finished job is then just acked.
      this.logger.warn(`job ${command.jobId}: could not settle the command (${String(error)})`);
    }
  }
}

/**
 * Never delivered again. Without a reason: nats-server 2.9 (Debian's) takes only a bare `+TERM`, and treats
 * `+TERM <reason>` as no acknowledgement at all, redelivering the message after every ack wait; the reason
 * is in our log instead.
 */
function terminate(message: JsMsg): void {
  message.term();
}

/** In-progress signal; NATS being away for a moment must not take the job (or the process) down. */
function signalWorking(message: JsMsg): void {
  try {
    message.working();
  } catch {
    // the next heartbeat tries again
  }
}

async function parseCommand<C extends object>(data: Uint8Array, shape: new () => C): Promise<C | string> {
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(data).toString('utf8'));
  } catch {
    return 'the command is not JSON';
  }
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) return 'the command must be a JSON object';
  const problem = jsonProblem(payload);
  if (problem) return `the command ${problem}`;
  const command = plainToInstance(shape, payload);
  const problems = await validate(command, { whitelist: true, forbidNonWhitelisted: true });
  if (problems.length > 0) return `invalid command: ${problems.map((p) => Object.values(p.constraints ?? {}).join(', ')).join('; ')}`;
  return command;
}
