import { Browser, Impit } from 'impit';
import { CookieJar } from 'tough-cookie';
import { RunningSim } from './sim-harness';
import { legacyService, signinQuery } from './legacy-client';

/** pgc 0.3.12's iOS login constants (client.py:97-102) and portal service (client.py:115). */
export const IOS_LOGIN_UA = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148';
export const IOS_SERVICE = 'https://mobile.integration.garmin.com/gcm/ios';
export const PORTAL_SERVICE = 'https://connect.garmin.com/app';
export const EMBED = legacyService;

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json<T = Record<string, unknown>>(): T;
}

type Init = { method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: string };

/**
 * A sign-in client as the reference builds them: impit with a browser profile (pgc's curl_cffi), or
 * Node's fetch (pgc's plain requests), each with a tough-cookie jar and redirects by hand.
 */
export class BrowserClient {
  readonly jar = new CookieJar();
  private readonly impit?: Impit;

  constructor(
    readonly sim: RunningSim,
    readonly browser?: Browser,
  ) {
    if (browser) this.impit = new Impit({ browser, cookieJar: this.jar, followRedirects: false });
  }

  async request(path: string, init: Init = {}): Promise<Answer> {
    const url = path.startsWith('http') ? path : `${this.sim.url}${path}`;
    let status: number;
    let headers: Headers;
    let text: string;
    if (this.impit) {
      const response = await this.impit.fetch(url, { method: init.method ?? 'GET', headers: init.headers, body: init.body });
      ({ status, headers } = response);
      text = await response.text();
    } else {
      const cookie = await this.jar.getCookieString(url);
      const response = await fetch(url, { ...init, headers: { ...init.headers, ...(cookie ? { cookie } : {}) }, redirect: 'manual' });
      for (const line of response.headers.getSetCookie()) await this.jar.setCookie(line, url);
      ({ status, headers } = response);
      text = await response.text();
    }
    return { status, headers, text, json: <T>() => JSON.parse(text) as T };
  }

  async cookie(name: string): Promise<string | undefined> {
    return (await this.jar.getCookies(this.sim.url)).find((c) => c.key === name)?.value;
  }

  private postJson(path: string, body: object, headers: Record<string, string>): Promise<Answer> {
    return this.request(path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  }

  /** pgc `_do_mobile_login` (client.py:650-676): no page GET, iOS user agent and Origin. */
  mobileLogin(username: string, password: string, clientId = 'GCM_IOS_DARK', service = IOS_SERVICE): Promise<Answer> {
    const query = new URLSearchParams({ clientId, locale: 'en-US', service });
    return this.postJson(
      `/mobile/api/login?${query}`,
      { username, password, rememberMe: true, captchaToken: '' },
      { 'user-agent': IOS_LOGIN_UA, accept: 'application/json, text/plain, */*', origin: this.sim.url },
    );
  }

  /** pgc `_do_portal_web_login` (client.py:1020-1087): the page, then the JSON login. */
  async portalLogin(username: string, password: string): Promise<Answer> {
    const page = await this.request(`/portal/sso/en-US/sign-in?${new URLSearchParams({ clientId: 'GarminConnect', service: PORTAL_SERVICE })}`);
    if (page.status !== 200) return page;
    const query = new URLSearchParams({ clientId: 'GarminConnect', locale: 'en-US', service: PORTAL_SERVICE });
    return this.postJson(`/portal/api/login?${query}`, { username, password, rememberMe: true, captchaToken: '' }, { origin: this.sim.url });
  }

  /** pgc `_complete_mfa` (client.py:1163-1200): one endpoint, `family`'s own params. */
  verify(family: 'mobile' | 'portal', code: string, method = 'email'): Promise<Answer> {
    const query =
      family === 'mobile'
        ? new URLSearchParams({ clientId: 'GCM_IOS_DARK', locale: 'en-US', service: IOS_SERVICE })
        : new URLSearchParams({ clientId: 'GarminConnect', locale: 'en-US', service: PORTAL_SERVICE });
    return this.postJson(
      `/${family}/api/mfa/verifyCode?${query}`,
      { mfaMethod: method, mfaVerificationCode: code, rememberMyBrowser: true, reconsentList: [], mfaSetup: false },
      {},
    );
  }

  /** pgc `_widget_web_login` (client.py:741-800): embed, sign-in page, form POST; redirects followed by hand. */
  async widgetSignIn(username: string, password: string): Promise<Answer> {
    const embed = EMBED(this.sim);
    await this.request(`/sso/embed?${new URLSearchParams({ id: 'gauth-widget', embedWidget: 'true', gauthHost: `${this.sim.url}/sso` })}`);
    const query = signinQuery(this.sim);
    const form = await this.request(`/sso/signin?${query}`, { headers: { referer: embed } });
    const csrf = /name="_csrf"\s+value="(.+?)"/.exec(form.text)?.[1] ?? '';
    const body = new URLSearchParams({ username, password, embed: 'true', _csrf: csrf }).toString();
    const posted = await this.request(`/sso/signin?${query}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
    const location = posted.headers.get('location');
    return posted.status === 302 && location ? this.request(location) : posted;
  }

  /** pgc `_widget_request_mfa_code` (client.py:922-968). */
  requestWidgetCode(page: string): Promise<Answer> {
    const vars = widgetVars(page);
    return this.postJson(
      `/sso/verifyMFA/mfaCode?${new URLSearchParams({ clientId: vars['clientId'] ?? '' })}`,
      { customerGuid: vars['customerGuid'], mfaMethod: vars['mfaMethod'], locale: vars['locale'] },
      { accept: 'application/json, text/plain, */*' },
    );
  }

  /** pgc `_complete_mfa_widget` (client.py:879-920): the code form, then the logintoken redirect. */
  async submitWidgetCode(page: string, code: string): Promise<Answer> {
    const csrf = /name="_csrf"\s+value="(.*?)"/.exec(page)?.[1] ?? '';
    const body = new URLSearchParams({ 'mfa-code': code, embed: 'true', _csrf: csrf, fromPage: 'setupEnterMfaCode' }).toString();
    const posted = await this.request(`/sso/verifyMFA/loginEnterMfaCode?${signinQuery(this.sim)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    const location = posted.headers.get('location');
    return posted.status === 302 && location ? this.request(location) : posted;
  }
}

/** pgc's `_WIDGET_MFA_VARS_RE` (client.py:143-145). */
export function widgetVars(page: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const m of page.matchAll(/var\s+(customerGuid|mfaMethod|locale|clientId|codeSentTo)\s*=\s*"([^"]*)"\s*;/g)) vars[m[1]] = m[2];
  return vars;
}

export const titleOf = (page: string) => /<title>(.+?)<\/title>/.exec(page)?.[1];
export const ticketOf = (page: string) => /\?ticket=(ST-[^"&\s]+)/.exec(page)?.[1];
