import type { FastifyInstance } from 'fastify';
import { SimState } from '../state/sim-state';

/**
 * GET /__sim/mfa/:email: the last MFA code "sent" to an address, so tests and
 * demos can finish an MFA sign-in. Registered by the admin routes, which exist
 * in dev mode only.
 */
export function registerMailboxRoutes(app: FastifyInstance, state: SimState): void {
  app.get('/__sim/mfa/:email', async (request, reply) => {
    const sent = state.mfa.lastSentTo((request.params as { email: string }).email);
    if (!sent) return reply.code(404).send({ message: 'no code was sent to that address' });
    return {
      email: sent.email,
      code: sent.code,
      sentAt: new Date(sent.sentAt).toISOString(),
      expiresAt: new Date(sent.expiresAt).toISOString(),
    };
  });
}
