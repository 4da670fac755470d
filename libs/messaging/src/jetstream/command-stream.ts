import { CommandSubject } from '@fittrack/contracts';
import { JetStreamManager, RetentionPolicy, StorageType, DiscardPolicy, AckPolicy, DeliverPolicy, ReplayPolicy } from 'nats';
import { prefixSubject } from '../connection/subject-namer';

/** The durable command stream: work-queue retention (a message lives until one worker acks it), on disk. */
export const COMMAND_STREAM = 'GARMIN_COMMANDS';
/** The durable pull consumers every sync-worker replica shares. */
export const SYNC_CONSUMER = 'sync-workers';
export const SESSION_CONSUMER = 'session-refreshers';
/** How long Nats-Msg-Id duplicates are recognised. */
const DUPLICATE_WINDOW_NS = 10 * 60 * 1e9;

export function commandStreamName(prefix: string): string {
  return prefix ? `${prefix}_${COMMAND_STREAM}` : COMMAND_STREAM;
}

/**
 * Creates the command stream, or brings an existing one to these settings, its replica count among them
 * (2.9.10 scales an R1 stream to R3 in place, messages kept). Idempotent. The gateway's NATS user may do
 * this; a worker's may not (deploy/nats/accounts.conf), so workers wait for the stream (waitForCommandStream).
 */
export async function ensureCommandStream(jsm: JetStreamManager, prefix: string, replicas = 1): Promise<string> {
  const name = commandStreamName(prefix);
  const config = {
    name,
    subjects: [prefixSubject(prefix, 'garmin.cmd.>')],
    retention: RetentionPolicy.Workqueue,
    storage: StorageType.File,
    discard: DiscardPolicy.Old,
    duplicate_window: DUPLICATE_WINDOW_NS,
    num_replicas: replicas,
  };
  try {
    await jsm.streams.info(name);
    await jsm.streams.update(name, config);
  } catch (error) {
    if (!/stream not found/i.test(String(error))) throw error;
    await jsm.streams.add(config);
  }
  return name;
}

/**
 * Resolves once the command stream exists, reading only (STREAM.INFO): what a worker, which may not create
 * or change the stream, does at start-up. `onWait` hears about each miss, so a worker waiting for a gateway
 * that has not come up says so.
 */
export async function waitForCommandStream(
  jsm: JetStreamManager,
  prefix: string,
  onWait: (reason: string) => void,
  pollMs = 1000,
): Promise<string> {
  const name = commandStreamName(prefix);
  for (;;) {
    try {
      await jsm.streams.info(name);
      return name;
    } catch (error) {
      onWait(/stream not found/i.test(String(error)) ? `stream ${name} does not exist yet (the gateway creates it)` : String(error));
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
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
