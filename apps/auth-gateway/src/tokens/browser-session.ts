import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Sessions for a browser (the web app), kept where its scripts cannot read them: the access and refresh tokens
 * travel in httpOnly, SameSite=Strict cookies instead of the JSON body, so no token ever sits in the page or its
 * storage. Asked for by a sign-in request that sends `X-Session-Transport: cookie` (a header another site's form
 * or image cannot send, so signing a victim into someone else's account from elsewhere is not possible either).
 *
 * CSRF: a request that authenticates with the cookie and changes anything (any method but GET, HEAD and OPTIONS)
 * must send `X-CSRF-Token` equal to the readable `ft_csrf` cookie (double submit): another site can make the
 * browser send our cookies, but can neither read ours nor set that header without our CORS consent.
 */
export const SESSION_TRANSPORT_HEADER = 'x-session-transport';
export const CSRF_HEADER = 'x-csrf-token';
export const BrowserCookie = { Access: 'ft_access', Refresh: 'ft_refresh', Csrf: 'ft_csrf' } as const;
/** The refresh cookie goes only to the route that uses it. */
const REFRESH_PATH = '/v1/auth/refresh';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function wantsCookieSession(request: FastifyRequest): boolean {
  return String(request.headers[SESSION_TRANSPORT_HEADER] ?? '').toLowerCase() === 'cookie';
}

/** The request's cookies by name (the first of a repeated name wins). */
export function cookiesOf(request: FastifyRequest): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at <= 0) continue;
    const name = part.slice(0, at).trim();
    if (!(name in cookies)) cookies[name] = decodeURIComponent(part.slice(at + 1).trim());
  }
  return cookies;
}

/** True when a cookie-authenticated request may go on: a safe method, or the CSRF header matching its cookie. */
export function csrfSatisfied(request: FastifyRequest): boolean {
  if (SAFE_METHODS.has(request.method)) return true;
  const expected = cookiesOf(request)[BrowserCookie.Csrf];
  const sent = request.headers[CSRF_HEADER];
  if (!expected || typeof sent !== 'string') return false;
  const [a, b] = [Buffer.from(expected), Buffer.from(sent)];
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface BrowserTokens {
  accessToken: string;
  refreshToken: string;
  /** Seconds each lives. */
  accessTtl: number;
  refreshTtl: number;
}

/** Sets the session's cookies, and answers the CSRF token the page must echo (it may also read it from its cookie). */
export function setSessionCookies(request: FastifyRequest, reply: FastifyReply, tokens: BrowserTokens): string {
  const csrf = randomBytes(24).toString('base64url');
  const secure = request.protocol === 'https' ? '; Secure' : '';
  void reply.header('set-cookie', [
    `${BrowserCookie.Access}=${tokens.accessToken}; Path=/; Max-Age=${tokens.accessTtl}; HttpOnly; SameSite=Strict${secure}`,
    `${BrowserCookie.Refresh}=${tokens.refreshToken}; Path=${REFRESH_PATH}; Max-Age=${tokens.refreshTtl}; HttpOnly; SameSite=Strict${secure}`,
    `${BrowserCookie.Csrf}=${csrf}; Path=/; Max-Age=${tokens.refreshTtl}; SameSite=Strict${secure}`,
  ]);
  return csrf;
}

export function clearSessionCookies(request: FastifyRequest, reply: FastifyReply): void {
  const secure = request.protocol === 'https' ? '; Secure' : '';
  void reply.header('set-cookie', [
    `${BrowserCookie.Access}=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict${secure}`,
    `${BrowserCookie.Refresh}=; Path=${REFRESH_PATH}; Max-Age=0; HttpOnly; SameSite=Strict${secure}`,
    `${BrowserCookie.Csrf}=; Path=/; Max-Age=0; SameSite=Strict${secure}`,
  ]);
}
