import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { randomBytes } from 'node:crypto';
import { SimState } from '../state/sim-state';
import { oauthParams, SignedRequest, verifySignature } from './oauth1-signature';

const SCOPE =
  'COMMUNITY_COURSE_READ GARMINPAY_WRITE GOLF_API_READ ATP_READ GHS_SAMD GHS_UPLOAD INSIGHTS_READ CONNECT_WRITE CONNECT_READ ATP_WRITE';

const INVALID_TOKEN_HTML =
  '<!doctype html><html lang="en"><head><title>HTTP Status 401 – Unauthorized</title></head>' +
  '<body><h1>HTTP Status 401 – Unauthorized</h1><p><b>Message</b> OAuthToken is invalid</p></body></html>';

export function signedRequest(request: FastifyRequest): SignedRequest {
  // Only a urlencoded body is part of the OAuth1 base string (RFC 5849 §3.4.1.3.1).
  const urlencoded = /^application\/x-www-form-urlencoded/i.test(request.headers['content-type'] ?? '');
  const form = urlencoded && typeof request.body === 'object' && request.body !== null ? (request.body as Record<string, string>) : {};
  return {
    method: request.method,
    url: `${request.protocol}://${request.headers.host}${request.url}`,
    authorization: request.headers.authorization,
    form,
  };
}

function unauthorized(reply: FastifyReply, why: string) {
  return reply.code(401).type('text/html;charset=utf-8').header('x-sim-reason', why).send(INVALID_TOKEN_HTML);
}

/** `YYYY-MM-DD HH:MM:SS.000`, as preauthorized writes mfa_expiration_timestamp. */
function garminTimestamp(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, '.000');
}

/** OAuth1 preauthorized (ticket → OAuth1 token) and the exchange to an OAuth2 Bearer (§B.2-B.3). */
export function registerOAuth1Routes(app: FastifyInstance, state: SimState): void {
  const consumer = {
    key: state.config.SIM_OAUTH_CONSUMER_KEY,
    secret: state.config.SIM_OAUTH_CONSUMER_SECRET,
  };
  const verify = state.config.SIM_VERIFY_SIGNATURES;

  app.get('/oauth-service/oauth/preauthorized', async (request, reply) => {
    const query = request.query as Record<string, string | undefined>;
    if (verify && !verifySignature(signedRequest(request), consumer, '')) return unauthorized(reply, 'bad signature');
    const redemption = state.tickets.redeem(query['ticket'] ?? '', query['login-url'] ?? '');
    if (!redemption.ok) return unauthorized(reply, redemption.reason);
    const account = state.accounts.findByProfileId(redemption.profileId);
    if (!account) return unauthorized(reply, 'no such account');
    const grant = state.credentials.issueOAuth1(account, state.config.SIM_OAUTH1_TOKEN_TTL_S, redemption.mfa);
    const fields = new URLSearchParams({
      oauth_token: grant.token,
      oauth_token_secret: grant.secret,
    });
    let body = fields.toString();
    if (grant.mfaToken) body += `&mfa_token=${grant.mfaToken}&mfa_expiration_timestamp=${garminTimestamp(grant.expiresAt)}`;
    return reply.type('text/plain;charset=utf-8').send(body);
  });

  app.post('/oauth-service/oauth/exchange/user/2.0', async (request, reply) => {
    const signed = signedRequest(request);
    const oauth1 = state.credentials.resolveOAuth1(oauthParams(signed)['oauth_token'] ?? '');
    if (!oauth1) return unauthorized(reply, 'unknown, expired or revoked OAuth1 token');
    if (verify && !verifySignature(signed, consumer, oauth1.secret)) return unauthorized(reply, 'bad signature');
    const account = state.accounts.findByProfileId(oauth1.profileId);
    if (!account) return unauthorized(reply, 'no such account');
    const access = state.credentials.issueAccessToken(account, 'oauth2', state.config.SIM_ACCESS_TOKEN_TTL_S);
    return reply.type('application/json').send({
      scope: SCOPE,
      jti: randomBytes(16).toString('hex'),
      access_token: access.token,
      token_type: 'Bearer',
      refresh_token: randomBytes(24).toString('base64url'),
      expires_in: state.config.SIM_ACCESS_TOKEN_TTL_S,
      refresh_token_expires_in: state.config.SIM_REFRESH_TOKEN_TTL_S,
    });
  });
}
