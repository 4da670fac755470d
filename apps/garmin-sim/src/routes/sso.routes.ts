import type { FastifyInstance } from 'fastify';
import { registerFormParsers } from '../sso/form-parsers';
import { registerLegacySsoRoutes } from '../sso/legacy.routes';
import { registerMobileSsoRoutes } from '../sso/mobile.routes';
import { SimState } from '../state/sim-state';

/**
 * Both sign-in flows (§A). Registered as an encapsulated plugin so the form
 * parsers they need stay out of the Connect API's scope (its upload route
 * parses multipart itself, as binary).
 */
export async function registerSsoRoutes(app: FastifyInstance, state: SimState): Promise<void> {
  await app.register(async (scope) => {
    registerFormParsers(scope);
    registerMobileSsoRoutes(scope, state);
    registerLegacySsoRoutes(scope, state);
  });
}
