import type { FastifyInstance } from 'fastify';
import { registerMailboxRoutes } from '../sso/mailbox.routes';
import { SimState } from '../state/sim-state';

/** /__sim: test and dev only (SIM_DEV_MODE). */
export async function registerAdminRoutes(app: FastifyInstance, state: SimState): Promise<void> {
  app.get('/__sim/accounts', async () =>
    state.accounts.all().map(({ email, displayName, profileId, mfa, timeZone, historyDays }) => ({
      email,
      displayName,
      profileId,
      mfa,
      timeZone,
      historyDays,
    })),
  );
  app.get('/__sim/stats', async () => state.stats.snapshot());
  registerMailboxRoutes(app, state);
}
