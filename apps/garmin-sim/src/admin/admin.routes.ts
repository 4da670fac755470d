import type { FastifyInstance } from 'fastify';
import { FaultConfigError, parseFaults } from '../faults/fault-config';
import { registerMailboxRoutes } from '../sso/mailbox.routes';
import { SimState } from '../state/sim-state';
import { registerAccountAdminRoutes } from './account.routes';
import { registerDataAdminRoutes } from './oracle.routes';

/** /__sim: test and dev only (SIM_DEV_MODE). */
export async function registerAdminRoutes(app: FastifyInstance, state: SimState): Promise<void> {
  /** The cheapest route on the same server: the baseline of the throughput benchmark. */
  app.get('/__sim/ping', async () => ({}));

  app.get('/__sim/stats', async () => state.stats.snapshot());
  app.delete('/__sim/stats', async () => {
    state.stats.reset();
    state.requestLog.reset();
    return { ok: true };
  });
  /** The sign-in / token / token-check requests, oldest first; per account, or all (account null = not known). */
  app.get('/__sim/requests', async () => state.requestLog.list());
  app.get('/__sim/requests/:email', async (request) => state.requestLog.list((request.params as { email: string }).email));
  app.delete('/__sim/requests', async () => {
    state.requestLog.reset();
    return { ok: true };
  });

  app.get('/__sim/faults', async () => state.faults.current);
  app.put('/__sim/faults', async (request, reply) => {
    try {
      state.faults.set(parseFaults(request.body));
      return state.faults.current;
    } catch (error) {
      if (error instanceof FaultConfigError) return reply.code(400).send({ message: error.message });
      throw error;
    }
  });
  app.delete('/__sim/faults', async () => {
    state.faults.set({});
    return {};
  });

  /** Moves the simulator's clock forward (token, ticket and MFA expiry tests). */
  app.post('/__sim/clock', async (request, reply) => {
    const advanceMs = (request.body as { advanceMs?: unknown } | null)?.advanceMs;
    if (typeof advanceMs !== 'number' || !Number.isFinite(advanceMs) || advanceMs < 0) {
      return reply.code(400).send({ message: 'advanceMs must be a non-negative number' });
    }
    state.clock.advance(advanceMs);
    return { now: new Date(state.clock.now()).toISOString() };
  });

  registerAccountAdminRoutes(app, state);
  registerMailboxRoutes(app, state);
  registerDataAdminRoutes(app, state);
}
