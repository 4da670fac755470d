import { GarminError } from '../../errors';
import { jwtClientId, NATIVE_PROFILE, nativeHeaders } from '../../http/native-headers';
import { retryAfterSeconds } from '../../http/send';
import { TransportAnswer } from '../../http/transport';
import { OAuth2Token, tokenFromAnswer } from '../../session/garmin-session';
import { AuthContext } from '../auth-context';

const TICKET_GRANT = 'https://connectapi.garmin.com/di-oauth2-service/oauth/grant/service_ticket';
const basic = (clientId: string) => `Basic ${Buffer.from(`${clientId}:`).toString('base64')}`;

export interface DiToken {
  token: OAuth2Token;
  /** The JWT's client_id claim when it has one, else the id that was asked (client.py:1363). */
  clientId: string;
}

function tokenBody(answer: TransportAnswer): Record<string, unknown> | undefined {
  try {
    const body = JSON.parse(answer.text) as Record<string, unknown>;
    return typeof body?.['access_token'] === 'string' && body['access_token'] ? body : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A service ticket for the DI OAuth2 token (client.py:1313-1376): each configured client id in turn, with the
 * native headers, until one answers a token. A 429 or an unreachable diauth ends the round, as in the
 * reference; undefined means no client id took the ticket (the caller falls back to JWT_WEB).
 */
export async function exchangeTicket(ctx: AuthContext, ticket: string, serviceUrl: string): Promise<DiToken | undefined> {
  const transport = ctx.transports(NATIVE_PROFILE);
  for (const clientId of ctx.config.diClientIds) {
    let answer: TransportAnswer;
    try {
      answer = await transport.send(`${ctx.config.diauthUrl}/di-oauth2-service/oauth/token`, {
        method: 'POST',
        headers: nativeHeaders({
          Authorization: basic(clientId),
          Accept: 'application/json,text/html;q=0.9,*/*;q=0.8',
          'Content-Type': 'application/x-www-form-urlencoded',
          'Cache-Control': 'no-cache',
        }),
        body: new URLSearchParams({ client_id: clientId, service_ticket: ticket, grant_type: TICKET_GRANT, service_url: serviceUrl }).toString(),
        timeoutMs: ctx.config.timeoutMs,
      });
    } catch (error) {
      ctx.log(`DI exchange as ${clientId}: ${(error as Error).message}`);
      return undefined;
    }
    if (answer.status === 429) {
      ctx.log(`DI exchange as ${clientId}: 429`);
      return undefined;
    }
    const body = answer.status >= 200 && answer.status < 300 ? tokenBody(answer) : undefined;
    if (!body) {
      ctx.log(`DI exchange as ${clientId}: ${answer.status}${answer.status === 200 ? ' without a token' : ''}`);
      continue;
    }
    const token = tokenFromAnswer(body, ctx.now());
    ctx.log(`DI exchange as ${clientId}: a token`);
    return { token, clientId: jwtClientId(token.access_token) ?? clientId };
  }
  return undefined;
}

/**
 * The DI refresh grant (client.py:1378-1419): the old refresh token is kept when the answer has none, and the
 * client id is the new JWT's claim when it has one.
 */
export async function refreshDiToken(ctx: AuthContext, previous: OAuth2Token, clientId: string): Promise<DiToken> {
  if (!previous.refresh_token) throw GarminError.sessionRejected('the token has expired and cannot be refreshed (there is no refresh token); sign in again');
  const answer = await ctx.transports(NATIVE_PROFILE).send(`${ctx.config.diauthUrl}/di-oauth2-service/oauth/token`, {
    method: 'POST',
    headers: nativeHeaders({
      Authorization: basic(clientId),
      Accept: 'application/json',
      'Content-Type': 'application/x-www-form-urlencoded',
      'Cache-Control': 'no-cache',
    }),
    body: new URLSearchParams({ grant_type: 'refresh_token', client_id: clientId, refresh_token: previous.refresh_token }).toString(),
    timeoutMs: ctx.config.timeoutMs,
  });
  if (answer.status === 429) throw GarminError.rateLimited(retryAfterSeconds(answer.headers.get('retry-after')));
  if (answer.status >= 500) throw GarminError.unavailable(`the DI refresh answered ${answer.status}`);
  if (answer.status === 400 || answer.status === 401 || answer.status === 403) throw GarminError.sessionRejected(`the DI refresh answered ${answer.status}`);
  const body = answer.status === 200 ? tokenBody(answer) : undefined;
  if (!body) throw GarminError.protocol(`the DI refresh answered ${answer.status} without a token`);
  const token = tokenFromAnswer(body, ctx.now(), previous);
  return { token, clientId: jwtClientId(token.access_token) ?? clientId };
}
