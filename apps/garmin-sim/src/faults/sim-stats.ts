import type { FastifyReply, FastifyRequest } from 'fastify';

/** An answer that said "come back after T" and a request that came back sooner. */
interface EarlyRetry {
  client: string;
  route: string;
  earlyByMs: number;
}

/**
 * How long after a 429 goes out a request on another connection may still arrive that the client sent before
 * it could know. Arrival is stamped when the simulator gets to a request, and a burst that reached it together
 * is worked through one request at a time: on this 2-core machine the last of four sent 20 ms before the 429
 * was read has been stamped 45 ms after the 429 went out. A request on the connection that carried the 429 is
 * judged exactly instead: without pipelining, a client sends it only after reading that answer.
 */
export const IN_FLIGHT_GRACE_MS = 250;

/** Counters served at GET /__sim/stats, reset by DELETE /__sim/stats. */
export class SimStats {
  private byRoute = new Map<string, number>();
  private byAccount = new Map<string, number>();
  private throttled = 0;
  private serverErrors = 0;
  private retryAfterUntil = new Map<string, { toldAt: number; until: number; connection: number }>();
  private readonly connections = new WeakMap<object, number>();
  private nextConnection = 1;
  private earlyRetries: EarlyRetry[] = [];

  /** At the start of a request: did this client come back before its Retry-After passed? */
  arrival(client: string, route: string, nowMs: number, connection: object): void {
    const told = this.retryAfterUntil.get(client);
    if (!told || nowMs < told.toldAt || nowMs >= told.until) return;
    // Requests already on their way when the 429 went out are not retries (see IN_FLIGHT_GRACE_MS).
    if (this.connectionId(connection) === told.connection || nowMs >= told.toldAt + IN_FLIGHT_GRACE_MS) {
      this.earlyRetries.push({ client, route, earlyByMs: told.until - nowMs });
    }
  }

  record(request: FastifyRequest, reply: FastifyReply, client: string, nowMs: number, answeredAt = nowMs): void {
    const route = request.routeOptions.url ?? 'unmatched';
    this.byRoute.set(route, (this.byRoute.get(route) ?? 0) + 1);
    const account = request.simAccount?.email ?? client;
    this.byAccount.set(account, (this.byAccount.get(account) ?? 0) + 1);
    if (reply.statusCode === 429) this.throttled += 1;
    if (reply.statusCode >= 500) this.serverErrors += 1;
    const retryAfter = Number(reply.getHeader('retry-after'));
    if (Number.isFinite(retryAfter) && retryAfter > 0) {
      this.retryAfterUntil.set(client, { toldAt: answeredAt, until: nowMs + retryAfter * 1000, connection: this.connectionId(request.raw.socket) });
    }
  }

  private connectionId(connection: object): number {
    let id = this.connections.get(connection);
    if (id === undefined) {
      id = this.nextConnection++;
      this.connections.set(connection, id);
    }
    return id;
  }

  snapshot() {
    return {
      requests: [...this.byRoute.values()].reduce((a, b) => a + b, 0),
      byRoute: Object.fromEntries(this.byRoute),
      byAccount: Object.fromEntries(this.byAccount),
      throttled: this.throttled,
      serverErrors: this.serverErrors,
      earlyRetries: this.earlyRetries.length,
      earlyRetryDetails: this.earlyRetries.slice(-50),
      honouredRetryAfter: this.earlyRetries.length === 0,
    };
  }

  reset(): void {
    this.byRoute = new Map();
    this.byAccount = new Map();
    this.throttled = 0;
    this.serverErrors = 0;
    this.retryAfterUntil = new Map();
    this.earlyRetries = [];
  }
}
