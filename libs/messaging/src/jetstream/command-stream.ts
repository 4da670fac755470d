import { CommandSubject } from '@fittrack/contracts';
import { JetStreamManager, RetentionPolicy, StorageType, DiscardPolicy, AckPolicy, DeliverPolicy, ReplayPolicy } from 'nats';
import { prefixSubject } from '../connection/subject-namer';

/** The durable command stream: work-queue retention (a message lives until one worker acks it), on disk. */
export const COMMAND_STREAM = 'GARMIN_COMMANDS';
/** The durable pull consumers every sync-worker replica shares. */
export const SYNC_CONSUMER = 'sync-workers';
export const SESSION_CONSUMER = 'session-refreshers';
export const EXPORT_CONSUMER = 'exporters';
/** How long Nats-Msg-Id duplicates are recognised. */
const DUPLICATE_WINDOW_NS = 10 * 60 * 1e9;

export function commandStreamName(prefix: string): string {
  return prefix ? `${prefix}_${COMMAND_STREAM}` : COMMAND_STREAM;
}

function commandStreamConfig(prefix: string, replicas: number) {
  return {
    name: commandStreamName(prefix),
    subjects: [prefixSubject(prefix, 'garmin.cmd.>')],
    retention: RetentionPolicy.Workqueue,
    storage: StorageType.File,
    discard: DiscardPolicy.Old,
    duplicate_window: DUPLICATE_WINDOW_NS,
    num_replicas: replicas,
  };
}

/**
 * Creates the command stream, or brings an existing one to these settings, its replica count among them
 * (2.9.10 scales an R1 stream to R3 in place, messages kept). Idempotent. The gateway's NATS user may do
 * this; a worker's may not (deploy/nats/accounts.conf), so workers use awaitCommandStream.
 */
export async function ensureCommandStream(jsm: JetStreamManager, prefix: string, replicas = 1): Promise<string> {
  const config = commandStreamConfig(prefix, replicas);
  try {
    await jsm.streams.info(config.name);
    await jsm.streams.update(config.name, config);
  } catch (error) {
    if (!isNotFound(error)) throw error;
    await jsm.streams.add(config);
  }
  return config.name;
}

/**
 * A worker's start-up: uses the stream as it is if it exists (its settings are the gateway's), creates it if
 * it is missing and this NATS user may (an open development server), and otherwise waits for the gateway to
 * create it, telling `onWait` why on each miss.
 */
export async function awaitCommandStream(
  jsm: JetStreamManager,
  prefix: string,
  replicas: number,
  onWait: (reason: string) => void,
  pollMs = 1000,
): Promise<string> {
  const config = commandStreamConfig(prefix, replicas);
  for (;;) {
    try {
      await jsm.streams.info(config.name);
      return config.name;
    } catch (error) {
      if (!isNotFound(error)) onWait(String(error));
      else {
        try {
          await jsm.streams.add(config);
          return config.name;
        } catch (createError) {
          onWait(`stream ${config.name} does not exist and this NATS user may not create it (${String(createError)}); the gateway creates it`);
        }
      }
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

function isNotFound(error: unknown): boolean {
  return /stream not found/i.test(String(error));
}

export interface SyncConsumerSettings {
  /** After this long without an ack or in-progress signal a message is redelivered. */
  ackWaitMs: number;
  /** Messages handed out and not yet acked, across every worker. */
  maxAckPending: number;
}

/** A shared durable pull consumer of one command subject. */
export async function ensureCommandConsumer(
  jsm: JetStreamManager,
  prefix: string,
  name: string,
  subject: CommandSubject,
  settings: SyncConsumerSettings,
): Promise<void> {
  const stream = commandStreamName(prefix);
  const config = {
    durable_name: name,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    replay_policy: ReplayPolicy.Instant,
    filter_subject: prefixSubject(prefix, subject),
    ack_wait: settings.ackWaitMs * 1e6,
    // Unbounded here: a job waiting for its user's lease is nak'ed without failing. The bound on real
    // attempts is the job's attempt_count (SYNC_MAX_ATTEMPTS), counted when a worker actually starts it.
    max_deliver: -1,
    max_ack_pending: settings.maxAckPending,
  };
  try {
    await jsm.consumers.info(stream, name);
    await jsm.consumers.update(stream, name, config);
  } catch (error) {
    if (!/consumer not found/i.test(String(error))) throw error;
    await jsm.consumers.add(stream, config);
  }
}
