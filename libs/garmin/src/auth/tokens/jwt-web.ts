import { CookieJar } from 'tough-cookie';
import { requestUrlFor, serviceUrls } from '../../config';
import { GarminError } from '../../errors';
import { jwtExpiry } from '../../http/native-headers';
import { follow, Transport } from '../../http/transport';
import { ASSUMED_ACCESS_LIFETIME_S, GarminSession, OAuth2Token } from '../../session/garmin-session';
import { AuthContext } from '../auth-context';

const WEB_PROFILE = 'chrome' as const;

function jwtWebOf(jar: CookieJar): string | undefined {
  const cookies = (jar.serializeSync()?.cookies ?? []) as { key?: string; value?: string }[];
  return cookies.filter((c) => c.key === 'JWT_WEB' && c.value).pop()?.value;
}

const webToken = (value: string, nowMs: number): OAuth2Token => ({
  access_token: value,
  expires_at: jwtExpiry(value) ?? Math.floor(nowMs / 1000) + ASSUMED_ACCESS_LIFETIME_S,
});

/**
 * The reference's last fallback (client.py:1280-1302): consume the ticket at its service URL with the sign-in's
 * own cookies, following redirects, and keep the JWT_WEB cookie it sets. Undefined when none was set.
 */
export async function consumeTicketForJwtWeb(
  ctx: AuthContext,
  transport: Transport,
  jar: CookieJar,
  ticket: string,
  serviceUrl: string,
): Promise<Pick<GarminSession, 'oauth2' | 'webCookies'> | undefined> {
  const url = `${requestUrlFor(ctx.config, serviceUrl)}?${new URLSearchParams({ ticket })}`;
  const answer = await follow(transport, url, { timeoutMs: ctx.config.timeoutMs });
  if (answer.status >= 500) throw GarminError.unavailable(`consuming the ticket answered ${answer.status}`);
  const value = jwtWebOf(jar);
  ctx.log(`JWT_WEB fallback: ${value ? 'a web session' : `no JWT_WEB cookie (${answer.status})`}`);
  return value ? { oauth2: webToken(value, ctx.now()), webCookies: jar.serializeSync() } : undefined;
}

/**
 * The JWT_WEB session's refresh (client.py:1465-1500): the SSO sign-in page with the session's cookies (the
 * ticket-granting cookie mints a new JWT_WEB), else connect's di-oauth refresh. A JWT_WEB that did not change
 * is no refresh.
 */
export async function refreshJwtWeb(ctx: AuthContext, session: GarminSession): Promise<GarminSession> {
  if (!session.webCookies) throw GarminError.sessionRejected('the web session has no cookies to refresh with; sign in again');
  const jar = CookieJar.deserializeSync(session.webCookies as Parameters<typeof CookieJar.deserializeSync>[0]);
  const transport = ctx.transports(WEB_PROFILE, jar);
  const old = session.oauth2.access_token;
  const android = serviceUrls(ctx.config.domain).android;
  // As in the reference, this page's answer is only a chance at a new cookie: a refusal here (the edge
  // throttles the Android client id) is no verdict on the session, so the connect refresh still runs.
  try {
    const page = await follow(transport, `${ctx.config.ssoUrl}/mobile/sso/en_US/sign-in?${new URLSearchParams({ clientId: 'GCM_ANDROID_DARK', service: android })}`, {
      timeoutMs: ctx.config.timeoutMs,
    });
    ctx.log(`JWT_WEB refresh: the SSO sign-in page answered ${page.status}`);
  } catch (error) {
    if (!(error instanceof GarminError)) throw error;
    ctx.log(`JWT_WEB refresh: the SSO sign-in page: ${error.message}`);
  }
  let value = jwtWebOf(jar);
  if (!value || value === old) {
    const answer = await transport.send(`${ctx.config.connectUrl}/services/auth/token/di-oauth/refresh`, {
      method: 'POST',
      headers: { Accept: 'application/json', NK: 'NT', Referer: `https://connect.${ctx.config.domain}/modern/` },
      timeoutMs: ctx.config.timeoutMs,
    });
    if (answer.status === 429) throw GarminError.rateLimited();
    if (answer.status >= 500) throw GarminError.unavailable(`the web session refresh answered ${answer.status}`);
    value = jwtWebOf(jar);
  }
  if (!value || value === old) throw GarminError.sessionRejected('the web session could not be refreshed; sign in again');
  return { ...session, oauth2: webToken(value, ctx.now()), webCookies: jar.serializeSync() };
}
