import type { FastifyInstance, FastifyReply } from 'fastify';
import { randomBytes, randomUUID } from 'node:crypto';
import { Account } from '../state/accounts';
import { SimState } from '../state/sim-state';

/** Client ids python-garminconnect tries, in order (§B.4). */
export const DI_CLIENT_IDS = [
  'GARMIN_CONNECT_MOBILE_ANDROID_DI_2025Q2',
  'GARMIN_CONNECT_MOBILE_ANDROID_DI_2024Q4',
  'GARMIN_CONNECT_MOBILE_ANDROID_DI',
  'GARMIN_CONNECT_MOBILE_IOS_DI',
];
const SERVICE_TICKET_GRANT = 'https://connectapi.garmin.com/di-oauth2-service/oauth/grant/service_ticket';

function basicClientId(header: string | undefined): string | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? '');
  return match ? Buffer.from(match[1], 'base64').toString('utf8').split(':')[0] : undefined;
}

function invalidGrant(reply: FastifyReply, description: string) {
  return reply.code(400).type('application/json').send({ error: 'invalid_grant', error_description: description });
}

/** The DI OAuth2 token endpoint (§B.4): service-ticket grant and rotating refresh grant. */
export function registerDiTokenRoutes(app: FastifyInstance, state: SimState): void {
  const tokens = (account: Account, family: string, clientId: string) => {
    const access = state.credentials.issueAccessToken(account, 'di', state.config.SIM_ACCESS_TOKEN_TTL_S, { family, clientId });
    const refresh = state.credentials.issueRefreshToken(account, family, clientId, state.config.SIM_REFRESH_TOKEN_TTL_S);
    return {
      access_token: access.token,
      token_type: 'bearer',
      refresh_token: refresh.token,
      expires_in: state.config.SIM_ACCESS_TOKEN_TTL_S,
      refresh_token_expires_in: state.config.SIM_REFRESH_TOKEN_TTL_S,
      scope: 'CONNECT_READ CONNECT_WRITE',
      jti: randomBytes(16).toString('hex'),
    };
  };

  app.post('/di-oauth2-service/oauth/token', async (request, reply) => {
    const form = (request.body ?? {}) as Record<string, string | undefined>;
    const clientId = basicClientId(request.headers.authorization) ?? form['client_id'];
    if (!clientId || !DI_CLIENT_IDS.includes(clientId)) {
      return reply.code(401).type('application/json').send({ error: 'invalid_client', error_description: 'unknown client' });
    }
    if (form['grant_type'] === SERVICE_TICKET_GRANT) {
      const redemption = state.tickets.redeem(form['service_ticket'] ?? '', form['service_url'] ?? '');
      const account = redemption.ok ? state.accounts.findByProfileId(redemption.profileId) : undefined;
      if (!account) return invalidGrant(reply, redemption.ok ? 'no such account' : redemption.reason);
      return reply.type('application/json').send(tokens(account, randomUUID(), clientId));
    }
    if (form['grant_type'] === 'refresh_token') {
      const grant = state.credentials.redeemRefreshToken(form['refresh_token'] ?? '');
      if (grant === 'reused') return invalidGrant(reply, 'refresh token reused: the login was revoked');
      const account = grant ? state.accounts.findByProfileId(grant.profileId) : undefined;
      if (!grant || !account) return invalidGrant(reply, 'unknown, expired or revoked refresh token');
      return reply.type('application/json').send(tokens(account, grant.family, grant.clientId));
    }
    return reply.code(400).type('application/json').send({ error: 'unsupported_grant_type' });
  });
}
