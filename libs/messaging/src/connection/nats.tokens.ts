import type { NatsAuth } from '@fittrack/app-core';

export interface NatsModuleOptions {
  /** Comma-separated server URLs. */
  servers: string;
  /** Connection name, visible in the server's monitoring. */
  name: string;
  /** Put before every subject and stream name (may be empty). */
  subjectPrefix: string;
  /** Credentials (ServiceConfig.natsAuth); empty for an open server. */
  auth?: NatsAuth;
  /** Copies of each stream this service creates (NATS_STREAM_REPLICAS); 1 when unset. */
  streamReplicas?: number;
}

export const NATS_OPTIONS = Symbol('NATS_OPTIONS');
export const NATS_CONNECTION = Symbol('NATS_CONNECTION');
