import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomBytes } from 'node:crypto';
import { cookieValue } from '../sso/sso-sessions';

/**
 * Cloudflare's cookies on Garmin's SSO pages. Recorded: `__cf_bm`, `__cflb`, `_cfuvid` on the first
 * sign-in page (garth test_login_success_mfa.yaml #0, sso-legacy/login_success_mfa.yaml #0), `_cfuvid`
 * on connectapi answers (same cassette #5, #6). Values are redacted in the recordings; ours are random.
 * `_cfuvid` also lets the request log attribute a visitor's early requests to the account it names later.
 */
export function cloudflareCookies(request: FastifyRequest, which: 'sso' | 'api' = 'sso'): string[] {
  if (cookieValue(request.headers.cookie, '_cfuvid')) return [];
  const uvid = `_cfuvid=${randomBytes(20).toString('base64url')}-${Date.now()}; path=/; HttpOnly; SameSite=None`;
  if (which === 'api') return [uvid];
  return [
    `__cf_bm=${randomBytes(32).toString('base64url')}; path=/; expires=${new Date(Date.now() + 30 * 60_000).toUTCString()}; HttpOnly; SameSite=None`,
    `__cflb=${randomBytes(16).toString('hex')}; SameSite=None; path=/; expires=${new Date(Date.now() + 3600_000).toUTCString()}; HttpOnly`,
    uvid,
  ];
}

/** Adds the Cloudflare cookies to whatever Set-Cookie the reply already has. */
export function withCloudflareCookies(request: FastifyRequest, reply: FastifyReply, which: 'sso' | 'api' = 'sso'): FastifyReply {
  const extra = cloudflareCookies(request, which);
  if (!extra.length) return reply;
  const existing = reply.getHeader('set-cookie');
  const list = existing === undefined ? [] : Array.isArray(existing) ? existing.map(String) : [String(existing)];
  return reply.header('set-cookie', [...list, ...extra]);
}

/** Assumed body (no recording): Cloudflare's rate-limit page, error 1015. */
const RATE_LIMITED_PAGE =
  '<!DOCTYPE html><html><head><title>Access denied | sso.garmin.com used Cloudflare to restrict access</title></head>' +
  '<body><h1>Error 1015</h1><p>You are being rate limited</p></body></html>';

/** Assumed body: Cloudflare's managed-challenge interstitial ("Just a moment..."), which needs JavaScript. */
const CHALLENGE_PAGE =
  '<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title><meta http-equiv="refresh" content="360"></head>' +
  '<body><noscript>Enable JavaScript and cookies to continue</noscript><div id="challenge-error-text"></div></body></html>';

/**
 * The edge refusals. A 429 carries NO Retry-After (garth #217, pgc #344: clients are told nothing);
 * a challenge is a 403 HTML page (pgc a13a938, client.py:683-687, 1091-1095).
 */
export function sendRefusal(reply: FastifyReply, refusal: 'throttled' | 'challenge'): FastifyReply {
  reply.removeHeader('retry-after');
  if (refusal === 'throttled') return reply.code(429).type('text/html; charset=UTF-8').send(RATE_LIMITED_PAGE);
  return reply.code(403).header('cf-mitigated', 'challenge').type('text/html; charset=UTF-8').send(CHALLENGE_PAGE);
}
