import { addressOf, DependencyUnavailableError } from '@fittrack/app-core';
import { connect, NatsConnection } from 'nats';
import { NatsModuleOptions } from './nats.tokens';

const CONNECT_TIMEOUT_MS = 3000;

/**
 * Connects once at start-up (a clear error if NATS does not answer), then
 * reconnects forever: a NATS restart must not take the service down with it.
 */
export async function connectNats(options: NatsModuleOptions): Promise<NatsConnection> {
  try {
    return await connect({
      servers: options.servers.split(','),
      name: options.name,
      ...options.auth,
      timeout: CONNECT_TIMEOUT_MS,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 500,
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new DependencyUnavailableError(
      'NATS',
      addressOf(options.servers),
      'NATS_URL',
      `(${reason}) Start it with JetStream enabled, e.g. nats-server -js.`,
    );
  }
}
