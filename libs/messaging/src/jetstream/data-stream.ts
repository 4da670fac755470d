import { DATA_EVENT_SUBJECT_ROOT } from '@fittrack/contracts';
import { AckPolicy, DeliverPolicy, DiscardPolicy, JetStreamManager, ReplayPolicy, RetentionPolicy, StorageType } from 'nats';
import { prefixSubject } from '../connection/subject-namer';

/**
 * The durable stream of change events (garmin.events.data.>): limits retention, so every consumer (each
 * platform service its own durable) reads every event and can replay from any sequence or time still kept;
 * the oldest events go first when a limit is reached.
 */
export const DATA_STREAM = 'GARMIN_DATA';

export interface DataStreamLimits {
  /** Events older than this are dropped. */
  maxAgeSeconds: number;
  /** The stream's size cap (oldest dropped first); -1 for none. */
  maxBytes: number;
  /** How long a republished Nats-Msg-Id (key + version) is recognised and dropped. */
  duplicateWindowSeconds: number;
}

export function dataStreamName(prefix: string): string {
  return prefix ? `${prefix}_${DATA_STREAM}` : DATA_STREAM;
}

function dataStreamConfig(prefix: string, replicas: number, limits: DataStreamLimits) {
  return {
    name: dataStreamName(prefix),
    subjects: [prefixSubject(prefix, `${DATA_EVENT_SUBJECT_ROOT}.>`)],
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    discard: DiscardPolicy.Old,
    max_age: limits.maxAgeSeconds * 1e9,
    max_bytes: limits.maxBytes,
    // JetStream refuses a window longer than the stream's max age.
    duplicate_window: Math.min(limits.duplicateWindowSeconds, limits.maxAgeSeconds) * 1e9,
    num_replicas: replicas,
  };
}

/** Creates the data stream, or brings an existing one to these limits and replicas. Idempotent; the gateway's NATS user may. */
export async function ensureDataStream(jsm: JetStreamManager, prefix: string, replicas: number, limits: DataStreamLimits): Promise<string> {
  const config = dataStreamConfig(prefix, replicas, limits);
  try {
    await jsm.streams.info(config.name);
    await jsm.streams.update(config.name, config);
  } catch (error) {
    if (!/stream not found/i.test(String(error))) throw error;
    await jsm.streams.add(config);
  }
  return config.name;
}

export interface ChangeConsumerStart {
  name: string;
  startSequence?: number;
  startTime?: string;
  /** An unprefixed data event subject to filter on. */
  subject?: string;
}

/**
 * A durable pull consumer of the data stream (explicit acks), made if it does not exist and otherwise left
 * as it is, position and all: a service that asks again after a restart goes on where it stopped.
 */
export async function ensureChangeConsumer(
  jsm: JetStreamManager,
  prefix: string,
  start: ChangeConsumerStart,
): Promise<{ stream: string; consumer: string; pending: number; created: boolean }> {
  const stream = dataStreamName(prefix);
  try {
    const info = await jsm.consumers.info(stream, start.name);
    return { stream, consumer: start.name, pending: info.num_pending, created: false };
  } catch (error) {
    if (!/consumer not found/i.test(String(error))) throw error;
  }
  const deliver = start.startSequence
    ? { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: start.startSequence }
    : start.startTime
      ? { deliver_policy: DeliverPolicy.StartTime, opt_start_time: new Date(start.startTime).toISOString() }
      : { deliver_policy: DeliverPolicy.All };
  const info = await jsm.consumers.add(stream, {
    durable_name: start.name,
    ack_policy: AckPolicy.Explicit,
    ack_wait: 30 * 1e9,
    max_ack_pending: 1000,
    replay_policy: ReplayPolicy.Instant,
    ...(start.subject && { filter_subject: prefixSubject(prefix, start.subject) }),
    ...deliver,
  });
  return { stream, consumer: start.name, pending: info.num_pending, created: true };
}
