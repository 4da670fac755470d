import Fastify, { FastifyInstance } from 'fastify';
import { registerAdminRoutes } from './admin/admin.routes';
import { SimConfig } from './config/sim.config';
import { FaultConfigError, parseFaults } from './faults/fault-config';
import { registerConnectRoutes } from './routes/connect.routes';
import { registerOAuthRoutes } from './routes/oauth.routes';
import { UNKNOWN_PATH_PAGE } from './routes/connect/helpers';
import { registerSsoRoutes } from './routes/sso.routes';
import { registerJwtWebRoutes } from './web/jwt-web.routes';
import { AccountSpec } from './state/accounts';
import { SimState } from './state/sim-state';

export interface Simulator {
  app: FastifyInstance;
  state: SimState;
}

/**
 * The web app's proxies to connectapi: `/gc-api/…` (the contract's name for the Connect web API) and
 * `/modern/proxy/…` (garmin-connect npm's GC_MODERN). pgc itself sends its JWT_WEB calls straight to
 * connectapi paths (client.py:1666), which are served as they are.
 */
const PROXY_PREFIX = /^\/(gc-api|modern\/proxy)(?=\/)/;

/**
 * One origin for all of Garmin: SSO (/sso, /mobile, /portal), OAuth
 * (/oauth-service, /di-oauth2-service), the Connect API (/*-service) and the
 * Connect web app (/app, /modern, /services, /gc-api), plus /__sim admin routes
 * in dev mode. Plain Fastify, not Nest: the simulator must never be what a
 * benchmark measures.
 */
export async function buildSimulator(config: SimConfig, accounts: AccountSpec[]): Promise<Simulator> {
  const state = new SimState(config, accounts);
  if (config.SIM_FAULTS) state.faults.set(parseFaults(parseJson(config.SIM_FAULTS, 'SIM_FAULTS')));
  const app = Fastify({
    logger: config.LOG_LEVEL === 'silent' ? false : { level: config.LOG_LEVEL, redact: ['req.headers.authorization', 'req.headers.cookie'] },
    bodyLimit: 5 * 1024 * 1024,
    rewriteUrl: (raw) => (raw.url ?? '/').replace(PROXY_PREFIX, ''),
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
    if (!seen) return;
    state.stats.record(request, reply, seen.client, seen.arrivedAt, state.clock.now());
    state.requestLog.record(request, reply, seen.arrivedAt, request.simSignIn?.email ?? request.simAccount?.email);
  });
  // Recorded: connectapi answers an unknown path with its HTML "Not Found" page (test_client_request #1).
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/__sim/')) return reply.code(404).send({ message: `Route ${request.method}:${request.url} not found` });
    return reply.code(404).type('text/html').send(UNKNOWN_PATH_PAGE);
  });

  await registerSsoRoutes(app, state);
  await registerOAuthRoutes(app, state);
  await registerConnectRoutes(app, state);
  registerJwtWebRoutes(app, state);
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
