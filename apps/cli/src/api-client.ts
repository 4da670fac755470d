import { createWriteStream } from 'node:fs';
import { basename, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CliError, ExitCode } from './cli-error';
import { Credentials, CredentialsFile } from './credentials';
import { CredentialsLock } from './credentials-lock';

export interface ApiAnswer<T> {
  status: number;
  body: T;
}

export interface Downloaded {
  bytes: Buffer;
  /** From Content-Disposition, reduced to a plain file name (no directories); null when there was none. */
  fileName: string | null;
}

interface ErrorBody {
  message?: string | string[];
  code?: string;
  attemptsLeft?: number;
}

/** A refresh that hangs this long is given up, so it cannot hold the credentials lock (and its waiters) for ever. */
const REFRESH_TIMEOUT_MS = 30_000;

/** The gateway's HTTP API as the CLI uses it: the stored tokens, refreshed (and stored) when the access token expires. */
export class ApiClient {
  private readonly lock: CredentialsLock;

  constructor(
    readonly gateway: string,
    private readonly file: CredentialsFile,
    /** A personal access token ($GARMIN_SYNC_TOKEN): sent instead of the signed-in session, never refreshed. */
    private readonly personalToken?: string,
  ) {
    this.lock = new CredentialsLock(`${file.path}.lock`);
  }

  async call<T>(method: string, path: string, body?: unknown, token?: string, timeoutMs?: number): Promise<ApiAnswer<T>> {
    const response = await this.send(method, path, body, token, timeoutMs);
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  }

  private async send(method: string, path: string, body?: unknown, token?: string, timeoutMs?: number): Promise<Response> {
    try {
      return await fetch(`${this.gateway}${path}`, {
        signal: timeoutMs ? AbortSignal.timeout(timeoutMs) : undefined,
        method,
        headers: { ...(body !== undefined && { 'content-type': 'application/json' }), ...(token && { authorization: `Bearer ${token}` }), 'user-agent': 'garmin-sync-cli' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new CliError(`The gateway at ${this.gateway} does not answer.`, 'Check the address (--gateway or GARMIN_SYNC_GATEWAY) and that it is running.');
    }
  }

  /** A file as the signed-in user (GET): its bytes and the name the gateway gave it; one refresh as for authed. */
  async download(path: string): Promise<Downloaded> {
    const response = await this.fetchFile(path);
    return { bytes: Buffer.from(await response.arrayBuffer()), fileName: fileNameOf(response.headers.get('content-disposition')) };
  }

  /**
   * A file streamed into the directory `dir` as it arrives (an archive of any size), under the name the gateway
   * gives it (or `fallbackName`): where it went and how many bytes.
   */
  async downloadInto(path: string, dir: string, fallbackName: string): Promise<{ path: string; bytes: number }> {
    const response = await this.fetchFile(path);
    if (!response.body) throw new CliError(`The gateway sent no file for ${path}.`, 'Try again; if it keeps happening, the gateway’s log says why.');
    const target = join(dir, basename(fileNameOf(response.headers.get('content-disposition')) ?? fallbackName));
    let bytes = 0;
    const counted = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream).on('data', (chunk: Buffer) => (bytes += chunk.length));
    try {
      await pipeline(counted, createWriteStream(target));
    } catch (error) {
      throw new CliError(`Could not write ${target}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`, 'Give another place with --out DIR.');
    }
    return { path: target, bytes };
  }

  /** GET with the personal token or the session (one refresh on a 401); an error answer becomes its CliError. */
  private async fetchFile(path: string): Promise<Response> {
    let response: Response;
    if (this.personalToken) response = await this.send('GET', path, undefined, this.personalToken);
    else {
      let credentials = this.signedIn();
      if (credentials.accessExpiresAt - 30_000 < Date.now()) credentials = await this.refresh(credentials);
      response = await this.send('GET', path, undefined, credentials.accessToken);
      if (response.status === 401) {
        await response.arrayBuffer();
        credentials = await this.refresh(credentials);
        response = await this.send('GET', path, undefined, credentials.accessToken);
      }
    }
    if (response.status >= 400) {
      const text = await response.text();
      let body: ErrorBody = {};
      try {
        body = text ? (JSON.parse(text) as ErrorBody) : {};
      } catch {
        // not our error body: the status says it
      }
      throw failureOf({ status: response.status, body });
    }
    return response;
  }

  /** A call as the signed-in user; one refresh when the access token is expired or refused. */
  async authed<T>(method: string, path: string, body?: unknown): Promise<T> {
    if (this.personalToken) return this.withPersonalToken<T>(method, path, body);
    let credentials = this.signedIn();
    if (credentials.accessExpiresAt - 30_000 < Date.now()) credentials = await this.refresh(credentials);
    let answer = await this.call<T>(method, path, body, credentials.accessToken);
    if (answer.status === 401) {
      credentials = await this.refresh(credentials);
      answer = await this.call<T>(method, path, body, credentials.accessToken);
    }
    if (answer.status >= 400) throw failureOf(answer as ApiAnswer<ErrorBody>);
    return answer.body;
  }

  /** The current access token (refreshed if due), for the event stream. */
  async accessToken(): Promise<string> {
    if (this.personalToken) return this.personalToken;
    const credentials = this.signedIn();
    return (credentials.accessExpiresAt - 30_000 < Date.now() ? await this.refresh(credentials) : credentials).accessToken;
  }

  private async withPersonalToken<T>(method: string, path: string, body?: unknown): Promise<T> {
    const answer = await this.call<T>(method, path, body, this.personalToken);
    if (answer.status === 401) {
      throw new CliError(
        'The personal access token in GARMIN_SYNC_TOKEN is invalid, revoked or expired.',
        'Make a new one with: garmin-sync tokens create NAME (signed in), or unset GARMIN_SYNC_TOKEN to use your session.',
        ExitCode.NotSignedIn,
      );
    }
    if (answer.status >= 400) throw failureOf(answer as ApiAnswer<ErrorBody>);
    return answer.body;
  }

  /** Deletes the credentials under the lock, so a refresh finishing at that moment cannot write them back. */
  async forgetCredentials(): Promise<void> {
    await this.lock.hold(async () => this.file.remove());
  }

  signedIn(): Credentials {
    const credentials = this.file.read();
    if (!credentials) throw CliError.notSignedIn();
    return credentials;
  }

  /**
   * Refreshes under the credentials lock. Another garmin-sync may have refreshed while this one waited for the
   * lock: the file then holds a newer refresh token, and that one's tokens are used as they are (refreshing with
   * ours again would present a rotated token, which the gateway takes for theft and answers by revoking the session).
   */
  private async refresh(stale: Credentials): Promise<Credentials> {
    return this.lock.hold(async () => {
      const current = this.file.read();
      if (!current) throw CliError.notSignedIn('You were signed out meanwhile.');
      if (current.refreshToken !== stale.refreshToken) return current;
      const answer = await this.call<{ accessToken: string; refreshToken: string; expiresIn: number }>(
        'POST',
        '/v1/auth/refresh',
        { refreshToken: current.refreshToken },
        undefined,
        REFRESH_TIMEOUT_MS,
      );
      // 400 and 401 both mean this refresh token will never work again (malformed, unknown, expired, revoked, reused).
      if (answer.status === 400 || answer.status === 401) throw CliError.notSignedIn('Your session has ended (it was signed out or has expired).');
      if (answer.status !== 200) throw failureOf(answer as unknown as ApiAnswer<ErrorBody>);
      const fresh = { ...current, accessToken: answer.body.accessToken, refreshToken: answer.body.refreshToken, accessExpiresAt: Date.now() + answer.body.expiresIn * 1000 };
      this.file.write(fresh);
      return fresh;
    });
  }
}

/** The file name of an attachment, kept to a base name of safe characters (the header is the gateway's word). */
export function fileNameOf(disposition: string | null): string | null {
  const name = /filename="([^"]*)"/i.exec(disposition ?? '')?.[1]?.split(/[\\/]/).pop();
  return name && /^[A-Za-z0-9._-]+$/.test(name) && !/^\.+$/.test(name) ? name : null;
}

