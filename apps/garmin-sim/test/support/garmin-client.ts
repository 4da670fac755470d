import { createHmac } from 'node:crypto';
import OAuth from 'oauth-1.0a';
import { RunningSim } from './sim-harness';

export const MOBILE_SERVICE = 'https://mobile.integration.garmin.com/gcm/android';
const MOBILE_QUERY = `clientId=GCM_ANDROID_DARK&locale=en-US&service=${encodeURIComponent(MOBILE_SERVICE)}`;

export function oauthFor(sim: RunningSim, secret = sim.state.config.SIM_OAUTH_CONSUMER_SECRET): OAuth {
  return new OAuth({
    consumer: { key: sim.state.config.SIM_OAUTH_CONSUMER_KEY, secret },
    signature_method: 'HMAC-SHA1',
    hash_function: (base, key) => createHmac('sha1', key).update(base).digest('base64'),
  });
}

/** The mobile sign-in answer, typed as far as tests read it (serviceTicketId is null unless SUCCESSFUL). */
export interface MobileAnswer {
  serviceTicketId: string;
  serviceURL: string;
  responseStatus: { type: string; message: string; httpStatus: string };
  [key: string]: unknown;
}

/** The DI token endpoint's answer: tokens on success, `error` otherwise. */
export interface DiAnswer {
  access_token: string;
  refresh_token: string;
  error?: string;
  [key: string]: unknown;
}

/** A browser-ish client with one cookie jar: enough for the SSO flows. */
export class SsoClient {
  private cookies = new Map<string, string>();

  constructor(readonly sim: RunningSim) {}

  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const response = await fetch(`${this.sim.url}${path}`, {
      ...init,
      headers,
      redirect: 'manual',
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [key, ...value] = pair.split('=');
      this.cookies.set(key, value.join('='));
    }
    return response;
  }

  async mobileLogin(username: string, password: string): Promise<{ status: number; body: MobileAnswer }> {
    await this.fetch('/mobile/sso/en/sign-in?clientId=GCM_ANDROID_DARK');
    const response = await this.fetch(`/mobile/api/login?${MOBILE_QUERY}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        username,
        password,
        rememberMe: false,
        captchaToken: '',
      }),
    });
    return {
      status: response.status,
      body: (await response.json()) as MobileAnswer,
    };
  }

  async mobileVerify(code: string): Promise<{ status: number; body: MobileAnswer }> {
    const response = await this.fetch(`/mobile/api/mfa/verifyCode?${MOBILE_QUERY}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        mfaMethod: 'email',
        mfaVerificationCode: code,
        rememberMyBrowser: false,
        reconsentList: [],
        mfaSetup: false,
      }),
    });
    return {
      status: response.status,
      body: (await response.json()) as MobileAnswer,
    };
  }
}

export async function mailbox(sim: RunningSim, email: string): Promise<string> {
  const response = await fetch(`${sim.url}/__sim/mfa/${encodeURIComponent(email)}`);
  return ((await response.json()) as { code: string }).code;
}

/** GET preauthorized, signed with the consumer only. */
export async function preauthorize(sim: RunningSim, ticket: string, loginUrl = MOBILE_SERVICE, oauth = oauthFor(sim)) {
  const url = `${sim.url}/oauth-service/oauth/preauthorized?ticket=${ticket}&login-url=${loginUrl}&accepts-mfa-tokens=true`;
  const header = oauth.toHeader(oauth.authorize({ url, method: 'GET' }));
  const response = await fetch(url, { headers: { ...header } });
  const text = await response.text();
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    fields: Object.fromEntries(new URLSearchParams(text)),
    text,
  };
}

/** POST exchange, signed with the consumer and the OAuth1 token (header style, garth). */
export async function exchange(sim: RunningSim, token: { key: string; secret: string }, form: Record<string, string> = {}) {
  const url = `${sim.url}/oauth-service/oauth/exchange/user/2.0`;
  const oauth = oauthFor(sim);
  const header = oauth.toHeader(oauth.authorize({ url, method: 'POST', data: form }, token));
  const response = await fetch(url, {
    method: 'POST',
    headers: { ...header, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  return {
    status: response.status,
    body: response.status === 200 ? await response.json() : await response.text(),
  };
}

/** The full mobile sign-in (no MFA) through to a Bearer token. */
export async function signInMobile(sim: RunningSim, email: string, password: string): Promise<string> {
  const client = new SsoClient(sim);
  let { body } = await client.mobileLogin(email, password);
  if (body['responseStatus'].type === 'MFA_REQUIRED') ({ body } = await client.mobileVerify(await mailbox(sim, email)));
  const pre = await preauthorize(sim, body['serviceTicketId']);
  const form: Record<string, string> = pre.fields['mfa_token'] ? { mfa_token: pre.fields['mfa_token'] } : {};
  const ex = await exchange(
    sim,
    {
      key: pre.fields['oauth_token'],
      secret: pre.fields['oauth_token_secret'],
    },
    form,
  );
  return (ex.body as { access_token: string }).access_token;
}

export const DI_GRANT = 'https://connectapi.garmin.com/di-oauth2-service/oauth/grant/service_ticket';

/** A fresh service ticket for an account (no MFA). */
export async function ticketFor(sim: RunningSim, email: string, password: string): Promise<string> {
  return (await new SsoClient(sim).mobileLogin(email, password)).body['serviceTicketId'];
}

/** An OAuth1 token for an account (no MFA), through the mobile flow and preauthorized. */
export async function oauth1For(sim: RunningSim, email: string, password: string) {
  const pre = await preauthorize(sim, await ticketFor(sim, email, password));
  return { key: pre.fields['oauth_token'], secret: pre.fields['oauth_token_secret'] };
}

/** POST to the DI token endpoint as `clientId` (Basic auth, form body). */
export async function diPost(sim: RunningSim, clientId: string, form: Record<string, string>) {
  const response = await fetch(`${sim.url}/di-oauth2-service/oauth/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${clientId}:`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ client_id: clientId, ...form }).toString(),
  });
  return { status: response.status, body: (await response.json()) as DiAnswer };
}
