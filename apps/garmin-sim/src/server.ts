import Fastify, { FastifyInstance } from 'fastify';
import { registerAdminRoutes } from './admin/admin.routes';
import { SimConfig } from './config/sim.config';
import { registerConnectRoutes } from './routes/connect.routes';
import { registerOAuthRoutes } from './routes/oauth.routes';
import { registerSsoRoutes } from './routes/sso.routes';
import { AccountSpec } from './state/accounts';
import { SimState } from './state/sim-state';

export interface Simulator {
  app: FastifyInstance;
  state: SimState;
}

/**
 * One origin for all of Garmin: SSO (/sso, /mobile, /portal), OAuth
 * (/oauth-service, /di-oauth2-service) and the Connect API (/*-service), plus
 * /__sim admin routes in dev mode. Plain Fastify, not Nest: the simulator must
 * never be what a benchmark measures.
 */
export async function buildSimulator(config: SimConfig, accounts: AccountSpec[]): Promise<Simulator> {
  const state = new SimState(config, accounts);
  const app = Fastify({
    logger: config.LOG_LEVEL === 'silent' ? false : { level: config.LOG_LEVEL, redact: ['req.headers.authorization', 'req.headers.cookie'] },
    bodyLimit: 5 * 1024 * 1024,
  });

  app.addHook('onRequest', async (request, reply) => {
    if (request.url.startsWith('/__sim/')) return;
    if (await state.faults.intercept(request, reply)) return reply;
  });
  app.addHook('onResponse', async (request, reply) => {
    if (!request.url.startsWith('/__sim/')) state.stats.record(request, reply);
  });

  await registerSsoRoutes(app, state);
  await registerOAuthRoutes(app, state);
  await registerConnectRoutes(app, state);
  if (config.SIM_DEV_MODE) await registerAdminRoutes(app, state);
  return { app, state };
}
