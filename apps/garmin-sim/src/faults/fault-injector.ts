import type { FastifyReply, FastifyRequest } from 'fastify';
import { Clock } from '../state/clock';
import { SimStats } from './sim-stats';

/** Latency, 429s and 5xx on demand (GET/PUT /__sim/faults). (Filled in by the faults work.) */
export class FaultInjector {
  constructor(
    private readonly clock: Clock,
    private readonly stats: SimStats,
  ) {}

  /** Runs before every route; true when it has already answered the request. */
  async intercept(_request: FastifyRequest, _reply: FastifyReply): Promise<boolean> {
    return false;
  }
}
