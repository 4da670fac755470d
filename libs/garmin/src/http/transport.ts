import { Browser, Impit } from 'impit';
import { CookieJar } from 'tough-cookie';
import { GarminError } from '../errors';
import { readCappedBody, RESPONSE_LIMITS } from './capped-body';
import { fetchOnce } from './send';

/**
 * One way of putting a request on the wire: impit, impersonating a browser's (or okhttp's) TLS and HTTP/2
 * fingerprint as curl_cffi does for python-garminconnect, or Node's own fetch. Both keep cookies in our
 * tough-cookie jar (serialisable, so a sign-in can continue on another process) and never follow redirects
 * by themselves. Statuses are the caller's to interpret; only a failed connection, a timeout or a body over
 * its cap (GARMIN_RESPONSE_TOO_LARGE) throws.
 */
export interface Transport {
  /** `fetch`, or the impit browser profile: for logs. */
  readonly profile: TransportProfile;
  send(url: string, request: TransportRequest): Promise<TransportAnswer>;
}

export type TransportProfile = 'fetch' | Browser;

export interface TransportRequest {
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
  /** The longest body accepted: RESPONSE_LIMITS.signInBytes by default. */
  maxBytes?: number;
}

export interface TransportAnswer {
  status: number;
  headers: Headers;
  text: string;
  /** The URL that answered (after redirects, when followed with `follow`). */
  url: string;
}

/** Makes the transport for a profile, sharing `jar` (a fresh one when absent). The unit tests' one seam. */
export type TransportFactory = (profile: TransportProfile, jar?: CookieJar) => Transport;

const failed = (url: string, error: unknown, timeoutMs: number): GarminError => {
  const name = (error as Error)?.name ?? '';
  const reason = /timeout/i.test(name) || /timeout/i.test(String((error as Error)?.message)) ? `no answer within ${timeoutMs} ms` : 'connection failed';
  return GarminError.unavailable(`${new URL(url).host}: ${reason}`);
};

class FetchTransport implements Transport {
  readonly profile = 'fetch' as const;
  constructor(private readonly jar: CookieJar) {}

  async send(url: string, request: TransportRequest): Promise<TransportAnswer> {
    const { maxBytes = RESPONSE_LIMITS.signInBytes, ...rest } = request;
    const response = await fetchOnce(url, { ...rest, jar: this.jar });
    const body = await readCappedBody(response, maxBytes, new URL(url).host);
    return { status: response.status, headers: response.headers, text: new TextDecoder().decode(body), url };
  }
}

class ImpitTransport implements Transport {
  private readonly impit: Impit;
  constructor(
    readonly profile: Browser,
    jar: CookieJar,
  ) {
    this.impit = new Impit({ browser: profile, cookieJar: jar, followRedirects: false });
  }

  async send(url: string, request: TransportRequest): Promise<TransportAnswer> {
    try {
      const response = await this.impit.fetch(url, {
        method: request.method ?? 'GET',
        headers: request.headers,
        body: request.body,
        redirect: 'manual',
        timeout: request.timeoutMs,
      });
      const body = await readCappedBody(response, request.maxBytes ?? RESPONSE_LIMITS.signInBytes, new URL(url).host);
      // impit's own text() picks the charset from the answer's headers; decodeBuffer is what it uses.
      return { status: response.status, headers: response.headers, text: response.decodeBuffer(body), url };
    } catch (error) {
      if (error instanceof GarminError) throw error;
      throw failed(url, error, request.timeoutMs);
    }
  }
}

export const defaultTransports: TransportFactory = (profile, jar = new CookieJar()) =>
  profile === 'fetch' ? new FetchTransport(jar) : new ImpitTransport(profile, jar);

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * Sends, then follows redirects as a browser does (a 301-303 after a POST becomes a GET), at most `max` hops.
 * The flows that need it (the widget's pages, consuming a ticket) are the ones python-garminconnect runs
 * with its HTTP client's redirect following on.
 */
export async function follow(transport: Transport, url: string, request: TransportRequest, max = 10): Promise<TransportAnswer> {
  let answer = await transport.send(url, request);
  let current = { url, request };
  for (let hop = 0; hop < max && REDIRECTS.has(answer.status); hop++) {
    const location = answer.headers.get('location');
    if (!location) break;
    const next = new URL(location, current.url).toString();
    const keepsMethod = answer.status === 307 || answer.status === 308;
    const request: TransportRequest = keepsMethod
      ? current.request
      : { headers: withoutContentType(current.request.headers), timeoutMs: current.request.timeoutMs, maxBytes: current.request.maxBytes };
    current = { url: next, request };
    answer = await transport.send(next, request);
  }
  return { ...answer, url: current.url };
}

function withoutContentType(headers: Record<string, string> = {}): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => name.toLowerCase() !== 'content-type'));
}
