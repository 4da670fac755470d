import Fastify, { FastifyInstance } from 'fastify';
import { registerAdminRoutes } from './admin/admin.routes';
import { SimConfig } from './config/sim.config';
import { FaultConfigError, parseFaults } from './faults/fault-config';
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
  if (config.SIM_FAULTS) state.faults.set(parseFaults(parseJson(config.SIM_FAULTS, 'SIM_FAULTS')));
  const app = Fastify({
    logger: config.LOG_LEVEL === 'silent' ? false : { level: config.LOG_LEVEL, redact: ['req.headers.authorization', 'req.headers.cookie'] },
    bodyLimit: 5 * 1024 * 1024,
  });

  // Stats and faults see every request but the simulator's own admin routes.
  const clients = new WeakMap<object, { client: string; arrivedAt: number }>();
  app.addHook('onRequest', async (request, reply) => {
    if (request.url.startsWith('/__sim/')) return;
    const client = state.faults.clientOf(request);
    const arrivedAt = state.clock.now();
    clients.set(request, { client, arrivedAt });
    state.stats.arrival(client, request.routeOptions.url ?? 'unmatched', arrivedAt, request.raw.socket);
    if (await state.faults.intercept(request, reply, client)) return reply;
  });
  app.addHook('onResponse', async (request, reply) => {
    // A Retry-After counts from when the request arrived (so a client that waits exactly
    // that long is never "early"); requests count as retries only once the answer is out.
    const seen = clients.get(request);
    if (seen) state.stats.record(request, reply, seen.client, seen.arrivedAt, state.clock.now());
  });

  await registerSsoRoutes(app, state);
  await registerOAuthRoutes(app, state);
  await registerConnectRoutes(app, state);
  if (config.devMode) await registerAdminRoutes(app, state);
  return { app, state };
}

function parseJson(text: string, variable: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new FaultConfigError([`${variable} is not valid JSON`]);
  }
}
