import type { FastifyReply, FastifyRequest } from 'fastify';
import { Account } from '../state/accounts';
import { SimState } from '../state/sim-state';

/** What Garmin answers for an expired or unknown Bearer token (protocol §D). */
export const INVALID_TOKEN_CHALLENGE = 'Bearer error="invalid_token", error_description="Token is not active"';

declare module 'fastify' {
  interface FastifyRequest {
    /** The account a request was made for, once known (for stats and per-account faults). */
    simAccount?: Account;
  }
}

/**
 * The account behind the request's Bearer token, or undefined after sending
 * Garmin's 401. Connect API routes call this first.
 */
export function authenticate(state: SimState, request: FastifyRequest, reply: FastifyReply): Account | undefined {
  const header = request.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  const grant = match ? state.credentials.resolveBearer(match[1]) : undefined;
  const account = grant ? state.accounts.findByProfileId(grant.profileId) : undefined;
  if (!account) {
    void reply.code(401).header('www-authenticate', INVALID_TOKEN_CHALLENGE).send();
    return undefined;
  }
  request.simAccount = account;
  return account;
}
