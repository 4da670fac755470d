import type { FastifyReply, FastifyRequest } from 'fastify';

/** An answer that said "come back after T" and a request that came back sooner. */
interface EarlyRetry {
  client: string;
  route: string;
  earlyByMs: number;
}

/** How long after a 429 goes out requests may still arrive that the client sent before it could know. */
export const IN_FLIGHT_GRACE_MS = 25;

/** Counters served at GET /__sim/stats, reset by DELETE /__sim/stats. */
export class SimStats {
  private byRoute = new Map<string, number>();
  private byAccount = new Map<string, number>();
  private throttled = 0;
  private serverErrors = 0;
  private retryAfterUntil = new Map<string, { toldAt: number; until: number }>();
  private earlyRetries: EarlyRetry[] = [];

  /** At the start of a request: did this client come back before its Retry-After passed? */
  arrival(client: string, route: string, nowMs: number): void {
    const told = this.retryAfterUntil.get(client);
    // Requests already on their way when the 429 went out are not retries: only those arriving after
    // it (plus IN_FLIGHT_GRACE_MS for the answer to reach the client) and before the wait is over are early.
    if (told && nowMs >= told.toldAt + IN_FLIGHT_GRACE_MS && nowMs < told.until) {
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
    if (Number.isFinite(retryAfter) && retryAfter > 0) this.retryAfterUntil.set(client, { toldAt: answeredAt, until: nowMs + retryAfter * 1000 });
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
