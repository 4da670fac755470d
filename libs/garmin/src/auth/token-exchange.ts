import { GarminClientConfig, mobileService } from '../config';
import { GarminError } from '../errors';
import { oauth1Header } from '../http/oauth1';
import { Answer, send } from '../http/send';
import { GarminSession, OAuth1Credentials, OAuth2Token, withExpiries } from '../session/garmin-session';

const OAUTH_UA = 'com.garmin.android.apps.connectmobile';
const DI_TICKET_GRANT = 'https://connectapi.garmin.com/di-oauth2-service/oauth/grant/service_ticket';

function json<T>(answer: Answer, what: string): T {
  if (answer.status === 401 || answer.status === 400) throw GarminError.sessionRejected(`${what} answered ${answer.status}`);
  if (answer.status !== 200) throw GarminError.protocol(`${what} answered ${answer.status}`);
  try {
    return JSON.parse(answer.text) as T;
  } catch {
    throw GarminError.protocol(`${what} did not answer JSON`);
  }
}

/** §B.2: a service ticket for an OAuth1 token (with an MFA token after an MFA sign-in). */
export async function preauthorize(config: GarminClientConfig, ticket: string): Promise<OAuth1Credentials> {
  const url =
    `${config.connectApiUrl}/oauth-service/oauth/preauthorized?ticket=${encodeURIComponent(ticket)}` +
    `&login-url=${mobileService(config.domain)}&accepts-mfa-tokens=true`;
  const consumer = { key: config.consumerKey, secret: config.consumerSecret };
  const answer = await send(url, {
    headers: { authorization: oauth1Header(consumer, { url, method: 'GET' }), 'user-agent': OAUTH_UA },
    timeoutMs: config.timeoutMs,
  });
  if (answer.status !== 200) throw GarminError.sessionRejected(`preauthorized answered ${answer.status}`);
  const fields = Object.fromEntries(new URLSearchParams(answer.text));
  if (!fields['oauth_token'] || !fields['oauth_token_secret']) throw GarminError.protocol('preauthorized gave no OAuth1 token');
  return {
    oauth_token: fields['oauth_token'],
    oauth_token_secret: fields['oauth_token_secret'],
    mfa_token: fields['mfa_token'] ?? null,
    mfa_expiration_timestamp: fields['mfa_expiration_timestamp'] ?? null,
    domain: config.domain,
  };
}

/** §B.3: OAuth1 → OAuth2. Also the mobile+oauth1 refresh (a new exchange with the same OAuth1 token). */
export async function exchange(config: GarminClientConfig, oauth1: OAuth1Credentials, atSignIn: boolean): Promise<OAuth2Token> {
  const url = `${config.connectApiUrl}/oauth-service/oauth/exchange/user/2.0`;
  const form: Record<string, string> = {};
  if (oauth1.mfa_token) form['mfa_token'] = oauth1.mfa_token;
  if (atSignIn) form['audience'] = 'GARMIN_CONNECT_MOBILE_ANDROID_DI';
  const consumer = { key: config.consumerKey, secret: config.consumerSecret };
  const answer = await send(url, {
    method: 'POST',
    headers: {
      authorization: oauth1Header(consumer, { url, method: 'POST', form }, oauth1),
      'content-type': 'application/x-www-form-urlencoded',
      'user-agent': OAUTH_UA,
    },
    body: new URLSearchParams(form).toString(),
    timeoutMs: config.timeoutMs,
  });
  return withExpiries(json<OAuth2Token>(answer, 'the OAuth2 exchange'));
}

/** §B.4: the DI token endpoint, for a service ticket or a refresh token (which it rotates). */
export async function diToken(config: GarminClientConfig, form: Record<string, string>): Promise<OAuth2Token> {
  const answer = await send(`${config.diauthUrl}/di-oauth2-service/oauth/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${config.diClientId}:`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
    },
    body: new URLSearchParams({ client_id: config.diClientId, ...form }).toString(),
    timeoutMs: config.timeoutMs,
  });
  return withExpiries(json<OAuth2Token>(answer, 'the DI token endpoint'));
}

/** The ticket of a finished sign-in, turned into a session by the dialect's means. */
export async function sessionFromTicket(config: GarminClientConfig, dialect: GarminSession['dialect'], ticket: string): Promise<GarminSession> {
  if (dialect === 'mobile+di') {
    const oauth2 = await diToken(config, { grant_type: DI_TICKET_GRANT, service_ticket: ticket, service_url: mobileService(config.domain) });
    return { version: 1, dialect, domain: config.domain, oauth2, diClientId: config.diClientId };
  }
  const oauth1 = await preauthorize(config, ticket);
  return { version: 1, dialect, domain: config.domain, oauth1, oauth2: await exchange(config, oauth1, true) };
}