/** A gateway error as one sentence and a hint. */
export function failureOf(answer: ApiAnswer<ErrorBody>): CliError {
  const message = Array.isArray(answer.body?.message) ? answer.body.message.join('; ') : (answer.body?.message ?? `the gateway answered ${answer.status}`);
  const sentence = `${message.charAt(0).toUpperCase()}${message.slice(1)}${/[.!?]$/.test(message) ? '' : '.'}`;
  if (answer.status === 401 && answer.body?.code?.startsWith('TOKEN_')) return CliError.notSignedIn(sentence);
  const byCode = answer.body?.code ? HINT_OF_CODE[answer.body.code] : undefined;
  if (answer.status === 400) return new CliError(sentence, byCode ?? 'Check the command: garmin-sync --help', 2);
  return new CliError(sentence, byCode ?? HINT_OF_STATUS[answer.status]);
}

const COOLING_DOWN =
  'Signing in again before then would only make it worse. If you have Garmin tokens (python-garminconnect or garth), ' +
  'you can link with them instead: garmin-sync login --tokens FILE';

const HINT_OF_CODE: Record<string, string> = {
  GARMIN_RATE_LIMITED: COOLING_DOWN,
  GARMIN_EDGE_REFUSED: COOLING_DOWN,
  AUTH_SIGN_IN_COOLING_DOWN: COOLING_DOWN,
  GARMIN_BAD_TOKEN_FILE:
    "Give python-garminconnect's garmin_tokens.json (or its base64), garth's dumps() string, or garth's oauth1_token.json and oauth2_token.json in one JSON object.",
  GARMIN_SESSION_REJECTED: 'Those Garmin tokens no longer work; sign in with your password: garmin-sync login',
  AUTH_MFA_CHALLENGE_EXPIRED: 'Sign in again: garmin-sync login',
  AUTH_MFA_CHALLENGE_OVER: 'Sign in again: garmin-sync login',
  ACTIVITY_NOT_FOUND: "Give the id of one of your synced activities (Garmin's activity id); sync them with: garmin-sync sync activities",
  DATA_ACTIVITY_NOT_FOUND: "Give the id of one of your synced activities (garmin-sync activities lists them); sync them with: garmin-sync sync activities",
  ACTIVITY_FILE_MISSING: 'The activity is stored, but there is no original file to download or convert.',
  ACTIVITY_FILE_UNDECODABLE: 'The original file is still there as it is: garmin-sync download ID --format fit',
  ACTIVITY_FILE_NOT_FIT: 'The original file is still there as it is: garmin-sync download ID --format fit',
  PERSONAL_TOKEN_READ_ONLY: 'GARMIN_SYNC_TOKEN holds a personal access token, which only reads data; unset it to use your signed-in session.',
  PERSONAL_TOKEN_LIMIT: 'See them with garmin-sync tokens list, and revoke one with garmin-sync tokens revoke ID.',
  PERSONAL_TOKEN_NOT_FOUND: 'See your tokens with: garmin-sync tokens list',
};

const HINT_OF_STATUS: Record<number, string> = {
  404: 'List your jobs with: garmin-sync jobs list',
  409: 'See where things stand with: garmin-sync whoami',
  429: 'Wait a little and try again.',
  503: 'Garmin or the platform is unavailable; try again later.',
};
