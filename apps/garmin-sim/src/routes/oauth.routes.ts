import type { FastifyInstance } from 'fastify';
import { registerDiTokenRoutes } from '../oauth/di-token.routes';
import { registerOAuth1Routes } from '../oauth/oauth1.routes';
import { registerFormParsers } from '../sso/form-parsers';
import { SimState } from '../state/sim-state';

/** OAuth1 preauthorized + exchange (§B.2-B.3) and the DI token endpoint (§B.4), in their own parser scope. */
export async function registerOAuthRoutes(app: FastifyInstance, state: SimState): Promise<void> {
  await app.register(async (scope) => {
    registerFormParsers(scope);
    registerOAuth1Routes(scope, state);
    registerDiTokenRoutes(scope, state);
  });
}
