import { CookieJar } from 'tough-cookie';
import { GarminClientConfig } from '../../src/config';
import { GarminError } from '../../src/errors';
import { GarminAuthenticator } from '../../src/auth/garmin-authenticator';
import { Transport, TransportFactory, TransportProfile, TransportRequest } from '../../src/http/transport';

/** One request as the fake Garmin saw it. */
export interface FakeRequest {
  profile: TransportProfile;
  method: string;
  url: URL;
  /** `METHOD host/path`, e.g. `POST sso.example/mobile/api/login`. */
  route: string;
  headers: Record<string, string>;
  cookie: string;
  body: string;
  form: URLSearchParams;
  json: Record<string, unknown> | undefined;
}

export interface FakeReply {
  status?: number;
  /** A string is sent as is; anything else as JSON. */
  body?: unknown;
  headers?: Record<string, string>;
  setCookie?: string[];
}

export type FakeHandler = (request: FakeRequest, nth: number) => FakeReply | Promise<FakeReply>;

/**
 * Garmin behind the one seam the unit specs mock: the transport. Routes are `METHOD host/path`; a route
 * may answer differently each time (`nth` counts from 0). Unrouted requests answer 404.
 */
export class FakeGarmin {
  readonly requests: FakeRequest[] = [];
  private readonly routes = new Map<string, FakeHandler>();

  on(route: string, reply: FakeReply | FakeHandler): this {
    this.routes.set(route, typeof reply === 'function' ? reply : () => reply);
    return this;
  }

  /** The requests to a route (or all routes starting with it). */
  sent(route: string): FakeRequest[] {
    return this.requests.filter((r) => r.route === route || r.route.startsWith(route));
  }

  readonly transports: TransportFactory = (profile, jar = new CookieJar()): Transport => ({
    profile,
    send: (url, request) => this.answer(profile, jar, url, request),
  });

  private async answer(profile: TransportProfile, jar: CookieJar, href: string, request: TransportRequest) {
    const url = new URL(href);
    const method = request.method ?? 'GET';
    const route = `${method} ${url.host}${url.pathname}`;
    const headers = Object.fromEntries(Object.entries(request.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    const body = request.body ?? '';
    let json: Record<string, unknown> | undefined;
    try {
      json = JSON.parse(body) as Record<string, unknown>;
    } catch {
      json = undefined;
    }
    const cookie = [headers['cookie'], await jar.getCookieString(href)].filter(Boolean).join('; ');
    const seen: FakeRequest = { profile, method, url, route, headers, cookie, body, form: new URLSearchParams(body), json };
    const nth = this.requests.filter((r) => r.route === route).length;
    this.requests.push(seen);
    const handler = this.routes.get(route);
    const reply: FakeReply = handler ? await handler(seen, nth) : { status: 404, body: '' };
    const answerHeaders = new Headers(reply.headers ?? {});
    for (const c of reply.setCookie ?? []) {
      answerHeaders.append('set-cookie', c);
      await jar.setCookie(c, href, { ignoreError: true });
    }
    const text = typeof reply.body === 'string' ? reply.body : reply.body === undefined ? '' : JSON.stringify(reply.body);
    if (typeof reply.body !== 'string' && reply.body !== undefined && !answerHeaders.has('content-type')) answerHeaders.set('content-type', 'application/json');
    return { status: reply.status ?? 200, headers: answerHeaders, text, url: href };
  }
}

/** An unsigned-looking JWT with these claims (HS256 header; we never verify). */
export function jwt(claims: Record<string, unknown>): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}.c2ln`;
}

export const HOSTS = { sso: 'sso.example', connectapi: 'connectapi.example', diauth: 'diauth.example', connect: 'connect.example' };

export function testConfig(overrides: Partial<GarminClientConfig> = {}): GarminClientConfig {
  return {
    ssoUrl: `https://${HOSTS.sso}`,
    connectApiUrl: `https://${HOSTS.connectapi}`,
    diauthUrl: `https://${HOSTS.diauth}`,
    connectUrl: `https://${HOSTS.connect}`,
    domain: 'garmin.com',
    strategies: ['mobile-impit', 'mobile-fetch', 'widget', 'portal-impit', 'portal-fetch'],
    widgetPauseMs: [0, 0],
    portalPauseMs: [0, 0],
    diClientIds: ['GARMIN_CONNECT_MOBILE_ANDROID_DI_2025Q2', 'GARMIN_CONNECT_MOBILE_ANDROID_DI_2024Q4', 'GARMIN_CONNECT_MOBILE_ANDROID_DI', 'GARMIN_CONNECT_MOBILE_IOS_DI'],
    consumerKey: '',
    consumerSecret: '',
    timeoutMs: 1000,
    ...overrides,
  };
}

export const NOW_MS = Date.UTC(2026, 11, 2, 12, 0, 0);
export const NOW_S = NOW_MS / 1000;

/** A DI token answer as the reference reads it: a JWT with exp and client_id, a refresh token, no expires_in. */
export const diAnswer = (clientId: string, n = 1, withRefresh = true) => ({
  access_token: jwt({ exp: NOW_S + 3600, client_id: clientId, n }),
  ...(withRefresh && { refresh_token: `refresh-${n}` }),
  token_type: 'bearer',
});

export const PROFILE = { profileId: 4242, displayName: 'trail_runner' };

/** Routes for a sign-in that works at every step: the mobile login, the first DI client id, socialProfile. */
export function happyGarmin(): FakeGarmin {
  return new FakeGarmin()
    .on(`POST ${HOSTS.sso}/mobile/api/login`, { body: { responseStatus: { type: 'SUCCESSFUL' }, serviceTicketId: 'ST-0001-mobile-cas' } })
    .on(`POST ${HOSTS.sso}/portal/api/login`, { body: { responseStatus: { type: 'SUCCESSFUL' }, serviceTicketId: 'ST-0002-portal-cas' } })
    .on(`GET ${HOSTS.sso}/portal/sso/en-US/sign-in`, { body: '<html><title>Garmin SSO Portal</title></html>' })
    .on(`POST ${HOSTS.diauth}/di-oauth2-service/oauth/token`, (request) => ({ body: diAnswer(request.form.get('client_id') ?? '?') }))
    .on(`GET ${HOSTS.connectapi}/userprofile-service/socialProfile`, { body: PROFILE });
}

/** The GarminError that `work` ends in; anything else (or no error at all) fails the test. */
export async function failure(work: Promise<unknown>): Promise<GarminError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof GarminError) return error;
    throw error;
  }
  throw new Error('expected a GarminError');
}

/** An authenticator on the fake, at NOW_MS, whose pauses take no time. */
export const authWith = (fake: FakeGarmin, overrides: Parameters<typeof testConfig>[0] = {}) =>
  new GarminAuthenticator(testConfig(overrides), { transports: fake.transports, now: () => NOW_MS, sleep: async () => undefined });
