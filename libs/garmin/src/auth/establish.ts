import { CookieJar } from 'tough-cookie';
import { apiCredential } from '../api/credentials';
import { SignInStrategy } from '../config';
import { GarminError } from '../errors';
import { Transport } from '../http/transport';
import { GarminProfile, GarminSession } from '../session/garmin-session';
import { AuthContext } from './auth-context';
import { exchangeTicket } from './tokens/di-token';
import { consumeTicketForJwtWeb } from './tokens/jwt-web';
import { checkToken } from './tokens/social-profile';

export type Established = { accepted: true; session: GarminSession; profile: GarminProfile } | { accepted: false; status: number };

/**
 * A service ticket made into a session Garmin's API takes (client.py:1262-1302, 539-566): the DI token by
 * the client ids in turn, else the JWT_WEB web session; then socialProfile says whether connectapi accepts
 * it, and whose it is. `accepted: false` is the API tier rejecting the new token: the chain moves on.
 */
export async function establish(
  ctx: AuthContext,
  via: SignInStrategy,
  ticket: string,
  serviceUrl: string,
  transport: Transport,
  jar: CookieJar,
): Promise<Established> {
  const domain = ctx.config.domain;
  let session: GarminSession;
  const di = await exchangeTicket(ctx, ticket, serviceUrl);
  if (di) {
    session = { version: 1, dialect: 'mobile+di', domain, oauth2: di.token, diClientId: di.clientId, via };
  } else {
    const web = await consumeTicketForJwtWeb(ctx, transport, jar, ticket, serviceUrl);
    if (!web) throw GarminError.sessionRejected('Garmin signed in but issued no token: no DI client id took the ticket and no JWT_WEB session was set');
    session = { version: 1, dialect: 'jwt_web', domain, ...web, via };
  }
  const check = await checkToken(ctx, apiCredential(session));
  return check.accepted ? { accepted: true, session, profile: check.profile } : { accepted: false, status: check.status };
}
