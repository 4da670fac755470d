import { Browser } from 'impit';
import { CookieJar } from 'tough-cookie';
import { SignInStrategy } from '../../config';
import { GarminError } from '../../errors';
import { TransportProfile } from '../../http/transport';
import { AuthContext, EdgeRefusal, pause, PasswordOutcome, Strategy, VerifiedTicket } from '../auth-context';
import { loginQuery, postJsonLogin, verifyJsonMfa } from './login-json';

/** impit's nearest to python-garminconnect's portal impersonations safari, safari_ios, chrome120, edge101, chrome (client.py:132-138). */
export const PORTAL_PROFILES: readonly Browser[] = ['ios18', 'chrome124', 'chrome131', 'firefox144', 'chrome'];
/** python-garminconnect's desktop user agent, which it sends when it has no generated one (client.py:113-117, 151-160). */
export const DESKTOP_UA = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

/**
 * Strategies 4-5 (client.py:1020-1143): the web portal's sign-in page, a 10-20 s pause, then the JSON login
 * as GarminConnect for the connect app's service; over impit (`portal-impit`, whose browser profile brings
 * its own user agent) or Node's fetch (`portal-fetch`, with the desktop user agent only).
 */
export class PortalStrategy implements Strategy {
  constructor(readonly name: Extract<SignInStrategy, 'portal-impit' | 'portal-fetch'>) {}

  private headers(ctx: AuthContext, profile: TransportProfile): Record<string, string> {
    const query = loginQuery('portal', ctx.config.domain);
    return {
      ...(profile === 'fetch' && { 'User-Agent': DESKTOP_UA }),
      Accept: 'application/json, text/plain, */*',
      'Accept-Language': 'en-US,en;q=0.9',
      'Content-Type': 'application/json',
      Origin: `https://sso.${ctx.config.domain}`,
      Referer: `https://sso.${ctx.config.domain}/portal/sso/en-US/sign-in?clientId=${query.clientId}&service=${query.service}`,
    };
  }

  async signIn(ctx: AuthContext, email: string, password: string): Promise<PasswordOutcome> {
    const jar = new CookieJar();
    const profile: TransportProfile = this.name === 'portal-fetch' ? 'fetch' : ctx.rotation.pick('portal', PORTAL_PROFILES);
    const transport = ctx.transports(profile, jar);
    const query = loginQuery('portal', ctx.config.domain);
    const page = await transport.send(`${ctx.config.ssoUrl}/portal/sso/en-US/sign-in?${new URLSearchParams({ clientId: query.clientId, service: query.service })}`, {
      headers: {
        ...(profile === 'fetch' && { 'User-Agent': DESKTOP_UA }),
        Accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
        'Accept-Language': 'en-US,en;q=0.9',
      },
      timeoutMs: ctx.config.timeoutMs,
    });
    if (page.status === 429) throw new EdgeRefusal(429, `${this.name} (${profile}) sign-in page answered 429`);
    if (page.status >= 500) throw GarminError.unavailable(`the portal sign-in page answered ${page.status}`);
    await pause(ctx, ctx.config.portalPauseMs);
    return postJsonLogin(ctx, 'portal', transport, jar, this.headers(ctx, profile), email, password, `${this.name} (${profile})`);
  }

  verify(ctx: AuthContext, params: Record<string, string>, method: string, code: string, jar: CookieJar): Promise<VerifiedTicket> {
    const profile = (params['profile'] ?? 'fetch') as TransportProfile;
    return verifyJsonMfa(ctx, 'portal', (j) => ctx.transports(profile, j), this.headers(ctx, profile), method, code, jar);
  }
}
