import type { FastifyReply, FastifyRequest } from 'fastify';

/** Counters served at GET /__sim/stats. (Filled in by the faults work.) */
export class SimStats {
  requests = 0;

  record(_request: FastifyRequest, _reply: FastifyReply): void {
    this.requests += 1;
  }

  snapshot(): Record<string, unknown> {
    return { requests: this.requests };
  }

  reset(): void {
    this.requests = 0;
  }
}
