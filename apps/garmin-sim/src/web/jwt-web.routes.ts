import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { withCloudflareCookies } from '../edge/cloudflare';
import { cookieValue } from '../sso/sso-sessions';
import { Account } from '../state/accounts';
import { SimState } from '../state/sim-state';

/** The portal's CAS service, as pgc names it (client.py:115, 320); the sim's own `/app` stands for it. */
const PORTAL_SERVICE = /^https:\/\/connect\.garmin\.(com|cn)\/app$/;

/**
 * The JWT_WEB web session, pgc's last fallback when every DI client id fails (client.py:1271-1302):
 * `GET {service}?ticket=ST-…` consumes a portal ticket and sets the `JWT_WEB` cookie; API calls then
 * send it (src/auth/bearer.ts); `POST connect/services/auth/token/di-oauth/refresh` renews it
 * (client.py:1487-1500). The cookie being a JWT with `exp` is reference-coded (pgc decodes it,
 * client.py:1428-1448); the redirect, the refresh answer body and the lifetime are assumed.
 */
export function registerJwtWebRoutes(app: FastifyInstance, state: SimState): void {
  const cookie = (account: Account) => {
    const grant = state.credentials.issueAccessToken(account, 'jwt_web', state.config.SIM_JWT_WEB_TTL_S);
    return `JWT_WEB=${grant.token}; Path=/; HttpOnly; SameSite=Lax`;
  };

  app.get('/app', async (request, reply) => {
    const ticket = (request.query as { ticket?: string }).ticket ?? '';
    const owner = state.tickets.peek(ticket);
    const service = owner && (PORTAL_SERVICE.test(owner.service) || owner.service === `${originOf(request)}/app`) ? owner.service : undefined;
    const redemption = service ? state.tickets.redeem(ticket, service) : undefined;
    const account = redemption?.ok ? state.accounts.findByProfileId(redemption.profileId) : undefined;
    // Without a good ticket the app page just loads, signed out (no cookie).
    if (!account) return reply.type('text/html;charset=UTF-8').send(appPage());
    request.simSignIn = { email: account.email };
    return withCloudflareCookies(request, reply.header('set-cookie', [cookie(account)])).redirect('/modern/', 302);
  });

  app.get('/modern/', async (_request, reply) => reply.type('text/html;charset=UTF-8').send(appPage()));

  app.post('/services/auth/token/di-oauth/refresh', async (request: FastifyRequest, reply: FastifyReply) => {
    const value = cookieValue(request.headers.cookie, 'JWT_WEB') ?? '';
    // A session a little past its end can still be renewed (up to the refresh-token lifetime).
    const grant = state.credentials.resolveJwtWeb(value, state.config.SIM_REFRESH_TOKEN_TTL_S * 1000);
    const account = grant ? state.accounts.findByProfileId(grant.profileId) : undefined;
    if (!grant || !account) return reply.code(401).type('application/json').send({});
    request.simSignIn = { email: account.email };
    grant.revoked = true; // the old value stops working once renewed
    return reply.header('set-cookie', [cookie(account)]).type('application/json').send({});
  });
}

const originOf = (request: FastifyRequest) => `${request.protocol}://${request.headers.host}`;

const appPage = () =>
  '<!DOCTYPE html><html><head><meta charset="utf-8"/><title>Garmin Connect</title></head><body><div id="root"></div></body></html>';
