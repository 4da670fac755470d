import { Browser } from 'impit';
import { CookieJar } from 'tough-cookie';
import { SignInStrategy } from '../../config';
import { TransportProfile } from '../../http/transport';
import { AuthContext, PasswordOutcome, Strategy, VerifiedTicket } from '../auth-context';
import { postJsonLogin, verifyJsonMfa } from './login-json';

/** python-garminconnect's iOS sign-in user agent (client.py:99-102). */
export const IOS_LOGIN_UA = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148';
/** impit's nearest to python-garminconnect's mobile impersonations safari_ios, safari, chrome120 (client.py:131). */
export const MOBILE_PROFILES: readonly Browser[] = ['ios18', 'chrome124', 'chrome131'];

const headersFor = (ctx: AuthContext) => ({
  'User-Agent': IOS_LOGIN_UA,
  Accept: 'application/json, text/plain, */*',
  'Content-Type': 'application/json',
  Origin: `https://sso.${ctx.config.domain}`,
});

/**
 * Strategies 1-2 (client.py:600-737): the iOS app's JSON login, posted straight away (no sign-in page
 * first), over impit (`mobile-impit`) or Node's fetch (`mobile-fetch`). Garmin sends the MFA code by itself.
 */
export class MobileStrategy implements Strategy {
  constructor(readonly name: Extract<SignInStrategy, 'mobile-impit' | 'mobile-fetch'>) {}

  private profile(ctx: AuthContext): TransportProfile {
    return this.name === 'mobile-fetch' ? 'fetch' : ctx.rotation.pick('mobile', MOBILE_PROFILES);
  }

  signIn(ctx: AuthContext, email: string, password: string): Promise<PasswordOutcome> {
    const jar = new CookieJar();
    const profile = this.profile(ctx);
    return postJsonLogin(ctx, 'mobile', ctx.transports(profile, jar), jar, headersFor(ctx), email, password, `${this.name} (${profile})`);
  }

  verify(ctx: AuthContext, params: Record<string, string>, method: string, code: string, jar: CookieJar): Promise<VerifiedTicket> {
    const profile = (params['profile'] ?? 'fetch') as TransportProfile;
    return verifyJsonMfa(ctx, 'mobile', (j) => ctx.transports(profile, j), headersFor(ctx), method, code, jar);
  }
}
