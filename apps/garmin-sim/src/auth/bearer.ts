import type { FastifyReply, FastifyRequest } from 'fastify';
import { cookieValue } from '../sso/sso-sessions';
import { isNotActive } from '../state/account-behaviour';
import { Account } from '../state/accounts';
import { AccessGrant } from '../state/credentials';
import { SimState } from '../state/sim-state';

/** What Garmin answers for an expired, unknown or "not active" Bearer token (pgc #369; protocol §D). */
export const INVALID_TOKEN_CHALLENGE = 'Bearer error="invalid_token", error_description="Token is not active"';

declare module 'fastify' {
  interface FastifyRequest {
    /** The account a request was made for, once known (for stats and per-account faults). */
    simAccount?: Account;
  }
}

/**
 * The grant a request authenticates with: a Bearer, else a `JWT_WEB` cookie as pgc sends it
 * (client.py:460-471: `Cookie: JWT_WEB=…`, `NK: NT`, `DI-Backend`, Origin, Referer). That Garmin
 * refuses the cookie without `NK: NT` is assumed; the today profile does.
 */
function grantOf(state: SimState, request: FastifyRequest): AccessGrant | undefined {
  const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  if (bearer) return state.credentials.resolveBearer(bearer[1]);
  const jwtWeb = cookieValue(request.headers.cookie, 'JWT_WEB');
  if (!jwtWeb) return undefined;
  if (state.config.today && String(request.headers['nk'] ?? '').toUpperCase() !== 'NT') return undefined;
  return state.credentials.resolveJwtWeb(jwtWeb);
}

/**
 * The account behind the request's credential, or undefined after sending Garmin's 401. Connect API
 * routes call this first. Today profile: an account switched to `tokenNotActive` has its DI bearers
 * refused with the very answer pgc #369 reports, though they are valid.
 */
export function authenticate(state: SimState, request: FastifyRequest, reply: FastifyReply): Account | undefined {
  const grant = grantOf(state, request);
  const account = grant ? state.accounts.findByProfileId(grant.profileId) : undefined;
  const notActive = account && grant?.kind === 'di' && state.config.today && isNotActive(account, grant.clientId, grant.via);
  if (!account || notActive) {
    void reply.code(401).header('www-authenticate', INVALID_TOKEN_CHALLENGE).send();
    return undefined;
  }
  request.simAccount = account;
  return account;
}
