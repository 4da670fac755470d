import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { randomBytes, randomUUID } from 'node:crypto';
import { withCloudflareCookies } from '../edge/cloudflare';
import { DI_CLIENT_IDS, familyOfService, SignInFamily } from '../state/account-behaviour';
import { Account } from '../state/accounts';
import { SimState } from '../state/sim-state';

export { DI_CLIENT_IDS };

const SERVICE_TICKET_GRANT = 'https://connectapi.garmin.com/di-oauth2-service/oauth/grant/service_ticket';

function basicClientId(header: string | undefined): string | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? '');
  return match ? Buffer.from(match[1], 'base64').toString('utf8').split(':')[0] : undefined;
}

/** Reported shape (withings-sync #260): `{"error":"invalid_grant","error_description":"Invalid refresh token: …"}`. */
function invalidGrant(reply: FastifyReply, description: string) {
  return reply.code(400).type('application/json').send({ error: 'invalid_grant', error_description: description });
}

/** Assumed (no reference shows it): the OAuth2 error for a client id the endpoint does not take. */
function invalidClient(reply: FastifyReply) {
  return reply.code(401).type('application/json').send({ error: 'invalid_client', error_description: 'unknown client' });
}

/**
 * The DI OAuth2 token endpoint (pgc client.py:1313-1419): service-ticket grant and refresh grant.
 * Today profile: which of the four client ids work is per account (`diClientIds`); a refused id
 * does not burn the ticket, since pgc tries the same ticket with the next id (client.py:1328-1367).
 */
export function registerDiTokenRoutes(app: FastifyInstance, state: SimState): void {
  const today = state.config.today;
  const accepts = (account: Account, clientId: string) => !today || (account.diClientIds ?? [...DI_CLIENT_IDS]).includes(clientId);

  const tokens = (account: Account, family: string, clientId: string, via: SignInFamily | undefined, withRefresh: boolean) => {
    const access = state.credentials.issueAccessToken(account, 'di', state.config.SIM_ACCESS_TOKEN_TTL_S, { family, clientId, via });
    const refresh = withRefresh
      ? state.credentials.issueRefreshToken(account, family, clientId, state.config.SIM_REFRESH_TOKEN_TTL_S, via).token
      : undefined;
    // Reference-coded: pgc reads only access_token (a JWT: exp, client_id) and refresh_token when present
    // (client.py:1359-1363, 1414-1416). The permissive profile keeps the old, invented extra fields.
    if (today) return refresh ? { access_token: access.token, refresh_token: refresh } : { access_token: access.token };
    return {
      access_token: access.token,
      token_type: 'bearer',
      refresh_token: refresh,
      expires_in: state.config.SIM_ACCESS_TOKEN_TTL_S,
      refresh_token_expires_in: state.config.SIM_REFRESH_TOKEN_TTL_S,
      scope: 'CONNECT_READ CONNECT_WRITE',
      jti: randomBytes(16).toString('hex'),
    };
  };

  const send = (request: FastifyRequest, reply: FastifyReply, account: Account, body: object) => {
    request.simSignIn = { email: account.email };
    return withCloudflareCookies(request, reply, 'api').type('application/json').send(body);
  };

  app.post('/di-oauth2-service/oauth/token', async (request, reply) => {
    const form = (request.body ?? {}) as Record<string, string | undefined>;
    const clientId = basicClientId(request.headers.authorization) ?? form['client_id'];
    if (!clientId || !(DI_CLIENT_IDS as readonly string[]).includes(clientId)) return invalidClient(reply);
    if (form['grant_type'] === SERVICE_TICKET_GRANT) {
      const ticket = form['service_ticket'] ?? '';
      const owner = state.tickets.peek(ticket);
      const candidate = owner && state.accounts.findByProfileId(owner.profileId);
      if (candidate && !accepts(candidate, clientId)) {
        request.simSignIn = { email: candidate.email };
        return invalidClient(reply);
      }
      const redemption = state.tickets.redeem(ticket, form['service_url'] ?? '');
      const account = redemption.ok ? state.accounts.findByProfileId(redemption.profileId) : undefined;
      if (!account) return invalidGrant(reply, redemption.ok ? 'no such account' : redemption.reason);
      return send(request, reply, account, tokens(account, randomUUID(), clientId, familyOfService(form['service_url'] ?? ''), true));
    }
    if (form['grant_type'] === 'refresh_token') {
      const presented = state.credentials.peekRefreshToken(form['refresh_token'] ?? '');
      const owner = presented && state.accounts.findByProfileId(presented.profileId);
      if (owner && !accepts(owner, clientId)) return invalidClient(reply);
      const rotate = !today || owner?.diRotateRefreshToken !== false;
      const grant = state.credentials.redeemRefreshToken(form['refresh_token'] ?? '', rotate);
      if (grant === 'reused') return invalidGrant(reply, 'refresh token reused: the login was revoked');
      const account = grant ? state.accounts.findByProfileId(grant.profileId) : undefined;
      if (!grant || !account) return invalidGrant(reply, 'unknown, expired or revoked refresh token');
      return send(request, reply, account, tokens(account, grant.family, grant.clientId, grant.via, rotate));
    }
    return reply.code(400).type('application/json').send({ error: 'unsupported_grant_type' });
  });
}
