import { CookieJar } from 'tough-cookie';
import { GarminError } from '../errors';
import { readCappedBody, RESPONSE_LIMITS } from './capped-body';

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  /** The body as bytes, when asked for with `binary`. */
  bytes?: Buffer;
}

export interface SendOptions {
  method?: 'GET' | 'POST' | 'DELETE';
  headers?: Record<string, string>;
  body?: string;
  /** The sign-in attempt's own cookies: sent, and updated from Set-Cookie. */
  jar?: CookieJar;
  timeoutMs: number;
  /** Read the body as bytes (file downloads) instead of text. */
  binary?: boolean;
  /** The longest body accepted; RESPONSE_LIMITS' file or JSON cap by default, after `binary`. */
  maxBytes?: number;
}

/** Seconds from a Retry-After header: a number of seconds or an HTTP date. */
export function retryAfterSeconds(value: string | null, nowMs = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - nowMs) / 1000));
}

/**
 * One request over Node's fetch, cookies from and into `jar` when given, redirects not followed. A failed
 * connection or a timeout is GarminError.unavailable; every status is the caller's to interpret.
 */
export async function fetchOnce(url: string, request: Omit<SendOptions, 'binary' | 'maxBytes'>): Promise<Response> {
  const headers: Record<string, string> = { ...request.headers };
  const cookie = await request.jar?.getCookieString(url);
  if (cookie) headers['cookie'] = cookie;
  let response: Response;
  try {
    response = await fetch(url, {
      method: request.method ?? 'GET',
      headers,
      body: request.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(request.timeoutMs),
    });
  } catch (error) {
    const reason = (error as Error).name === 'TimeoutError' ? `no answer within ${request.timeoutMs} ms` : 'connection failed';
    throw GarminError.unavailable(`${new URL(url).host}: ${reason}`);
  }
  if (request.jar) {
    for (const setCookie of response.headers.getSetCookie()) await request.jar.setCookie(setCookie, url, { ignoreError: true });
  }
  return response;
}

/**
 * One HTTP exchange with Garmin for a data call. Network failures, 5xx and 429 become typed
 * errors here, and so does a body over its cap (GARMIN_RESPONSE_TOO_LARGE); every other status is the
 * caller's to interpret.
 */
/** The most of a 429's or 5xx's body read before it is dropped. */
const ERROR_BODY_BYTES = 64 * 1024;

export async function send(url: string, options: SendOptions): Promise<Answer> {
  const { maxBytes, binary, ...request } = options;
  const host = new URL(url).host;
  const response = await fetchOnce(url, request);
  if (response.status === 429 || response.status >= 500) {
    // Read (a small one whole, so its connection is reused: a retry then comes on the connection that carried
    // the 429, as a client that read it sends it), never kept.
    await readCappedBody(response, ERROR_BODY_BYTES, host).catch(() => undefined);
    if (response.status === 429) throw GarminError.rateLimited(retryAfterSeconds(response.headers.get('retry-after')));
    throw GarminError.unavailable(`${host} answered ${response.status}`);
  }
  const asBytes = binary && response.status === 200;
  const body = await readCappedBody(response, maxBytes ?? (asBytes ? RESPONSE_LIMITS.fileBytes : RESPONSE_LIMITS.jsonBytes), host);
  // Decoded as Response.text() would: UTF-8, a byte-order mark dropped.
  return { status: response.status, headers: response.headers, text: asBytes ? '' : new TextDecoder().decode(body), bytes: asBytes ? body : undefined };
}
