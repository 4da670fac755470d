import type { FastifyReply, FastifyRequest } from 'fastify';
import { IN_FLIGHT_GRACE_MS, SimStats } from './sim-stats';

const carrying = (socket: object) => ({ routeOptions: { url: '/hrv-service/hrv/:date' }, raw: { socket } }) as unknown as FastifyRequest;
const throttled = { statusCode: 429, getHeader: () => '1' } as unknown as FastifyReply;

/** A 429 with Retry-After: 1 told to the client over `socket` at t = 1000 (the request arrived at 990). */
function told(socket: object): SimStats {
  const stats = new SimStats();
  stats.record(carrying(socket), throttled, 'a@fittrack.test', 990, 1000);
  return stats;
}

describe('SimStats early retries', () => {
  it('counts a request on the connection that carried the 429 at once: the client had read it', () => {
    const socket = {};
    const stats = told(socket);
    stats.arrival('a@fittrack.test', '/x', 1005, socket);
    expect(stats.snapshot().earlyRetryDetails).toEqual([{ client: 'a@fittrack.test', route: '/x', earlyByMs: 985 }]);
  });

  it('counts one on another connection only past the in-flight grace, and none after the wait', () => {
    const stats = told({});
    stats.arrival('a@fittrack.test', '/in-flight', 1000 + IN_FLIGHT_GRACE_MS - 1, {});
    expect(stats.snapshot().earlyRetries).toBe(0);
    stats.arrival('a@fittrack.test', '/early', 1000 + IN_FLIGHT_GRACE_MS, {});
    stats.arrival('a@fittrack.test', '/on-time', 1990, {});
    expect(stats.snapshot().earlyRetryDetails.map((e) => e.route)).toEqual(['/early']);
  });
});
