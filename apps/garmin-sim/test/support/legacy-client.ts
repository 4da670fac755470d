import { SsoClient } from './garmin-client';
import { RunningSim } from './sim-harness';

/** What a legacy (§A.1) client parses out of the HTML pages. */
export const html = {
  csrf: (page: string) => /name="_csrf"\s+value="(.*?)"/.exec(page)?.[1],
  title: (page: string) => /<title>([^<]*)<\/title>/.exec(page)?.[1],
  /** garth ≤0.7's ticket regex. */
  ticket: (page: string) => /embed\?ticket=([^"]+)"/.exec(page)?.[1],
};

/** The legacy service / login-url: the sim's own /sso/embed (Garmin: https://sso.garmin.com/sso/embed). */
export const legacyService = (sim: RunningSim) => `${sim.url}/sso/embed`;

/** garth ≤0.7's SIGNIN_PARAMS. */
export function signinQuery(sim: RunningSim): string {
  const embed = legacyService(sim);
  return new URLSearchParams({
    id: 'gauth-widget',
    embedWidget: 'true',
    gauthHost: embed,
    service: embed,
    source: embed,
    redirectAfterAccountLoginUrl: embed,
    redirectAfterAccountCreationUrl: embed,
  }).toString();
}

export interface Page {
  status: number;
  text: string;
  location: string | null;
  setCookies: string[];
}

async function page(response: Response): Promise<Page> {
  return {
    status: response.status,
    text: await response.text(),
    location: response.headers.get('location'),
    setCookies: response.headers.getSetCookie(),
  };
}

/** garth ≤0.7 style: one cookie jar, urlencoded forms, redirects followed by hand so tests can see them. */
export class LegacyClient extends SsoClient {
  async get(path: string): Promise<Page> {
    return page(await this.fetch(path));
  }

  async postForm(path: string, form: Record<string, string>): Promise<Page> {
    const body = new URLSearchParams(form).toString();
    return page(
      await this.fetch(path, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
      }),
    );
  }

  /** embed → signin page → POST credentials; returns the POST's answer. */
  async signIn(username: string, password: string): Promise<Page> {
    await this.get(`/sso/embed?id=gauth-widget&embedWidget=true&gauthHost=${encodeURIComponent(`${this.sim.url}/sso`)}`);
    const form = await this.get(`/sso/signin?${signinQuery(this.sim)}`);
    return this.postForm(`/sso/signin?${signinQuery(this.sim)}`, {
      username,
      password,
      embed: 'true',
      _csrf: html.csrf(form.text) ?? '',
    });
  }

  /** Follows the MFA redirect, then posts the code; returns the code POST's answer. */
  async submitMfa(redirect: Page, code: string): Promise<Page> {
    const mfaPage = await this.get(new URL(redirect.location ?? '').pathname + new URL(redirect.location ?? '').search);
    return this.postForm(`/sso/verifyMFA/loginEnterMfaCode?${signinQuery(this.sim)}`, {
      'mfa-code': code,
      embed: 'true',
      _csrf: html.csrf(mfaPage.text) ?? '',
      fromPage: 'setupEnterMfaCode',
    });
  }
}
