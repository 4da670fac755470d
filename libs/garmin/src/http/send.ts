import { CookieJar } from 'tough-cookie';
import { GarminError } from '../errors';

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
}

/** Seconds from a Retry-After header: a number of seconds or an HTTP date. */
export function retryAfterSeconds(value: string | null, nowMs = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - nowMs) / 1000));
}

/**
 * One HTTP exchange with Garmin. Network failures, 5xx and 429 become typed
 * errors here; every other status is the caller's to interpret. Redirects are
 * not followed (the sign-in flows read them).
 */
export async function send(url: string, options: SendOptions): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.jar) {
    const cookie = await options.jar.getCookieString(url);
    if (cookie) headers['cookie'] = cookie;
  }
  let response: Response;
  try {
    response = await fetch(url, {
      method: options.method ?? 'GET',
      headers,
      body: options.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    const reason = (error as Error).name === 'TimeoutError' ? `no answer within ${options.timeoutMs} ms` : 'connection failed';
    throw GarminError.unavailable(`${new URL(url).host}: ${reason}`);
  }
  if (options.jar) {
    for (const cookie of response.headers.getSetCookie()) await options.jar.setCookie(cookie, url, { ignoreError: true });
  }
  const bytes = options.binary && response.status === 200 ? Buffer.from(await response.arrayBuffer()) : undefined;
  const text = bytes ? '' : await response.text();
  if (response.status === 429) throw GarminError.rateLimited(retryAfterSeconds(response.headers.get('retry-after')));
  if (response.status >= 500) throw GarminError.unavailable(`${new URL(url).host} answered ${response.status}`);
  return { status: response.status, headers: response.headers, text, bytes };
}
