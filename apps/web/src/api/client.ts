/**
 * The gateway's public API, as the web app calls it: same origin, the session in httpOnly cookies (README,
 * "Browser sessions"), and the CSRF token of the readable `ft_csrf` cookie on every request that changes
 * something. No token is ever kept by the page itself.
 */

/** What the gateway answers for any refused request: `{ statusCode, error, message, code? }` and a route's details. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: string | undefined,
    readonly body: Record<string, unknown>,
    /** From `Retry-After` (seconds), on a 429 or a 503. */
    readonly retryAfterSeconds: number | null,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** No answer at all (the gateway is down or the network is gone). */
  static unreachable(): ApiError {
    return new ApiError(0, 'The server cannot be reached. Check your connection and try again.', 'NETWORK', {}, null);
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The value of a readable cookie of this origin. */
export function cookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

export interface RequestOptions {
  body?: unknown;
  /** Sign-in routes: ask for the cookie transport. */
  cookieSession?: boolean;
  signal?: AbortSignal;
}

/** One call, and one silent refresh of the session when its access token ran out. */
export async function api<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  let response = await send(method, path, options);
  if (response.status === 401 && !path.startsWith('/v1/auth/') && (await refreshSession())) response = await send(method, path, options);
  return read<T>(response);
}

async function send(method: string, path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.cookieSession) headers['x-session-transport'] = 'cookie';
  const csrf = cookie('ft_csrf');
  if (!SAFE_METHODS.has(method) && csrf) headers['x-csrf-token'] = csrf;
  try {
    return await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw ApiError.unreachable();
  }
}

let refreshing: Promise<boolean> | undefined;

/** POST /v1/auth/refresh with the refresh cookie; concurrent callers share one refresh (a refresh token rotates). */
export function refreshSession(): Promise<boolean> {
  refreshing ??= send('POST', '/v1/auth/refresh', { cookieSession: true })
    .then((response) => response.ok)
    .catch(() => false)
    .finally(() => (refreshing = undefined));
  return refreshing;
}

async function read<T>(response: Response): Promise<T> {
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = { message: text };
  }
  if (response.ok) return body as T;
  const details = (body ?? {}) as Record<string, unknown>;
  const retryAfter = Number(response.headers.get('retry-after'));
  throw new ApiError(
    response.status,
    messageOf(details['message']) ?? `The server answered ${response.status}.`,
    typeof details['code'] === 'string' ? details['code'] : undefined,
    details,
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
  );
}

/** A validation error's message is a list of sentences. */
const messageOf = (message: unknown): string | undefined =>
  typeof message === 'string' ? message : Array.isArray(message) ? message.map(String).join(' ') : undefined;
